"""What the README's screenshot scripts share: the demo served on a fresh database, the
headless Chromium that photographs it, the login, and the command line.

Each script in docs/ imports this module (Python puts the script's own folder first on the
import path). The browser is the end-to-end tests' (tests/e2e/chromium.py).
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "screenshots"
sys.path.insert(0, str(ROOT))  # the browser is the end-to-end tests' own (same binary, same switches)
from tests.e2e.chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
PASSWORD = "theodoi-demo"  # every demo user's (theodoi.demo.loader.DEMO_PASSWORD)


def run(shoot: Callable[[str], None], doc: str, *, port: int, written: list[str]) -> None:
    """A script's command line: `shoot(base_url)` against --url, an installation already
    serving the demo, or else against a fresh demo served on --port; then say what it wrote."""
    parser = argparse.ArgumentParser(description=doc.split("\n\n")[0])
    parser.add_argument("--url", help="an installation already serving the demo (default: a fresh demo database)")
    parser.add_argument("--port", type=int, default=port, help="where the fresh demo is served, on 127.0.0.1")
    args = parser.parse_args()
    with demo_site(url=args.url, port=args.port) as site:
        shoot(site.base)
    print("written:", ", ".join(written))


def manage(env: dict[str, str], *args: str) -> str:
    """Run `manage.py` with `env`; its standard output."""
    return subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True).stdout


@dataclass
class Site:
    base: str  # the base URL, without a trailing slash
    env: dict[str, str] = field(default_factory=dict)  # the fresh demo's environment (empty for --url)


@contextmanager
def demo_site(*, url: str | None, port: int) -> Iterator[Site]:
    """`url` as given; or a temporary SQLite database, migrated with the agency registry and
    the demo loaded (as `make run` does), served on 127.0.0.1:`port` while the block runs."""
    if url:
        yield Site(url.rstrip("/"))
        return
    with tempfile.TemporaryDirectory(prefix="theodoi-shots-") as folder:
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{Path(folder) / 'demo.sqlite3'}",
               "MEDIA_ROOT": str(Path(folder) / "media"), "DEBUG": "true"}
        for command in (["migrate", "--no-input", "-v0"], ["load_agencies", "-v0"], ["load_demo"]):
            manage(env, *command)
        server = subprocess.Popen([sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_for(base + "/dang-nhap/")
            yield Site(base, env)
        finally:
            server.terminate()
            server.wait(timeout=10)


def _wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(url, timeout=2).close()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"the demo server did not answer at {url}")


@contextmanager
def chromium(*extra_args: str) -> Iterator:
    """Headless Chromium through Playwright; `OUT` exists."""
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, *extra_args],
                                             headless=True)
        try:
            yield browser
        finally:
            browser.close()


def log_in(page, username: str) -> None:
    """Log in through the form as the demo user `username`; returns on the dashboard."""
    page.goto("/dang-nhap/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_selector("#status-counters")
