from peercoach.service import ServiceSpec
from timesheets import models  # noqa: F401  (registers the tables on the metadata)
from timesheets.db import tables
from timesheets.handlers import HANDLERS

SPEC = ServiceSpec("timesheets", tables, handlers=HANDLERS)
