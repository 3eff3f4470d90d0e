"""GET /reports/program (coordinator): the year-end figures as JSON, or CSV (`Accept: text/csv` or `format=csv`)."""
from __future__ import annotations

import csv
import io
from datetime import date

from flask import Response, request
from flask.views import MethodView
from flask_smorest import abort
from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from matching import program_report
from matching.usecases import reports
from peercoach.web.app import context
from peercoach.web.auth import require
from peercoach.web.blueprint import Blueprint
from peercoach.web.fields import FIRST_DAY, LAST_DAY, Day

blp = Blueprint("program_report", __name__, description="The program report for the year-end review")


class PeriodQuery(Schema):
    year = fields.Integer(validate=validate.Range(min=FIRST_DAY.year, max=LAST_DAY.year))
    from_ = Day(data_key="from")
    to = Day()
    format = fields.String(validate=validate.OneOf(("json", "csv")))

    @staticmethod
    def openapi_constraints() -> dict:
        """Either a year, or from and to together."""
        return {"oneOf": [{"required": ["year"], "properties": {"from": {"not": {}}, "to": {"not": {}}}},
                          {"required": ["from", "to"], "properties": {"year": {"not": {}}}}]}

    @validates_schema
    def one_period(self, data, **_):
        ranged = "from_" in data or "to" in data
        if ("year" in data) == ranged:
            raise ValidationError("Give either year, or from and to.", "year")
        if ranged and not ("from_" in data and "to" in data):
            raise ValidationError("Give both from and to.", "to" if "from_" in data else "from")


def period(query: dict) -> tuple[date, date]:
    if "year" in query:
        return date(query["year"], 1, 1), date(query["year"], 12, 31)
    return query["from_"], query["to"]


def as_csv(result: dict) -> Response:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(program_report.csv_rows(result))
    return Response(out.getvalue(), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="program-report-{result["from"]}-{result["to"]}.csv"'})


@blp.route("/reports/program")
class ProgramReport(MethodView):
    @require("coordinator")
    @blp.query_object(PeriodQuery, "period")
    @blp.response(200, content_type="application/json", description="Figures per program, focus area and school; "
                  "groups of fewer than 5 teachers suppressed. CSV with `Accept: text/csv` or `format=csv`.")
    def get(self, query):
        """A period whose `to` comes before its `from` is answered 422 with code `period_reversed`."""
        first, last = period(query)
        if last < first:
            abort(422, message="to is before from.", code="period_reversed", errors={"to": ["to is before from."]})
        with context().db.transaction() as session:
            result = reports.program(session, first, last)
        accepted = request.accept_mimetypes.best_match(["application/json", "text/csv"])
        wants_csv = query.get("format", "csv" if accepted == "text/csv" else "json") == "csv"
        return as_csv(result) if wants_csv else result

