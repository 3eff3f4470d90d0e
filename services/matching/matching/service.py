from matching import disclosure_models, models, plan_models, usage  # noqa: F401  (registers the tables)
from matching.db import tables
from matching.handlers import HANDLERS
from peercoach.service import ServiceSpec

SPEC = ServiceSpec("matching", tables, handlers=HANDLERS)
