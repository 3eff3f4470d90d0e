from intake import idempotency, models  # noqa: F401  (models registers the tables on the metadata)
from intake.db import tables
from intake.handlers import HANDLERS
from peercoach.service import ServiceSpec

SPEC = ServiceSpec("intake", tables, handlers=HANDLERS, loops=[idempotency.purge_loop])
