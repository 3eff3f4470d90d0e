"""One optimal coach proposal for every pending review at once (coordinator)."""
from __future__ import annotations

from flask.views import MethodView
from marshmallow import Schema, fields

from matching.usecases.proposals import propose_all
from peercoach.web.app import context
from peercoach.web.auth import require
from peercoach.web.blueprint import Blueprint

blp = Blueprint("assignments", __name__, description="Optimal proposals under capacity")


class ProposedSchema(Schema):
    review_id = fields.String()
    coach_id = fields.String()
    score = fields.Integer()


class ProposalRunSchema(Schema):
    proposals = fields.List(fields.Nested(ProposedSchema))
    unassigned = fields.List(fields.String(), metadata={"description": "pending reviews no coach could take"})
    total_score = fields.Integer()


@blp.route("/assignments/propose")
class Propose(MethodView):
    @require("coordinator")
    @blp.response(200, ProposalRunSchema)
    def post(self):
        """Replace every pending review's proposal; proposals are suggestions until decided."""
        with context().db.transaction() as session:
            outcome = propose_all(session)
        return {"proposals": [{"review_id": review_id, "coach_id": p.coach_id, "score": p.score}
                              for review_id, p in outcome.proposals.items()],
                "unassigned": outcome.unassigned, "total_score": outcome.total_score}
