"""Uploaded files go to S3-compatible object storage when the environment says so, and stay
on the local disk otherwise. (No object store runs here: this checks the wiring up to the
signed URL boto3 computes locally; nothing is sent anywhere.)"""

import json
import subprocess

from tests.deploy.server import BIN, REPO, clean_env

PROBE = """
import json, django
django.setup()
from django.core.files.storage import storages
s = storages["default"]
info = {"class": type(s).__module__ + "." + type(s).__name__}
if hasattr(s, "bucket_name"):
    info.update(bucket=s.bucket_name, endpoint=s.endpoint_url, location=s.location, acl=s.default_acl,
                url=s.url("evidence/1/bien-ban.pdf"))
print(json.dumps(info))
"""


def _storage(**env: str) -> dict:
    result = subprocess.run(
        [str(BIN / "python"), "-c", PROBE], cwd=REPO, capture_output=True, text=True, timeout=120,
        env=clean_env(DJANGO_SETTINGS_MODULE="theodoi.settings", **env),
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_media_on_local_disk_by_default():
    assert _storage()["class"] == "django.core.files.storage.filesystem.FileSystemStorage"


def test_media_in_s3_compatible_storage_from_the_environment():
    info = _storage(
        MEDIA_STORAGE="s3", S3_BUCKET="theodoi-media", S3_ENDPOINT_URL="https://s3.haiphong.example",
        S3_REGION="hp-1", S3_ACCESS_KEY_ID="AKIAEXAMPLE", S3_SECRET_ACCESS_KEY="not-a-real-secret", S3_PREFIX="theodoi",
    )
    assert info["class"] == "storages.backends.s3.S3Storage"
    assert (info["bucket"], info["endpoint"], info["location"], info["acl"]) == (
        "theodoi-media", "https://s3.haiphong.example", "theodoi", "private")
    # Private objects: a link is only valid signed, and points at the configured endpoint.
    assert info["url"].startswith("https://s3.haiphong.example/theodoi-media/theodoi/evidence/1/bien-ban.pdf?")
    assert "Signature=" in info["url"] or "X-Amz-Signature=" in info["url"]
