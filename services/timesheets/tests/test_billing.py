"""Rates by date, billing statements per payer: coaching split by funding, release to the district."""
from datetime import timedelta


def approved_month(service):
    pairing = service.add_pairing()
    service.rate("SD-61", "50.00", "120.00", service.start)
    service.rate("SD-61", "60.00", "130.00", service.start + timedelta(days=10))
    service.log(pairing, service.start, 90, note="confidential observation")
    service.log(pairing, service.start + timedelta(days=3), 300, "release_day")
    service.log(pairing, service.start + timedelta(days=12), 60, "debrief")
    service.sheet(pairing, "submit")
    assert service.sheet(pairing, "approve").status_code == 200
    return pairing


def statement(service, payer, headers=None):
    return service.client.get("/billing/statements", query_string={"payer": payer, "period": service.period},
                              headers=headers or service.token("finance", payer=payer))


def test_statements_split_coaching_by_funding_and_bill_release_to_the_district(service):
    pairing = approved_month(service)

    federation = statement(service, "federation").get_json()
    district = statement(service, "district").get_json()

    assert federation["lines"] == [{
        "pairing_id": pairing["pairing_id"], "program": "district_coaching", "account_code": "ACC-100",
        "district": "SD-61", "coaching_hours": "2.50", "coaching_amount": "54.00", "release_half_days": 0,
        "release_amount": "0.00", "amount": "54.00"}]
    assert district["lines"][0]["coaching_amount"] == "81.00"
    assert district["lines"][0]["release_half_days"] == 2 and district["lines"][0]["release_amount"] == "240.00"
    assert district["totals"] == {"coaching_amount": "81.00", "release_amount": "240.00", "amount": "321.00"}
    assert "confidential" not in str(federation) + str(district)


def test_a_later_rate_change_never_reprices_approved_work(service):
    approved_month(service)

    service.rate("SD-61", "99.00", "999.00", service.start)

    assert statement(service, "federation").get_json()["totals"]["amount"] == "54.00"


def test_finance_reads_only_its_own_payer(service):
    approved_month(service)

    assert statement(service, "district", service.token("finance", payer="federation")).status_code == 403
    assert statement(service, "district", service.token("coordinator")).status_code == 200
    assert statement(service, "district", service.token("payroll")).status_code == 403
    bad = service.client.get("/billing/statements", query_string={"payer": "union", "period": "2026-1"},
                             headers=service.token("coordinator"))
    assert bad.status_code == 422 and set(bad.get_json()["error"]["fields"]) == {"payer", "period"}


def test_a_district_finance_officer_sees_only_the_lines_of_their_districts(service):
    service.rate("SD-61", "50.00", "120.00", service.start)
    service.rate("SD-23", "40.00", "100.00", service.start)
    saanich = service.add_pairing(teacher={"district": "SD-61"})
    kelowna = service.add_pairing(teacher={"district": "SD-23"}, coach={"district": "SD-23"})
    for pairing in (saanich, kelowna):
        service.log(pairing, service.start, 60)
        service.sheet(pairing, "submit")
        assert service.sheet(pairing, "approve").status_code == 200

    def lines(**scope):
        body = statement(service, "district", service.token("finance", payer="district", **scope)).get_json()
        return {line["district"]: line["amount"] for line in body["lines"]}, body["totals"]["amount"]

    assert lines(districts=("SD-61",)) == ({"SD-61": "30.00"}, "30.00")
    assert lines(districts=("SD-23",)) == ({"SD-23": "24.00"}, "24.00")
    assert lines(districts=("SD-61", "SD-23")) == lines() == ({"SD-61": "30.00", "SD-23": "24.00"}, "54.00")


def test_rates_are_listed_by_date_and_validated(service):
    service.rate("SD-61", "50.00", "120.00", service.start)
    service.rate("SD-61", "55.00", "125.00", service.start + timedelta(days=30))
    service.rate("SD-61", "56.00", "126.00", service.start + timedelta(days=30))

    listed = service.client.get("/rates/SD-61", headers=service.token("payroll")).get_json()
    bad = service.client.put("/rates/SD-61", headers=service.token("coordinator"),
                             json={"hourly_rate": "12.345", "release_half_day_rate": "-1",
                                   "effective_from": "soon"})
    teacher = service.client.put("/rates/SD-61", headers=service.token("coach"), json={})

    assert [r["hourly_rate"] for r in listed] == ["50.00", "56.00"]
    assert bad.status_code == 422
    assert set(bad.get_json()["error"]["fields"]) == {"hourly_rate", "release_half_day_rate", "effective_from"}
    assert teacher.status_code == 403


def test_a_rate_too_large_to_have_cents_is_refused_naming_the_field(service):
    response = service.client.put("/rates/SD-61", headers=service.token("coordinator"), json={
        "hourly_rate": -1.7976931348623157e+308, "release_half_day_rate": "1E+40", "effective_from": "2026-01-01"})

    assert response.status_code == 422
    assert set(response.get_json()["error"]["fields"]) == {"hourly_rate", "release_half_day_rate"}


def test_the_district_statement_lists_each_release_day_with_its_ticket_and_account_code(service):
    service.rate("SD-61", "50.00", "120.00", service.start)
    pairing = service.add_pairing()
    booked = service.log(pairing, service.start + timedelta(days=2), 300, "release_day", ticket_number="HD-20417")
    service.log(pairing, service.start + timedelta(days=9), 120, "release_day")
    service.log(pairing, service.start + timedelta(days=5), 60)
    refused = service.log(pairing, service.start + timedelta(days=4), 60, "planning", ticket_number="HD-1")
    service.sheet(pairing, "submit")
    service.sheet(pairing, "approve")

    line = statement(service, "district").get_json()["lines"][0]

    assert booked.status_code == 201 and booked.get_json()["ticket_number"] == "HD-20417"
    assert refused.status_code == 422 and list(refused.get_json()["error"]["fields"]) == ["ticket_number"]
    assert line["account_code"] == "ACC-100" and line["release_bookings"] == [
        {"date": (service.start + timedelta(days=2)).isoformat(), "half_days": 2, "ticket_number": "HD-20417"},
        {"date": (service.start + timedelta(days=9)).isoformat(), "half_days": 1, "ticket_number": None}]
    assert "release_bookings" not in statement(service, "federation").get_json()["lines"][0]


def test_a_program_paid_at_its_own_rate_is_priced_with_it_and_the_others_with_the_districts(service):
    service.rate("SD-61", "50.00", "120.00", service.start)
    service.rate("SD-61", "38.00", "120.00", service.start + timedelta(days=5), program="voluntary_peer_coaching")
    voluntary = service.add_pairing(program="voluntary_peer_coaching")
    district = service.add_pairing()
    for pairing in (voluntary, district):
        service.log(pairing, service.start + timedelta(days=2), 60)  # before the voluntary rate began
        service.log(pairing, service.start + timedelta(days=8), 60)
        service.sheet(pairing, "submit")
        assert service.sheet(pairing, "approve").status_code == 200

    lines = {line["pairing_id"]: line for line in statement(service, "district").get_json()["lines"]}
    listed = service.client.get("/rates/SD-61", headers=service.token("coordinator")).get_json()
    unknown = service.client.put("/rates/SD-61", headers=service.token("coordinator"), json={
        "program": "chess_club", "hourly_rate": "1.00", "release_half_day_rate": "1.00",
        "effective_from": service.start.isoformat()})

    assert lines[voluntary["pairing_id"]]["coaching_amount"] == "52.80"  # (50.00 + 38.00) x 60% district
    assert lines[district["pairing_id"]]["coaching_amount"] == "60.00"
    assert [(r["program"], r["hourly_rate"]) for r in listed] == [(None, "50.00"), ("voluntary_peer_coaching", "38.00")]
    assert unknown.status_code == 422 and list(unknown.get_json()["error"]["fields"]) == ["program"]
