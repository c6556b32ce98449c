"""Skips that must not hide anything in CI: under `CI=true` a missing tool fails the test."""

import os

import pytest


def in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in {"true", "1", "yes"}


def skip_or_fail(reason: str) -> None:
    """Skip on a developer's machine that lacks a tool; fail in CI, which installs it."""
    if in_ci():
        pytest.fail(f"{reason} (CI=true: kiểm thử này không được bỏ qua)", pytrace=False)
    pytest.skip(reason)
