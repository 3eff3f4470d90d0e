"""The JSON API of matching, one module per resource."""
from matching.api import (
    assignments,
    audit,
    coaches,
    credentials,
    disclosure,
    extensions,
    grants,
    pairings,
    plans,
    program_report,
    reflections,
    reviews,
)

BLUEPRINTS = [coaches.blp, reviews.blp, assignments.blp, pairings.blp, extensions.blp, plans.blp, reflections.blp,
              disclosure.blp, audit.blp, program_report.blp, grants.blp,
              credentials.blp]
