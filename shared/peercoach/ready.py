"""`python -m peercoach.ready <service>`: exit 0 when the service's web process on this host answers
`/readyz` with 200 (its database and the broker reachable), else 1 with the reason.

For container health checks (docker-compose.yml), so it imports nothing heavy: it runs every few seconds.
"""
from __future__ import annotations

import sys
import urllib.error
import urllib.request

from peercoach import settings as settings_mod


def check(service: str, timeout: float = 4.0) -> str | None:
    """None when ready, else why not."""
    url = f"http://127.0.0.1:{settings_mod.load(service).port}/readyz"
    try:
        with urllib.request.urlopen(url, timeout=timeout):
            return None
    except urllib.error.HTTPError as exc:
        return f"{url} answered {exc.code}: {exc.read().decode(errors='replace')}"
    except OSError as exc:
        return f"{url}: {exc}"


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in settings_mod.DEFAULT_PORTS:
        print(f"usage: python -m peercoach.ready {{{','.join(settings_mod.DEFAULT_PORTS)}}}", file=sys.stderr)
        return 2
    problem = check(argv[0])
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
