"""Where each role's work is: the home page's sections and the layout's navigation, one table for all four
services (links between services use their configured public URLs)."""
from __future__ import annotations

from datetime import date

from peercoach.settings import public_url
from peercoach.web.formats import month
from peercoach.web.people import Person

TITLES = {"admin": "Administrator", "coordinator": "Program coordinator", "finance": "Finance ({payer})",
          "payroll": "Payroll", "coach": "Coach", "teacher": "Teacher"}


def role_links(role, person: Person) -> list[tuple[str, str]]:
    """The pages one role of `person` works on, as (label, URL)."""
    intake, matching, timesheets, notifications = (public_url(name) for name in
                                                   ("intake", "matching", "timesheets", "notifications"))
    period = date.today().strftime("%Y-%m")
    return {
        "admin": [("Roles by grant", f"{matching}/pages/grants"),
                  ("Machine credentials", f"{matching}/pages/credentials"),
                  ("Email deliveries", f"{notifications}/notifications"),
                  ("Notifications API", f"{notifications}/docs")],
        "coordinator": [("Applications", f"{intake}/applications"),
                        ("Review queue", f"{matching}/pages/reviews"),
                        ("Proposals", f"{matching}/pages/proposals"),
                        ("Pairings and extensions", f"{matching}/pages/pairings"),
                        ("Coach roster", f"{matching}/pages/coaches"),
                        ("Timesheets waiting", f"{timesheets}/pages/timesheets"),
                        ("Hours used", f"{timesheets}/pages/hours"),
                        ("Rates", f"{timesheets}/pages/rates"),
                        ("Peer support cases", f"{matching}/pages/cases"),
                        ("Program report", f"{matching}/pages/report"),
                        ("Audit trail", f"{matching}/pages/audit")],
        "finance": [(f"Statements ({role.payer})", f"{timesheets}/pages/statements"),
                    ("Timesheets API", f"{timesheets}/docs")],
        "payroll": [("Payroll exports", f"{timesheets}/pages/payroll"),
                    ("Payroll API", f"{timesheets}/docs")],
        "coach": [("My pairings", f"{timesheets}/pages/pairings"), ("Log time", f"{timesheets}/pages/log"),
                  (f"My timesheet for {month(period)}", f"{timesheets}/pages/months/{period}")],
        "teacher": [("My applications", f"{intake}/mine"), ("My coaching", f"{timesheets}/pages/my-coaching")],
    }[role.name]


def sections_for(person: Person) -> list[dict]:
    """One section per role the person holds (and one for everyone: applying)."""
    intake = public_url("intake")
    sections = [{"role": role.name, "title": TITLES[role.name].format(payer=role.payer),
                 "links": role_links(role, person)} for role in person.roles]
    sections.append({"role": "applicant", "title": "Peer coaching for you",
                     "links": [("Apply for coaching", f"{intake}/apply"), ("My applications", f"{intake}/mine")]})
    return sections


def menu_for(person: Person | None) -> list[tuple[str, str]]:
    """The layout's navigation: every link of the person's roles once, in the order of their roles."""
    if person is None:
        return [("Apply for coaching", f"{public_url('intake')}/apply")]
    seen: dict[str, str] = {}
    for section in sections_for(person):
        for label, url in section["links"]:
            seen.setdefault(url, label)
    return [(label, url) for url, label in seen.items()]
