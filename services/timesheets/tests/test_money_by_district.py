"""Across districts and payers, what the statements bill is what the payroll CSVs pay, to the cent."""
import csv
import io
from collections import defaultdict
from datetime import timedelta
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

RATES = {"SD-61": "47.53", "SD-23": "52.10", "SD-5": "44.87"}  # the teacher's district sets the rate
DISTRICTS = tuple(RATES)
PAYERS = ("federation", "district")

entries = st.lists(st.tuples(st.integers(0, 27), st.integers(1, 400),
                             st.sampled_from(("planning", "observation", "debrief", "release_day"))),
                   min_size=1, max_size=4)
pairings = st.lists(st.tuples(st.sampled_from(DISTRICTS),
                              st.integers(0, 10_000).map(lambda basis: Decimal(basis) / 100), entries),
                    min_size=1, max_size=4)


def csv_sums(service) -> dict[tuple[str, str], Decimal]:
    """Each (payer, district)'s coaching pay over every batch of the month."""
    payroll = service.token("payroll")
    listed = service.client.get("/payroll/exports", query_string={"period": service.period, "page_size": 100},
                                headers=payroll).get_json()
    sums: dict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for batch in listed["items"]:
        body = service.client.get(f"/payroll/exports/{batch['batch_id']}.csv", headers=payroll).data.decode()
        for row in csv.DictReader(io.StringIO(body)):
            sums[row["payer"], row["district"]] += Decimal(row["payer_amount"])
    return sums


def billed(service, payer: str, district: str) -> Decimal:
    headers = service.token("finance", payer=payer, **({"districts": (district,)} if payer == "district" else {}))
    body = service.client.get("/billing/statements", query_string={"payer": payer, "period": service.period},
                              headers=headers).get_json()
    return sum((Decimal(line["coaching_amount"]) for line in body["lines"] if line["district"] == district),
               Decimal("0.00"))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pairings)
def test_statements_and_payroll_csvs_agree_per_district_and_payer(service, cases):
    for district, hourly in RATES.items():
        service.rate(district, hourly, "161.27", service.start)
    for district, federation_pct, logged in cases:  # every coach works for SD-61, whoever the teacher is
        pairing = service.add_pairing(teacher={"district": district},
                                      hours_approved="200.00", funding={
                                          "federation_pct": str(federation_pct),
                                          "district_pct": str(Decimal(100) - federation_pct)})
        for day, minutes, activity in logged:
            service.log(pairing, service.start + timedelta(days=day), minutes, activity)  # a rule may refuse some
        service.sheet(pairing, "submit")
        service.sheet(pairing, "approve")
    service.client.post("/payroll/exports", json={"period": service.period}, headers=service.token("payroll"))

    paid = csv_sums(service)

    for payer in PAYERS:
        for district in DISTRICTS:
            assert billed(service, payer, district) == paid.get((payer, district), Decimal("0.00")), (payer, district)
