"""The deployment files in deploy/: the systemd units pass `systemd-analyze verify`, and the
nginx example, run for real on loopback ports in front of gunicorn, serves the site over
https with the documented HTTPS settings."""

import http.client
import re
import shutil
import ssl
import subprocess
import time
from pathlib import Path

import pytest

from tests.ci import skip_or_fail
from tests.deploy.server import REPO, clean_env, free_port, gunicorn

DEPLOY = REPO / "deploy"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"


def test_systemd_units_verify(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze không có (gói systemd của Debian)")
    # The units name /srv/theodoi; here the code with its .venv is this checkout.
    for unit in ("theodoi-web.service", "theodoi-worker@.service", "theodoi-backup.service", "theodoi-backup.timer",
                 "theodoi-settle.service", "theodoi-settle.timer", "theodoi-reminders.service",
                 "theodoi-reminders.timer", "theodoi-digest.service", "theodoi-digest.timer"):
        text = (DEPLOY / unit).read_text().replace("/srv/theodoi", str(REPO))
        (tmp_path / unit.replace("@.", "@1.")).write_text(text)
    units = sorted(str(p) for p in tmp_path.iterdir())
    result = subprocess.run([analyze, "verify", "--man=no", *units], capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0 and result.stderr == "", result.stderr


def _https_get(port: int, path: str) -> http.client.HTTPResponse:
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE  # the test's own self-signed certificate
    conn = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=10)
    conn.request("GET", path, headers={"Host": "theodoi.haiphong.gov.vn"})
    response = conn.getresponse()
    response.body = response.read().decode(errors="replace")
    conn.close()
    return response


def test_nginx_example_in_front_of_gunicorn_serves_https(tmp_path, collected_static):
    if not Path(NGINX).exists():
        skip_or_fail("nginx không có: cài gói nginx-light của Debian để chạy kiểm thử này (.ci/run cài nó)")
    http_port, https_port, app_port = free_port(), free_port(), free_port()
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
         "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem"), "-days", "1",
         "-subj", "/CN=theodoi.haiphong.gov.vn"],
        check=True, capture_output=True,
    )
    static_root = collected_static
    # The example as shipped, with only ports and paths moved to this test's own.
    site = (DEPLOY / "nginx.conf").read_text()
    site = site.replace("127.0.0.1:8000", f"127.0.0.1:{app_port}")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{http_port};").replace("listen [::]:80;\n", "")
    site = site.replace("listen 443 ssl http2;", f"listen 127.0.0.1:{https_port} ssl http2;")
    site = site.replace("listen [::]:443 ssl http2;\n", "")
    site = site.replace("/etc/ssl/theodoi/fullchain.pem", str(tmp_path / "cert.pem"))
    site = site.replace("/etc/ssl/theodoi/privkey.pem", str(tmp_path / "key.pem"))
    site = site.replace("/srv/theodoi/staticfiles", str(static_root))
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        # Workers as root only because pytest's temporary folders are private to root; on a
        # server they run as www-data and read /srv/theodoi/staticfiles.
        f"daemon off;\nuser root;\npid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n include /etc/nginx/mime.types;\n access_log off;\n"
        f" client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;\n"
        f" include {tmp_path}/site.conf;\n}}\n"
    )
    check = subprocess.run([NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stderr

    env = clean_env(
        STATIC_ROOT=str(static_root), DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        ALLOWED_HOSTS="theodoi.haiphong.gov.vn", CSRF_TRUSTED_ORIGINS="https://theodoi.haiphong.gov.vn",
        SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto", SECURE_SSL_REDIRECT="true", SECURE_HSTS_SECONDS="31536000",
        SECURE_HSTS_INCLUDE_SUBDOMAINS="true", SECURE_HSTS_PRELOAD="true", SESSION_COOKIE_SECURE="true",
        CSRF_COOKIE_SECURE="true", TRUSTED_PROXY_COUNT="1",
    )
    nginx = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
                             stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        # gunicorn waits for its own health check with a plain http request; with SSL redirect
        # on it answers 301, which is enough to know it is up.
        with gunicorn(env, app_port):
            deadline = time.monotonic() + 20
            while True:
                try:
                    login = _https_get(https_port, "/dang-nhap/")
                    break
                except OSError:
                    assert time.monotonic() < deadline, (tmp_path / "error.log").read_text()
                    time.sleep(0.2)
            # Through the proxy the app sees https: no redirect loop, HSTS, a Secure cookie.
            assert login.status == 200, login.body[:500]
            assert "Đăng nhập" in login.body
            assert "includeSubDomains" in login.getheader("Strict-Transport-Security")
            assert "Secure" in login.getheader("Set-Cookie")
            # Static files straight from nginx, hashed names cached for a year.
            css = re.search(r'href="(/static/theodoi/app\.[0-9a-f]{12}\.css)"', login.body).group(1)
            static = _https_get(https_port, css)
            assert static.status == 200 and "--brand" in static.body
            assert "immutable" in static.getheader("Cache-Control")
            # Plain http is sent to https.
            conn = http.client.HTTPConnection("127.0.0.1", http_port, timeout=10)
            conn.request("GET", "/dang-nhap/", headers={"Host": "theodoi.haiphong.gov.vn"})
            redirect = conn.getresponse()
            assert redirect.status == 301
            assert redirect.getheader("Location") == "https://theodoi.haiphong.gov.vn/dang-nhap/"
            conn.close()
    finally:
        nginx.terminate()
        nginx.wait(timeout=20)
