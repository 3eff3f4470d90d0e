"""SQL errors never carry the bound values (names, emails, notes) into logs (issue 17, item 10)."""
import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from peercoach.db import Database

CONFIDENTIAL = "Ada Lovelace, struggling with classroom management"


@pytest.mark.parametrize("kind", ["postgresql", "sqlite"])
def test_a_failing_statement_reports_no_parameters(kind, database_url, tmp_path):
    db = Database(database_url("intake") if kind == "postgresql" else f"sqlite:///{tmp_path}/x.sqlite3")
    try:
        with pytest.raises(DBAPIError) as failure:
            with db.transaction() as session:
                session.execute(text("SELECT :note FROM no_such_table"), {"note": CONFIDENTIAL})
    finally:
        db.dispose()

    assert CONFIDENTIAL not in str(failure.value)
    assert "SQL parameters hidden" in str(failure.value)
