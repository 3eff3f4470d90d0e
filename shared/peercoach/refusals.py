"""Why a use case says no, whoever asked: the JSON API, an HTML page, a worker or a test.

A refusal carries a message for people, a code for programs and, where fields are to blame, what
is wrong with each. `status` is what the JSON API answers with; peercoach.web.errors renders every
refusal once, as `{"error": {"code", "message", "fields"}}`. Pages show the same message beside the
field. Pure: no Flask, no database.
"""
from __future__ import annotations

from decimal import Decimal


class Refusal(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str, code: str | None = None, fields: dict | None = None):
        super().__init__(message)
        self.message = message
        self.code = code or type(self).code
        self.fields = fields or {}

    @property
    def field(self) -> str | None:
        """The one field to blame, when the refusal names exactly one."""
        return next(iter(self.fields)) if len(self.fields) == 1 else None


class Unauthorized(Refusal):
    """The caller could not be told apart: no token, or a link that is not valid for this."""
    status, code = 401, "unauthorized"


class Forbidden(Refusal):
    """The caller is known but may not do this."""
    status, code = 403, "forbidden"


class NotFound(Refusal):
    """No such thing, or none the caller may know of."""
    status, code = 404, "not_found"


class Conflict(Refusal):
    """Not in this state: already decided, closed, taken by another request..."""
    status, code = 409, "conflict"


class RuleBroken(Refusal):
    """A rule refuses the request as it stands: `fields` says what to change; `remaining` what is still
    allowed where the rule counts something (minutes, half-days, lesson cycles...)."""
    status, code = 422, "validation_failed"

    def __init__(self, message: str, code: str | None = None, fields: dict | None = None,
                 field: str | None = None, remaining: dict[str, Decimal | int] | None = None):
        super().__init__(message, code, {field: [message]} if field else fields)
        self.remaining = remaining or {}
