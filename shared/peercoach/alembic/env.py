"""The Alembic environment shared by every service (see peercoach.migrations)."""
from alembic import context

from peercoach.db import make_engine

config = context.config
metadata = config.attributes["metadata"]
engine = make_engine(config.get_main_option("sqlalchemy.url"))

with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=engine.dialect.name == "sqlite")
    with context.begin_transaction():
        context.run_migrations()
engine.dispose()
