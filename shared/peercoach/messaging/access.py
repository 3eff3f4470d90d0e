"""One broker user per service, allowed only what that service does.

Permissions are RabbitMQ's configure/write/read regular expressions on resource names in a
virtual host, plus topic permissions on the events exchange (which routing keys a user may
publish). For service S in namespace N:

- configure: anything in the namespace (`N.*`): every relay declares the whole topology,
  so an event published before its consumer first starts waits in that consumer's queue;
- write: the events exchange (and, through the topic permissions, only S's own routing keys),
  S's own retry exchange, and the namespace's queues (binding a queue needs write on it);
- read: the events and dead-letter exchanges and every retry exchange (binding from an
  exchange needs read on it), S's own queue and S's own dead-letter queue.

So a service cannot publish another's routing keys, cannot put anything into another
service's queue, and cannot consume another service's queue.

RabbitMQ lets a user create a queue with a dead-letter exchange only with read permission on
that queue and write permission on that exchange (the retry queues dead-letter through the
default exchange, which would let one publish into any queue). So the queues are created with
the users, by the operator: `definitions()` carries the whole topology of the namespace (exactly
what `topology.declare` declares) beside the users and their permissions. The relays then
re-declare it as always, which RabbitMQ allows once it exists. The document is imported with
`rabbitmqctl import_definitions` (`make run`, the tests) or loaded when the broker boots
(docker compose).
"""
from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from urllib.parse import quote, unquote, urlsplit, urlunsplit

from peercoach.events.producers import produced_by
from peercoach.messaging import topology
from peercoach.messaging.topology import Names
from peercoach.service import SERVICES

HASHING_ALGORITHM = "rabbit_password_hashing_sha256"
NOTHING = "^$"  # a routing-key pattern that no event's key matches


@dataclass(frozen=True)
class BrokerUser:
    service: str
    name: str
    password: str


def permissions(namespace: str, service: str) -> dict[str, str]:
    n, own = re.escape(namespace), re.escape(service)
    everyone = "|".join(re.escape(s) for s in SERVICES)
    return {
        "configure": f"^{n}\\.",
        "write": f"^{n}\\.(events|retry\\.{own}|({everyone})(\\.retry|\\.dead-letter)?)$",
        "read": f"^{n}\\.(events|dead-letter|retry\\.({everyone})|{own}|{own}\\.dead-letter)$",
    }


def topic_permissions(namespace: str, service: str) -> dict[str, str]:
    """On the events exchange: publish only the service's own routing keys; bind any (the relays
    declare every service's bindings)."""
    keys = produced_by(service)
    write = "^(" + "|".join(re.escape(key) for key in keys) + ")$" if keys else NOTHING
    return {"exchange": Names(namespace).exchange, "write": write, "read": ".*"}


def password_hash(password: str, salt: bytes | None = None) -> str:
    """RabbitMQ's salted SHA-256 password hash (`rabbit_password_hashing_sha256`)."""
    salt = os.urandom(4) if salt is None else salt
    return base64.b64encode(salt + hashlib.sha256(salt + password.encode()).digest()).decode()


def password_matches(password: str, hashed: str) -> bool:
    salt = base64.b64decode(hashed)[:4]
    return secrets.compare_digest(password_hash(password, salt), hashed)


class _Recorder:
    """Stands in for a channel to write down what `topology.declare` declares."""

    def __init__(self, vhost: str):
        self.vhost, self.exchanges, self.queues, self.bindings = vhost, [], [], []

    def exchange_declare(self, exchange, exchange_type="direct", durable=False, **_):
        self.exchanges.append({"name": exchange, "vhost": self.vhost, "type": exchange_type, "durable": durable,
                               "auto_delete": False, "internal": False, "arguments": {}})

    def queue_declare(self, queue, durable=False, arguments=None, **_):
        self.queues.append({"name": queue, "vhost": self.vhost, "durable": durable, "auto_delete": False,
                            "arguments": dict(arguments or {})})

    def queue_bind(self, queue, exchange, routing_key=None, **_):
        self.bindings.append({"source": exchange, "vhost": self.vhost, "destination": queue,
                              "destination_type": "queue", "routing_key": routing_key or queue, "arguments": {}})


def topology_definitions(namespace: str, vhost: str) -> dict:
    """The exchanges, queues and bindings of the namespace, as `topology.declare` declares them."""
    recorder = _Recorder(vhost)
    topology.declare(recorder, Names(namespace))
    return {"exchanges": recorder.exchanges, "queues": recorder.queues, "bindings": recorder.bindings}


def definitions(namespace: str, vhost: str, users: list[BrokerUser], with_vhost: bool = False,
                extra_users: list[dict] = ()) -> dict:
    """A RabbitMQ definitions document: `users` with their permissions in `vhost`, and the topology."""
    document = {
        "users": [{"name": user.name, "password_hash": password_hash(user.password),
                   "hashing_algorithm": HASHING_ALGORITHM, "tags": []} for user in users] + list(extra_users),
        "permissions": [{"user": user.name, "vhost": vhost, **permissions(namespace, user.service)}
                        for user in users],
        "topic_permissions": [{"user": user.name, "vhost": vhost, **topic_permissions(namespace, user.service)}
                              for user in users],
        **topology_definitions(namespace, vhost),
    }
    if with_vhost:
        document = {"vhosts": [{"name": vhost}], **document}
    return document


def vhost_of(amqp_url: str) -> str:
    path = urlsplit(amqp_url).path
    return unquote(path[1:]) if len(path) > 1 else "/"


def url_for(base_url: str, user: str, password: str) -> str:
    """`base_url` (host, port, virtual host, options) logging in as `user`."""
    parts = urlsplit(base_url)
    host = parts.hostname or "localhost"
    host = f"[{host}]" if ":" in host else host
    netloc = f"{quote(user, safe='')}:{quote(password, safe='')}@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit((parts.scheme, netloc, parts.path or "/%2F", parts.query, ""))


def new_users(prefix: str, services=SERVICES) -> list[BrokerUser]:
    """A user named `<prefix><service>` with a random password for each service."""
    return [BrokerUser(service, f"{prefix}{service}", secrets.token_urlsafe(24)) for service in services]


class RabbitmqctlMissing(RuntimeError):
    pass


def rabbitmqctl(*args: str) -> str:
    """Run rabbitmqctl on the broker of this machine; raises with its message on failure."""
    return _finish(args, _start(args))


def _start(args) -> subprocess.Popen:
    if shutil.which("rabbitmqctl") is None:
        raise RabbitmqctlMissing("rabbitmqctl is not on PATH: create the broker users on the broker's machine "
                                 "(`peercoach broker definitions` writes them) and set the *_AMQP_URL variables")
    return subprocess.Popen(["rabbitmqctl", "-q", *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _finish(args, process: subprocess.Popen) -> str:
    stdout, stderr = process.communicate()
    if process.returncode != 0:
        raise RuntimeError(f"rabbitmqctl {args[0]} failed: {(stderr or stdout).strip()}")
    return stdout


def create(namespace: str, vhost: str, users: list[BrokerUser]) -> None:
    """Create (or update) the users and their permissions on the local broker in one import."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as file:
        json.dump(definitions(namespace, vhost, users), file)
    try:
        os.chmod(file.name, 0o644)  # the broker's own OS user reads it
        rabbitmqctl("import_definitions", file.name)
    finally:
        os.unlink(file.name)


def delete(users: list[BrokerUser]) -> None:
    """Remove the users (and with them their permissions) from the local broker, all at once."""
    running = [(("delete_user", user.name), _start(("delete_user", user.name))) for user in users]
    for args, process in running:
        _finish(args, process)
