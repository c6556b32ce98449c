"""The production defaults: gunicorn as `make run` starts it, DEBUG off, a kept secret key,
friendly error pages, and `check --deploy` clean with the documented HTTPS settings."""

import multiprocessing
import re
import stat
import subprocess

import pytest
from django.test import Client
from django.urls import path

from tests.deploy.server import BIN, REPO, clean_env, free_port, get, gunicorn
from theodoi.core.secret_key import load_or_create_secret_key


def _boom(request):
    raise RuntimeError("secret internal detail /srv/theodoi/settings.py")


urlpatterns = [path("hong/", _boom)]


def _read_key(path) -> str:
    return load_or_create_secret_key(path)


def test_secret_key_is_made_once_owner_only_and_shared_by_concurrent_workers(tmp_path):
    key_file = tmp_path / "var" / "secret_key"
    # Eight processes starting together, as gunicorn's workers do on first start.
    with multiprocessing.get_context("spawn").Pool(8) as pool:
        keys = pool.map(_read_key, [key_file] * 8)
    assert len(set(keys)) == 1
    assert len(keys[0]) >= 50
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    assert load_or_create_secret_key(key_file) == keys[0]  # reused on the next start
    assert [p.name for p in key_file.parent.iterdir()] == ["secret_key"]  # no temporary files left


def test_unknown_page_is_a_friendly_vietnamese_404_without_the_url_list(client):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    text = response.content.decode()
    assert "Không tìm thấy" in text and "Trang bạn tìm không tồn tại" in text
    assert "URLconf" not in text and "quan-tri/" not in text


@pytest.mark.urls("tests.deploy.test_server")
def test_server_error_is_a_friendly_500_rendered_without_the_database():
    # No `db` fixture: pytest-django makes any database query in this test raise, so the
    # page below proves that the 500 template needs neither the database nor a context processor.
    client = Client(raise_request_exception=False)
    response = client.get("/hong/")
    assert response.status_code == 500
    text = response.content.decode()
    assert "Đã có lỗi xảy ra" in text
    assert "secret internal detail" not in text and "Traceback" not in text


def test_make_run_server_is_gunicorn_with_debug_off_and_collected_static_files(tmp_path, collected_static):
    """The server `make run` starts, with no DEBUG or SECRET_KEY in the environment."""
    env = clean_env(STATIC_ROOT=str(collected_static), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}")
    with gunicorn(env, free_port()) as base:
        status, _, login = get(base + "/dang-nhap/")
        assert status == 200 and "Đăng nhập" in login
        # Static files by content hash, served by WhiteNoise with a far-future cache header.
        css = re.search(r'href="(/static/theodoi/app\.[0-9a-f]{12}\.css)"', login)
        assert css, login
        status, headers, body = get(base + css.group(1))
        assert status == 200 and "--brand" in body
        assert "immutable" in headers["Cache-Control"]
        # DEBUG is off: the 404 is the friendly page, not Django's technical list of URLs.
        status, _, missing = get(base + "/khong-co-trang-nay/")
        assert status == 404 and "Không tìm thấy" in missing and "URLconf" not in missing


HTTPS_SETTINGS = {
    "DEBUG": "false",
    "ALLOWED_HOSTS": "theodoi.haiphong.gov.vn",
    "CSRF_TRUSTED_ORIGINS": "https://theodoi.haiphong.gov.vn",
    "SECURE_SSL_REDIRECT": "true",
    "SECURE_HSTS_SECONDS": "31536000",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "SECURE_HSTS_PRELOAD": "true",
    "SESSION_COOKIE_SECURE": "true",
    "CSRF_COOKIE_SECURE": "true",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
}


def _check_deploy(env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "python"), "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=120,
    )


def test_check_deploy_is_clean_with_the_documented_https_settings():
    # SECRET_KEY is not set either: the generated key in var/secret_key must pass the check.
    result = _check_deploy(clean_env(**HTTPS_SETTINGS))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
    assert "WARNING" not in result.stderr + result.stdout


def test_check_deploy_warns_about_each_https_setting_left_out():
    result = _check_deploy(clean_env(DEBUG="false", ALLOWED_HOSTS="theodoi.haiphong.gov.vn"))
    assert result.returncode != 0
    for warning in ("security.W004", "security.W008", "security.W012", "security.W016"):
        assert warning in result.stderr, result.stderr

