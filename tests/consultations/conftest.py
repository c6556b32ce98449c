import datetime as dt

import pytest
from django.utils import timezone

from tests.conftest import agency
from theodoi.consultations import services
from tests.consultations.test_sections import DRAFT_V1


@pytest.fixture
def consultation(office):
    today = timezone.localdate()
    return services.consultation_create(
        actor=office, title="Dự thảo quy định quản lý vỉa hè", drafting_agency=agency("Sở Xây dựng thành phố Hải Phòng"),
        opens_on=today - dt.timedelta(days=1), closes_on=today + dt.timedelta(days=30),
        name="du-thao.txt", data=DRAFT_V1.encode(),
    )
