"""Screenshots of the petition pages for the README, from the demo data; rerunnable.

    .venv/bin/python docs/screenshots_petitions.py            # builds a demo database in a temp folder
    .venv/bin/python docs/screenshots_petitions.py --url http://127.0.0.1:8108   # e.g. a running `make run`

Headless Debian Chromium through Playwright (docs/_browser.py); writes
docs/screenshots/petition-*.png: the public form, the public page of the demo's answered
petition, and the office's inbox.
"""

from _browser import OUT, chromium, log_in, run


def shoot(base: str) -> None:
    with chromium() as browser:
        public = browser.new_context(base_url=base, locale="vi-VN", viewport={"width": 1100, "height": 900})
        page = public.new_page()
        page.goto("/kien-nghi/")
        page.screenshot(path=str(OUT / "petition-form.png"), full_page=True)

        staff = browser.new_context(base_url=base, locale="vi-VN", viewport={"width": 1366, "height": 900})
        office = staff.new_page()
        log_in(office, "vanphong")
        office.goto("/kien-nghi/quan-ly/")
        office.screenshot(path=str(OUT / "petition-inbox.png"))
        office.get_by_role("link", name="[Demo] Ổ gà trên đường Nguyễn Văn Linh").click()
        public_url = office.get_by_role("link", name="Trang công khai").get_attribute("href")

        page.goto(public_url)
        page.screenshot(path=str(OUT / "petition-public.png"), full_page=True)


if __name__ == "__main__":
    run(shoot, __doc__, port=8108, written=["petition-form.png", "petition-inbox.png", "petition-public.png"])
