"""The JSON API of matching, one module per resource."""
from matching.api import assignments, coaches, extensions, pairings, reviews

BLUEPRINTS = [coaches.blp, reviews.blp, assignments.blp, pairings.blp, extensions.blp]
