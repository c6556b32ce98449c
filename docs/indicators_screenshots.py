"""Screenshots of the indicators for the README, from the demo data; rerunnable.

    .venv/bin/python docs/indicators_screenshots.py            # builds a demo database in a temp folder
    .venv/bin/python docs/indicators_screenshots.py --url http://127.0.0.1:8000   # an installation already running

Writes docs/screenshots/indicators-panel.png (the dashboard's indicators panel, seen by the
office) and indicator-page.png (Hà Nội's digital-economy share: chart, data table, targets
and the periods with their locks and the office's approve/return buttons). Headless Debian
Chromium through Playwright (docs/_browser.py).
"""

from _browser import OUT, chromium, log_in, run


def shoot(base: str) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, base_url=base)
        log_in(page, "vanphong")
        page.locator("#indicators-panel").screenshot(path=OUT / "indicators-panel.png")
        page.goto("/chi-tieu/")
        page.locator("tr", has_text="HN-KTS").get_by_role("link").first.click()
        page.wait_for_selector("svg.indicator-chart")
        page.screenshot(path=OUT / "indicator-page.png", full_page=True)


if __name__ == "__main__":
    run(shoot, __doc__, port=8104, written=["indicators-panel.png", "indicator-page.png"])
