"""The coordinator's pages in matching (under /pages): the review queue and the decision on one review,
proposals, pairings with their extensions, the coach roster, the program report and the audit trail (one
blueprint); besides them, the peer support cases (`cases`) and the admin's roles by grant (`grants`). Each
calls the same use case as the JSON API and shows its refusals beside the fields they concern."""
from __future__ import annotations

from matching.web import decision, pairings, proposals, reports, reviews, roster  # noqa: F401  (their routes)
from matching.web.common import blueprint

__all__ = ["blueprint"]
