"""Logging in as a person does: through the login form, in Vietnamese."""

from playwright.sync_api import expect


def log_in(page, username: str, password: str) -> None:
    """Log in as `username` through the form; returns once the dashboard it leads to shows."""
    page.goto("/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("heading", name="Tổng quan tình hình thực hiện nhiệm vụ")).to_be_visible()
