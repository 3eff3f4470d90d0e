"""One SMTP connection kept open by one sender thread, and dropped after any failure.

Reusing the connection saves the TCP and SMTP greeting (connect, banner, EHLO, QUIT) for
every email. It changes nothing about how often an email is sent: a failed send still counts
as a failed attempt of that delivery, and the connection it failed on is closed without
another word (its state is unknown, so nothing later is read as the answer to an earlier
command); the next email opens a new one. A connection idle for a while is checked with
NOOP first, so one the server closed meanwhile is replaced instead of failing an email.
"""
from __future__ import annotations

import smtplib
import time
from email.message import EmailMessage

IDLE_CHECK_SECONDS = 2.0  # a connection unused for longer is checked (NOOP) before it carries an email


class Mailer:
    """Not thread-safe: one per sender thread."""

    def __init__(self, host: str, port: int, timeout: float = 10, idle_check_seconds: float = IDLE_CHECK_SECONDS):
        self.host, self.port, self.timeout = host, port, timeout
        self.idle_check_seconds = idle_check_seconds
        self.smtp: smtplib.SMTP | None = None
        self.last_used = 0.0
        self.opened = 0  # connections opened so far (for tests and benchmarks)

    def send(self, message: EmailMessage) -> None:
        smtp = self._connection()
        try:
            smtp.send_message(message)
        except BaseException:
            self._drop()
            raise
        self.last_used = time.monotonic()

    def close(self) -> None:
        """Say goodbye (QUIT) and close; the next send opens a new connection."""
        if self.smtp is None:
            return
        smtp = self.smtp
        try:
            smtp.quit()
        except (OSError, smtplib.SMTPException):
            pass
        finally:
            self._drop()

    def _connection(self) -> smtplib.SMTP:
        if self.smtp is not None and time.monotonic() - self.last_used > self.idle_check_seconds:
            if not self._answers():
                self._drop()
        if self.smtp is None:
            self.smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
            self.opened += 1
        return self.smtp

    def _answers(self) -> bool:
        try:
            return self.smtp.noop()[0] == 250
        except (OSError, smtplib.SMTPException):
            return False

    def _drop(self) -> None:
        smtp, self.smtp = self.smtp, None
        if smtp is not None:
            smtp.close()

    def __enter__(self) -> "Mailer":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
