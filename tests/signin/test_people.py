"""Roles from the provider's claims, as an administrator configures them."""
from peercoach.web.people import ClaimRules, Person, employee_id_from_claims, parse_role_map, roles_from_claims


def person(roles=(), employee_id=None, coach_id=None) -> Person:
    return Person("https://idp", "s1", "Sam", "sam@district.example.org", True, tuple(roles), employee_id, coach_id)


def test_role_values_are_read_from_the_configured_claim_including_nested_ones():
    keycloak = {"realm_access": {"roles": ["offline_access", "coordinator", "finance:district"]}}

    assert roles_from_claims(keycloak, ClaimRules(roles_claim="realm_access.roles")) == \
        ["coordinator", "finance:district"]
    assert roles_from_claims({"roles": "payroll"}, ClaimRules()) == ["payroll"]


def test_unknown_values_evaluators_and_finance_without_a_payer_grant_nothing():
    claims = {"roles": ["evaluator", "principal", "finance", "finance:school", "teacher", 7]}

    assert roles_from_claims(claims, ClaimRules()) == []


def test_a_role_map_translates_the_providers_own_values():
    rules = ClaimRules(roles_claim="groups", role_map=parse_role_map(" 4f1c=coordinator, 9a2b = finance:federation ,"))

    assert roles_from_claims({"groups": ["4f1c", "9a2b", "other"]}, rules) == ["coordinator", "finance:federation"]


def test_the_employee_id_claim_makes_a_teacher_acting_under_that_id():
    rules = ClaimRules(employee_id_claim="employeeNumber")
    teacher = person(employee_id=employee_id_from_claims({"employeeNumber": "E-9"}, rules))

    acting = teacher.acting_as(("coordinator", "teacher"))

    assert teacher.role_names == ["teacher"] and (acting.role, acting.sub) == ("teacher", "E-9")


def test_a_coach_acts_under_their_roster_entry_and_only_with_one():
    unlinked, linked = person(["coach"]), person(["coach"], coach_id="c-1")

    assert unlinked.role_names == [] and unlinked.acting_as(("coach",)) is None
    assert linked.acting_as(("coach",)).sub == "c-1"


def test_the_broadest_of_several_roles_acts_and_finance_keeps_its_payer():
    several = person(["finance:district", "coordinator"], employee_id="E-1")

    assert several.acting_as(("teacher", "coordinator")).role == "coordinator"
    finance = several.acting_as(("finance",))
    assert (finance.role, finance.payer) == ("finance", "district")


def test_someone_without_a_role_acts_in_none():
    assert person().acting_as(("teacher", "coach", "coordinator", "payroll", "finance", "admin")) is None
