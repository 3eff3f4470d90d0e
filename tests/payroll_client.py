"""A payroll system as a district would write one: with its machine credential it lists the month's
batches and downloads the CSV of each batch it has not downloaded before (its own memory of what it
has: `downloaded`, batch id -> the bytes it keeps)."""
from __future__ import annotations

import requests


class PayrollSystem:
    def __init__(self, timesheets_url: str, secret: str):
        self.url = timesheets_url
        self.http = requests.Session()
        self.http.headers["Authorization"] = f"Bearer {secret}"
        self.downloaded: dict[str, bytes] = {}
        self.downloads = 0  # CSV downloads made, to prove none is made twice

    def batches(self, period: str) -> list[dict]:
        """Every batch of the month, page after page."""
        found, page = [], 1
        while True:
            answer = self.http.get(f"{self.url}/payroll/exports", params={"period": period, "page": page},
                                   timeout=15)
            answer.raise_for_status()
            listed = answer.json()
            found += listed["items"]
            if page * listed["page_size"] >= listed["total"]:
                return found
            page += 1

    def pull(self, period: str) -> list[str]:
        """Download the month's new batches; the ids downloaded by this run."""
        new = [batch["batch_id"] for batch in self.batches(period) if batch["batch_id"] not in self.downloaded]
        for batch_id in new:
            answer = self.http.get(f"{self.url}/payroll/exports/{batch_id}.csv", timeout=15)
            answer.raise_for_status()
            self.downloaded[batch_id] = answer.content
            self.downloads += 1
        return new
