"""How the OpenAPI documents describe our fields where apispec's defaults would mislead or say too little."""
from __future__ import annotations

from marshmallow import fields, validate
from werkzeug.routing import BaseConverter, UnicodeConverter

from peercoach.web.fields import PATH_SEGMENT, PERIOD, Amount


def decimals_as_strings(_converter, field, ret: dict, **_) -> dict:
    """Decimals (money, hours) travel as JSON strings such as "10.50", with their bounds; an amount a request
    carries is described as exactly what it is checked against."""
    if isinstance(field, Amount):
        for key in ("type", "format", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
            ret.pop(key, None)
        return field.openapi()
    if not isinstance(field, fields.Decimal):
        return {}
    described = {"type": "string", "format": "decimal"}
    for rule in (v for v in field.validators if isinstance(v, validate.Range)):
        if rule.min is not None:
            described.update(minimum=float(rule.min), exclusiveMinimum=not rule.min_inclusive)
        if rule.max is not None:
            described.update(maximum=float(rule.max), exclusiveMaximum=not rule.max_inclusive)
    return described


def nullable_references(_converter, field, ret: dict, **_) -> dict:
    """A nullable nested schema is that schema or null. (apispec's `anyOf: [$ref, {type: object, nullable}]`
    for OpenAPI 3.0 also admits any object at all.)"""
    choices = ret.get("anyOf")
    if not (field.allow_none and isinstance(choices, list) and len(choices) == 2 and "$ref" in choices[0]
            and choices[1] == {"type": "object", "nullable": True}):
        return {}
    del ret["anyOf"]
    return {"allOf": [choices[0]], "nullable": True}


class PathSegment(UnicodeConverter):
    """Any path segment without a NUL character (no database may be asked for one), of at most `maxlength`
    characters when given (`<string(maxlength=100):district>`): others are not routed."""

    def __init__(self, map, minlength: int = 1, maxlength: int | None = None, length: int | None = None):  # noqa: A002
        super().__init__(map, minlength, maxlength, length)
        self.minlength, self.maxlength = (length, length) if length is not None else (minlength, maxlength)
        self.regex = f"[^/\x00]{{{self.minlength},{'' if self.maxlength is None else self.maxlength}}}"


def segment_schema(converter: PathSegment) -> dict:
    described = {"type": "string", "pattern": PATH_SEGMENT, "minLength": converter.minlength}
    return described if converter.maxlength is None else {**described, "maxLength": converter.maxlength}


class Period(BaseConverter):
    """A month `YYYY-MM` in the document; routed like any segment so the view can say what is wrong (422)."""
    regex = "[^/\x00]+"


def install_converters(app) -> None:
    """Before any route is added: every `<name>` is a PathSegment, `<period:name>` a Period."""
    app.url_map.converters.update(default=PathSegment, string=PathSegment, period=Period)


def with_constraints(converter) -> None:
    """A schema's `openapi_constraints()` (say, a `oneOf` of the combinations it accepts) joins its description."""
    described = converter.schema2jsonschema

    def schema2jsonschema(schema):
        result = described(schema)
        constraints = getattr(schema, "openapi_constraints", None)
        return {**result, **constraints()} if callable(constraints) else result
    converter.schema2jsonschema = schema2jsonschema


def install(api) -> None:
    """Before any blueprint is registered (their schemas are converted on registration)."""
    api.ma_plugin.converter.add_attribute_function(decimals_as_strings)
    api.ma_plugin.converter.add_attribute_function(nullable_references)
    with_constraints(api.ma_plugin.converter)
    api.register_converter(PathSegment, segment_schema)
    api.register_converter(Period, lambda _c: {"type": "string", "pattern": PERIOD,
                                               "description": "A month, YYYY-MM."})
