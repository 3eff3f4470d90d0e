"""Swagger UI's script and style, served by each service itself from the pinned swagger-ui-bundle
package (no other origin: /docs runs under a policy that allows only this one)."""
from __future__ import annotations

from flask import Blueprint
from swagger_ui_bundle import swagger_ui_path

assets = Blueprint("swagger_ui", __name__, static_folder=str(swagger_ui_path), static_url_path="/swagger-ui")
