"""docker-compose.yml brought up for real and used as a person would (`make test-compose`).

Builds the images (the four services' and dev-idp's), `docker compose up --build --wait`, then: an
application posted to intake, its email read in Mailpit, the panel's approval through the API, the
pairing in timesheets; the broker's container restarted with events waiting in a queue, none lost;
the reminders stopping on SIGTERM; `down -v`.
"""
import json
from datetime import date

import pytest
import requests

from tests.e2e.flows import People
from tests.helpers import application, eventually

pytestmark = pytest.mark.compose
QUEUE = "peercoach.notifications"  # the email sender's queue


def test_an_application_becomes_a_pairing_and_a_broker_restart_loses_nothing(stack, token):
    people = People(stack, token)
    coach = people.add_coach(employee_id="C-300", name="Ada Lovelace", email="ada.coach@busd.example.org",
                             programs=["voluntary_peer_coaching"])

    # A teacher applies; the acknowledgement arrives in Mailpit, its withdraw link on the host's port.
    first = application()
    submitted = requests.post(f"{stack.urls['intake']}/applications", json=first, timeout=15)
    assert submitted.status_code == 201, submitted.text
    received = stack.mailpit.wait_for(first["teacher"]["email"], "We received your")
    assert submitted.json()["id"] in received["Text"]
    assert f"http://localhost:{stack.urls['intake'].rsplit(':', 1)[1]}/" in received["Text"]

    # The panel approves through the API; the pairing reaches timesheets and both people hear of it.
    pairing = people.approve(people.pending_review(submitted.json()["id"]), coach,
                             starts_on=date.today().replace(day=1).isoformat())
    eventually(lambda: people.call("GET", "timesheets", f"/pairings/{pairing}/hours",
                                   people.coach_headers(coach)).status_code == 200, timeout=60)
    assert people.hours(pairing, coach)["used"] == "0.00"
    stack.mailpit.wait_for(first["teacher"]["email"], "You are paired with Ada Lovelace")
    stack.mailpit.wait_for(coach["email"], "New pairing with")

    # With the email sender stopped, the next application's event waits in the notifications queue...
    stack.compose.ok("stop", "notifications-worker", timeout=120)
    second = application()
    assert requests.post(f"{stack.urls['intake']}/applications", json=second, timeout=15).status_code == 201
    eventually(lambda: stack.queue_depth(QUEUE) == 1, timeout=60, interval=1)

    # ...and is still there after the broker's container restarts (same node name, same volume).
    stack.compose.ok("restart", "rabbitmq", timeout=120)
    eventually(lambda: stack.queue_depth(QUEUE) == 1, timeout=120, interval=1)

    # The sender comes back and delivers it; the services reconnected and carry on with new work.
    stack.compose.ok("start", "notifications-worker", timeout=120)
    stack.mailpit.wait_for(second["teacher"]["email"], "We received your", timeout=120)
    third = requests.post(f"{stack.urls['intake']}/applications", json=application(), timeout=15)
    assert third.status_code == 201
    people.pending_review(third.json()["id"])


def test_the_reminders_stop_on_sigterm(stack):
    """PID 1 of its container: it must end on SIGTERM (exit 0), not wait for the SIGKILL (exit 137)."""
    stack.compose.ok("stop", "--timeout", "30", "notifications-reminders", timeout=120)
    (stopped,) = [json.loads(line) for line in stack.compose.ok(
        "ps", "--all", "--format", "json", "notifications-reminders").splitlines() if line.strip()]
    assert (stopped["State"], stopped["ExitCode"]) == ("exited", 0)

