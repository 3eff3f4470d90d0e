"""The development provider's demo people: one for every role, and the README lists exactly them."""
import re
from pathlib import Path

from peercoach.devidp import DEMO_PEOPLE, arguments, claims
from peercoach.web.auth import ROLES
from peercoach.web.people import ClaimRules, Person, employee_id_from_claims, roles_from_claims

README = Path(__file__).resolve().parents[2] / "README.md"


def as_signed_in(person: dict) -> Person:
    said, rules = claims(person), ClaimRules()
    coach_id = "roster-entry" if "coach" in said.get("roles", ()) else None  # linked by email at sign-in
    return Person("dev", said["sub"], said["name"], said["email"], True, tuple(roles_from_claims(said, rules)),
                  employee_id_from_claims(said, rules), coach_id)


def test_there_is_a_demo_person_for_every_role_and_one_without():
    held = [as_signed_in(person).role_names for person in DEMO_PEOPLE]

    assert set(ROLES) <= {role for roles in held for role in roles}
    assert [] in held


def test_the_readme_table_of_demo_people_lists_every_one_to_type():
    text = README.read_text()
    table = text[text.index("### Demo people"):].split("\n\n")[2]

    typed = re.findall(r"^\| `([^`]+)` \|", table, flags=re.MULTILINE)

    assert typed == [person["sub"] for person in DEMO_PEOPLE]


def test_the_provider_is_started_with_every_demo_person_and_requires_a_nonce():
    args = arguments(9400)

    assert args.count("--user-claims") == len(DEMO_PEOPLE)
    assert args[args.index("--require-nonce") + 1] == "true"
