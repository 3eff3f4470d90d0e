"""Payroll batches: approved, not yet exported timesheets locked into one batch, and its CSV.

A batch can always be found again: batches are listed per period, newest first, and an export
carrying an `Idempotency-Key` already used answers with the batch that key made.
A timesheet belongs to at most one batch (`timesheets.batch_id`); rows another export is
taking are skipped (`FOR UPDATE SKIP LOCKED`), so concurrent exports never share one.
The batch's rows are stored as exported, so every download gives the same bytes.
Only coach pay is exported; release (substitute) time is billed to the district, not paid here.
"""
from __future__ import annotations

import csv
import io
import json
import uuid
from datetime import datetime, timezone
from decimal import Decimal
from itertools import islice
from typing import Iterator

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from peercoach.refusals import RuleBroken
from peercoach.spreadsheet import inert_row
from peercoach.web.paging import paged
from timesheets import costing, events, rules
from timesheets.models import BatchLine, Entry, PayrollBatch, Timesheet, outbox
from timesheets.money import PAYERS

FIRST_HEADER = ("batch_id", "employee_id", "coach_name", "period", "pairing_id", "program", "hours", "rate",
                "gross_amount", "payer", "payer_amount", "account_code")
HEADER = (*FIRST_HEADER, "district")
HEADERS = {1: FIRST_HEADER, 2: HEADER}  # a batch's layout -> its CSV columns
CHUNK = 5000


def export(session: Session, period: str, created_by: str | None = None,
           key: str | None = None) -> tuple[PayrollBatch, bool]:
    """The batch `key` made before (and False), or the period's new batch with its rows and
    `payroll.exported` (and True); refused (422 `nothing_to_export`) when nothing waits."""
    if key is not None:
        earlier = session.scalar(select(PayrollBatch).where(PayrollBatch.idempotency_key == key))
        if earlier is not None:
            return earlier, False
    return _create(session, period, created_by, key), True


def _create(session: Session, period: str, created_by: str | None, key: str | None) -> PayrollBatch:
    ids = list(session.scalars(select(Timesheet.id).where(
        Timesheet.period == period, Timesheet.status == "approved", Timesheet.batch_id.is_(None))
        .order_by(Timesheet.id).with_for_update(skip_locked=True)))
    if not ids:
        raise RuleBroken(f"No approved timesheets for {period} are waiting to be exported.", "nothing_to_export")
    batch = PayrollBatch(id=str(uuid.uuid4()), period=period, created_at=datetime.now(timezone.utc),
                         created_by=created_by, idempotency_key=key, layout=max(HEADERS))
    session.add(batch)
    session.flush()
    for start in range(0, len(ids), CHUNK):
        session.execute(update(Timesheet).where(Timesheet.id.in_(ids[start:start + CHUNK]))
                        .values(batch_id=batch.id))
    batch.rows, batch.gross_total = write_lines(session, batch)
    outbox.record(session, "payroll.exported", events.payroll_exported(batch, ids))
    return batch


def waiting(session: Session, period: str) -> dict:
    """What an export of `period` would take now: the approved, not yet exported timesheets (how many,
    their coaching hours) and each payer's total of the coach pay they would export."""
    waiting_now = (Timesheet.period == period, Timesheet.status == "approved", Timesheet.batch_id.is_(None))
    count, total_hours = session.execute(select(func.count(), func.coalesce(func.sum(Timesheet.hours), 0))
                                         .where(*waiting_now)).one()
    totals = dict.fromkeys(PAYERS, Decimal("0.00"))
    for row in session.execute(costing.lines_query(*waiting_now, Entry.activity != rules.RELEASE)):
        for payer, share in costing.price(row).shares.items():
            totals[payer] += share
    return {"period": period, "timesheets": count, "hours": Decimal(total_hours), "totals": totals}


def write_lines(session: Session, batch: PayrollBatch) -> tuple[int, Decimal]:
    query = costing.lines_query(Timesheet.batch_id == batch.id, Entry.activity != rules.RELEASE) \
        .add_columns(Timesheet.employee_id, Timesheet.coach_name)
    result = session.execute(query, execution_options={"yield_per": CHUNK})
    rows = (row for priced in result for row in _rows(batch, priced))
    count, gross = 0, Decimal(0)
    while chunk := list(islice(rows, CHUNK)):
        store(session, [{"line_no": count + i, **row} for i, row in enumerate(chunk)])
        count += len(chunk)
        gross += sum((r["payer_amount"] for r in chunk), Decimal(0))
    return count, gross


def store(session: Session, rows: list[dict]) -> None:
    """Insert batch rows: with COPY on PostgreSQL (fast for big batches), plain INSERTs elsewhere."""
    connection = session.connection()
    if connection.dialect.name != "postgresql":
        connection.execute(insert(BatchLine.__table__), rows)
        return
    columns = list(rows[0])
    with connection.connection.driver_connection.cursor() as cursor, \
            cursor.copy(f"COPY batch_lines ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[column] for column in columns])


def _rows(batch: PayrollBatch, priced) -> Iterator[dict]:
    line = costing.price(priced[:11])
    employee_id, coach_name = priced[11:]
    for payer, share in line.shares.items():
        yield {"batch_id": batch.id, "timesheet_id": line.timesheet_id, "employee_id": employee_id,
               "coach_name": coach_name, "period": batch.period, "pairing_id": line.pairing_id,
               "program": line.program, "hours": line.quantity, "rate": line.rate,
               "gross_amount": line.gross, "payer": payer, "payer_amount": share,
               "account_code": line.account_code, "district": line.district}


def lines(connection, batch: PayrollBatch):
    columns = [getattr(BatchLine, name) for name in HEADERS[batch.layout]]
    return connection.execution_options(yield_per=CHUNK).execute(
        select(*columns).where(BatchLine.batch_id == batch.id).order_by(BatchLine.line_no))


def csv_chunks(engine, batch: PayrollBatch) -> Iterator[bytes]:
    """The batch as CSV in the columns it was made with, a few thousand rows at a time; no cell runs
    as a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADERS[batch.layout])
    with engine.connect() as connection:
        for partition in lines(connection, batch).partitions():
            writer.writerows(map(inert_row, partition))
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()


def json_chunks(engine, batch: PayrollBatch, head: dict) -> Iterator[bytes]:
    """The batch as JSON (`head`'s fields, then `lines`), a few thousand lines at a time, so a big
    batch never sits whole in memory."""
    header = HEADERS[batch.layout]
    yield (json.dumps(head)[:-1] + (", " if head else "") + '"lines": [').encode()
    separator = ""
    with engine.connect() as connection:
        for partition in lines(connection, batch).partitions():
            text = ", ".join(json.dumps(dict(zip(header, map(str, row)))) for row in partition)
            yield (separator + text).encode()
            separator = ", "
    yield b"]}"


def listing(session: Session, period: str | None, page: int, page_size: int,
            payers: tuple[str, ...], districts: tuple[str, ...] = ()) -> dict:
    """Batches, newest first, each with its totals for `payers` (only `districts`' rows when given)."""
    where = [] if period is None else [PayrollBatch.period == period]
    found = paged(session, select(PayrollBatch).where(*where)
                  .order_by(PayrollBatch.created_at.desc(), PayrollBatch.id), page, page_size)
    totals = _payer_totals(session, [batch.id for batch in found["items"]], payers, districts)
    return {**found, "items": [{"batch": batch, "totals": totals.get(batch.id, {})} for batch in found["items"]]}


def _payer_totals(session: Session, batch_ids: list[str], payers: tuple[str, ...],
                  districts: tuple[str, ...]) -> dict[str, dict[str, Decimal]]:
    where = [BatchLine.batch_id.in_(batch_ids), BatchLine.payer.in_(payers)]
    if districts:
        where.append(BatchLine.district.in_(districts))
    totals: dict[str, dict[str, Decimal]] = {}
    for batch_id, payer, amount in session.execute(
            select(BatchLine.batch_id, BatchLine.payer, func.sum(BatchLine.payer_amount))
            .where(*where).group_by(BatchLine.batch_id, BatchLine.payer)):
        totals.setdefault(batch_id, {})[payer] = Decimal(amount).quantize(Decimal("0.01"))
    return totals
