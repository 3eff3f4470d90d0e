"""Who a signed-in person is and what they may do: roles read from the provider's claims.

The identity provider says who someone is (its `sub`, email, name) and, through two claims an
administrator configures, what they are: a group/role claim (`OIDC_ROLES_CLAIM`, e.g. `roles`
as Entra ID sends app roles, or `groups`, or Keycloak's `realm_access.roles`) and an employee id
claim (`OIDC_EMPLOYEE_ID_CLAIM`). A value of the role claim names a role: `coordinator`, `coach`,
`payroll`, `admin`, or `finance:<payer>` (`finance:district`, `finance:federation`); values the
provider spells otherwise (Entra group object ids, say) are translated by `OIDC_ROLE_MAP`
(`value=role` pairs separated by commas). Unknown values are ignored. An admin can also grant
roles by email (`peercoach.web.grants`), for providers that send no such claim; a person holds the
roles of both.

A person with an employee id is a teacher (the employee id is how intake and matching know
their applications and pairings). A coach acts through their roster entry, linked at sign-in by
the service that owns the roster (matching). Anyone signed in may apply and see their own
applications, whether or not they hold a role.

Nothing here touches Flask: the session module turns a cookie into a `Person`, and `require`
in `peercoach.web.auth` asks the person which of their roles acts for an operation.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping

from peercoach.web.auth import PAYERS, ROLES, Principal

# When an operation admits several of a person's roles, the first of these acts (the broadest view).
PREFERENCE = ("admin", "coordinator", "finance", "payroll", "coach", "teacher")
CLAIMED_ROLES = ("coordinator", "coach", "payroll", "admin", "finance")


@dataclass(frozen=True)
class ClaimRules:
    """How the provider's claims name roles and ids (from the OIDC_* settings)."""
    roles_claim: str = "roles"
    employee_id_claim: str = "employee_id"
    role_map: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_config(cls, config: Mapping) -> "ClaimRules":
        return cls(config.get("OIDC_ROLES_CLAIM") or "roles",
                   config.get("OIDC_EMPLOYEE_ID_CLAIM") or "employee_id",
                   parse_role_map(config.get("OIDC_ROLE_MAP") or ""))


def parse_role_map(text: str) -> dict[str, str]:
    """`"a1b2=coordinator, c3d4=finance:district"` -> {"a1b2": "coordinator", "c3d4": "finance:district"}."""
    pairs = (item.partition("=") for item in text.split(",") if item.strip())
    return {value.strip(): role.strip() for value, _, role in pairs if value.strip() and role.strip()}


def claim(claims: Mapping, path: str):
    """A claim by name, or by a dotted path into nested objects (`realm_access.roles`)."""
    if path in claims:
        return claims[path]
    found = claims
    for part in path.split("."):
        if not isinstance(found, Mapping) or part not in found:
            return None
        found = found[part]
    return found


@dataclass(frozen=True)
class Role:
    name: str
    payer: str | None = None
    districts: tuple[str, ...] = ()  # finance of the district payer, by grant: only these (none: all)

    def __str__(self) -> str:
        return f"{self.name}:{self.payer}" if self.payer else self.name


def parse_role(value: str) -> Role | None:
    """A role value of the claim, or None for anything this system does not know."""
    name, _, scope = value.strip().partition(":")
    if name not in CLAIMED_ROLES:
        return None
    if name == "finance":
        return Role("finance", scope) if scope in PAYERS else None
    return Role(name)


def granted_roles(grants: list[tuple[str, tuple[str, ...]]]) -> tuple[Role, ...]:
    """The roles of an admin's grants (peercoach.web.grants), with their districts."""
    held = []
    for value, districts in grants:
        role = parse_role(value)
        if role is not None:
            held.append(Role(role.name, role.payer, districts))
    return tuple(held)


def roles_from_claims(claims: Mapping, rules: ClaimRules) -> list[str]:
    """The role values the provider's claims grant, as `Role` strings, in a stable order."""
    raw = claim(claims, rules.roles_claim)
    values = [raw] if isinstance(raw, str) else list(raw) if isinstance(raw, (list, tuple)) else []
    roles = []
    for value in values:
        if not isinstance(value, str):
            continue
        role = parse_role(rules.role_map.get(value, value))
        if role and str(role) not in roles:
            roles.append(str(role))
    return roles


def employee_id_from_claims(claims: Mapping, rules: ClaimRules) -> str | None:
    value = claim(claims, rules.employee_id_claim)
    return str(value).strip() or None if isinstance(value, (str, int)) else None


@dataclass(frozen=True)
class Person:
    """A signed-in person as their session cookie describes them."""
    issuer: str
    subject: str
    name: str
    email: str | None
    email_verified: bool
    claimed_roles: tuple[str, ...] = ()
    employee_id: str | None = None
    coach_id: str | None = None
    granted: tuple[Role, ...] = ()  # by an admin, read from the current grants at each request

    @property
    def roles(self) -> list[Role]:
        """Every role the person holds now, in order of preference."""
        held = [parse_role(value) for value in self.claimed_roles]
        held = [role for role in held if role and (role.name != "coach" or self.coach_id)]
        held += [role for role in self.granted if (role.name, role.payer) not in
                 {(each.name, each.payer) for each in held}]
        if self.coach_id and not any(role.name == "coach" for role in held):
            held.append(Role("coach"))  # the roster itself says they coach
        if self.employee_id:
            held.append(Role("teacher"))
        return sorted(held, key=lambda role: (PREFERENCE.index(role.name), role.payer or ""))

    @property
    def role_names(self) -> list[str]:
        return [role.name for role in self.roles]

    @property
    def label(self) -> str:
        """How audits and operators name the person when no service id fits."""
        return self.email if self.email and self.email_verified else f"{self.issuer}#{self.subject}"

    def principal(self, role: Role) -> Principal:
        """The person acting in one role, as the services' checks know callers."""
        sub = {"teacher": self.employee_id, "coach": self.coach_id}.get(role.name) or self.label
        return Principal(role.name, sub, self.email if self.email_verified else None, role.payer,
                         districts=role.districts)

    def acting_as(self, allowed: tuple[str, ...]) -> Principal | None:
        """The principal of the person's preferred role among `allowed`, or None if they hold none."""
        for role in self.roles:
            if role.name in allowed:
                return self.principal(role)
        return None


assert set(PREFERENCE) == set(ROLES)
