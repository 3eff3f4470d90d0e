"""Each event becomes the emails its participants should get, and nobody else."""
from notifications.handlers import applications, pairings, timesheets

HANDLERS = {**applications.HANDLERS, **pairings.HANDLERS, **timesheets.HANDLERS}
