"""The payroll clerk's pages: what waits to be exported for a month, making its batch (once, however often
the form is sent), and every batch with its CSV to download again (the same bytes as the JSON API's)."""
from __future__ import annotations

import uuid
from datetime import date, timedelta

from flask import Blueprint, request, url_for
from werkzeug.datastructures import MultiDict

from peercoach.periods import is_period
from peercoach.refusals import RuleBroken
from peercoach.web.app import context
from peercoach.web.forms import done, errors_of
from peercoach.web.pages import for_roles, page, page_number
from timesheets.api.payroll import csv_download
from timesheets.usecases import paying

blueprint = Blueprint("payroll_pages", __name__)
PAGE_SIZE = 20


def last_month() -> str:
    return (date.today().replace(day=1) - timedelta(days=1)).strftime("%Y-%m")


def payroll_page(principal, period: str, errors: dict | None = None, status: int = 200):
    errors = dict(errors or {})
    if not is_period(period):
        errors["period"] = ["Give the month as YYYY-MM, e.g. 2026-11."]
    with context().db.transaction() as session:
        waiting = paying.waiting(session, period) if "period" not in errors else None
        found = paying.batches(session, principal, page=page_number(), page_size=PAGE_SIZE)
    return page("payroll_batches.html", status, period=period, waiting=waiting, found=found,
                key=str(uuid.uuid4()), values=MultiDict({"period": period}), errors=errors)


@blueprint.get("/pages/payroll")
@for_roles("payroll")
def batches(principal):
    return payroll_page(principal, request.args.get("period", "").strip() or last_month())


@blueprint.post("/pages/payroll")
@for_roles("payroll")
def create(principal):
    """Export the month; the form's key makes a second send (a double click, a reload) give the same batch."""
    period = request.form.get("period", "").strip()
    key = request.form.get("key", "").strip()[:200] or None
    try:
        with context().db.transaction() as session:
            batch, created = paying.export_once(session, principal, period, key)
    except RuleBroken as refusal:
        return payroll_page(principal, period, errors_of(refusal, {"period"}), refusal.status)
    message = (f"Batch made for {batch.period}: {batch.rows} rows." if created
               else f"This batch for {batch.period} was already made; nothing new was exported.")
    return done(url_for(".batches", period=batch.period) + f"#batch-{batch.id}", message)


@blueprint.get("/pages/payroll/<batch_id>.csv")
@for_roles("payroll")
def download(principal, batch_id):
    db = context().db
    with db.transaction() as session:
        batch = paying.batch(session, batch_id)
    return csv_download(db.engine, batch)
