"""Idempotency-Key: the first answer to a key is kept and given again for a repeat of the same request."""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from sqlalchemy.orm import Session

from intake.models import IdempotentResponse
from peercoach.refusals import RuleBroken

REUSED = ("This Idempotency-Key was already used for a different request; "
          "use a new key for a new application.")


@dataclass(frozen=True)
class Answer:
    status_code: int
    body: dict


def fingerprint(data: dict) -> str:
    return hashlib.sha256(json.dumps(data, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def recall(session: Session, key: str, data: dict) -> Answer | None:
    """The answer first given to `key`, or None; RuleBroken if the key came with another request."""
    stored = session.get(IdempotentResponse, key)
    if stored is None:
        return None
    if stored.fingerprint != fingerprint(data):
        raise RuleBroken(REUSED, code="idempotency_key_reused")
    return Answer(stored.status_code, json.loads(stored.body))


def remember(session: Session, key: str, data: dict, answer: Answer) -> None:
    session.add(IdempotentResponse(key=key, fingerprint=fingerprint(data), status_code=answer.status_code,
                                   body=json.dumps(answer.body)))
