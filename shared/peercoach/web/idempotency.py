"""The `Idempotency-Key` request header, as every POST that honours it reads and documents it."""
from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields, validate


class KeyHeaderSchema(Schema):
    class Meta:
        unknown = EXCLUDE

    idempotency_key = fields.String(data_key="Idempotency-Key", load_default=None,
                                    validate=[validate.Length(min=1, max=255),
                                              validate.Regexp(r"^[\x21-\x7e]+$", error="Use printable ASCII.")])
