#!/usr/bin/env python
"""Response times of the main pages on a large, fresh database.

    .venv/bin/python benchmarks/web.py [--tasks 100000] [--reports 1000000]
                                       [--database-url postgres://user:pw@host/name]
                                       [--requests 15] [--profile]

Creates a fresh database (a temporary SQLite file by default; with --database-url, a new
database "test_<name>" on that server, dropped afterwards), migrates it, loads the agency
registry, bulk-loads tasks, coordinating agencies and progress reports, then serves
requests through Django's test Client in this process, logged in as an office user, and
prints the median time of each page and its ratio to a trivial view served the same way
(same middleware, session and login; no query of its own). See benchmarks/README.md.
"""

import argparse
import contextlib
import cProfile
import datetime as dt
import io
import pstats
import random
import statistics
import time
from collections.abc import Iterator

from _setup import ROOT, fresh_database, start_django


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tasks", type=int, default=100_000)
    parser.add_argument("--reports", type=int, default=1_000_000)
    parser.add_argument("--database-url", help="e.g. postgres://user:pw@localhost/theodoi "
                        "(a fresh database test_<name> is created next to it and dropped at the end)")
    parser.add_argument("--requests", type=int, default=15, help="timed requests per page (median)")
    parser.add_argument("--warmup", type=int, default=2, help="untimed requests per page first")
    parser.add_argument("--seed", type=int, default=20250110)
    parser.add_argument("--no-analyze", action="store_true",
                        help="do not run ANALYZE after loading (planner statistics)")
    parser.add_argument("--profile", action="store_true",
                        help="also print the SQL of each page with its time, and a cProfile summary")
    parser.add_argument("--keep", action="store_true", help="keep the temporary SQLite file")
    parser.add_argument("--reuse", action="store_true",
                        help="use the database of --database-url itself and keep it: load it if it holds no "
                             "task, else only migrate it and serve (a loaded database serves many runs)")
    parser.add_argument("--portal", action="store_true",
                        help="measure the public portal's pages (anonymous) instead of the staff pages")
    return parser.parse_args()


ARGS = parse_args()
WORKDIR = start_django(ARGS.database_url, prefix="theodoi-bench-", ALLOWED_HOSTS="localhost")

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.decorators import login_required  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import HttpResponse  # noqa: E402
from django.shortcuts import render  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils import timezone  # noqa: E402

from theodoi.agencies.models import Agency, Membership  # noqa: E402
from theodoi.agencies.services import registry_load  # noqa: E402
from theodoi.core.roles import OFFICE, OFFICER, role_groups  # noqa: E402
from theodoi.lib.text import search_key  # noqa: E402
from theodoi.documents.models import Document, DocumentKind  # noqa: E402
from theodoi.tasks.models import Assignment, Domain, ProgressReport, Recurrence, Task  # noqa: E402
from theodoi.tasks.periods import REPORTING_CADENCE, period_containing  # noqa: E402
from theodoi.tasks.status import settle_all  # noqa: E402


# A temporary URLconf: the whole app plus one trivial view, served through the same stack.
@login_required
def trivial(request):
    return HttpResponse("ok", content_type="text/plain")


# Context only, not the yardstick: an empty page in the staff layout (base.html, its
# context processors, menu and footer), what every staff page costs before its content.
@login_required
def staff_layout(request):
    return render(request, "base.html", {})


def trivial_public(request):
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("__bench__/trivial/", trivial), path("__bench__/trivial-public/", trivial_public),
               path("__bench__/staff-layout/", staff_layout),
               path("", include("theodoi.urls"))]

BATCH = 5_000
VERBS = ["Hoàn thiện", "Xây dựng", "Triển khai", "Rà soát", "Đẩy mạnh", "Nghiên cứu", "Tổ chức thực hiện",
         "Nâng cao", "Phát triển", "Đánh giá"]
OBJECTS = ["hạ tầng giao thông liên vùng", "chính quyền số", "cảng biển và logistics", "thủ tục hành chính",
           "quy hoạch đô thị", "nguồn nhân lực chất lượng cao", "khu công nghiệp", "an sinh xã hội",
           "môi trường biển", "chuyển đổi số doanh nghiệp", "thu hút đầu tư nước ngoài", "du lịch biển đảo",
           "y tế cơ sở", "giáo dục phổ thông", "an ninh trật tự", "nông nghiệp công nghệ cao"]
OUTPUTS = ["Kế hoạch", "Báo cáo", "Đề án", "Quyết định", "Nghị quyết HĐND", "Chương trình"]
RECURRENCES = [(Recurrence.ONCE, 70), (Recurrence.ANNUAL, 10), (Recurrence.QUARTERLY, 8),
               (Recurrence.MONTHLY, 5), (Recurrence.CONTINUOUS, 7)]


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def office_user():
    groups = role_groups()
    user = get_user_model().objects.create_user("bench-office", password="bench-office-pw",
                                                first_name="Văn phòng", is_staff=True)
    user.groups.add(groups[OFFICE])
    Membership.objects.create(user=user, agency=Agency.objects.get(
        name="Văn phòng Ủy ban nhân dân thành phố Hải Phòng"))
    return user


def load_documents(rng: random.Random, today: dt.date, count: int) -> list[Document]:
    issuers = list(Agency.objects.filter(dissolved_on__isnull=True).order_by("id"))
    kinds = [k for k in DocumentKind.values if k != DocumentKind.OTHER]
    documents = [
        Document(kind=kinds[i % len(kinds)], number=f"{i + 1}/BENCH-{2019 + i % 7}",
                 title=f"Văn bản chỉ đạo số {i + 1} về phát triển kinh tế - xã hội",
                 issuer=rng.choice(issuers), issued_on=today - dt.timedelta(days=rng.randint(60, 6 * 365)))
        for i in range(count)
    ]
    return Document.objects.bulk_create(documents)


def pick_recurrence(rng: random.Random) -> str:
    return rng.choices([r for r, _ in RECURRENCES], weights=[w for _, w in RECURRENCES])[0]


def load_tasks(rng: random.Random, today: dt.date, total: int, author) -> list[tuple]:
    """Bulk-create the tasks and their assignments; returns (id, lead, coordinating, recurrence, created)."""
    documents = load_documents(rng, today, max(10, total // 2_000))
    agencies = list(Agency.objects.filter(kind__in=["ministry", "ministry_level", "department",
                                                     "peoples_committee", "government_agency", "local"])
                    .order_by("id")) or list(Agency.objects.order_by("id"))
    # A few agencies lead most tasks, as in real programmes.
    lead_weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(agencies))]
    domains = Domain.values
    summary: list[tuple] = []
    per_document: dict[int, int] = {}
    for start in range(0, total, BATCH):
        tasks, plans = [], []
        for _ in range(start, min(total, start + BATCH)):
            document = documents[rng.randrange(len(documents))]
            per_document[document.pk] = per_document.get(document.pk, 0) + 1
            recurrence = pick_recurrence(rng)
            issued = document.issued_on
            due = issued + dt.timedelta(days=rng.randint(30, 1_600))
            if recurrence != Recurrence.ONCE and rng.random() < 0.5:
                due = None
            completed = None
            if recurrence == Recurrence.ONCE:
                if due < today and rng.random() < 0.6:
                    late = rng.random() < 0.3
                    completed = due + dt.timedelta(days=rng.randint(1, 120)) if late else \
                        due - dt.timedelta(days=rng.randint(0, 60))
                    completed = max(issued, min(completed, today))
                elif due >= today and rng.random() < 0.1:
                    completed = today - dt.timedelta(days=rng.randint(0, 30))
            title = f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} ({document.number}, mục {per_document[document.pk]})"
            description = f"Tập trung {rng.choice(OBJECTS)}; phối hợp với các sở, ngành liên quan."
            output = f"{rng.choice(OUTPUTS)} của {rng.choice(['UBND thành phố', 'các sở', 'Bộ'])}"
            lead = rng.choices(agencies, weights=lead_weights)[0]
            coordinating = rng.sample(agencies, rng.choice([0, 1, 1, 2, 2, 3]))
            coordinating = [a for a in coordinating if a.pk != lead.pk]
            tasks.append(Task(
                document=document, row_key=str(per_document[document.pk]), title=title,
                description=description, output=output, domain=rng.choice(domains), lead_agency=lead,
                deadline_text=f"{due:%d/%m/%Y}" if due else "Thường xuyên", due_on=due,
                recurrence=recurrence, completed_on=completed, published=rng.random() < 0.5,
                search_text=search_key(" ".join([title, description, output])), created_by=author,
            ))
            plans.append((lead.pk, [a.pk for a in coordinating], recurrence))
        with transaction.atomic():
            Task.objects.bulk_create(tasks, batch_size=1_000)
            if tasks[0].pk is None:  # a backend that cannot return ids from a bulk insert
                ids = list(Task.objects.order_by("-id").values_list("id", flat=True)[:len(tasks)])[::-1]
                for task, pk in zip(tasks, ids):
                    task.pk = pk
            Assignment.objects.bulk_create([
                Assignment(task_id=task.pk, agency_id=agency_id,
                           role=Assignment.Role.LEAD if rng.random() < 0.1 else Assignment.Role.COORDINATING)
                for task, (_, coordinating, _) in zip(tasks, plans) for agency_id in coordinating
            ], batch_size=1_000)
        summary += [(task.pk, lead, coordinating, recurrence, task.document.issued_on)
                    for task, (lead, coordinating, recurrence) in zip(tasks, plans)]
    # Tasks were assigned when their document was issued (the status rules look at this).
    with transaction.atomic():
        for document in documents:
            issued = timezone.make_aware(dt.datetime.combine(document.issued_on, dt.time(8)))
            Task.objects.filter(document=document).update(created_at=issued)
    return summary


_PERIODS: dict[tuple, list] = {}


def period_list(kind: str, since: dt.date, today: dt.date, limit: int) -> list:
    """Up to `limit` periods of `kind`, newest first, from today's back to the one containing `since`."""
    key = (kind, since, today, limit)
    if key not in _PERIODS:
        periods = [period_containing(kind, today)]
        while len(periods) < limit and periods[-1].start > since:
            periods.append(periods[-1].previous())
        _PERIODS[key] = periods
    return _PERIODS[key]


def load_reports(rng: random.Random, today: dt.date, total: int, tasks: list[tuple], author) -> int:
    """Bulk-create `total` reports: each task's agencies report period after period, newest first."""
    now = timezone.now()
    states = ProgressReport.State
    # How many reports each task gets: about total/len(tasks), capped by the periods it has existed.
    mean = total / max(1, len(tasks))
    plan = []
    for pk, lead, coordinating, recurrence, created in tasks:
        kind = REPORTING_CADENCE[recurrence]
        agencies = [lead, *coordinating]
        periods = period_list(kind, created, today, 200)
        capacity = len(periods) * len(agencies)
        plan.append([pk, agencies, periods, min(capacity, rng.randint(0, int(2 * mean))), capacity])
    missing = total - sum(p[3] for p in plan)
    while missing:
        open_plans = [p for p in plan if (p[3] < p[4] if missing > 0 else p[3] > 0)]
        if not open_plans:
            break
        for p in rng.sample(open_plans, min(len(open_plans), abs(missing))):
            p[3] += 1 if missing > 0 else -1
            missing += -1 if missing > 0 else 1

    made, batch = 0, []

    def flush() -> None:
        nonlocal batch
        with transaction.atomic():
            ProgressReport.objects.bulk_create(batch, batch_size=1_000)
        batch = []

    for pk, agencies, periods, count, _ in plan:
        for j in range(count):
            period = periods[j % len(periods)]
            agency = agencies[j // len(periods)]
            newest = period.end >= today
            if newest:
                state = rng.choices([states.SUBMITTED, states.DRAFT, states.RETURNED, states.ACCEPTED],
                                    weights=[45, 10, 5, 40])[0]
                submitted = now - dt.timedelta(hours=rng.randint(1, 24 * 20))
            else:
                state = states.ACCEPTED if rng.random() < 0.95 else states.RETURNED
                submitted = timezone.make_aware(dt.datetime.combine(period.end, dt.time(9))) + \
                    dt.timedelta(days=rng.randint(-10, 20))
                submitted = min(submitted, now)
            batch.append(ProgressReport(
                task_id=pk, agency_id=agency, author=author, period_start=period.start, period_end=period.end,
                percent_complete=max(0, 100 - 10 * (j % len(periods)) - rng.randint(0, 20)),
                narrative="Đã triển khai các nội dung theo kế hoạch; kết quả cụ thể như sau.",
                state=state, submitted_at=None if state == states.DRAFT else submitted,
                reviewed_by=author if state in (states.ACCEPTED, states.RETURNED) else None,
                reviewed_at=submitted if state in (states.ACCEPTED, states.RETURNED) else None,
                return_reason="Bổ sung số liệu." if state == states.RETURNED else "",
            ))
            made += 1
            if len(batch) >= 20_000:
                flush()
                if made % 200_000 == 0:
                    log(f"  {made:,} reports")
    if batch:
        flush()
    return made


def load(today: dt.date) -> object:
    rng = random.Random(ARGS.seed)
    started = time.perf_counter()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:  # loading only; serving uses the app's own settings
            cursor.execute("PRAGMA synchronous = OFF")
    registry = registry_load(path=ROOT / "data" / "agencies.json")
    log(f"registry: {registry}")
    author = office_user()
    tasks = load_tasks(rng, today, ARGS.tasks, author)
    log(f"{len(tasks):,} tasks, {Assignment.objects.count():,} assignments "
        f"({time.perf_counter() - started:.0f} s)")
    made = load_reports(rng, today, ARGS.reports, tasks, author)
    log(f"{made:,} reports ({time.perf_counter() - started:.0f} s)")
    # The bulk load bypassed the services, so nothing is settled yet: do what
    # `manage.py settle_status --all` does after a load by hand.
    settling = time.perf_counter()
    settle_all(today=today)
    log(f"statuses settled in {time.perf_counter() - settling:.0f} s ({time.perf_counter() - started:.0f} s)")
    if not ARGS.no_analyze:
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        log(f"ANALYZE done ({time.perf_counter() - started:.0f} s)")
    officer = officer_of_busiest_agency()
    connection.close()  # serve from a fresh connection with the app's settings
    return author, officer


def officer_of_busiest_agency():
    """An officer of the agency that leads the most tasks: the longest "Việc của tôi"."""
    from django.db.models import Count

    busiest = (Task.objects.values("lead_agency").annotate(n=Count("id")).order_by("-n").first())
    user = get_user_model().objects.create_user("bench-officer", password="bench-officer-pw")
    user.groups.add(role_groups()[OFFICER])
    Membership.objects.create(user=user, agency_id=busiest["lead_agency"])
    log(f"officer of agency {busiest['lead_agency']}, which leads {busiest['n']:,} tasks")
    return user


def publish_for_portal() -> int:
    """Publish every document (about half of the tasks are published by the load) and give
    the one with the most public tasks a text in which each of its tasks has its span, as a
    programme has. Returns that document's id."""
    from django.db.models import Count

    Document.objects.update(published=True)
    biggest = (Task.objects.filter(published=True).values("document").annotate(n=Count("id")).order_by("-n").first())
    tasks = list(Task.objects.filter(document_id=biggest["document"]).order_by("id"))
    parts, position = [], 0
    for task in tasks:
        sentence = f"{task.title}. "
        task.source_start, task.source_end = position, position + len(task.title)
        parts.append(sentence)
        position += len(sentence)
    with transaction.atomic():
        Document.objects.filter(pk=biggest["document"]).update(text="".join(parts))
        Task.objects.bulk_update(tasks, ["source_start", "source_end"], batch_size=1_000)
    if not ARGS.no_analyze:
        # Every document just became public: without fresh statistics PostgreSQL's planner
        # still believes none is and loops over them (a server's autovacuum would analyze).
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    log(f"programme {biggest['document']}: {len(tasks):,} tasks, {biggest['n']:,} public")
    return biggest["document"]


@contextlib.contextmanager
def reused_database() -> Iterator[None]:
    """The database of --database-url as it is, migrated, never dropped."""
    from django.core.management import call_command

    if not ARGS.database_url:
        raise SystemExit("--reuse needs --database-url (sqlite:////path/file.sqlite3 or postgres://…)")
    call_command("migrate", verbosity=0)
    yield
    connection.close()


def loaded_users():
    """The office user and the officer that an earlier run's load made."""
    users = get_user_model().objects
    log(f"reusing the loaded database: {Task.objects.count():,} tasks")
    return users.get(username="bench-office"), users.get(username="bench-officer")


def timed(client: Client, url: str) -> tuple[float, int, object]:
    started = time.perf_counter()
    cpu_started = time.thread_time()
    response = client.get(url)
    elapsed = time.perf_counter() - started
    CPU_TIMES.setdefault(url, []).append(time.thread_time() - cpu_started)
    if response.status_code != 200:
        raise SystemExit(f"GET {url} answered {response.status_code}")
    return elapsed, len(response.content), response


# This process's CPU time per request, by URL: on a machine shared with other work the wall
# time swings with the load, the CPU time much less (on SQLite it includes the database's
# work, done in this process; on PostgreSQL the server's is not in it).
CPU_TIMES: dict[str, list[float]] = {}


def write_something(i: int) -> None:
    """A small real write through the ORM, committed: one task's description changes (the
    data version with it), as when an officer edits a task between two page loads."""
    task = Task.objects.order_by("pk").values_list("pk", flat=True).first()
    Task.objects.filter(pk=task).update(description=f"Tập trung triển khai; cập nhật lần {i}.")


PASSWORDS = {"bench-office": "bench-office-pw", "bench-officer": "bench-officer-pw"}


def log_in(username: str) -> None:
    """A login through the site's login page, in a browser of its own: Django stamps the
    user's `last_login`, which must leave the kept pages warm (core/dataversion.py)."""
    response = Client(HTTP_HOST="localhost").post("/dang-nhap/", {"username": username,
                                                                 "password": PASSWORDS[username]})
    if response.status_code != 302:
        raise SystemExit(f"login of {username} answered {response.status_code}")


def profile_page(client: Client, name: str, url: str) -> None:
    print(f"\n--- {name}: {url}")
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    for query in sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:8]:
        print(f"  {float(query['time']):8.3f} s  {query['sql'][:300]}")
    profiler = cProfile.Profile()
    profiler.enable()
    client.get(url)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(18)
    print("\n".join(line for line in out.getvalue().splitlines() if line.strip())[:4_000])


def main() -> None:
    settings.ROOT_URLCONF = __name__
    today = timezone.localdate()
    log(f"database: {connection.vendor} ({'temporary file ' + str(WORKDIR) if not ARGS.database_url else 'server'})")
    with (reused_database() if ARGS.reuse else fresh_database(WORKDIR, keep=ARGS.keep)):
        user, officer = loaded_users() if ARGS.reuse and Task.objects.exists() else load(today)
        client = Client(HTTP_HOST="localhost")
        client.force_login(user)
        officer_client = Client(HTTP_HOST="localhost")
        officer_client.force_login(officer)
        if ARGS.portal:
            programme = publish_for_portal()
            client = Client(HTTP_HOST="localhost")  # anonymous, as the public is
        pages = [
            ("trivial view, anonymous (reference)", "/__bench__/trivial-public/"),
            ("portal home", "/cong-khai/"),
            ("portal programme page", f"/cong-khai/chuong-trinh/{programme}/"),
            ("portal task list, first page", "/cong-khai/nhiem-vu/"),
            ("portal search without diacritics", "/cong-khai/nhiem-vu/?q=ha+tang+giao+thong"),
        ] if ARGS.portal else [
            ("trivial view (reference)", "/__bench__/trivial/"),
            ("login page (GET, logged in)", "/dang-nhap/"),
            ("empty staff page (layout only; context)", "/__bench__/staff-layout/"),
            ("dashboard", "/"),
            ("task list, first page", "/nhiem-vu/"),
            ("task list, status=open_overdue", "/nhiem-vu/?status=open_overdue"),
            ("task list, search without diacritics", "/nhiem-vu/?q=ha+tang+giao+thong"),
            ("Việc của tôi (officer)", "/viec-cua-toi/"),
        ]
        results = []
        for name, url in pages:
            who = officer_client if url == "/viec-cua-toi/" else client
            for _ in range(ARGS.warmup):
                timed(who, url)
            with CaptureQueriesContext(connection) as queries:
                _, size, _ = timed(who, url)
            nqueries = len(queries)  # now: the next request empties the query log
            CPU_TIMES[url] = []
            times = [timed(who, url)[0] for _ in range(ARGS.requests)]
            cpu = statistics.median(CPU_TIMES[url])
            # The first request after a write: the staff pages' content is kept per version of
            # the data (theodoi/core/pagecache.py), so the warm figures above are requests that
            # find it; each of these follows a real write (committed, not timed) and computes it.
            CPU_TIMES[url] = []
            cold = []
            for i in range(ARGS.requests):
                write_something(i)
                cold.append(timed(who, url)[0])
            cold_cpu = statistics.median(CPU_TIMES[url])
            # The first request after a login (not timed), in turn by the page's own user on
            # another device and by the other user: it should find the content kept.
            CPU_TIMES[url] = []
            timed(who, url)  # kept again after the last write
            after_login, login_queries = [], []
            for i in range(ARGS.requests):
                users = ["bench-officer", "bench-office"] if who is officer_client else ["bench-office", "bench-officer"]
                log_in(users[i % 2])
                with CaptureQueriesContext(connection) as queries:
                    after_login.append(timed(who, url)[0])
                login_queries.append(len(queries))  # as many as warm: the content was found kept
            results.append((name, url, statistics.median(times), min(times), max(times), nqueries, size,
                            cpu, statistics.median(cold), cold_cpu, statistics.median(after_login),
                            statistics.median(CPU_TIMES[url]), max(login_queries)))
            log(f"measured {name}")
        reference = results[0][2]
        print()
        print(f"theodoi web benchmark: {Task.objects.count():,} tasks, {ProgressReport.objects.count():,} "
              f"progress reports, {Assignment.objects.count():,} assignments; {connection.vendor}; "
              f"median of {ARGS.requests} requests after {ARGS.warmup} warm-up")
        cpu_reference = results[0][7]
        print(f"{'page':38} {'median':>10} {'min':>10} {'max':>10} {'× trivial':>10} {'queries':>8} {'KiB':>7} "
              f"{'CPU median':>11} {'CPU ×':>6} {'after write':>12} {'×':>6} {'CPU ×':>6} {'after login':>12} {'×':>6}"
              f" {'CPU ×':>6} {'queries':>8}")
        for name, url, median, low, high, nqueries, size, cpu, cold, cold_cpu, login, login_cpu, login_queries in results:
            print(f"{name:38} {median * 1000:8.1f}ms {low * 1000:8.1f}ms {high * 1000:8.1f}ms "
                  f"{median / reference:10.1f} {nqueries:8d} {size / 1024:7.0f} {cpu * 1000:9.1f}ms {cpu / cpu_reference:6.1f}"
                  f" {cold * 1000:10.1f}ms {cold / reference:6.1f} {cold_cpu / cpu_reference:6.1f}"
                  f" {login * 1000:10.1f}ms {login / reference:6.1f} {login_cpu / cpu_reference:6.1f} {login_queries:8d}")
        print("(median, min, max, queries: requests that find the page's content kept; 'after write': the first "
              "request after a committed write, which computes it; 'after login': the first request after a "
              "login through the login page, which should find it kept: its queries, the most of any, as warm)")
        if ARGS.profile:
            for name, url, *_ in results[1 if ARGS.portal else 2:]:
                profile_page(officer_client if url == "/viec-cua-toi/" else client, name, url)


if __name__ == "__main__":
    main()
