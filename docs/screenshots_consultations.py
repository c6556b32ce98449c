"""Screenshots of the consultation pages for the README, from the demo data; rerunnable.

    .venv/bin/python docs/screenshots_consultations.py            # builds a demo database in a temp folder
    .venv/bin/python docs/screenshots_consultations.py --url http://127.0.0.1:8000   # e.g. a running `make run`

Headless Debian Chromium through Playwright (docs/_browser.py); writes
docs/screenshots/consultation-phone.png and consultation-moderation.png.
"""

from _browser import OUT, chromium, log_in, run


def shoot(base: str) -> None:
    with chromium() as browser:
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
        log_in(page, "vanphong")
        page.goto("/gop-y/quan-ly/")
        page.locator("section.card li a").first.click()
        page.screenshot(path=str(OUT / "consultation-moderation.png"), full_page=True)


if __name__ == "__main__":
    run(shoot, __doc__, port=8109, written=["consultation-phone.png", "consultation-moderation.png"])
