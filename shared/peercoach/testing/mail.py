"""A real SMTP server (aiosmtpd) in the test process, and the mailbox it fills."""
from __future__ import annotations

import threading
import time
from email import message_from_bytes, policy

from peercoach.testing.ports import free_port


class Mailbox:
    """Messages an in-process SMTP server received."""

    def __init__(self):
        self.messages = []
        self.arrived_at: list[float] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
            self.arrived_at.append(time.monotonic())
        return "250 OK"

    def to(self, address: str) -> list:
        with self.lock:
            return [m for m in self.messages if address in m["To"]]


def start_smtp_server(mailbox: Mailbox):
    """Started on a free local port; `.port`, `.mailbox`, and `.stop()` when done."""
    from aiosmtpd.controller import Controller
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    controller.mailbox = mailbox
    return controller
