"""Payroll exports: lock the approved, not yet exported timesheets of a month into a batch; list them."""
from __future__ import annotations

from flask import Response, jsonify, request
from flask.views import MethodView

from peercoach.web.app import context
from peercoach.web.auth import current_principal, require
from peercoach.web.blueprint import Blueprint
from peercoach.web.idempotency import KeyHeaderSchema
from timesheets import payroll
from timesheets.api.schemas import BatchOut, BatchPage, BatchQuery, ExportIn
from timesheets.usecases import paying

blp = Blueprint("payroll", __name__, description="Payroll batches and their CSV")
CSV_SUFFIX = ".csv"


def csv_download(engine, batch) -> Response:
    """The batch's CSV as a file to save (the API's and the payroll page's download alike)."""
    return Response(payroll.csv_chunks(engine, batch), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="payroll-{batch.period}-{batch.id}.csv"'})


@blp.route("/payroll/exports")
class Exports(MethodView):
    @require("payroll")
    @blp.arguments(KeyHeaderSchema, location="headers")
    @blp.arguments(ExportIn)
    @blp.response(201, BatchOut, description="A new batch.")
    @blp.alt_response(200, schema=BatchOut, description=(
        "Nothing new was made: the `Idempotency-Key` was used before, and its batch is given again."))
    def post(self, headers, body):
        """Lock the month's approved, not yet exported timesheets into a batch.

        With an `Idempotency-Key` header, a repeat (a response lost on the way, say) answers
        with the batch the key made, whatever waits now. A month with nothing waiting to be
        exported is answered 422 `nothing_to_export`; `GET /payroll/exports` finds earlier batches.
        """
        principal = current_principal()
        with context().db.transaction() as session:
            batch, created = paying.export_once(session, principal, body["period"], headers["idempotency_key"])
            response = jsonify(BatchOut().dump(batch))
        response.status_code = 201 if created else 200
        return response

    @require("payroll", "finance")
    @blp.arguments(BatchQuery, location="query")
    @blp.response(200, BatchPage)
    def get(self, query):
        """Batches, newest first, optionally of one period, a page at a time, with each payer's total.

        Payroll sees every payer's total; finance only its own payer's (and, when scoped to
        districts, only theirs).
        """
        with context().db.transaction() as session:
            return paying.batches(session, current_principal(), **query)


@blp.route("/payroll/exports/<batch_id>")
class Export(MethodView):
    @require("payroll")
    @blp.response(200, BatchOut)
    @blp.alt_response(200, schema={"type": "string"}, content_type="text/csv",
                      description="The batch as JSON, or as CSV with `Accept: text/csv` or a `.csv` suffix")
    def get(self, batch_id):
        as_csv = batch_id.endswith(CSV_SUFFIX) or \
            request.accept_mimetypes.best_match(["application/json", "text/csv"]) == "text/csv"
        batch_id = batch_id.removesuffix(CSV_SUFFIX)
        db = context().db
        with db.transaction() as session:
            batch = paying.batch(session, batch_id)
        if as_csv:
            return csv_download(db.engine, batch)
        head = BatchOut(exclude=("lines",)).dump(batch)
        return Response(payroll.json_chunks(db.engine, batch, head), mimetype="application/json")
