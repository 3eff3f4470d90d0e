"""Revoked API tokens: their ids (`jti`), one per line in a file every service reads.

`peercoach revoke` appends to it; each service notices the change at its next request (the file is
read again whenever its size or modification time changes), so no restart is needed.
"""
from __future__ import annotations

import os
from pathlib import Path

_cache: dict[str, tuple[tuple[int, int], frozenset[str]]] = {}


def revoked(path: str | os.PathLike | None) -> frozenset[str]:
    """The revoked token ids listed at `path` (none when it is unset or absent)."""
    if not path:
        return frozenset()
    try:
        stat = os.stat(path)
    except FileNotFoundError:
        return frozenset()
    version = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get(str(path))
    if cached and cached[0] == version:
        return cached[1]
    ids = frozenset(line.split("#", 1)[0].strip() for line in Path(path).read_text().splitlines()) - {""}
    _cache[str(path)] = (version, ids)
    return ids


def revoke(path: str | os.PathLike, token_id: str, note: str = "") -> None:
    """Add a token id to the list (a note, such as who it was issued to, may follow it)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a") as file:
        file.write(f"{token_id}{'  # ' + note if note else ''}\n")
