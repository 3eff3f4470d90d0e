"""Why intake refuses a request, independent of how the answer is rendered (JSON or HTML)."""
from __future__ import annotations


class Refused(Exception):
    status = 400
    code = "bad_request"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class NotFound(Refused):
    status, code = 404, "application_not_found"


class Forbidden(Refused):
    status, code = 403, "not_your_application"


class NotWithdrawable(Refused):
    status, code = 409, "not_withdrawable"


class KeyReused(Refused):
    status, code = 422, "idempotency_key_reused"


class BadLink(Refused):
    status, code = 401, "invalid_link"
