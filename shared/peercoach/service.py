"""What a service tells the shared machinery about itself."""
from __future__ import annotations

import importlib
import threading
from dataclasses import dataclass, field
from typing import Callable

from sqlalchemy import MetaData

from peercoach.db import Database
from peercoach.messaging.consumer import Handler
from peercoach.messaging.tables import MessagingTables
from peercoach.settings import Settings

SERVICES = ("intake", "matching", "timesheets", "notifications")

Loop = Callable[[Settings, Database, threading.Event], None]


@dataclass
class ServiceSpec:
    name: str
    tables: MessagingTables
    handlers: dict[str, Handler] = field(default_factory=dict)
    loops: list[Loop] = field(default_factory=list)

    @property
    def metadata(self) -> MetaData:
        return self.tables.outbox.metadata


def load(name: str) -> ServiceSpec:
    """The spec a service package declares in its `app` module as SPEC."""
    if name not in SERVICES:
        raise ValueError(f"unknown service {name!r}; expected one of {', '.join(SERVICES)}")
    return importlib.import_module(f"{name}.app").SPEC
