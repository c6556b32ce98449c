"""benchmarks/load.py, smaller: concurrent officers against the real server on a fresh database.

gunicorn is started as `make run` starts it, on a loopback port, against a new database of
the kind DATABASE_URL names (a temporary SQLite file by default; on PostgreSQL a database
created beside the test database and dropped afterwards). Real logins, real CSRF tokens,
one thread per user, the report POSTs released together.
"""

import os

from benchmarks.load import run


def test_concurrent_reports_are_each_saved_once_and_duplicates_refused():
    result = run(database_url=os.environ.get("DATABASE_URL"), distinct=6, same=6, dashboard=3, rounds=1,
                 extra_tasks=50, time_limit=240)
    problems = result.problems()
    assert not problems, "\n".join([result.summary(), *problems[:20], "server log:", result.server_log[-4000:]])
    # What the user saw, beyond the absence of errors: each distinct report confirmed, and on
    # the shared task one confirmation and five refusals that say why.
    assert sum(o.saved for o in result.distinct) == 6
    assert sum(o.saved for o in result.same) == 1
    assert all(o.refused and o.message for o in result.same if not o.saved)
    assert len(result.dashboard_seconds) == 3
