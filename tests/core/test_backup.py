"""`theodoi backup` then `theodoi restore` into an empty installation gives back every row
(timestamps to the microsecond) and every uploaded file; a non-empty one is refused."""

import datetime as dt
import io
import sqlite3
import subprocess
import tarfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from tests.conftest import REGISTRY, make_user
from tests.deploy.server import BIN, REPO, clean_env
from tests.tasks.factories import ReportFactory, TaskFactory
from theodoi.agencies.services import registry_load
from theodoi.core.roles import OFFICE, OFFICER
from theodoi.tasks.models import ReportEvidence

SUBMITTED = dt.datetime(2026, 3, 31, 23, 59, 58, 123456, tzinfo=dt.UTC)


def _installation_with_data() -> None:
    """Users, a task, a report submitted at a time with microseconds, two evidence files."""
    # Transactional tests start from an empty database (see tests/e2e).
    registry_load(path=REGISTRY)
    office = make_user("vanphong", OFFICE, "Văn phòng Ủy ban nhân dân thành phố Hải Phòng")
    officer = make_user("ubnd", OFFICER, "Ủy ban nhân dân thành phố Hải Phòng")
    report = ReportFactory(task=TaskFactory(), submitted_at=SUBMITTED)
    for name, content in (("bien-ban.pdf", b"%PDF-1.4 bien ban"), ("anh chụp.png", b"\x89PNG\r\n\x1a\n anh")):
        evidence = ReportEvidence(report=report, original_name=name, uploaded_by=officer)
        evidence.file.save(name, ContentFile(content))
    assert office.pk and officer.pk


def _source_rows() -> dict[str, list[tuple]]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        rows = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(cursor.fetchall(), key=repr)
    return rows


def _restored_rows(tables: list[str], target: dict) -> dict[str, list[tuple]]:
    if connection.vendor == "sqlite":
        # Django registered its converters with the sqlite3 module, so datetimes and decimals
        # come back as the same Python values as through Django's own connection.
        restored = sqlite3.connect(target["path"], detect_types=sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES)
    else:
        params = connection.get_connection_params() | {"dbname": target["name"]}
        restored = connection.get_new_connection(params)
    try:
        cursor = restored.cursor()
        rows = {}
        for table in tables:
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows[table] = sorted(cursor.fetchall(), key=repr)
        return rows
    finally:
        restored.close()


def _files(root: Path) -> dict[str, tuple[bytes, int]]:
    """Relative path -> (content, modification time in microseconds)."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns // 1000)
        for p in root.rglob("*") if p.is_file()
    }


@pytest.fixture
def empty_installation(tmp_path):
    """A second installation: its own empty database (never migrated) and media folder."""
    media = tmp_path / "restored-media"
    if connection.vendor == "sqlite":
        path = tmp_path / "restored.sqlite3"
        yield {"env": {"DATABASE_URL": f"sqlite:///{path}", "MEDIA_ROOT": str(media)}, "path": path, "media": media}
        return
    db = settings.DATABASES["default"]
    name = f"{db['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")
        cursor.execute(f"CREATE DATABASE {name}")
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST']}:{db['PORT']}/{name}"
    yield {"env": {"DATABASE_URL": url, "MEDIA_ROOT": str(media)}, "name": name, "media": media}
    with connection.cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {name}")


def _theodoi(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / "theodoi"), *args], cwd=REPO, env=clean_env(**env), capture_output=True, text=True, timeout=300,
    )


@pytest.mark.django_db(transaction=True)
def test_backup_then_restore_into_an_empty_installation_gives_everything_back(tmp_path, empty_installation):
    _installation_with_data()
    archive = tmp_path / "sao-luu.tar.gz"
    out = io.StringIO()
    call_command("backup", "--output", str(archive), stdout=out)
    assert "2 tệp" in out.getvalue()
    assert archive.stat().st_mode & 0o077 == 0  # it holds password hashes: owner-only

    result = _theodoi("restore", str(archive), env=empty_installation["env"])
    assert result.returncode == 0, result.stderr
    assert "Đã khôi phục" in result.stdout

    source = _source_rows()
    restored = _restored_rows(list(source), empty_installation)
    assert {t: len(r) for t, r in restored.items()} == {t: len(r) for t, r in source.items()}
    assert restored == source  # every row, every column
    assert any(SUBMITTED in row or SUBMITTED.replace(tzinfo=None) in row for row in restored["tasks_progressreport"])
    original_files = _files(Path(settings.MEDIA_ROOT))
    assert len(original_files) == 2
    assert _files(empty_installation["media"]) == original_files

    # The restored installation now has data: a second restore into it is refused, unchanged.
    again = _theodoi("restore", str(archive), env=empty_installation["env"])
    assert again.returncode != 0
    assert "đã có dữ liệu (2 tài khoản, 2 tệp đã tải lên)" in again.stderr
    assert _restored_rows(list(source), empty_installation) == source


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_the_installation_it_would_overwrite(tmp_path):
    _installation_with_data()
    archive = tmp_path / "sao-luu.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    before = _source_rows()
    with pytest.raises(CommandError, match="chỉ khôi phục vào một cài đặt trống"):
        call_command("restore", str(archive))
    assert _source_rows() == before


def test_restore_refuses_a_file_that_is_not_a_backup(tmp_path):
    archive = tmp_path / "khac.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        data = b"not a manifest"
        info = tarfile.TarInfo("ghi-chu.txt")
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    with pytest.raises(CommandError, match="không phải bản sao lưu của theodoi"):
        call_command("restore", str(archive))
