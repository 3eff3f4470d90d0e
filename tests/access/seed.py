"""Real data for every endpoint of the access table, made the way users make it: coaches and
rates through the APIs, applications posted to intake, reviews opened by its events, pairings
approved in matching and announced to timesheets, a plan, agreements, time logged, timesheets
submitted, approved and exported, emails sent."""
from __future__ import annotations

from tests.access.world import DISTRICT, Subject, World, start
from tests.helpers import application, eventually

SHEETS = ("open_sheet", "submitted_sheet", "rejectable_sheet", "approved_sheet", "batch")
PAIRINGS = ("pairing", "closable", "closed", "case", *SHEETS)
RECIPIENT = "Union staff officer Kim Lee"
PLAN = {"focus_area": "numeracy", "goals": "Number talks every morning.",
        "events": [{"kind": "pre_conference", "date": "2026-12-01"}]}


def seeded_world(make_app, database_url, start_worker, token, smtp_port: int) -> World:
    """The four services running (see `world.start`), with the data below."""
    return seed(start(make_app, database_url, start_worker, token, smtp_port))


def seed(world: World) -> World:
    world.send("timesheets", "PUT", f"/rates/{DISTRICT}", 200, json={
        "hourly_rate": "55.00", "release_half_day_rate": "120.00", "effective_from": "2000-01-01"})
    pair(world, roster(world))
    main = world.subjects["pairing"]
    for name in ("entry", "spare_entry"):
        world.subjects[name] = Subject({"entry_id": world.entry(main.params["pairing_id"], main.coach)["id"]},
                                       teacher=main.teacher, coach=main.coach)
    extension = world.send("matching", "POST", f"/pairings/{main.params['pairing_id']}/extensions", 201,
                           role="coach", sub=main.coach, json={"hours": "5", "reason": "Two more lesson cycles."})
    world.subjects["extension"] = Subject({"extension_id": extension["id"]}, teacher=main.teacher, coach=main.coach)
    world.send("matching", "PUT", f"/pairings/{main.params['pairing_id']}/plan", 200, role="coach", sub=main.coach,
               json=PLAN)
    world.send("matching", "POST", f"/pairings/{world.subjects['closed'].params['pairing_id']}/close", 200)
    agree(world, world.subjects["case"])
    timesheets(world)
    world.subjects["delivery"] = Subject({"delivery_id": sent_email(world)})
    machine_credential(world)
    return world


def roster(world: World) -> dict[str, str]:
    """The coach of each pairing to be made; one more coach stays outside them all."""
    def coach(**changes) -> str:
        return world.send("matching", "POST", "/coaches", 201, json={**world.new_coach(), **changes})["id"]
    main, world.other_coach = coach(), coach()
    return {"pairing": main, "closable": main, "closed": main, "case": coach(programs=["peer_support_service"]),
            **{name: coach() for name in SHEETS}}


def pair(world: World, coaches: dict[str, str]) -> None:
    """Apply for each pairing (and one application left pending), approve, wait for timesheets to know it."""
    bodies = {name: application(program="peer_support_service") if name == "case" else application()
              for name in (*PAIRINGS, "pending_review")}
    ids = {name: world.send("intake", "POST", "/applications", 201, role="", json=body)["id"]
           for name, body in bodies.items()}
    reviews = eventually(lambda: opened_reviews(world, set(ids.values())))
    teachers = {name: body["teacher"]["employee_id"] for name, body in bodies.items()}
    world.subjects["pending_review"] = Subject({"review_id": reviews[ids["pending_review"]]},
                                               teacher=teachers["pending_review"])
    for name, coach in coaches.items():
        terms = {"hours_approved": "10", "release_half_days": 2} if name == "case" else {}
        pairing_id = world.send("matching", "POST", f"/reviews/{reviews[ids[name]]}/decision", 200, json={
            "decision": "approve", "coach_id": coach, **terms})["pairing_id"]
        world.subjects[name] = Subject({"application_id": ids[name], "review_id": reviews[ids[name]],
                                        "pairing_id": pairing_id, "coach_id": coach, "district": DISTRICT,
                                        "period": world.period}, teacher=teachers[name], coach=coach)
    for name in PAIRINGS:
        eventually(lambda name=name: known_to_timesheets(world, world.subjects[name].params["pairing_id"]))


def known_to_timesheets(world: World, pairing_id: str) -> bool:
    hours = world.call("timesheets", "GET", f"/pairings/{pairing_id}/hours", world.token("coordinator"))
    return hours.status_code == 200


def opened_reviews(world: World, application_ids: set[str]) -> dict[str, str] | None:
    """application id -> review id, once matching has opened a review for each."""
    reviews = {r["application_id"]: r["id"] for r in world.send("matching", "GET", "/reviews?status=pending", 200)}
    return reviews if application_ids <= set(reviews) else None


def agree(world: World, case: Subject) -> None:
    """Member, consultant and (through the coordinator) the local president agree to one recipient."""
    path = f"/pairings/{case.params['pairing_id']}/agreements"
    world.send("matching", "POST", path, 201, role="teacher", sub=case.teacher, json={"recipient": RECIPIENT})
    world.send("matching", "POST", path, 201, role="coach", sub=case.coach, json={"recipient": RECIPIENT})
    world.send("matching", "POST", path, 201, json={"recipient": RECIPIENT, "president_name": "Sam Rivera"})


def timesheets(world: World) -> None:
    """One coach per timesheet state: open, submitted (twice), approved, and approved and exported."""
    for name in SHEETS:
        sheet = world.subjects[name]
        world.entry(sheet.params["pairing_id"], sheet.coach)
        if name != "open_sheet":
            world.send("timesheets", "POST", f"/timesheets/{sheet.coach}/{world.period}/submit", 200,
                       role="coach", sub=sheet.coach)
    for name in ("batch", "approved_sheet"):
        world.send("timesheets", "POST", f"/timesheets/{world.subjects[name].coach}/{world.period}/approve", 200)
        if name == "batch":
            batch = world.send("timesheets", "POST", "/payroll/exports", 201, role="payroll",
                               json={"period": world.period})
            world.subjects[name].params["batch_id"] = batch["batch_id"]


def sent_email(world: World) -> str:
    sent = eventually(lambda: world.send("notifications", "GET", "/notifications?state=sent", 200, role="admin"))
    return sent[0]["id"]


def machine_credential(world: World) -> None:
    """A credential for finance of the district payer, made by an admin in matching, once every service
    knows it (a refusal for its role, 403, rather than 401 for an unknown secret)."""
    created = world.send("matching", "POST", "/credentials", 201, role="admin",
                         json={"name": "District finance tool", "role": "finance", "payer": "district"})
    world.machine_secret = created["secret"]
    bearer = {"Authorization": f"Bearer {created['secret']}"}
    for service, path in (("intake", "/applications"), ("timesheets", "/timesheets"),
                          ("notifications", "/notifications")):
        eventually(lambda service=service, path=path: world.call(service, "GET", path, bearer).status_code == 403)
