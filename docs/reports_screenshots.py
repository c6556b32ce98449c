"""Screenshots of the agencies' ranking and of the official report's first page; rerunnable.

    .venv/bin/python docs/reports_screenshots.py            # builds a demo database in a temp folder
    .venv/bin/python docs/reports_screenshots.py --url http://127.0.0.1:8000   # an installation already running

Writes docs/screenshots/ranking.png (Năm 2025, as the office sees it) and report-pdf.png: the
PDF downloaded with the app's own button for 7/NQ-CP, Quý IV/2025, its first page rasterised
by pdftoppm (Debian poppler-utils). Headless Debian Chromium through Playwright; the demo
server is the portal script's.
"""

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from portal_screenshots import CHROMIUM, OUT, shoot_demo  # noqa: E402  (the same demo server)

PASSWORD = "theodoi-demo"


def shoot(base: str) -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, base_url=base, accept_downloads=True)
        page.goto("/dang-nhap/")
        page.fill("input[name=username]", "vanphong")
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit], main form button")
        page.wait_for_url("**/")
        page.goto("/tong-hop/xep-hang/?period=2025")
        page.wait_for_selector("#ranking")
        page.screenshot(path=OUT / "ranking.png", full_page=False)

        page.goto("/tong-hop/bao-cao/")
        page.select_option("select[name=document]", label=page.locator("select[name=document] option",
                                                                         has_text="7/NQ-CP").first.inner_text())
        page.select_option("select[name=period]", "2025-Q4")
        with page.expect_download(timeout=600_000) as download:
            page.click("button[value=pdf]", no_wait_after=True)
        with tempfile.TemporaryDirectory() as folder:
            pdf = Path(folder) / "bao-cao.pdf"
            download.value.save_as(pdf)
            subprocess.run(["pdftoppm", "-f", "1", "-l", "1", "-r", "80", "-png", "-singlefile", str(pdf),
                            str(OUT / "report-pdf")], check=True)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an installation already serving the demo")
    parser.add_argument("--port", type=int, default=8105)
    args = parser.parse_args()
    shoot_demo(shoot, url=args.url, port=args.port)
    print("written: ranking.png, report-pdf.png")


if __name__ == "__main__":
    main()
