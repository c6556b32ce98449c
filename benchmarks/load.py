#!/usr/bin/env python
"""Concurrent users against the production server, on a fresh database.

    .venv/bin/python benchmarks/load.py [--database-url postgres://user:pw@127.0.0.1/db]
                                        [--distinct 50] [--same 50] [--dashboard 20]

Starts gunicorn exactly as `make run` does (deploy/gunicorn.conf.py) on a free loopback
port, against a fresh database: a temporary SQLite file, or with a PostgreSQL URL a new
database created beside the one named and dropped at the end. The database is migrated and
given the agency registry, one officer per report and the tasks they report on. Then, with
one thread per user, each logging in for real (login form, CSRF token, session cookie):

1. `--distinct` officers of as many agencies submit a progress report on their own task, all
   at the same moment (a barrier releases the POSTs together);
2. `--same` officers of one agency submit the same task's report for the same period at the
   same moment: one must be saved, the others refused with a message;
3. `--dashboard` office users load the dashboard at the same moment, `--rounds` times.

It prints every response by outcome, the reports in the database, and dashboard p50/p95,
and exits 1 if any request got a 5xx or failed, or a report was lost or saved twice.
Traffic goes to 127.0.0.1 only; every request has a timeout, and the run a time limit.
See benchmarks/README.md; tests/test_load.py runs a smaller version in `make test`.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GUNICORN_CONF = ROOT / "deploy" / "gunicorn.conf.py"
PASSWORD = "tai-thu-" + "mat-khau"  # every load-test user's password; the database is thrown away
NARRATIVE = "Báo cáo tải thử của {user}: đã triển khai các nội dung trong kỳ."
REQUEST_TIMEOUT = 120  # seconds, for any one request
HOST = "127.0.0.1"  # loopback only


# --- the fresh database --------------------------------------------------------------------

@contextmanager
def fresh_database(base_url: str | None, workdir: Path) -> Iterator[str]:
    """Yield the URL of a new, empty database; remove it afterwards.

    SQLite (or no URL): a file in `workdir`. PostgreSQL: a new database on the server of
    `base_url`, created through its maintenance database and dropped at the end, so the
    database named in the URL is never touched.
    """
    if not base_url or base_url.startswith("sqlite"):
        yield f"sqlite:///{workdir / 'load.sqlite3'}"
        return
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(base_url)
    name = f"theodoi_load_{os.getpid()}_{secrets.token_hex(3)}"

    def connect() -> psycopg.Connection:
        for maintenance in ("postgres", parts.path.lstrip("/")):
            try:
                url = urllib.parse.urlunsplit(parts._replace(scheme="postgresql", path="/" + maintenance))
                return psycopg.connect(url, autocommit=True, connect_timeout=10)
            except psycopg.OperationalError:
                continue
        raise RuntimeError(f"cannot connect to the PostgreSQL server of {parts.hostname}:{parts.port}")

    with connect() as conn:
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield urllib.parse.urlunsplit(parts._replace(path="/" + name))
    finally:
        with connect() as conn:
            conn.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name)))


def manage(database_url: str, *args: str, env: dict[str, str]) -> str:
    """Run this script's own database steps in a child process configured for that database."""
    result = subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), *args],
        cwd=ROOT, env=env | {"DATABASE_URL": database_url}, capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}")
    return result.stdout


def _django() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "theodoi.settings")
    import django

    django.setup()


def seed(distinct: int, same: int, dashboard: int, extra_tasks: int) -> dict:
    """Migrate, load the registry, and create the users and tasks of the run (child process)."""
    _django()
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command
    from django.db import transaction

    from theodoi.agencies.models import Agency, Membership
    from theodoi.agencies.services import registry_load
    from theodoi.core.roles import OFFICE, OFFICER, role_groups
    from theodoi.lib.text import search_key
    from theodoi.documents.models import Document
    from theodoi.tasks.models import Task

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)  # as `make run` does, into STATIC_ROOT
    registry_load(path=ROOT / "data" / "agencies.json")
    groups = role_groups()
    User = get_user_model()
    # One hash for everyone: hashing a password is deliberately slow, and it is the same one.
    password = make_password(PASSWORD)
    agencies = list(Agency.objects.filter(dissolved_on__isnull=True).order_by("name"))
    if len(agencies) < 2:
        raise RuntimeError("the registry has too few agencies")
    office_agency = Agency.objects.get(name="Văn phòng Ủy ban nhân dân thành phố Hải Phòng")
    candidates = [a for a in agencies if a != office_agency]
    same_agency, others = candidates[0], candidates[1:]

    with transaction.atomic():
        document = Document.objects.create(kind="chuong-trinh", number="99/CTr-TAITHU", title="Chương trình tải thử",
                                           text="Văn bản tải thử.", issuer=office_agency,
                                           issued_on=dt.date.today() - dt.timedelta(days=400))

        def task(title: str, lead: Agency) -> Task:
            return Task.objects.create(document=document, title=title, lead_agency=lead,
                                       due_on=dt.date.today() + dt.timedelta(days=90))

        def user(username: str, role: str, agency: Agency):
            created = User.objects.create(username=username, password=password, is_staff=role == OFFICE)
            created.groups.add(groups[role])
            Membership.objects.create(user=created, agency=agency)
            return created

        plan: dict = {"distinct": [], "same": {}, "office": []}
        for i in range(distinct):
            lead = others[i % len(others)]  # distinct agencies while the registry lasts
            t = task(f"Nhiệm vụ tải thử số {i + 1}", lead)
            plan["distinct"].append({"user": user(f"taithu-rieng-{i + 1}", OFFICER, lead).username, "task": t.pk})
        shared = task("Nhiệm vụ tải thử chung", same_agency)
        plan["same"] = {"task": shared.pk, "users": [user(f"taithu-chung-{j + 1}", OFFICER, same_agency).username
                                                     for j in range(same)]}
        plan["office"] = [user(f"taithu-vanphong-{k + 1}", OFFICE, office_agency).username for k in range(dashboard)]

        # Background tasks so that the dashboard counts something; bulk, as benchmarks/web.py does.
        rows = []
        for n in range(extra_tasks):
            title = f"Nhiệm vụ nền số {n + 1} về hạ tầng giao thông và chuyển đổi số"
            rows.append(Task(document=document, title=title, search_text=search_key(title),
                             lead_agency=agencies[n % len(agencies)],
                             due_on=dt.date.today() + dt.timedelta(days=(n % 720) - 360),
                             completed_on=dt.date.today() - dt.timedelta(days=5) if n % 3 == 0 else None))
        Task.objects.bulk_create(rows, batch_size=1000)
    return plan


def check_stored() -> list[str]:
    """The stored statuses and the dashboard's counts against a recount (child process)."""
    _django()
    from theodoi.tasks.counts import count_differences
    from theodoi.tasks.status import status_differences

    return [str(d) for d in status_differences()[0]] + [str(d) for d in count_differences()]


def count_reports(task_ids: list[int]) -> dict:
    """Each task's progress reports as stored (child process): agency, period, state, narrative."""
    _django()
    from theodoi.tasks.models import ProgressReport

    found: dict[str, list] = {str(t): [] for t in task_ids}
    for r in ProgressReport.objects.filter(task_id__in=task_ids).order_by("id"):
        found[str(r.task_id)].append({"agency": r.agency_id, "period": str(r.period_start), "state": r.state,
                                      "narrative": r.narrative})
    return found


# --- the server ----------------------------------------------------------------------------

def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def server_command(port: int) -> list[str]:
    """gunicorn as `make run` starts it (the project's configuration file), on a loopback port."""
    gunicorn = str(Path(sys.executable).with_name("gunicorn"))
    if GUNICORN_CONF.exists():
        return [gunicorn, "--config", str(GUNICORN_CONF), "--bind", f"{HOST}:{port}"]
    # Before deploy/gunicorn.conf.py existed: its settings, spelled out.
    return [gunicorn, "--bind", f"{HOST}:{port}", "--workers", str((os.cpu_count() or 1) * 2 + 1),
            "--timeout", "60", "theodoi.wsgi:application"]


@contextmanager
def serve(env: dict[str, str], log_path: Path) -> Iterator[str]:
    """Start the server on a free loopback port; yield its base URL; stop it."""
    port = free_port()
    log = log_path.open("wb")
    process = subprocess.Popen(server_command(port), cwd=ROOT, env=env | {"HOST": HOST, "PORT": str(port)},
                               stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the server stopped at start:\n{log_path.read_text(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(base + "/dang-nhap/", timeout=5) as response:
                    if response.status == 200:
                        break
            except (urllib.error.URLError, OSError):
                pass
            if time.monotonic() > deadline:
                raise RuntimeError(f"the server did not answer:\n{log_path.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)
        yield base
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)  # its own session: gunicorn and its workers
            try:
                process.wait(timeout=40)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        log.close()


# --- a browser -----------------------------------------------------------------------------

@dataclass
class Response:
    status: int
    body: str
    location: str = ""
    seconds: float = 0.0


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # the caller sees the 302 itself


CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
FLASH_RE = re.compile(r'<p class="flash (\w+)"[^>]*>(.*?)</p>', re.S)


class Browser:
    """One user's cookies and requests: what a browser sends, over plain HTTP to loopback."""

    sent = 0  # requests sent by all browsers, for the summary
    _count_lock = threading.Lock()

    def __init__(self, base: str) -> None:
        assert urllib.parse.urlsplit(base).hostname == HOST, "load tests talk to loopback only"
        self.base = base
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()), _NoRedirect)

    def request(self, path: str, data: dict | None = None) -> Response:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(self.base + path, data=body, headers={"Origin": self.base} if body else {})
        with Browser._count_lock:
            Browser.sent += 1
        started = time.perf_counter()
        try:
            with self.opener.open(request, timeout=REQUEST_TIMEOUT) as response:
                status, headers, content = response.status, response.headers, response.read()
        except urllib.error.HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            status, headers, content = error.code, error.headers, error.read()
        return Response(status, content.decode("utf-8", "replace"), headers.get("Location", ""),
                        time.perf_counter() - started)

    def get(self, path: str) -> Response:
        return self.request(path)

    def post(self, path: str, data: dict) -> Response:
        return self.request(path, data)

    def login(self, username: str) -> None:
        page = self.get("/dang-nhap/")
        response = self.post("/dang-nhap/", {"csrfmiddlewaretoken": csrf_token(page), "username": username,
                                             "password": PASSWORD})
        if response.status != 302:
            raise RuntimeError(f"login of {username}: HTTP {response.status} {flashes(response)}")


def csrf_token(response: Response) -> str:
    match = CSRF_RE.search(response.body)
    if not match:
        raise RuntimeError(f"no CSRF token in a page (HTTP {response.status})")
    return match.group(1)


def flashes(response: Response) -> list[tuple[str, str]]:
    """The messages a user sees on a page: (kind, text)."""
    return [(kind, html.unescape(re.sub(r"<[^>]+>", "", text)).strip()) for kind, text in FLASH_RE.findall(response.body)]


def report_form(response: Response) -> dict:
    """The progress-report form of a task page, filled as a user would (the period preselected)."""
    form = re.search(r'<form[^>]*action="[^"]*/bao-cao/"[^>]*>(.*?)</form>', response.body, re.S)
    if not form:
        raise RuntimeError(f"no report form on the task page (HTTP {response.status})")
    select = re.search(r'<select name="period"[^>]*>(.*?)</select>', form.group(1), re.S)
    options = re.findall(r'<option value="([^"]+)"( selected)?', select.group(1)) if select else []
    if not options:
        raise RuntimeError("no reporting period offered")
    period = next((value for value, selected in options if selected), options[0][0])
    return {"csrfmiddlewaretoken": csrf_token(Response(200, form.group(1))), "period": period}


# --- the run -------------------------------------------------------------------------------

@dataclass
class Outcome:
    """What one submission's user saw."""

    user: str
    task: int
    narrative: str
    status: int = 0
    saved: bool = False
    message: str = ""
    error: str = ""  # a failed request: connection refused, timeout, …
    seconds: float = 0.0

    @property
    def refused(self) -> bool:
        return not self.saved and not self.error and self.status < 500 and bool(self.message)


@dataclass
class Result:
    database: str
    distinct: list[Outcome] = field(default_factory=list)
    same: list[Outcome] = field(default_factory=list)
    reports: dict = field(default_factory=dict)
    dashboard_seconds: list[float] = field(default_factory=list)
    dashboard_alone_seconds: list[float] = field(default_factory=list)
    dashboard_errors: list[str] = field(default_factory=list)
    login_errors: list[str] = field(default_factory=list)
    same_task: int = 0
    server_log: str = ""
    # What `manage.py check_status` finds afterwards: stored statuses and the dashboard's
    # counts (tasks/counts.py) against a recount, after all those concurrent writes.
    differences: list[str] = field(default_factory=list)

    def server_errors(self) -> list[str]:
        failed = [f"{o.user}: HTTP {o.status} {o.error}" for o in self.distinct + self.same if o.error or o.status >= 500]
        return failed + self.dashboard_errors + self.login_errors

    def problems(self) -> list[str]:
        """Everything that makes the run fail; empty when it passes."""
        found = [f"5xx or failed request: {e}" for e in self.server_errors()]
        for o in self.distinct:
            stored = self.reports.get(str(o.task), [])
            if [r["narrative"] for r in stored] != [o.narrative]:
                found.append(f"distinct task {o.task}: {len(stored)} report(s) stored instead of {o.user}'s one")
            if not o.saved:
                found.append(f"{o.user} was not told the report was saved: HTTP {o.status} {o.message!r}")
        stored = self.reports.get(str(self.same_task), [])
        saved = [o for o in self.same if o.saved]
        if len(stored) != 1:
            found.append(f"same task: {len(stored)} reports stored instead of exactly one")
        if len(saved) != 1:
            found.append(f"same task: {len(saved)} users told their report was saved instead of one")
        elif stored and stored[0]["narrative"] != saved[0].narrative:
            found.append("same task: the stored report is not the one its user was told was saved")
        found += [f"same task, {o.user}: neither saved nor refused with a message (HTTP {o.status})"
                  for o in self.same if not o.saved and not o.refused and not o.error and o.status < 500]
        found += [f"after the run, stored and recomputed differ: {d}" for d in self.differences]
        return found

    def summary(self) -> str:
        def outcomes(group: list[Outcome]) -> str:
            counts = Counter("saved" if o.saved else "refused" if o.refused else f"HTTP {o.status} {o.error}".strip()
                             for o in group)
            return ", ".join(f"{n} {what}" for what, n in sorted(counts.items()))

        lines = [f"database: {self.database}",
                 f"distinct tasks: {len(self.distinct)} submissions: {outcomes(self.distinct)}; "
                 f"reports stored: {sum(len(self.reports.get(str(o.task), [])) for o in self.distinct)}",
                 f"same task and period: {len(self.same)} submissions: {outcomes(self.same)}; "
                 f"reports stored: {len(self.reports.get(str(self.same_task), []))}"]
        messages = Counter(o.message for o in self.same if o.refused)
        lines += [f"  refused with: {m!r} ×{n}" for m, n in messages.most_common(3)]
        for label, sample in (("report POSTs, distinct tasks", [o.seconds for o in self.distinct if o.seconds]),
                              ("report POSTs, same task", [o.seconds for o in self.same if o.seconds]),
                              ("dashboard alone", self.dashboard_alone_seconds),
                              ("dashboard, concurrent", self.dashboard_seconds)):
            if sample:
                lines.append(f"{label}: {len(sample)} requests, p50 {percentile(sample, 50) * 1000:.0f} ms, "
                             f"p95 {percentile(sample, 95) * 1000:.0f} ms, max {max(sample) * 1000:.0f} ms")
        return "\n".join(lines)


def percentile(sample: list[float], p: int) -> float:
    """Nearest-rank percentile (p50 of 20 loads is the 10th fastest, p95 the 19th)."""
    ordered = sorted(sample)
    return ordered[max(0, -(-len(ordered) * p // 100) - 1)]


def together(jobs: list[Callable[[threading.Barrier], None]], time_limit: float) -> None:
    """Run each job in its own thread; the jobs wait on a shared barrier before their request."""
    barrier = threading.Barrier(len(jobs), timeout=time_limit)
    threads = [threading.Thread(target=job, args=(barrier,), daemon=True) for job in jobs]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + time_limit
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    if any(thread.is_alive() for thread in threads):
        raise TimeoutError(f"the run took longer than {time_limit:.0f} s")


def submit_all(base: str, plan: list[tuple[str, int]], time_limit: float, result: Result) -> list[Outcome]:
    """Each (user, task): log in, open the task, then POST the report together with the others."""
    outcomes = [Outcome(user=user, task=task, narrative=NARRATIVE.format(user=user)) for user, task in plan]

    def job(outcome: Outcome) -> Callable[[threading.Barrier], None]:
        def run(barrier: threading.Barrier) -> None:
            browser = Browser(base)
            form: dict = {}
            try:
                browser.login(outcome.user)
                form = report_form(browser.get(f"/nhiem-vu/{outcome.task}/"))
            except Exception as exc:  # noqa: BLE001 - recorded and reported, the barrier must still be reached
                result.login_errors.append(f"{outcome.user}: {exc}")
            barrier.wait()
            if not form:
                outcome.error = "could not log in or open the task"
                return
            try:
                response = browser.post(f"/nhiem-vu/{outcome.task}/bao-cao/", form | {
                    "percent_complete": "40", "narrative": outcome.narrative, "submit": ""})
                outcome.status, outcome.seconds = response.status, response.seconds
                if response.status == 302:  # follow, as a browser does, to see the message
                    response = browser.get(urllib.parse.urlsplit(response.location).path)
                shown = flashes(response)
                outcome.saved = any(kind == "success" for kind, _ in shown)
                outcome.message = " ".join(text for kind, text in shown if kind == "error")
                if response.status >= 500:
                    outcome.status = response.status
            except Exception as exc:  # noqa: BLE001
                outcome.error = f"{type(exc).__name__}: {exc}"
        return run

    together([job(o) for o in outcomes], time_limit)
    return outcomes


def load_dashboards(base: str, users: list[str], rounds: int, time_limit: float, result: Result) -> None:
    """Each office user logs in; then every round, all load the dashboard at the same moment."""
    browsers = [Browser(base) for _ in users]
    for browser, user in zip(browsers, users):
        browser.login(user)
    for _ in range(3):  # alone, for comparison; the first also warms each worker's caches
        response = browsers[0].get("/")
        result.dashboard_alone_seconds.append(response.seconds)
    result.dashboard_alone_seconds = result.dashboard_alone_seconds[1:]
    lock = threading.Lock()

    def job(browser: Browser) -> Callable[[threading.Barrier], None]:
        def run(barrier: threading.Barrier) -> None:
            for _ in range(rounds):
                barrier.wait()
                try:
                    response = browser.get("/")
                    with lock:
                        if response.status != 200:
                            result.dashboard_errors.append(f"dashboard: HTTP {response.status}")
                        result.dashboard_seconds.append(response.seconds)
                except Exception as exc:  # noqa: BLE001
                    with lock:
                        result.dashboard_errors.append(f"dashboard: {type(exc).__name__}: {exc}")
        return run

    together([job(b) for b in browsers], time_limit)


def run(*, database_url: str | None = None, distinct: int = 50, same: int = 50, dashboard: int = 20,
        rounds: int = 5, extra_tasks: int = 2000, time_limit: float = 600) -> Result:
    """The whole run; the database and the server exist only inside it."""
    if min(distinct, same, dashboard) < 1 or max(distinct, same, dashboard) > 200 or rounds > 50:
        raise ValueError("bounded: 1 to 200 users per group, at most 50 dashboard rounds")
    workdir = Path(tempfile.mkdtemp(prefix="theodoi-load-"))
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"} | {
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "ALLOWED_HOSTS": f"{HOST},localhost",
        "WEB_CONCURRENCY": os.environ.get("WEB_CONCURRENCY", ""),
    }
    if not env["WEB_CONCURRENCY"]:
        del env["WEB_CONCURRENCY"]  # the configuration's own default, as `make run`
    try:
        with fresh_database(database_url, workdir) as url:
            result = Result(database=url.split("@")[-1])
            plan = json.loads(manage(url, "seed", str(distinct), str(same), str(dashboard), str(extra_tasks),
                                     env=env).splitlines()[-1])
            result.same_task = plan["same"]["task"]
            server_env = env | {"DATABASE_URL": url}
            try:
                with serve(server_env, workdir / "server.log") as base:
                    result.distinct = submit_all(base, [(d["user"], d["task"]) for d in plan["distinct"]],
                                                 time_limit, result)
                    result.same = submit_all(base, [(u, plan["same"]["task"]) for u in plan["same"]["users"]],
                                             time_limit, result)
                    load_dashboards(base, plan["office"], rounds, time_limit, result)
            finally:
                log = workdir / "server.log"
                result.server_log = log.read_text(errors="replace") if log.exists() else ""
            tasks = [d["task"] for d in plan["distinct"]] + [plan["same"]["task"]]
            result.reports = json.loads(manage(url, "count", *map(str, tasks), env=env).splitlines()[-1])
            result.differences = json.loads(manage(url, "check", env=env).splitlines()[-1])
        return result
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] in ("seed", "count", "check"):  # the child-process steps
        args = [int(a) for a in sys.argv[2:]]
        output = (seed(*args) if sys.argv[1] == "seed" else count_reports(args) if sys.argv[1] == "count"
                  else check_stored())
        print(json.dumps(output))
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=None,
                        help="a PostgreSQL server to use (a fresh database is made beside the one named); "
                             "default: a temporary SQLite file")
    parser.add_argument("--distinct", type=int, default=50, help="concurrent reports on distinct tasks")
    parser.add_argument("--same", type=int, default=50, help="concurrent reports on one task and period")
    parser.add_argument("--dashboard", type=int, default=20, help="concurrent dashboard loads")
    parser.add_argument("--rounds", type=int, default=5, help="rounds of concurrent dashboard loads")
    parser.add_argument("--extra-tasks", type=int, default=2000, help="other tasks in the database")
    parser.add_argument("--time-limit", type=float, default=600, help="seconds for each phase")
    args = parser.parse_args()
    started, load_before = time.monotonic(), os.getloadavg()
    result = run(database_url=args.database_url, distinct=args.distinct, same=args.same, dashboard=args.dashboard,
                 rounds=args.rounds, extra_tasks=args.extra_tasks, time_limit=args.time_limit)
    print(result.summary())
    print(f"requests sent: {Browser.sent}")
    command = " ".join(Path(a).name if a.startswith("/") else a for a in server_command(0))
    print(f"server: {command.replace(f'{HOST}:0', f'{HOST}:<free port>')}; {time.monotonic() - started:.0f} s in all; "
          f"load average before {load_before[0]:.1f}, after {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    problems = result.problems()
    for problem in problems[:30]:
        print("FAIL:", problem)
    if problems and result.server_log:
        errors = [line for line in result.server_log.splitlines() if "Error" in line or "error" in line]
        print("server log, errors:", *errors[-15:], sep="\n  ")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
