"""Screenshots of the indicators for the README, from the demo data; rerunnable.

    .venv/bin/python docs/indicators_screenshots.py            # builds a demo database in a temp folder
    .venv/bin/python docs/indicators_screenshots.py --url http://127.0.0.1:8000   # an installation already running

Writes docs/screenshots/indicators-panel.png (the dashboard's indicators panel, seen by the
office) and indicator-page.png (Hà Nội's digital-economy share: chart, data table, targets
and the periods with their locks and the office's approve/return buttons). Headless Debian
Chromium through Playwright; the demo server is the portal script's.
"""

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from portal_screenshots import CHROMIUM, OUT, shoot_demo  # noqa: E402  (the same demo server)

PASSWORD = "theodoi-demo"


def shoot(base: str) -> None:
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1280, "height": 900}, base_url=base)
        page.goto("/dang-nhap/")
        page.fill("input[name=username]", "vanphong")
        page.fill("input[name=password]", PASSWORD)
        page.click("main button[type=submit], main form button")
        page.wait_for_url("**/")
        page.goto("/")
        page.locator("#indicators-panel").screenshot(path=OUT / "indicators-panel.png")
        page.goto("/chi-tieu/")
        page.locator("tr", has_text="HN-KTS").get_by_role("link").first.click()
        page.wait_for_selector("svg.indicator-chart")
        page.set_viewport_size({"width": 1280, "height": 900})
        page.screenshot(path=OUT / "indicator-page.png", full_page=True)
        browser.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="an installation already serving the demo")
    parser.add_argument("--port", type=int, default=8104)
    args = parser.parse_args()
    shoot_demo(shoot, url=args.url, port=args.port)
    print("written: indicators-panel.png, indicator-page.png")


if __name__ == "__main__":
    main()
