"""The admin adds and changes indicators and targets only through the services; values are
read-only there (they change on the indicator page, through the workflow)."""

from decimal import Decimal

from theodoi.agencies.models import Agency
from theodoi.indicators.models import Indicator, Observation, Target


def indicator_form(document, **overrides):
    data = {"code": "HP-DU-AN", "name": "Số dự án được cấp phép", "unit": "dự án", "direction": "higher",
            "frequency": "year", "plausible_min": "0", "plausible_max": "1000",
            "agency": Agency.objects.get(name="Ủy ban nhân dân thành phố Hải Phòng").pk, "document": document.pk,
            "notes": ""}
    data.update(overrides)
    return data


def test_the_office_adds_an_indicator_through_the_service(client, office, document):
    client.force_login(office)
    response = client.post("/quan-tri/indicators/indicator/add/", indicator_form(document))
    assert response.status_code == 302
    indicator = Indicator.objects.get(code="HP-DU-AN")
    assert indicator.history.get().history_user == office


def test_a_wrong_range_in_the_admin_is_refused_with_the_services_message(client, office, document):
    client.force_login(office)
    response = client.post("/quan-tri/indicators/indicator/add/",
                           indicator_form(document, plausible_min="50", plausible_max="5"), follow=True)
    assert "giá trị thấp nhất phải nhỏ hơn giá trị cao nhất" in response.content.decode()
    assert not Indicator.objects.exists()


def test_targets_are_set_through_the_service(client, office, document, indicator):
    client.force_login(office)
    response = client.post("/quan-tri/indicators/target/add/", {
        "indicator": indicator.pk, "document": document.pk, "year": "2030", "low": "8", "high": "8.5",
        "wording": "tăng 8,0 - 8,5%/năm"})
    assert response.status_code == 302
    target = Target.objects.get()
    assert (target.low, target.high, target.history.get().history_user) == (Decimal(8), Decimal("8.5"), office)


def test_values_are_read_only_in_the_admin(client, office, officer, indicator):
    observation = Observation.objects.create(indicator=indicator, period_start="2025-01-01", period_end="2025-12-31",
                                             value=Decimal("7.5"), source="x", entered_by=officer)
    client.force_login(office)
    url = f"/quan-tri/indicators/observation/{observation.pk}/change/"
    assert 'type="submit"' not in client.get(url).content.decode().split('id="observation_form"')[-1]
    client.post(url, {"value": "99", "source": "sửa tay"})
    observation.refresh_from_db()
    assert observation.value == Decimal("7.5")
