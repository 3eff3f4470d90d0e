"""Payroll exports: lock the approved, not yet exported timesheets of a month into a batch."""
from __future__ import annotations

from flask import Response, request
from flask.views import MethodView
from flask_smorest import abort

from peercoach.web.app import context
from peercoach.web.auth import require
from peercoach.web.blueprint import Blueprint
from timesheets import payroll
from timesheets.api.schemas import BatchOut, ExportIn
from timesheets.models import PayrollBatch

blp = Blueprint("payroll", __name__, description="Payroll batches and their CSV")
CSV_SUFFIX = ".csv"


@blp.route("/payroll/exports")
class Exports(MethodView):
    @require("payroll")
    @blp.arguments(ExportIn)
    @blp.response(201, BatchOut)
    def post(self, body):
        """A month with nothing waiting to be exported is answered 422 `nothing_to_export`."""
        with context().db.transaction() as session:
            try:
                batch = payroll.export(session, body["period"])
            except payroll.NothingToExport as nothing:
                abort(422, message=str(nothing), code="nothing_to_export")
            return batch


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
            batch = session.get(PayrollBatch, batch_id)
            if batch is None:
                abort(404, message=f"No payroll batch {batch_id}.")
        if as_csv:
            return Response(payroll.csv_chunks(db.engine, batch_id), mimetype="text/csv", headers={
                "Content-Disposition": f'attachment; filename="payroll-{batch.period}-{batch_id}.csv"'})
        with db.engine.connect() as connection:
            lines = [dict(zip(payroll.HEADER, map(str, row))) for row in payroll.lines(connection, batch_id)]
        return {"id": batch.id, "period": batch.period, "created_at": batch.created_at, "rows": batch.rows,
                "gross_total": batch.gross_total, "lines": lines}
