"""What the people of a program do, through the running services' HTTP APIs."""
from __future__ import annotations

import requests

from tests.helpers import eventually


class People:
    """Coordinator, coaches, payroll and finance at work against a running stack."""

    def __init__(self, stack, token):
        self.urls, self.token = stack.urls, token
        self.coordinator = token("coordinator", "coordinator-1")

    def call(self, method: str, service: str, path: str, headers: dict, **kwargs) -> requests.Response:
        return requests.request(method, self.urls[service] + path, headers=headers, timeout=15, **kwargs)

    def ok(self, method: str, service: str, path: str, headers: dict, **kwargs):
        response = self.call(method, service, path, headers, **kwargs)
        assert response.status_code < 300, (method, path, response.status_code, response.text)
        return response.json() if response.headers.get("Content-Type", "").startswith("application/json") \
            else response

    def coach_headers(self, coach: dict) -> dict:
        return self.token("coach", coach["id"], coach["email"])

    def add_coach(self, **fields) -> dict:
        return self.ok("POST", "matching", "/coaches", self.coordinator, json={
            "district": "BUSD", "school": "Willard Middle", "grade_levels": ["3", "4", "5"],
            "subjects": ["math"], "focus_areas": ["numeracy", "literacy"],
            "support_types": ["model_teaching", "observation_feedback"], "max_active_pairings": 3, **fields})

    def pending_review(self, application_id: str) -> dict:
        def found():
            reviews = self.ok("GET", "matching", "/reviews?status=pending", self.coordinator)
            return next((r for r in reviews if r["application_id"] == application_id), None)
        return eventually(found, timeout=30)

    def approve(self, review: dict, coach: dict, **terms) -> str:
        decided = self.ok("POST", "matching", f"/reviews/{review['id']}/decision", self.coordinator,
                          json={"decision": "approve", "coach_id": coach["id"], **terms})
        return decided["pairing_id"]

    def hours(self, pairing_id: str, coach: dict) -> dict:
        return self.ok("GET", "timesheets", f"/pairings/{pairing_id}/hours", self.coach_headers(coach))

    def log(self, pairing_id: str, coach: dict, day: str, minutes: int, activity: str) -> None:
        self.ok("POST", "timesheets", f"/pairings/{pairing_id}/entries", self.coach_headers(coach),
                json={"date": day, "minutes": minutes, "activity": activity,
                      "note": f"CONFIDENTIAL-NOTE {activity} on {day}"})

    def submit_and_approve(self, coach: dict, period: str) -> None:
        path = f"/timesheets/{coach['id']}/{period}"
        self.ok("POST", "timesheets", f"{path}/submit", self.coach_headers(coach))
        self.ok("POST", "timesheets", f"{path}/approve", self.coordinator)

    def export(self, period: str) -> tuple[dict, bytes]:
        payroll = self.token("payroll", "payroll-1")
        batch = self.ok("POST", "timesheets", "/payroll/exports", payroll, json={"period": period})
        csv = self.ok("GET", "timesheets", f"/payroll/exports/{batch['batch_id']}", {**payroll, "Accept": "text/csv"})
        return batch, csv.content

    def statement(self, payer: str, period: str) -> dict:
        return self.ok("GET", "timesheets", f"/billing/statements?payer={payer}&period={period}",
                       self.token("finance", f"finance-{payer}", payer=payer))
