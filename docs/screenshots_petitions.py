"""Screenshots of the petition pages for the README, from a running demo server.

    PORT=8108 make run                                     # or make run
    .venv/bin/python docs/screenshots_petitions.py [http://127.0.0.1:8108]

Headless Debian Chromium through Playwright; writes docs/screenshots/petition-*.png: the
public form, the public page of the demo's answered petition, and the office's inbox.
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
        public = browser.new_context(base_url=base, locale="vi-VN", viewport={"width": 1100, "height": 900})
        page = public.new_page()
        page.goto("/kien-nghi/")
        page.screenshot(path=str(OUT / "petition-form.png"), full_page=True)

        staff = browser.new_context(base_url=base, locale="vi-VN", viewport={"width": 1366, "height": 900})
        office = staff.new_page()
        office.goto("/dang-nhap/")
        office.get_by_label("Tên đăng nhập").fill("vanphong")
        office.get_by_label("Mật khẩu").fill("theodoi-demo")
        office.get_by_role("button", name="Đăng nhập").click()
        office.goto("/kien-nghi/quan-ly/")
        office.screenshot(path=str(OUT / "petition-inbox.png"))
        office.get_by_role("link", name="[Demo] Ổ gà trên đường Nguyễn Văn Linh").click()
        public_url = office.get_by_role("link", name="Trang công khai").get_attribute("href")

        page.goto(public_url)
        page.screenshot(path=str(OUT / "petition-public.png"), full_page=True)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000")
