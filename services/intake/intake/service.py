from intake import models  # noqa: F401  (registers the tables on the metadata)
from intake.db import tables
from intake.handlers import HANDLERS
from peercoach.service import ServiceSpec

SPEC = ServiceSpec("intake", tables, handlers=HANDLERS)
