import datetime as dt
import importlib
import shutil
import signal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation

from theodoi.agencies.models import Agency, Membership
from theodoi.core.roles import LEADER, OFFICE, OFFICER, role_groups
from theodoi.documents.models import Document

REGISTRY = Path(settings.BASE_DIR) / "data" / "agencies.json"


# Tests that take ten seconds to minutes (several for each of the simulated year's two halves,
# first in the list so that each worker starts one), slowest first, as measured on a 2-core machine. `make test` runs the suite on a worker per core (pytest-xdist, `--dist
# load`, which hands each worker the tests in collection order): started first, each of these
# runs beside the many short tests instead of leaving one worker busy at the end.
SLOW_FIRST = (
    "tests/tasks/test_settled_status.py::test_a_random_year_of_writes_leaves_no_difference",
    "tests/test_load.py",
    "tests/e2e/",
    "tests/reports/test_stored_verdicts.py",
    "tests/tasks/test_concurrency.py",
    "tests/reports/test_reminders.py::test_concurrent_reminder_runs_on_a_sqlite_file",
    "tests/indicators/test_concurrency.py",
    "tests/tasks/test_search_index.py::test_concurrent_writes_keep_the_sqlite_index_in_step",
    "tests/tasks/test_counts.py::test_migrating_a_second_database",
    "tests/deploy/",
    "tests/demo/",
)


@pytest.hookimpl(wrapper=True)
def pytest_collection_modifyitems(items):
    """The slow tests first, slowest first. Done before pytest-django's reordering (tests on the database, then
    transactional ones, which empty every table, then the rest), a stable sort that keeps
    them first within their group: a test never runs after a transactional one it must precede."""
    def rank(item) -> int:
        return next((i for i, slow in enumerate(SLOW_FIRST) if item.nodeid.startswith(slow)), len(SLOW_FIRST))

    items.sort(key=rank)
    return (yield)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the shipped agency registry (the national one: central
    bodies and the 34 provincial-level units), as a real install does."""
    from theodoi.agencies.services import registry_load

    with django_db_blocker.unblock():
        registry_load()


@pytest.fixture
def shipped_registry(transactional_db) -> None:
    """For a transactional test: the agency registry as `django_db_setup` loads it, which
    the transactional test before it may have emptied (about a second, so only the tests
    that name agencies ask for it)."""
    from theodoi.agencies.services import registry_load

    registry_load()


def restore_migration_data() -> None:
    """A transactional test ends by emptying every table, rows of data migrations too (Django
    puts back content types and permissions, not these): the role groups are put back as
    core's migration 0001 makes them (and the petition categories likewise), so the next test
    sees an installation as migrated."""
    from django.apps import apps
    from django.db import connection

    editor = connection.schema_editor()  # only tells the data migrations which database (not entered)
    importlib.import_module("theodoi.core.migrations.0001_role_groups").create_role_groups(apps, editor)
    # The petition categories (petitions 0002): the demo files its petitions under them.
    importlib.import_module("theodoi.petitions.migrations.0002_default_categories").create(apps, editor)


@pytest.fixture(autouse=True)
def _data_migrations_after_flush(request):
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        restore_migration_data()


@pytest.fixture(autouse=True)
def _media_root(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"


def agency(name: str) -> Agency:
    return Agency.objects.get(name=name)


def make_user(username: str, role: str | None, agency_name: str | None = None):
    groups = role_groups()
    user = get_user_model().objects.create_user(username=username, password="pw-" + username)
    if role:
        user.groups.add(groups[role])
    if role == OFFICE:
        user.is_staff = True
        user.save()
    if agency_name:
        Membership.objects.create(user=user, agency=agency(agency_name))
    return user


def user_fixture(username: str, role: str | None, agency_name: str | None = None):
    """A fixture that creates this user (see `make_user`) for the test that names it; the
    name it is known by is the one it is assigned to below."""

    @pytest.fixture
    def user(db):
        return make_user(username, role, agency_name)

    return user


office = user_fixture("office", OFFICE, "Văn phòng Ủy ban nhân dân thành phố Hải Phòng")
leader = user_fixture("leader", LEADER, "Ủy ban nhân dân thành phố Hải Phòng")
# The city People's Committee is the lead agency of most Hải Phòng tasks.
officer = user_fixture("officer", OFFICER, "Ủy ban nhân dân thành phố Hải Phòng")
other_officer = user_fixture("other", OFFICER, "Bộ Y tế")
plain_user = user_fixture("nobody", None)  # logged in, but with no role


@pytest.fixture
def document(db):
    text = (
        "Chính phủ yêu cầu các bộ, ngành phối hợp triển khai. "
        "Hải Phòng cần tập trung hoàn thiện hạ tầng giao thông liên vùng. "
        "Thành phố cần xây dựng chính quyền số."
    )
    return Document.objects.create(
        kind="nghi-quyet", number="7/NQ-CP", title="Chương trình hành động", text=text,
        issuer=agency("Chính phủ"), issued_on=dt.date(2025, 1, 10),
    )


@pytest.fixture
def keep_signal_handlers():
    """The worker installs its own SIGINT/SIGTERM handlers; give pytest its own back."""
    saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for sig, handler in saved.items():
        signal.signal(sig, handler)


@pytest.fixture
def tesseract():
    if shutil.which("tesseract") is None:
        pytest.fail("Thiếu Tesseract: cài gói Debian tesseract-ocr và tesseract-ocr-vie (xem README, mục Tests and CI; .ci/run cài sẵn)")


@pytest.fixture(autouse=True)
def _back_to_the_default_language():
    """A request in English activates it for the thread (LocaleMiddleware does not undo it);
    every later test, in whatever order a worker runs them, expects the default language."""
    yield
    translation.deactivate()
