"""Target and observation validation: values in the indicator's unit, within its plausible
range, no period entered twice, each refusal with a message and nothing stored."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from tests.indicators.conftest import YEAR_2025, make_indicator
from theodoi.core.exceptions import ApplicationError
from theodoi.indicators import services
from theodoi.indicators.models import Observation, Target
from theodoi.indicators.validation import parse_value
from theodoi.lib.periods import period_containing


@pytest.mark.parametrize("typed, value", [
    ("7,5", Decimal("7.5")), ("8.300", Decimal(8300)), ("8.300,5", Decimal("8300.5")), ("12.000.000", Decimal(12000000)),
    ("7.5", Decimal("7.5")), ("0.125", Decimal("0.125")), (" -2,1 ", Decimal("-2.1")), ("1 800", Decimal(1800)),
])
def test_numbers_are_read_as_vietnamese_write_them(typed, value):
    assert parse_value(typed) == value


@pytest.mark.parametrize("typed", ["", "bảy", "7,5%", "nan", "inf", "1,2345", "1e400"])
def test_what_is_not_a_number_is_refused_with_a_message(typed):
    with pytest.raises(ApplicationError) as refused:
        parse_value(typed)
    assert "số" in refused.value.message


def save(officer, indicator, value, period=YEAR_2025, source="Cục Thống kê"):
    return services.observation_save(actor=officer, indicator=indicator, period=period, value=Decimal(value),
                                     source=source)


@pytest.mark.parametrize("unit, rate, value, message", [
    ("%", False, "100.5", "phải từ 0 đến 100"),
    ("%", False, "-1", "phải từ 0 đến 100"),
    ("%", True, "-101", "không thể thấp hơn -100%"),
    ("người", False, "17000.5", "phải là số nguyên"),
    ("dự án", False, "-3", "không thể âm"),
    ("triệu USD", False, "-1800", "không thể âm"),
])
def test_values_must_be_in_the_indicators_unit(clock, document, officer, unit, rate, value, message):
    indicator = make_indicator(document, unit=unit, is_rate_of_change=rate, plausible_min=None, plausible_max=None)
    with pytest.raises(ApplicationError, match=message):
        save(officer, indicator, value)
    assert not Observation.objects.exists()


def test_a_growth_rate_may_go_beyond_100_percent_when_the_indicator_allows(clock, document, officer):
    indicator = make_indicator(document, is_rate_of_change=True, plausible_min=None, plausible_max=None)
    assert save(officer, indicator, "130").value == Decimal(130)


def test_values_outside_the_plausible_range_are_refused(clock, indicator, officer):
    with pytest.raises(ApplicationError, match=r"ngoài khoảng hợp lý của chỉ tiêu \(-20% – 40%\)"):
        save(officer, indicator, "85")
    assert not Observation.objects.exists()
    assert save(officer, indicator, "40").value == Decimal(40)


def test_a_period_is_entered_once(clock, indicator, officer, office):
    first = save(officer, indicator, "8.1")
    again = save(officer, indicator, "8.2")  # the draft is corrected, not duplicated
    assert again.pk == first.pk and Observation.objects.count() == 1
    with pytest.raises(IntegrityError), transaction.atomic():
        Observation.objects.create(indicator=indicator, period_start=YEAR_2025.start, period_end=YEAR_2025.end,
                                   value=1, source="x", entered_by=officer)
    assert Observation.objects.get().value == Decimal("8.2")


@pytest.mark.parametrize("period, message", [
    (period_containing("quarter", dt.date(2025, 4, 1)), "theo năm, không theo kỳ Quý II/2025"),
    (period_containing("year", dt.date(2027, 1, 1)), "Chưa đến kỳ Năm 2027"),
])
def test_the_period_must_fit_the_indicator_and_have_begun(clock, indicator, officer, period, message):
    with pytest.raises(ApplicationError, match=message):
        save(officer, indicator, "8", period=period)


def test_a_value_needs_its_source(clock, indicator, officer):
    with pytest.raises(ApplicationError, match="nguồn số liệu"):
        save(officer, indicator, "8", source="  ")


def target(office, indicator, document, **kw):
    values = dict(actor=office, indicator=indicator, document=document, year=2030, low=Decimal(8), high=Decimal("8.5"))
    values.update(kw)
    return services.target_set(**values)


@pytest.mark.parametrize("kw, message", [
    ({"low": Decimal(9), "high": Decimal(8)}, "“từ” lớn hơn giá trị “đến”"),
    ({"low": None, "high": None}, "ít nhất một giá trị"),
    ({"year": 1900}, "Năm của mục tiêu không hợp lệ"),
    ({"from_year": 2031}, "Năm của mục tiêu không hợp lệ"),
    ({"low": Decimal(80), "high": Decimal(90)}, "ngoài khoảng hợp lý"),
])
def test_targets_are_validated(office, indicator, document, kw, message):
    with pytest.raises(ApplicationError, match=message):
        target(office, indicator, document, **kw)
    assert not Target.objects.exists()


def test_a_share_target_stays_within_100_percent(office, document):
    share = make_indicator(document, code="KTS", name="Tỷ trọng kinh tế số trong GRDP", is_rate_of_change=False,
                           plausible_min=None, plausible_max=None)
    with pytest.raises(ApplicationError, match="từ 0 đến 100"):
        target(office, share, document, low=Decimal(40), high=Decimal(140))


def test_setting_a_target_again_replaces_it_and_keeps_history(office, indicator, document):
    target(office, indicator, document)
    target(office, indicator, document, low=Decimal("8.2"))
    span = target(office, indicator, document, from_year=2026)
    assert Target.objects.count() == 2 and span.is_span
    record = Target.objects.get(from_year=None).history.first()
    assert record.history_user == office and record.low == Decimal("8.2")


def test_only_the_office_sets_targets(officer, indicator, document):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        target(officer, indicator, document)
