#!/usr/bin/env python
"""The ranking of last quarter and its overdue drill-down, from the stored verdicts and with
the rule evaluated per request (the page as it was before verdicts were stored), alternated
request by request in one process so that both see the same load.

    .venv/bin/python benchmarks/ranking_stored.py 10000     # tasks (and as many reports)

A fresh database from benchmarks/web.py's loader; prints the first ranking's time (it
stores the quarter), then per mode and page the median and min of 9 requests and the
median as a multiple of the trivial view's.
"""

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
SIZE = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
sys.argv = [sys.argv[0], "--tasks", str(SIZE), "--reports", str(SIZE)]

# These time computing the ranking: kept pages (theodoi/core/pagecache.py) would answer
# every request after the first from the cache.
os.environ["PAGE_CACHE_URL"] = "dummycache://"
import web  # noqa: E402  (sets up Django on a fresh temporary database, as web.py does)
from _setup import fresh_database  # noqa: E402

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from theodoi.reports import selectors  # noqa: E402
from theodoi.tasks.models import PeriodVerdict  # noqa: E402
from theodoi.tasks.periods import period_containing  # noqa: E402


def timed(client: Client, url: str) -> float:
    started = time.perf_counter()
    assert client.get(url).status_code == 200, url
    return time.perf_counter() - started


def main() -> None:
    settings.ROOT_URLCONF = "web"
    today = timezone.localdate()
    stored = selectors.settle_period_verdicts
    with fresh_database(web.WORKDIR):
        user, _ = web.load(today)
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        quarter = period_containing("quarter", today).previous()
        pages = {"trivial": "/__bench__/trivial/", "ranking": f"/tong-hop/xep-hang/?period={quarter.key}",
                 "drill-down": f"/tong-hop/xep-hang/nhiem-vu/?period={quarter.key}&status=open_overdue"}
        first = timed(client, pages["ranking"])
        print(f"first ranking of {quarter.key} (stores it): {first * 1000:.0f} ms, "
              f"{PeriodVerdict.objects.count():,} rows")
        times: dict[tuple[str, str], list[float]] = {}
        for _ in range(9):
            for mode in ("stored", "rule"):
                selectors.settle_period_verdicts = stored if mode == "stored" else (lambda *a, **k: False)
                for name, url in pages.items():
                    times.setdefault((mode, name), []).append(timed(client, url))
        print("load average", " ".join(f"{x:.1f}" for x in os.getloadavg()))
        for (mode, name), values in sorted(times.items()):
            median, trivial = statistics.median(values), statistics.median(times[(mode, "trivial")])
            print(f"  {mode:6} {name:10} median {median * 1000:8.1f} ms  min {min(values) * 1000:7.1f} ms"
                  f"  {median / trivial:6.1f} × trivial")


if __name__ == "__main__":
    main()
