from notifications import models, sender  # noqa: F401  (importing models registers the tables)
from notifications.db import tables
from notifications.handlers import HANDLERS
from peercoach.service import ServiceSpec

SPEC = ServiceSpec("notifications", tables, handlers=HANDLERS, loops=[sender.run])
