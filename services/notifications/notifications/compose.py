"""A queued delivery becomes a multipart email: plain text and HTML, with its links made fresh."""
from __future__ import annotations

from datetime import timedelta
from email.message import EmailMessage

from notifications.config import Config
from notifications.models import Delivery
from notifications.rendering import bodies
from peercoach.settings import Settings, public_url
from peercoach.web.auth import issue_link_token, link_purpose

WITHDRAW_LINK_TTL = timedelta(days=90)
REFLECTION_LINK_TTL = timedelta(days=60)


def withdraw_url(settings: Settings, application_id: str, employee_id: str, email: str) -> str:
    """A link the teacher can follow to withdraw, with a token good for withdrawing that application only."""
    purpose = link_purpose("withdraw", application_id)
    token = issue_link_token(settings.jwt_secret, "teacher", employee_id, email, purpose, WITHDRAW_LINK_TTL)
    return f"{public_url('intake')}/applications/{application_id}/withdraw?token={token}"


def reflection_url(settings: Settings, context: dict, email: str) -> str | None:
    """A link to matching's reflection page, with a token good for reflecting on that pairing only."""
    if not context.get("reflection_sub"):
        return None
    token = issue_link_token(settings.jwt_secret, context["reflection_role"], context["reflection_sub"], email,
                             link_purpose("reflection", context["pairing_id"]), REFLECTION_LINK_TTL)
    return f"{public_url('matching')}/pairings/{context['pairing_id']}/reflections?token={token}"


def links(settings: Settings, delivery: Delivery) -> dict:
    context = delivery.context
    found = {}
    if delivery.template == "application_received":
        found["withdraw_url"] = withdraw_url(settings, context["application_id"],
                                             context["teacher_employee_id"], delivery.recipient)
    if delivery.template == "pairing_closed":
        found["reflection_url"] = reflection_url(settings, context, delivery.recipient)
    if "coach_id" in context and "period" in context:
        found["timesheet_url"] = f"{public_url('timesheets')}/pages/months/{context['period']}"
    if delivery.template == "hours_threshold_coach":
        found["pairings_url"] = f"{public_url('timesheets')}/pages/pairings"
    return found


def compose(settings: Settings, config: Config, delivery: Delivery) -> EmailMessage:
    context = {**delivery.context, **links(settings, delivery), "coordinator_email": config.coordinator_email}
    text, html = bodies(delivery.template, context)
    message = EmailMessage()
    message["From"] = settings.mail_from
    message["To"] = delivery.recipient
    message["Subject"] = delivery.subject
    message["Message-ID"] = f"<{delivery.id}@peercoach>"
    message.set_content(text)
    message.add_alternative(html, subtype="html")
    return message
