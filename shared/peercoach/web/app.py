"""The Flask application every service builds on: config, API, errors, auth, ops endpoints."""
from __future__ import annotations

import uuid
from dataclasses import dataclass

from flask import Flask, current_app, request
from flask_smorest import Api
from marshmallow import Schema, fields

from peercoach import logs
from peercoach import settings as settings_mod
from peercoach.db import Database
from peercoach.logs import correlation_id
from peercoach.service import ServiceSpec
from peercoach.web import docs, errors, formats, headers, openapi, ops, proxies, session

SWAGGER_UI_URL = "/swagger-ui/"  # served by each service from the swagger-ui-bundle package (docs.py)


class ErrorDetail(Schema):
    code = fields.String(required=True)
    message = fields.String(required=True)
    fields = fields.Dict(keys=fields.String(), required=True)


class ErrorSchema(Schema):
    """What every error response carries (see peercoach.web.errors)."""
    error = fields.Nested(ErrorDetail, required=True)


class PeercoachApi(Api):
    ERROR_SCHEMA = ErrorSchema


@dataclass
class Context:
    """What a request needs of its service, kept on `app.extensions["peercoach"]`."""
    spec: ServiceSpec
    db: Database


def configure(app: Flask, spec: ServiceSpec, overrides: dict | None) -> None:
    settings = settings_mod.load(spec.name)
    app.config.update(
        SERVICE=spec.name,
        DATABASE_URL=settings.database_url,
        AMQP_URL=settings.amqp_url,
        NAMESPACE=settings.namespace,
        JWT_SECRET=settings.jwt_secret,
        REVOKED_TOKENS=str(settings_mod.revoked_tokens_path()),
        MAX_CONTENT_LENGTH=256 * 1024,
        API_TITLE=f"peercoach {spec.name}",
        API_VERSION="1",
        OPENAPI_VERSION="3.0.3",
        OPENAPI_URL_PREFIX="/",
        OPENAPI_JSON_PATH="openapi.json",
        OPENAPI_SWAGGER_UI_PATH="docs",
        OPENAPI_SWAGGER_UI_URL=SWAGGER_UI_URL,
        API_SPEC_OPTIONS={"components": {"securitySchemes": {
            "bearerAuth": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}}},
    )
    app.config.update(overrides or {})
    settings_mod.check_jwt_secret(app.config["JWT_SECRET"])


def build_app(spec: ServiceSpec, overrides: dict | None = None, blueprints=()) -> Flask:
    app = Flask(spec.name)
    openapi.install_converters(app)
    configure(app, spec, overrides)
    if not app.testing:
        logs.configure(spec.name)
    proxies.install(app)
    app.extensions["peercoach"] = Context(spec, Database(app.config["DATABASE_URL"]))
    api = PeercoachApi(app)
    openapi.install(api)
    for blueprint in blueprints:
        api.register_blueprint(blueprint)
    app.register_blueprint(ops.blueprint)
    errors.install(app)
    session.install(app)
    app.before_request(_bind_correlation_id)
    app.before_request(ops.start_timer)
    app.after_request(_echo_correlation_id)
    app.after_request(ops.record_request)
    headers.install(app)
    formats.install(app)
    app.register_blueprint(docs.assets)
    return app


def context() -> Context:
    return current_app.extensions["peercoach"]


def _bind_correlation_id() -> None:
    correlation_id.set(request.headers.get("X-Correlation-ID") or str(uuid.uuid4()))


def _echo_correlation_id(response):
    response.headers["X-Correlation-ID"] = correlation_id.get() or ""
    return response
