"""Jinja2 templates: a subject, a plain-text body and an autoescaped HTML body for each email."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

PROGRAM_NAMES = {
    "voluntary_peer_coaching": "Voluntary Peer Coaching",
    "district_coaching": "District Instructional Coaching",
    "peer_support_service": "Peer Support Service",
}

SUBJECTS = {
    "application_received": "We received your {{ program|program_name }} application",
    "application_approved": "Your {{ program|program_name }} application is approved",
    "application_denied": "The panel's decision on your {{ program|program_name }} application",
    "application_withdrawn": "Your {{ program|program_name }} application is withdrawn",
    "pairing_created_teacher": "You are paired with {{ coach_name }}: {{ hours_approved|hours }} hours approved",
    "pairing_created_coach": "New pairing with {{ teacher_name }}: {{ hours_approved|hours }} hours approved",
    "pairing_created_partner": "{{ teacher_name }} has named you as their learning partner",
    "hours_extended": "{{ hours_added|hours }} more coaching hours approved",
    "pairing_closed": "Your coaching pairing has closed: a request for reflections",
    "timesheet_approved": "Your timesheet for {{ period|month }} is approved",
    "timesheet_rejected": "Your timesheet for {{ period|month }} was sent back",
    "hours_threshold_coach": "You have used {{ threshold_pct }}% of the approved coaching hours",
    "hours_threshold_coordinator": "{{ coach_name }} has used {{ threshold_pct }}% of a pairing's approved hours",
    "timesheet_reminder": "Reminder: submit your timesheet for {{ period|month }}",
}


def hours(value: str) -> str:
    """'10.00' -> '10', '7.50' -> '7.5'."""
    return f"{Decimal(value).normalize():f}"


def month(period: str) -> str:
    """'2026-11' -> 'November 2026'."""
    return date.fromisoformat(f"{period}-01").strftime("%B %Y")


def day(value: str) -> str:
    """'2026-11-02' -> '2 November 2026'."""
    parsed = date.fromisoformat(value)
    return f"{parsed.day} {parsed:%B %Y}"


environment = Environment(
    loader=PackageLoader("notifications"), undefined=StrictUndefined, keep_trailing_newline=True,
    autoescape=select_autoescape(enabled_extensions=("html",), default_for_string=False),
    trim_blocks=True, lstrip_blocks=True)
environment.filters.update(program_name=PROGRAM_NAMES.__getitem__, hours=hours, month=month, day=day)


def subject(template: str, context: dict) -> str:
    """The subject line on one line, whatever the names in it contain, at most 200 characters."""
    return " ".join(environment.from_string(SUBJECTS[template]).render(context).split())[:200]


def bodies(template: str, context: dict) -> tuple[str, str]:
    """The plain-text and the HTML body."""
    return (environment.get_template(f"{template}.txt").render(context),
            environment.get_template(f"{template}.html").render(context))
