"""Screenshots of the consultation pages for the README, from a running demo server.

    make run                                    # or PORT=8199 make run
    .venv/bin/python docs/screenshots_consultations.py [http://127.0.0.1:8000]

Headless Debian Chromium through Playwright; writes docs/screenshots/consultation*.png.
"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

OUT = Path(__file__).parent / "screenshots"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic"]


def main(base: str) -> None:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS, headless=True)
        phone = browser.new_context(base_url=base, locale="vi-VN", viewport={"width": 390, "height": 844},
                                    device_scale_factor=2)
        page = phone.new_page()
        page.goto("/gop-y/")
        page.locator(".consult a").first.click()
        page.locator("#phan-dieu-3 details.discussion").evaluate("d => d.open = true")
        page.evaluate("document.getElementById('phan-dieu-3').scrollIntoView()")
        page.screenshot(path=str(OUT / "consultation-phone.png"))
        desktop = browser.new_context(base_url=base, locale="vi-VN", viewport={"width": 1366, "height": 900})
        page = desktop.new_page()
        page.goto("/dang-nhap/")
        page.get_by_label("Tên đăng nhập").fill("vanphong")
        page.get_by_label("Mật khẩu").fill("theodoi-demo")
        page.get_by_role("button", name="Đăng nhập").click()
        page.goto("/gop-y/quan-ly/")
        page.locator("section.card li a").first.click()
        page.screenshot(path=str(OUT / "consultation-moderation.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
