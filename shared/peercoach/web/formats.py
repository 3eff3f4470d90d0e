"""How pages show values (Jinja filters on every service): money as currency with cents, time as hours and
minutes, months and days with the month spelled out."""
from __future__ import annotations

from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from flask import Flask

from peercoach.settings import public_url

CENT = Decimal("0.01")
PROGRAMS = {"voluntary_peer_coaching": "Voluntary peer coaching", "district_coaching": "District coaching",
            "peer_support_service": "Peer Support Service"}


def money(amount) -> str:
    """`Decimal("1234.5")` → `$1,234.50` (a negative amount as `−$12.00`)."""
    value = Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "−" if value < 0 else ""
    return f"{sign}${abs(value):,.2f}"


def minutes(total) -> str:
    """`150` → `2 h 30 min`; `45` → `45 min`; `120` → `2 h`."""
    hours, rest = divmod(int(total), 60)
    if not hours:
        return f"{rest} min"
    return f"{hours} h {rest} min" if rest else f"{hours} h"


def hours(amount) -> str:
    """Hours as a decimal (`Decimal("2.5")`) → `2 h 30 min`."""
    return minutes((Decimal(str(amount)) * 60).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def month(period: str) -> str:
    """`2026-11` → `November 2026`."""
    return datetime.strptime(period, "%Y-%m").strftime("%B %Y")


def day(value) -> str:
    """A date (or its ISO text) → `27 November 2026`."""
    if isinstance(value, str):
        value = date.fromisoformat(value[:10])
    return f"{value.day} {value:%B %Y}"


def program(code: str) -> str:
    """`voluntary_peer_coaching` → `Voluntary peer coaching`."""
    return PROGRAMS.get(code, code)


def install(app: Flask) -> None:
    app.jinja_env.filters.update(money=money, minutes=minutes, hours=hours, month=month, day=day, program=program)
    app.jinja_env.globals["public_url"] = public_url  # links between the services' pages
