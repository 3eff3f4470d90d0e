"""Allowances the program documents fix and two services apply: matching when the panel approves,
timesheets when time is logged. Pure constants, one place.

Voluntary peer coaching (document 000): up to two lesson cycles and one substitute day, which is
two release half-days. District coaching (document 002): at most four half-days of TOC release.
The 80% mark on the hours approved is ours: timesheets announces it, the coordinator's pages show it.
"""
from __future__ import annotations

from decimal import Decimal

VOLUNTARY = "voluntary_peer_coaching"
DISTRICT_COACHING = "district_coaching"
PEER_SUPPORT = "peer_support_service"

HALF_DAYS_PER_DAY = 2
VOLUNTARY_RELEASE_DAYS = 1
VOLUNTARY_RELEASE_HALF_DAYS = VOLUNTARY_RELEASE_DAYS * HALF_DAYS_PER_DAY
VOLUNTARY_LESSON_CYCLES = 2
DISTRICT_RELEASE_HALF_DAYS = 4

# The share of a pairing's approved hours at which coach and coordinator are told (the 80% mark).
HOURS_MARK = Decimal("0.8")
