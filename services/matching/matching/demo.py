"""`python -m matching.demo`: put the development provider's demo coach on the roster (once).

`make run` calls it so the demo coach's sign-in links to a roster entry (by verified email)
right away. It adds nothing if an entry with that email or employee id exists already.
"""
from __future__ import annotations

from sqlalchemy import func, or_, select

from matching.models import Coach
from peercoach import devidp, settings
from peercoach.db import Database


def demo_coach() -> dict:
    person = next(p for p in devidp.DEMO_PEOPLE if p["sub"] == "coach")
    return {"employee_id": devidp.DEMO_COACH_EMPLOYEE_ID, "name": person["name"], "email": person["email"],
            "school": "Demo Elementary", "district": "DEMO", "focus_areas": ["literacy", "numeracy"],
            "grade_levels": ["3", "4", "5"], "subjects": ["math"], "support_types": ["observation_feedback"],
            "programs": ["voluntary_peer_coaching", "district_coaching"], "max_active_pairings": 3}


def seed(db: Database) -> bool:
    """True if the demo coach was added, False if already on the roster."""
    fields = demo_coach()
    with db.transaction() as session:
        found = session.scalars(select(Coach).where(or_(
            func.lower(Coach.email) == fields["email"], Coach.employee_id == fields["employee_id"]))).first()
        if found:
            return False
        session.add(Coach(**fields))
    return True


def main() -> None:
    db = Database(settings.load("matching").database_url)
    try:
        added = seed(db)
    finally:
        db.dispose()
    print("matching: demo coach " + ("added to the roster" if added else "already on the roster"))


if __name__ == "__main__":
    main()
