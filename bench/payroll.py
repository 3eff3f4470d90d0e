"""Payroll export of 1,000,000 time entries: the service's streaming CSV beside PostgreSQL's own COPY.

    TEST_DATABASE_URL=... .venv/bin/python bench/payroll.py [--coaches 100000]

Seeds a fresh PostgreSQL database with COPY: `--coaches` coaches with two pairings each and
enough entries per pairing to make 1,000,000 entries in one month, every timesheet approved
with its rates fixed. Then, in the same run:
- the export as `POST /payroll/exports` does it (`timesheets.payroll.export`: lock the approved
  timesheets, price the entries grouped per pairing, store the CSV rows);
- the CSV as `GET /payroll/exports/{id}.csv` streams it (`timesheets.payroll.csv_chunks`), once
  timed and once under tracemalloc for the peak Python memory;
- PostgreSQL's `COPY (SELECT ...) TO STDOUT WITH CSV HEADER` of the same rows, and of the raw entries.
Prints times, memory and the ratios. The database is dropped at the end.
"""
from __future__ import annotations

import argparse
import hashlib
import resource
import time
import tracemalloc
from datetime import date, datetime, timezone

import benchpath  # noqa: F401  (first: keeps bench/ off the import path)
import psycopg

from peercoach import migrations
from peercoach.db import Database
from peercoach.testing import infrastructure
from timesheets import payroll
from timesheets.app import SPEC

ENTRIES = 1_000_000
PERIOD = "2026-01"
ACTIVITIES = ("planning", "observation", "debrief", "team_teaching", "demonstration_lesson")


def seed(url: str, coaches: int) -> None:
    pairings = coaches * 2
    now = datetime.now(timezone.utc)
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        cursor.execute("INSERT INTO rates VALUES ('SD-61', '2025-09-01', 52.37, 131.10)")
        with cursor.copy("COPY pairings (id, coach_id, coach_employee_id, coach_name, coach_email, "
                         "coach_district, program, district, hours_approved, release_half_days, "
                         "federation_pct, district_pct, account_code, started_on) FROM STDIN") as copy:
            for p in range(pairings):
                c = p // 2
                copy.write_row((f"p{p:07d}", f"c{c:06d}", f"E{c:06d}", f"Coach {c}, Jr.", f"c{c}@example.org",
                                "SD-61", "district_coaching", "SD-61", 200, 4, (p % 3) * 25, 100 - (p % 3) * 25,
                                f"ACC-{p % 97}", date(2025, 9, 1)))
        with cursor.copy("COPY timesheets (id, coach_id, period, status, employee_id, coach_name, coach_email, "
                         "hours, submitted_at, decided_at) FROM STDIN") as copy:
            for c in range(coaches):
                copy.write_row((f"t{c:06d}", f"c{c:06d}", PERIOD, "approved", f"E{c:06d}", f"Coach {c}, Jr.",
                                f"c{c}@example.org", 0, now, now))
        with cursor.copy("COPY entries (id, pairing_id, coach_id, day, period, minutes, activity, note, rate, "
                         "created_at) FROM STDIN") as copy:
            for n in range(ENTRIES):
                p = n % pairings
                copy.write_row((f"e{n:07d}", f"p{p:07d}", f"c{p // 2:06d}", date(2026, 1, 1 + n % 28), PERIOD,
                                15 + n % 7 * 15, ACTIVITIES[n % 5], "private note", 52.37, now))
        cursor.execute("ANALYZE")


def drain(chunks) -> tuple[int, str]:
    digest, size = hashlib.sha256(), 0
    for chunk in chunks:
        digest.update(chunk)
        size += len(chunk)
    return size, digest.hexdigest()


def postgres_copy(url: str, query: str) -> tuple[float, int, str]:
    with psycopg.connect(url) as connection, connection.cursor() as cursor:
        started = time.perf_counter()
        with cursor.copy(f"COPY ({query}) TO STDOUT WITH (FORMAT csv, HEADER)") as copy:
            size, digest = drain(bytes(block) for block in copy)
        return time.perf_counter() - started, size, digest


def max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--coaches", type=int, default=100_000)
    args = parser.parse_args()
    databases = infrastructure.bench_databases("bench")
    try:
        url = databases.url(databases.create())
        migrations.upgrade(SPEC, url)
        plain_url = url.replace("postgresql+psycopg://", "postgresql://")
        started = time.perf_counter()
        seed(plain_url, args.coaches)
        seeded = time.perf_counter() - started
        db = Database(url)
        rss_before = max_rss_mb()

        started = time.perf_counter()
        with db.transaction() as session:
            batch, _ = payroll.export(session, PERIOD)
        built = time.perf_counter() - started
        rss_built = max_rss_mb()

        started = time.perf_counter()
        size, digest = drain(payroll.csv_chunks(db.engine, batch))
        streamed = time.perf_counter() - started
        rss_streamed = max_rss_mb()

        tracemalloc.start()
        again = drain(payroll.csv_chunks(db.engine, batch))
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        db.dispose()

        columns = ", ".join(payroll.HEADER)
        copied, copy_size, copy_digest = postgres_copy(
            plain_url, f"SELECT {columns} FROM batch_lines WHERE batch_id = '{batch.id}' ORDER BY line_no")
        raw, raw_size, _ = postgres_copy(plain_url, "SELECT id, pairing_id, coach_id, day, minutes, activity, "
                                                    "rate FROM entries ORDER BY id")
    finally:
        databases.drop_all()

    print(f"seeded {ENTRIES:,} entries ({args.coaches:,} coaches, {2 * args.coaches:,} pairings) "
          f"with COPY in {seeded:.1f}s")
    print(f"export batch (lock, price, store rows):    {built:7.2f}s  {batch.rows:,} CSV rows, "
          f"gross {batch.gross_total}; max RSS {rss_before:.0f} -> {rss_built:.0f} MB")
    print(f"service CSV stream (GET .../{{id}}.csv):      {streamed:7.2f}s  {size / 1e6:.1f} MB; "
          f"max RSS -> {rss_streamed:.0f} MB; tracemalloc peak {peak / 1e6:.1f} MB")
    print(f"PostgreSQL COPY (SELECT same rows) TO CSV:  {copied:7.2f}s  {copy_size / 1e6:.1f} MB")
    print(f"PostgreSQL COPY of the 1,000,000 entries:   {raw:7.2f}s  {raw_size / 1e6:.1f} MB")
    print(f"ratio stream / COPY same rows:              {streamed / copied:7.2f}x")
    print(f"ratio (export + stream) / COPY same rows:   {(built + streamed) / copied:7.2f}x")
    print(f"downloads identical: {again == (size, digest)}; service CSV == PostgreSQL CSV byte for byte: "
          f"{digest == copy_digest}")


if __name__ == "__main__":
    main()
