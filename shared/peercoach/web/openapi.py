"""How the OpenAPI documents describe our fields where apispec's defaults would mislead."""
from __future__ import annotations

from marshmallow import fields, validate


def decimals_as_strings(_converter, field, ret: dict, **_) -> dict:
    """Decimals (money, hours) travel as JSON strings such as "10.50"; their bounds stay numbers."""
    if not isinstance(field, fields.Decimal):
        return {}
    described = {"type": "string", "format": "decimal"}
    for rule in (v for v in field.validators if isinstance(v, validate.Range)):
        if rule.min is not None:
            described.update(minimum=float(rule.min), exclusiveMinimum=not rule.min_inclusive)
        if rule.max is not None:
            described.update(maximum=float(rule.max), exclusiveMaximum=not rule.max_inclusive)
    return described


def install(api) -> None:
    """Before any blueprint is registered (their schemas are converted on registration)."""
    api.ma_plugin.converter.add_attribute_function(decimals_as_strings)
