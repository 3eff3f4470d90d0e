"""Bad input at scale: schemathesis drives every operation of every service's OpenAPI document.

No response may be a server error, and every response must match what the document says (status,
content type, body schema). Each operation is called with a token of a caller the access table
lets through (so validation and the handlers are reached, on real ids as well as generated ones)
and without a token. Run with `-s` to see the summary; its figures are in the README.
"""
from __future__ import annotations

from collections import Counter

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings, strategies as st
from schemathesis import GenerationMode

from peercoach.service import SERVICES
from tests.access.table import OPERATIONS, headers

# schemathesis' own strategies draw from `random` (a deprecation it is to fix, not this test)
pytestmark = pytest.mark.filterwarnings("ignore::hypothesis.errors.HypothesisDeprecationWarning")
CHECKS = [schemathesis.checks.not_a_server_error, schemathesis.checks.status_code_conformance,
          schemathesis.checks.content_type_conformance, schemathesis.checks.response_schema_conformance]
EXAMPLES = {"token": 20, "no token": 5}
BY_KEY = {op.key: op for op in OPERATIONS}
ACCEPT = st.sampled_from(["application/json", "text/csv", "*/*"])  # the CSV endpoints negotiate


def load(service: str, app) -> schemathesis.BaseSchema:
    document = app.test_client().get("/openapi.json").get_json()
    schema = schemathesis.openapi.from_dict(document)
    schema.app = app
    return schema


def reaching(world, service: str, operation) -> tuple[dict, dict]:
    """The Authorization header of a caller allowed through, and the real ids that caller may use."""
    op = BY_KEY[(service, operation.method.upper(), operation.path)]
    subject = op.subject_for(world)
    return headers(world, next(iter(op.allowed)), subject), subject.params


def cases(operation, known: dict):
    """Valid and invalid generated requests, and valid ones on real ids."""
    real = {p.name: known[p.name] for p in operation.path_parameters if p.name in known}
    strategies = [operation.as_strategy(GenerationMode.POSITIVE), operation.as_strategy(GenerationMode.NEGATIVE)]
    if real:
        strategies.append(operation.as_strategy(GenerationMode.POSITIVE, path_parameters=real))
    return st.one_of(strategies)


def fuzz(operation, strategy, auth: dict, examples: int, count: Counter) -> None:
    @settings(max_examples=examples, deadline=None, database=None, phases=[Phase.generate, Phase.shrink],
              suppress_health_check=list(HealthCheck))
    @given(case=strategy, accept=ACCEPT)
    def calls(case, accept):
        count["examples"] += 1
        case.call_and_validate(headers={**auth, "Accept": accept}, checks=CHECKS)
    calls()


def test_no_server_errors_and_responses_match_the_document(world, subtests):
    figures = {}
    for service in SERVICES:
        schema = load(service, world.clients[service].application)
        count = Counter()
        for result in schema.get_all_operations():
            operation = result.ok()
            auth, known = reaching(world, service, operation)
            count["operations"] += 1
            for label, examples in EXAMPLES.items():
                with subtests.test(f"{service} {operation.method.upper()} {operation.path} ({label})"):
                    try:
                        fuzz(operation, cases(operation, known), auth if label == "token" else {}, examples, count)
                    except (Exception, BaseExceptionGroup):  # schemathesis' FailureGroup is a BaseExceptionGroup
                        count["failed"] += 1
                        raise
        figures[service] = count
    print("\nschemathesis:", "; ".join(f"{name}: {c['operations']} operations, {c['examples']} examples, "
                                        f"{c['failed']} failing" for name, c in figures.items()))
