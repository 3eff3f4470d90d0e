"""Payroll batches: approved, not yet exported timesheets locked into one batch, and its CSV.

A timesheet belongs to at most one batch (`timesheets.batch_id`); rows another export is
taking are skipped (`FOR UPDATE SKIP LOCKED`), so concurrent exports never share one.
The batch's rows are stored as exported, so every download gives the same bytes.
Only coach pay is exported; release (substitute) time is billed to the district, not paid here.
"""
from __future__ import annotations

import csv
import io
import uuid
from datetime import datetime, timezone
from decimal import Decimal
from itertools import islice
from typing import Iterator

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from peercoach.refusals import RuleBroken
from timesheets import costing, events, rules
from timesheets.models import BatchLine, Entry, PayrollBatch, Timesheet, outbox

HEADER = ("batch_id", "employee_id", "coach_name", "period", "pairing_id", "program", "hours", "rate",
          "gross_amount", "payer", "payer_amount", "account_code")
CHUNK = 5000


def export(session: Session, period: str) -> PayrollBatch:
    """Create the period's batch with its rows and `payroll.exported`, or refuse (422 `nothing_to_export`)."""
    ids = list(session.scalars(select(Timesheet.id).where(
        Timesheet.period == period, Timesheet.status == "approved", Timesheet.batch_id.is_(None))
        .order_by(Timesheet.id).with_for_update(skip_locked=True)))
    if not ids:
        raise RuleBroken(f"No approved timesheets for {period} are waiting to be exported.", "nothing_to_export")
    batch = PayrollBatch(id=str(uuid.uuid4()), period=period, created_at=datetime.now(timezone.utc))
    session.add(batch)
    session.flush()
    for start in range(0, len(ids), CHUNK):
        session.execute(update(Timesheet).where(Timesheet.id.in_(ids[start:start + CHUNK]))
                        .values(batch_id=batch.id))
    batch.rows, batch.gross_total = write_lines(session, batch)
    outbox.record(session, "payroll.exported", events.payroll_exported(batch, ids))
    return batch


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
    line = costing.price(priced[:10])
    employee_id, coach_name = priced[10:]
    for payer, share in line.shares.items():
        yield {"batch_id": batch.id, "timesheet_id": line.timesheet_id, "employee_id": employee_id,
               "coach_name": coach_name, "period": batch.period, "pairing_id": line.pairing_id,
               "program": line.program, "hours": line.quantity, "rate": line.rate,
               "gross_amount": line.gross, "payer": payer, "payer_amount": share,
               "account_code": line.account_code}


def lines(connection, batch_id: str):
    columns = [getattr(BatchLine, name) for name in HEADER]
    return connection.execution_options(yield_per=CHUNK).execute(
        select(*columns).where(BatchLine.batch_id == batch_id).order_by(BatchLine.line_no))


def csv_chunks(engine, batch_id: str) -> Iterator[bytes]:
    """The batch as CSV, a few thousand rows at a time (memory stays bounded)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    with engine.connect() as connection:
        for partition in lines(connection, batch_id).partitions():
            writer.writerows(partition)
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue().encode()
