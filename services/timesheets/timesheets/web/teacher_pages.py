"""/pages/my-coaching (teacher): each of my pairings with its coach, the coaching hours used and left, and
the release time left, as timesheets logs them (never the coach's entries or notes)."""
from __future__ import annotations

from flask import Blueprint

from peercoach.principal import Principal
from peercoach.web.app import context
from peercoach.web.pages import for_roles, page
from timesheets.usecases import coaching

blueprint = Blueprint("teacher_pages", __name__)


@blueprint.get("/pages/my-coaching")
@for_roles("teacher")
def my_coaching(principal: Principal):
    with context().db.transaction() as session:
        return page("teacher_coaching.html", pairings=coaching.teacher_pairings(session, principal))
