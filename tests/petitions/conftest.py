import pytest

from tests.conftest import agency, make_user
from theodoi.core.roles import OFFICER
from theodoi.petitions.categories import ensure_default_categories
from theodoi.petitions.models import Category

XAY_DUNG = "Sở Xây dựng thành phố Hải Phòng"


@pytest.fixture(autouse=True)
def _categories(request):
    """Transactional tests empty every table: put the default categories back."""
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        request.getfixturevalue("db") if not request.node.get_closest_marker("django_db") else None
        ensure_default_categories(Category)


@pytest.fixture
def xd_officer(db):
    return make_user("xaydung", OFFICER, XAY_DUNG)


@pytest.fixture
def xay_dung(db):
    return agency(XAY_DUNG)
