"""The flask-smorest Blueprint every service's API uses: a JSON body its document requires is required."""
from __future__ import annotations

import flask_smorest
from flask_smorest import abort
from webargs.flaskparser import FlaskParser, is_json_request


class Parser(FlaskParser):
    """A request without the JSON body its operation documents (`requestBody.required`) is refused: 415
    for another content type, 400 for none at all (a PATCH without a body is not an empty change)."""

    def load_json(self, req, schema):
        if not is_json_request(req):
            if req.get_data(cache=True):
                abort(415, message="Send the body as JSON with Content-Type: application/json.")
            abort(400, message="This request needs a JSON body.", code="body_required")
        if not req.get_data(cache=True):
            abort(400, message="This request needs a JSON body.", code="body_required")
        return super().load_json(req, schema)


class Blueprint(flask_smorest.Blueprint):
    ARGUMENTS_PARSER = Parser()

    def query_object(self, schema, name: str):
        """`arguments(schema, location="query")`, documented as one query parameter `name` of the schema's
        object type (form style, exploded: each field its own `?key=`), so that the schema's constraints
        on combinations of fields (`openapi_constraints`) are in the document too."""
        def decorator(func):
            parsed = self.arguments(schema, location="query")(func)
            parameters = parsed._apidoc["arguments"]["parameters"]
            parameters[-1] = {"in": "query", "name": name, "style": "form", "explode": True, "required": True,
                              "schema": {"allOf": [schema]}}
            return parsed
        return decorator
