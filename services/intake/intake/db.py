"""The intake database: its models' base and its messaging tables."""
from sqlalchemy.orm import DeclarativeBase

from peercoach.messaging.outbox import Outbox
from peercoach.messaging.tables import MessagingTables


class Base(DeclarativeBase):
    pass


tables = MessagingTables(Base.metadata)
outbox = Outbox(tables, producer="intake")
