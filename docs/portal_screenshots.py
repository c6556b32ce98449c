"""Screenshots of the public portal for the README, from the demo data; rerunnable.

    .venv/bin/python docs/portal_screenshots.py            # builds a demo database in a temp folder
    .venv/bin/python docs/portal_screenshots.py --url http://127.0.0.1:8000   # an installation already running

Writes docs/screenshots/portal-home.png (1280 px wide), portal-home-mobile.png (390 px),
portal-programme.png and portal-task.png. Headless Debian Chromium through Playwright.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
PYTHON = sys.executable
CHROMIUM = os.environ.get("THEODOI_CHROMIUM", "/usr/bin/chromium")


def _demo_server(port: int, folder: Path) -> subprocess.Popen:
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}", "MEDIA_ROOT": str(folder / "media"),
           "DEBUG": "true"}
    for command in (["migrate", "-v0"], ["load_agencies", "-v0"], ["load_demo"]):
        subprocess.run([PYTHON, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    server = subprocess.Popen([PYTHON, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"], cwd=ROOT,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(60):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/cong-khai/", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise SystemExit("the demo server did not start")


def shoot_demo(shoot: Callable[[str], None], *, url: str | None, port: int) -> None:
    """`shoot(base_url)` against `url`, or against a demo server built for the purpose."""
    if url:
        shoot(url.rstrip("/"))
        return
    with tempfile.TemporaryDirectory() as folder:
        server = _demo_server(port, Path(folder))
        try:
            shoot(f"http://127.0.0.1:{port}")
        finally:
            server.terminate()
            server.wait()


def shoot(base: str) -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        desktop = browser.new_page(viewport={"width": 1280, "height": 900}, base_url=base)
        desktop.goto("/cong-khai/")
        desktop.screenshot(path=OUT / "portal-home.png", full_page=False)
        programme = desktop.locator(".programme h3 a").first.get_attribute("href")
        desktop.goto(programme)
        desktop.locator("#toan-van").scroll_into_view_if_needed()
        desktop.screenshot(path=OUT / "portal-programme.png", full_page=False)
        desktop.goto("/cong-khai/nhiem-vu/?q=ha+tang+giao+thong")
        desktop.locator("ol.tasks .title").first.click()
        desktop.screenshot(path=OUT / "portal-task.png", full_page=False)
        mobile = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=1, base_url=base,
                                  is_mobile=True, has_touch=True)
        mobile.goto("/cong-khai/")
        mobile.screenshot(path=OUT / "portal-home-mobile.png", full_page=False)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an installation already serving the demo")
    parser.add_argument("--port", type=int, default=8107)
    args = parser.parse_args()
    shoot_demo(shoot, url=args.url, port=args.port)
    print("written:", ", ".join(sorted(p.name for p in OUT.glob("portal-*.png"))))


if __name__ == "__main__":
    main()
