from matching import models  # noqa: F401  (registers the tables on the metadata)
from matching.db import tables
from matching.handlers import HANDLERS
from peercoach.service import ServiceSpec

SPEC = ServiceSpec("matching", tables, handlers=HANDLERS)
