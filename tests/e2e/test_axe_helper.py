"""The accessibility helper fails on what a screen-reader or keyboard user would hit, and the
browser fixture refuses to skip in CI."""

import pytest

from tests.e2e.axe import assert_accessible
from tests.ci import skip_or_fail

pytestmark = pytest.mark.e2e

CLEAN = """<!doctype html><html lang="vi"><head><title>Trang thử</title></head><body>
<main><h1>Báo cáo</h1><label for="p">Tiến độ (%)</label><input id="p" name="p">
<button type="submit">Gửi báo cáo</button></main></body></html>"""

BROKEN = """<!doctype html><html lang="vi"><head><title>Trang thử</title></head><body>
<main><h1>Báo cáo</h1><input name="p"><button type="submit"></button>
<p style="color:#bbb;background:#fff">Quá hạn 45 ngày</p></main></body></html>"""


@pytest.fixture
def page(browser):
    context = browser.new_context()
    yield context.new_page()
    context.close()


def test_clean_page_passes(page):
    page.set_content(CLEAN)
    assert_accessible(page, context="trang sạch")


def test_unlabelled_input_button_and_low_contrast_fail_with_each_rule_named(page):
    page.set_content(BROKEN)
    with pytest.raises(pytest.fail.Exception) as failure:
        assert_accessible(page, context="trang lỗi")
    message = str(failure.value)
    assert "trang lỗi" in message
    for rule in ("label", "button-name", "color-contrast"):
        assert f"] {rule}:" in message, message


def test_missing_browser_fails_under_ci(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        skip_or_fail("Chromium không có")
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception):
        skip_or_fail("Chromium không có")
