"""What a value may be for an indicator: in its unit and within its plausible range.

Used by the services for observations, targets and the indicator's own range, so a form,
the demo loader and a command all get the same messages."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from theodoi.core.exceptions import ApplicationError
from theodoi.indicators.formatting import format_value
from theodoi.indicators.models import COUNT_UNITS, Indicator, Unit

# The column holds 18 digits, 3 after the comma.
LARGEST = Decimal("999999999999999")


def _thousands_dots(text: str) -> bool:
    whole, *groups = text.split(".")
    return bool(groups) and whole.lstrip("-") not in ("", "0") and all(len(g) == 3 and g.isdigit() for g in groups)


def parse_value(raw: object) -> Decimal:
    """A number typed the Vietnamese way ("8.300,5", "7,5") or the programmer's ("8300.5")."""
    if isinstance(raw, Decimal):
        value = raw
    else:
        text = str(raw or "").strip().replace(" ", "").replace("\u00a0", "")
        if "," in text:
            text = text.replace(".", "").replace(",", ".")
        elif _thousands_dots(text):
            text = text.replace(".", "")  # "8.300" is eight thousand three hundred
        try:
            value = Decimal(text)
        except InvalidOperation:
            raise ApplicationError(_("Giá trị “%(raw)s” không phải là một số.") % {"raw": raw}) from None
    if not value.is_finite() or abs(value) > LARGEST:
        raise ApplicationError(_("Giá trị “%(raw)s” không phải là một số hợp lệ.") % {"raw": raw})
    if value != value.quantize(Decimal("0.001")):
        raise ApplicationError(_("Giá trị chỉ được có tối đa 3 chữ số sau dấu phẩy."))
    return value


def check_in_unit(indicator: Indicator, value: Decimal) -> None:
    unit = indicator.unit
    if unit == Unit.PERCENT:
        if indicator.is_rate_of_change:
            if value < -100:
                raise ApplicationError(_("Tốc độ tăng không thể thấp hơn -100%."))
        elif not 0 <= value <= 100:
            raise ApplicationError(_("Chỉ tiêu này tính bằng %% nên giá trị phải từ 0 đến 100 (đã nhập %(value)s).")
                                   % {"value": format_value(value, unit)})
    elif value < 0:
        raise ApplicationError(_("Giá trị tính bằng %(unit)s không thể âm.") % {"unit": unit})
    if unit in COUNT_UNITS and value != value.to_integral():
        raise ApplicationError(_("Giá trị tính bằng %(unit)s phải là số nguyên.") % {"unit": unit})


def check_plausible(indicator: Indicator, value: Decimal) -> None:
    low, high = indicator.plausible_min, indicator.plausible_max
    if (low is not None and value < low) or (high is not None and value > high):
        raise ApplicationError(
            _("Giá trị %(value)s nằm ngoài khoảng hợp lý của chỉ tiêu (%(low)s – %(high)s). "
              "Hãy kiểm tra lại số liệu và đơn vị tính.")
            % {"value": format_value(value, indicator.unit),
               "low": format_value(low, indicator.unit) if low is not None else "…",
               "high": format_value(high, indicator.unit) if high is not None else "…"})


def check_value(indicator: Indicator, value: Decimal) -> None:
    check_in_unit(indicator, value)
    check_plausible(indicator, value)


def check_indicator(indicator: Indicator) -> None:
    if indicator.unit not in Unit.values:
        raise ApplicationError(_("Đơn vị tính “%(unit)s” không có trong danh mục.") % {"unit": indicator.unit})
    low, high = indicator.plausible_min, indicator.plausible_max
    if low is not None and high is not None and low >= high:
        raise ApplicationError(_("Khoảng hợp lý không đúng: giá trị thấp nhất phải nhỏ hơn giá trị cao nhất."))
    for bound in (low, high):
        if bound is not None:
            check_in_unit(indicator, bound)
    if not indicator.code or not indicator.name.strip():
        raise ApplicationError(_("Chỉ tiêu cần có mã và tên."))


def check_target(indicator: Indicator, *, year: int, from_year: int | None, low: Decimal | None,
                 high: Decimal | None) -> None:
    if low is None and high is None:
        raise ApplicationError(_("Mục tiêu cần có ít nhất một giá trị."))
    if not 1990 <= year <= 2100 or (from_year is not None and not 1990 <= from_year < year):
        raise ApplicationError(_("Năm của mục tiêu không hợp lệ (năm đầu giai đoạn phải trước năm cuối)."))
    if low is not None and high is not None and low > high:
        raise ApplicationError(_("Mục tiêu không hợp lệ: giá trị “từ” lớn hơn giá trị “đến”."))
    for value in (low, high):
        if value is not None:
            check_value(indicator, value)
