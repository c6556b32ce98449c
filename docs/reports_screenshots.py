"""Screenshots of the agencies' ranking and of the official report's first page; rerunnable.

    .venv/bin/python docs/reports_screenshots.py            # builds a demo database in a temp folder
    .venv/bin/python docs/reports_screenshots.py --url http://127.0.0.1:8000   # an installation already running

Writes docs/screenshots/ranking.png (Năm 2025, as the office sees it) and report-pdf.png: the
PDF downloaded with the app's own button for 7/NQ-CP, Quý IV/2025, its first page rasterised
by pdftoppm (Debian poppler-utils). Headless Debian Chromium through Playwright
(docs/_browser.py).
"""

import subprocess
import tempfile
from pathlib import Path

from _browser import OUT, chromium, log_in, run


def shoot(base: str) -> None:
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1280, "height": 900}, base_url=base, accept_downloads=True)
        log_in(page, "vanphong")
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


if __name__ == "__main__":
    run(shoot, __doc__, port=8105, written=["ranking.png", "report-pdf.png"])
