"""Reading applications: the coordinator sees all, a teacher only their own."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from intake.models import Application
from intake.refusals import Forbidden, NotFound
from peercoach.web.auth import Principal
from peercoach.web.paging import paged


def visible(session: Session, application_id: str, principal: Principal, for_update: bool = False) -> Application:
    """The application if `principal` may see it: NotFound or Forbidden otherwise."""
    application = session.get(Application, application_id, with_for_update=for_update)
    if application is None:
        raise NotFound(f"No application {application_id}.")
    if principal.role == "teacher" and principal.sub != application.employee_id:
        raise Forbidden("This application belongs to another teacher.")
    if principal.role not in ("teacher", "coordinator"):
        raise Forbidden("Only the coordinator and the applying teacher may see an application.")
    return application


def page(session: Session, status: str | None = None, program: str | None = None,
         page: int = 1, page_size: int = 20) -> dict:
    """One page of applications, oldest first, with the total matching the filters."""
    query = select(Application)
    if status:
        query = query.where(Application.status == status)
    if program:
        query = query.where(Application.program == program)
    return paged(session, query.order_by(Application.submitted_at, Application.id), page, page_size)
