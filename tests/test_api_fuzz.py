"""Every service's API against its own OpenAPI document: schemathesis with all of its checks.

Each service runs as an HTTP server on a seeded world (real ids in every state), on SQLite and on
PostgreSQL, and schemathesis' engine (what `schemathesis run --checks all` runs) goes through its
phases on it: coverage (boundary and invalid values, missing headers, undeclared methods), fuzzing,
and the stateful phase on the links it infers between operations. The explicit-examples phase has
nothing to run: the documents give no examples. Each operation is called with the token of a caller
the access table lets through, with its real ids among the generated ones, and again without a token.

Nothing may be found. Where a check cannot apply, `RULES` below says why in one line: a request the
document allows may be refused (422) only for a rule no document can state (the state of the data,
the caller, the day), and only with that rule's own error code.

`PEERCOACH_FUZZ_EXAMPLES=100 pytest tests/test_api_fuzz.py -s` is a longer run (its figures are in the
README); `-s` shows the figures of any run.
"""
from __future__ import annotations

import os
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
import schemathesis
from schemathesis.core.error_feedback.parsers import PARSERS
from schemathesis.core.error_feedback.parsers.marshmallow import MarshmallowParser
from schemathesis.engine import Status, events, from_schema
from werkzeug.serving import make_server

from peercoach import migrations, service
from peercoach.service import SERVICES
from peercoach.testing.flooding import RAISED_LIMITS
from tests.access.seed import seed
from tests.access.table import OPERATIONS, headers
from tests.access.world import World, start

EXAMPLES = int(os.environ.get("PEERCOACH_FUZZ_EXAMPLES", "8"))
pytestmark = pytest.mark.slow
DATABASES = ("sqlite", "postgresql")
LABELS = ("token", "no token")

# The settings the fuzzed services run with: the public form's rate limits raised (as every app of the
# seeded world has them), so that no 429 hides a failure; `not_rate_limited` below fails the run if one
# is ever answered.
APP_CONFIG: dict = dict(RAISED_LIMITS)

# Statuses a request the document allows may get (schemathesis' default), and 422 where a rule applies.
ALLOWED = ["2xx", "3xx", "401", "403", "404", "409", "429", "5xx"]


@dataclass(frozen=True)
class Rule:
    codes: tuple[str, ...]
    why: str


RULES = {
    ("intake", "POST", "/applications"): Rule(
        ("idempotency_key_reused",), "a key is remembered with its first body: a later, other body is refused"),
    ("matching", "POST", "/reviews/{review_id}/decision"): Rule(
        ("program_rules", "unknown_coach", "starts_on_out_of_range"),
        "the review's program sets the terms, the roster the coaches, and today the start's range"),
    ("matching", "POST", "/pairings/{pairing_id}/agreements"): Rule(
        ("president_by_coordinator",), "who names the local president depends on the caller's role"),
    ("matching", "GET", "/reports/program"): Rule(("period_reversed",), "no schema compares two dates"),
    ("timesheets", "POST", "/pairings/{pairing_id}/entries"): Rule(
        ("future_date", "before_pairing", "after_pairing", "month_locked", "over_approved_hours", "release_limit",
         "lesson_cycle_limit"), "an entry fits the pairing's dates, hours and open months, and today"),
    ("timesheets", "PATCH", "/entries/{entry_id}"): Rule(
        ("future_date", "before_pairing", "after_pairing", "month_locked", "over_approved_hours", "release_limit",
         "release_too_long", "lesson_cycle_limit", "ticket_without_release"),
        "a changed entry fits its pairing as a new one does (its stored activity too, for a ticket number)"),
    ("timesheets", "DELETE", "/entries/{entry_id}"): Rule(("month_locked",), "a submitted month's entries stay"),
    ("timesheets", "POST", "/timesheets/{coach_id}/{period}/submit"): Rule(
        ("nothing_to_submit",), "a month with no time logged has nothing to submit"),
    ("timesheets", "POST", "/payroll/exports"): Rule(
        ("nothing_to_export",), "a month with no approved, unexported timesheet has nothing to export"),
}


def key(case) -> tuple[str, str, str]:
    service_name = case.operation.schema.raw_schema["info"]["title"].split()[-1]
    return service_name, case.operation.method.upper(), case.operation.path


def error_code(response) -> str | None:
    try:
        return response.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return None


@PARSERS.register
class EnvelopeParser(MarshmallowParser):
    """Schemathesis learns from a 422's field messages (its error feedback) but reads our documented envelope,
    `{"error": {"code", "message", "fields"}}`, as fields named `error`; the messages are in `error.fields`."""
    priority = 20

    def can_parse(self, *, body: object) -> bool:
        return isinstance(body, dict) and isinstance(body.get("error"), dict) \
            and isinstance(body["error"].get("fields"), dict) and super().can_parse(body=body["error"]["fields"])

    def parse(self, *, operation, body, case):
        return super().parse(operation=operation, body=body["error"]["fields"], case=case)


@schemathesis.check
def refusals_name_their_rule(ctx, response, case):
    """A request the document allows is refused with 422 only for one of its operation's `RULES`."""
    if response.status_code != 422 or case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    rule = RULES.get(key(case))
    code = error_code(response)
    if rule is None or code not in rule.codes:
        raise AssertionError(f"A request the document allows was refused (422, code {code!r}): "
                             f"{response.text[:500]}")
    return None


@schemathesis.check
def not_rate_limited(ctx, response, case):
    """A 429 could hide any other failure: the fuzzed services run with their limits raised."""
    if response.status_code == 429:
        raise AssertionError("Rate limited: raise the limits in APP_CONFIG (tests/test_api_fuzz.py)")
    return None


@pytest.fixture(params=DATABASES)
def fuzzed_world(request, make_app, database_url, start_worker, token, smtp_server, tmp_path) -> World:
    """The four services with the access table's data, on fresh databases of the parameter's kind."""
    def sqlite_url(name: str) -> str:
        url = f"sqlite:///{tmp_path}/{name}.sqlite3"
        migrations.upgrade(service.load(name), url)
        return url
    urls = sqlite_url if request.param == "sqlite" else database_url
    return seed(start(make_app, urls, start_worker, token, smtp_server.port, app_config=APP_CONFIG))


@contextmanager
def serving(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


def config(world: World, service_name: str, label: str) -> schemathesis.Config:
    """All checks, all phases; per operation the allowed caller's token, its real ids and its rules."""
    operations, dictionaries = [], {}
    for op in (op for op in OPERATIONS if op.service == service_name):
        subject = op.subject_for(world)
        entry: dict = {"include-name": f"{op.method} {op.path}", "checks": {
            "positive_data_acceptance": {"expected-statuses": ALLOWED + (["422"] if op.key in RULES else [])}}}
        if label == "token":
            entry["headers"] = headers(world, next(iter(op.allowed)), subject)
        parameters = {}
        for name, value in subject.params.items():
            if "{" + name + "}" in op.path:
                dictionaries[f"real{len(dictionaries)}"] = {"values": [value]}
                parameters[f"path.{name}"] = {"dictionary": f"real{len(dictionaries) - 1}", "probability": 0.5}
        if parameters:
            entry["parameters"] = parameters
        operations.append(entry)
    return schemathesis.Config.from_dict({
        "checks": {"enabled": True},
        # With a token, the token is the caller's, never one schemathesis makes up or leaves out (the run
        # without one does that); `ignored_auth` still sends each operation without it and with a bad one.
        "generation": {"max-examples": EXAMPLES, "with-security-parameters": label != "token"},
        "phases": {"stateful": {"inference": {"algorithms": ["location-headers", "dependency-analysis"]}}},
        "dictionaries": dictionaries,
        "operations": operations,
        "workers": 1,
        "cache": {"enabled": False},  # each run starts from what the documents say, and leaves no files
    })


@dataclass
class Outcome:
    failures: dict[tuple, str] = field(default_factory=dict)
    cases: Counter = field(default_factory=Counter)
    stateful_transitions: int = 0
    errors: list[str] = field(default_factory=list)


def run(url: str, cfg: schemathesis.Config) -> Outcome:
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json", config=cfg)
    outcome = Outcome()
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            outcome.cases[event.phase.value] += len(event.recorder.cases)
            for case_id, checks in event.recorder.checks.items():
                for check in checks:
                    if check.status == Status.FAILURE and check.failure_info is not None:
                        failure = check.failure_info.failure
                        found = (failure.operation, f"{event.phase.value}: {check.name}", failure.title)
                        answer = event.recorder.interactions.get(case_id)
                        answered = answer.response if answer is not None else None
                        outcome.failures.setdefault(found, f"{failure.message[:800]}\n"
                                                           f"{check.failure_info.code_sample[:1500]}\n"
                                                           f"answered: {answered_text(answered)}")
        elif isinstance(event, events.NonFatalError):
            outcome.errors.append(f"{event.label}: {str(event.value)[:500]}")
        elif isinstance(event, events.PhaseStarted) and isinstance(event.payload, events.StatefulPhasePayload):
            outcome.stateful_transitions = event.payload.transitions_selected
        elif isinstance(event, events.FatalError):
            outcome.errors.append(f"fatal: {event.exception!r}")
        elif isinstance(event, events.EngineFinished):
            outcome.failures.update({("after run", "", str(f)[:200]): str(f) for f in event.failures})
    return outcome


# CPython 3.11 sometimes fails to build a syntax tree while generating a case, in threaded programs
# (python/cpython#106905, fixed in later versions): the case was never sent, so the run is made again.
AST_FLUKE = "AST constructor recursion depth mismatch"


def interpreter_fluke(outcome: Outcome) -> bool:
    """Only CPython's AST error stopped the run: nothing about the service was learnt."""
    return bool(outcome.errors) and not outcome.failures and all(AST_FLUKE in e for e in outcome.errors)


def answered_text(response) -> str:
    if response is None:
        return "-"
    return f"{response.status_code} {(response.content or b'')[:600].decode(errors='replace')}"


def report(outcome: Outcome) -> str:
    lines = [f"{len(outcome.failures)} failures, {len(outcome.errors)} errors"]
    for (operation, check, title), detail in outcome.failures.items():
        lines.append(f"--- {operation}: {check}: {title}\n{detail}")
    return "\n".join(lines + outcome.errors)


def test_every_api_and_its_document_agree_under_every_check(fuzzed_world, subtests, request):
    database = request.node.callspec.params["fuzzed_world"]
    figures = []
    for service_name in SERVICES:
        with serving(fuzzed_world.clients[service_name].application) as url:
            for label in LABELS:
                with subtests.test(f"{database} {service_name} ({label})"):
                    started = time.monotonic()
                    outcome = run(url, config(fuzzed_world, service_name, label))
                    if interpreter_fluke(outcome):
                        outcome = run(url, config(fuzzed_world, service_name, label))
                    figures.append(f"{service_name} ({label}): {sum(outcome.cases.values())} cases, "
                                   f"{outcome.stateful_transitions} links, {time.monotonic() - started:.0f} s")
                    assert not outcome.failures and not outcome.errors, report(outcome)
                    assert outcome.stateful_transitions > 0, "the stateful phase found no links to follow"
    print(f"\nschemathesis on {database}, {EXAMPLES} examples per operation:", "; ".join(figures))
