"""Every error leaves as `{"error": {"code", "message", "fields"}}`, never an HTML page or a trace."""
from __future__ import annotations

import logging

from flask import Flask, jsonify
from sqlalchemy.exc import DataError, OperationalError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable, UnprocessableEntity

log = logging.getLogger(__name__)

CODES = {
    400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
    405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 413: "payload_too_large",
    415: "unsupported_media_type", 422: "validation_failed", 429: "too_many_requests",
    500: "internal_error", 503: "unavailable",
}
MESSAGES = {422: "Some fields are missing or invalid.",
            429: "Too many requests; try again after the number of seconds in Retry-After.",
            500: "Something went wrong on our side."}


def flatten_fields(messages) -> dict:
    """webargs reports errors per location ({"json": {...}}); users care about the fields."""
    if not isinstance(messages, dict):
        return {}
    result = {}
    for location, errors in messages.items():
        if location in ("json", "query", "querystring", "form", "headers", "files", "view_args") \
                and isinstance(errors, dict):
            result.update(errors)
        else:
            result[location] = errors
    return result


def error_body(status: int, message: str, code: str | None = None, fields: dict | None = None):
    return {"error": {"code": code or CODES.get(status, "error"), "message": message,
                      "fields": fields or {}}}


def http_error_response(error: HTTPException):
    data = getattr(error, "data", None) or {}
    status = error.code or 500
    fields = flatten_fields(data.get("messages") or data.get("errors") or data.get("fields"))
    message = data.get("message") or MESSAGES.get(status) or error.description or error.name
    response = jsonify(error_body(status, message, data.get("code"), fields))
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = "Bearer"
    return response


def unexpected_error_response(error: Exception):
    log.exception("unhandled error")
    return http_error_response(InternalServerError())


def database_unavailable_response(error: OperationalError):
    log.warning("database unavailable: %s", error.orig)
    return http_error_response(ServiceUnavailable("The service's database is unavailable; try again shortly."))


def unstorable_value_response(_error: DataError):
    """A value the database refuses (a NUL character in a path id, say) is bad input, not our failure."""
    return http_error_response(UnprocessableEntity("A value in the request cannot be stored or looked up."))


def install(app: Flask) -> None:
    app.register_error_handler(HTTPException, http_error_response)
    app.register_error_handler(DataError, unstorable_value_response)
    app.register_error_handler(OperationalError, database_unavailable_response)
    app.register_error_handler(Exception, unexpected_error_response)
