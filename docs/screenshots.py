#!/usr/bin/env python
"""Take the README's screenshots again: headless Chromium over the demo, in a fresh database.

    .venv/bin/python docs/screenshots.py [--port 8190] [--only phone-dashboard,desktop-dashboard]

Creates a temporary SQLite database, migrates it, loads the agency registry and the demo
(`load_demo`, as `make run` does), serves it with Django's development server on
127.0.0.1:PORT and writes `docs/screenshots/<name>.png`:

- phone (390 × 844): `phone-dashboard`, `phone-my-tasks`, `phone-task-report` (the report
  form of an overdue task), `phone-menu` (the menu opened);
- desktop: `desktop-dashboard` (1366 × 768), and at 1400 px wide `dashboard` (whole page),
  `task-list`, `task-detail`, `document`, `review`.

Needs Debian's chromium (`/usr/bin/chromium`, or THEODOI_CHROMIUM).
"""

import argparse
import json
import sys
from pathlib import Path

from _browser import OUT, ROOT, chromium, demo_site, log_in, manage


def prepare(env: dict[str, str]) -> dict:
    """The ids the shots need, from the demo database (one review started for them)."""
    script = """
import json
from django.contrib.auth import get_user_model
from theodoi.documents.models import Document
from theodoi.intake.services import intake_create
from theodoi.tasks import selectors
from theodoi.tasks.status import Status
officer = get_user_model().objects.get(username="ubnd")
office = get_user_model().objects.get(username="vanphong")
overdue = [t for t in selectors.my_tasks(user=officer) if t.status == Status.OPEN_OVERDUE]
continuous = [t for t in overdue if t.recurrence == "continuous"]
document = Document.objects.get(number="7/NQ-CP")
source = [t for t in selectors.task_list(user=office)[1].filter(document=document).order_by("pk")
          if t.source_start is not None and t.lead_agency_id]
intake = intake_create(actor=office, name="tbt-hai-phong-14-11-2024.txt",
                       data=open("data/demo/tbt-hai-phong-14-11-2024.txt", "rb").read())
print(json.dumps({"report_task": (continuous or overdue)[0].pk, "source_task": source[0].pk,
                  "document": document.pk, "intake": intake.pk}))
"""
    return json.loads(manage(env, "shell", "-c", script).strip().splitlines()[-1])


def shoot(base: str, ids: dict, only: set[str]) -> list[Path]:
    written: list[Path] = []

    def want(name: str) -> bool:
        return not only or name in only

    with chromium("--hide-scrollbars") as browser:

        def session(username: str, width: int, height: int, **options):
            context = browser.new_context(base_url=base, viewport={"width": width, "height": height},
                                          locale="vi-VN", **options)
            page = context.new_page()
            log_in(page, username)
            return context, page

        def save(page, name: str, **options) -> None:
            path = OUT / f"{name}.png"
            page.screenshot(path=str(path), **options)
            written.append(path)

        phone = {"is_mobile": True, "has_touch": True, "device_scale_factor": 1}
        context, page = session("ubnd", 390, 844, **phone)
        if want("phone-dashboard"):
            save(page, "phone-dashboard")
        if want("phone-menu"):
            page.get_by_role("button", name="Menu").click()
            save(page, "phone-menu")
        if want("phone-my-tasks"):
            page.goto("/viec-cua-toi/")
            save(page, "phone-my-tasks")
        if want("phone-task-report"):
            page.goto(f"/nhiem-vu/{ids['report_task']}/")
            page.locator("#bao-cao").scroll_into_view_if_needed()
            page.evaluate("document.getElementById('bao-cao').scrollIntoView({block: 'start'})")
            save(page, "phone-task-report")
        context.close()

        context, page = session("ubnd", 1366, 768)
        if want("desktop-dashboard"):
            save(page, "desktop-dashboard")
        context.close()

        context, page = session("vanphong", 1400, 950)
        if want("dashboard"):
            save(page, "dashboard", full_page=True)
        if want("task-list"):
            page.goto("/nhiem-vu/?q=ha+tang+giao+thong")
            save(page, "task-list")
        if want("task-detail"):
            page.goto(f"/nhiem-vu/{ids['source_task']}/")
            save(page, "task-detail")
        if want("document"):
            page.goto(f"/van-ban/{ids['document']}/")
            save(page, "document")
        if want("review"):
            page.goto(f"/van-ban/nhap/{ids['intake']}/")
            save(page, "review")
        context.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8190)
    parser.add_argument("--only", default="", help="comma-separated screenshot names")
    args = parser.parse_args()
    with demo_site(url=None, port=args.port) as site:
        ids = prepare(site.env)
        for path in shoot(site.base, ids, {n for n in args.only.split(",") if n}):
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    sys.exit(main())
