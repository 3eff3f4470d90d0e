"""Who is acting: the caller a token names, as use cases receive it (no Flask, no tokens here)."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Principal:
    role: str
    sub: str
    email: str | None = None
    payer: str | None = None
    purpose: str | None = None
    token_id: str | None = None
    districts: tuple[str, ...] = ()  # finance of the district payer: only these districts (none: all)
