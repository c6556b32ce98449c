"""Screenshots of the public portal for the README, from the demo data; rerunnable.

    .venv/bin/python docs/portal_screenshots.py            # builds a demo database in a temp folder
    .venv/bin/python docs/portal_screenshots.py --url http://127.0.0.1:8000   # an installation already running

Writes docs/screenshots/portal-home.png (1280 px wide), portal-home-mobile.png (390 px),
portal-programme.png and portal-task.png. Headless Debian Chromium through Playwright.
"""

from _browser import OUT, chromium, run


def shoot(base: str) -> None:
    with chromium() as browser:
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


if __name__ == "__main__":
    run(shoot, __doc__, port=8107,
        written=["portal-home.png", "portal-home-mobile.png", "portal-programme.png", "portal-task.png"])
