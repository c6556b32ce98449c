#!/usr/bin/env python
"""The official report for 1,000 tasks, and the agencies' ranking page on a large database.

    .venv/bin/python benchmarks/report.py [--tasks 100000] [--reports 1000000] [--report-tasks 1000]
                                          [--database-url postgres://…] [--requests 15]

Builds the same fresh database as benchmarks/web.py (its loader, same options and seed),
adds one document with --report-tasks tasks (half with an accepted report for the period),
then times `theodoi report` for that document as DOCX and as PDF (median of --runs, in this
process, after one untimed run) and the ranking page (quarter and year) against the trivial
view, like web.py. See benchmarks/README.md.
"""

import argparse
import datetime as dt
import statistics
import os
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

own = argparse.ArgumentParser(add_help=False)
own.add_argument("--report-tasks", type=int, default=1_000)
own.add_argument("--runs", type=int, default=5)
ARGS, rest = own.parse_known_args()
sys.argv = [sys.argv[0], *rest]  # the rest are web.py's options (--tasks, --reports, --database-url, …)

# These time computing the ranking: kept pages (theodoi/core/pagecache.py) would answer
# every request after the first from the cache.
os.environ["PAGE_CACHE_URL"] = "dummycache://"
import web  # noqa: E402  (sets up Django on a fresh temporary database, as web.py does)
from _setup import fresh_database  # noqa: E402

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from theodoi.agencies.models import Agency  # noqa: E402
from theodoi.documents.models import Document  # noqa: E402
from theodoi.lib.text import search_key  # noqa: E402
from theodoi.reports.files import build_report  # noqa: E402
from theodoi.tasks.models import Domain, ProgressReport, Task  # noqa: E402
from theodoi.tasks.periods import period_containing  # noqa: E402
from theodoi.tasks.status import settle_all  # noqa: E402


def report_document(today: dt.date, count: int, author) -> Document:
    """A programme of `count` one-off tasks over two years; half reported last quarter."""
    quarter = period_containing("quarter", today).previous()
    agencies = list(Agency.objects.filter(dissolved_on__isnull=True, kind="department").order_by("id"))
    document = Document.objects.create(kind="ke-hoach", number="99/KH-BENCH", issued_on=today - dt.timedelta(days=400),
                                       title="Kế hoạch thực hiện chương trình hành động (đo thời gian)")
    domains = Domain.values
    tasks = []
    for i in range(count):
        due = today - dt.timedelta(days=365) + dt.timedelta(days=i * 730 // count)
        title = f"{web.VERBS[i % len(web.VERBS)]} {web.OBJECTS[i % len(web.OBJECTS)]} (mục {i + 1})"
        tasks.append(Task(document=document, row_key=f"{'IVX'[i % 3]}.{i + 1}", title=title, domain=domains[i % 12],
                          lead_agency=agencies[i % len(agencies)], deadline_text=f"{due:%d/%m/%Y}", due_on=due,
                          completed_on=due - dt.timedelta(days=3) if i % 3 == 0 and due < today else None,
                          output="Kế hoạch", search_text=search_key(title), created_by=author))
    with transaction.atomic():
        Task.objects.bulk_create(tasks, batch_size=1_000)
        ids = list(Task.objects.filter(document=document).values_list("id", "lead_agency_id"))
        ProgressReport.objects.bulk_create([
            ProgressReport(task_id=pk, agency_id=lead, author=author, period_start=quarter.start,
                           period_end=quarter.end, percent_complete=50 + pk % 50, state=ProgressReport.State.ACCEPTED,
                           narrative="Đã hoàn thành các nội dung chính; đang hoàn thiện hồ sơ trình cấp có thẩm quyền.",
                           submitted_at=timezone.now())
            for pk, lead in ids[::2]], batch_size=1_000)
    settle_all(today=today)
    return document


def main() -> None:
    settings.ROOT_URLCONF = "web"
    today = timezone.localdate()
    with fresh_database(web.WORKDIR):
        user, _ = web.load(today)
        document = report_document(today, ARGS.report_tasks, user)
        period = period_containing("quarter", today).previous()
        results = []
        for kind in ("docx", "pdf"):
            build_report(user=user, document=document, period=period, kind=kind)  # untimed: imports, fonts
            times, size = [], 0
            for _ in range(ARGS.runs):
                started = time.perf_counter()
                size = len(build_report(user=user, document=document, period=period, kind=kind))
                times.append(time.perf_counter() - started)
            results.append((kind, statistics.median(times), min(times), max(times), size))
            web.log(f"measured the {kind} report")

        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        pages = [("trivial view (reference)", "/__bench__/trivial/"),
                 ("ranking, last quarter", f"/tong-hop/xep-hang/?period={period.key}"),
                 ("ranking, this year", f"/tong-hop/xep-hang/?period={today.year}"),
                 ("ranking drill-down (overdue)", f"/tong-hop/xep-hang/nhiem-vu/?period={period.key}&status=open_overdue")]
        measured = []
        for name, url in pages:
            for _ in range(web.ARGS.warmup):
                web.timed(client, url)
            times = [web.timed(client, url)[0] for _ in range(web.ARGS.requests)]
            measured.append((name, statistics.median(times), min(times), max(times)))
        reference = measured[0][1]
        print()
        print(f"official report: {Task.objects.filter(document=document).count():,} tasks; {connection.vendor}; "
              f"median of {ARGS.runs} runs after one untimed")
        for kind, median, low, high, size in results:
            print(f"  {kind:5} {median:6.2f} s (min {low:.2f}, max {high:.2f}), {size / 1024:,.0f} KiB")
        print(f"ranking: {Task.objects.count():,} tasks, {ProgressReport.objects.count():,} reports; "
              f"median of {web.ARGS.requests} requests after {web.ARGS.warmup} warm-up")
        for name, median, low, high in measured:
            print(f"  {name:32} {median * 1000:8.1f} ms (min {low * 1000:.1f}, max {high * 1000:.1f})"
                  f"  {median / reference:6.1f} × trivial")


if __name__ == "__main__":
    main()
