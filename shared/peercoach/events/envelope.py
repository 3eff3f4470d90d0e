"""The JSON envelope every event travels in."""
from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime, timezone

from marshmallow import Schema, fields, validate

from peercoach.events.contracts import validate_payload


class EnvelopeSchema(Schema):
    id = fields.UUID(required=True)
    type = fields.String(required=True, validate=validate.Length(min=1, max=100))
    version = fields.Integer(required=True, validate=validate.Range(min=1))
    occurred_at = fields.AwareDateTime(required=True, default_timezone=timezone.utc)
    producer = fields.String(required=True)
    correlation_id = fields.String(required=True)
    payload = fields.Dict(required=True)


@dataclass(frozen=True)
class Envelope:
    id: str
    type: str
    version: int
    occurred_at: str
    producer: str
    correlation_id: str
    payload: dict

    @classmethod
    def new(cls, type_: str, payload: dict, producer: str, correlation_id: str | None = None,
            version: int = 1) -> "Envelope":
        """A new event; its payload must satisfy the contract for (type, version)."""
        checked = validate_payload(type_, version, payload)
        event_id = str(uuid.uuid4())
        return cls(
            id=event_id,
            type=type_,
            version=version,
            occurred_at=datetime.now(timezone.utc).isoformat(),
            producer=producer,
            correlation_id=correlation_id or event_id,
            payload=checked,
        )

    def to_json(self) -> bytes:
        return json.dumps(asdict(self), separators=(",", ":"), sort_keys=True).encode()

    @classmethod
    def from_json(cls, body: bytes) -> "Envelope":
        """Parse and check a received event; raises ValueError for anything malformed."""
        try:
            raw = json.loads(body)
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"event body is not JSON: {exc}") from exc
        if not isinstance(raw, dict):
            raise ValueError("event body is not a JSON object")
        errors = EnvelopeSchema().validate(raw)
        if errors:
            raise ValueError(f"malformed envelope: {errors}")
        payload = validate_payload(raw["type"], raw["version"], raw["payload"])
        return cls(
            id=str(raw["id"]), type=raw["type"], version=raw["version"],
            occurred_at=raw["occurred_at"], producer=raw["producer"],
            correlation_id=raw["correlation_id"], payload=payload,
        )
