"""Numbers as the reader's language writes them: 8.300,5 in Vietnamese (dot for thousands,
comma for decimals), 8,300.5 in English (theodoi/formats/)."""

from decimal import Decimal
from typing import Protocol

from django.utils.formats import get_format
from django.utils.translation import gettext as _


class Bounds(Protocol):
    low: Decimal | None
    high: Decimal | None


def format_number(value: Decimal | int | float | None) -> str:
    if value is None:
        return ""
    number = Decimal(value).normalize()
    if number == number.to_integral():
        number = number.quantize(Decimal(1))
    sign = "-" if number < 0 else ""
    whole, _, fraction = f"{abs(number):f}".partition(".")
    groups = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    thousands, decimal = get_format("THOUSAND_SEPARATOR"), get_format("DECIMAL_SEPARATOR")
    return sign + thousands.join(groups) + (decimal + fraction if fraction else "")


def format_value(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    if not unit:
        return format_number(value)
    return f"{format_number(value)}{'' if unit == '%' else ' '}{unit}"


def target_text(target: Bounds, unit: str) -> str:
    """A target as the text states it: "8–8,5%", "40%", "≥ 30%" (at least), "≤ 5%" (at most)."""
    low, high = target.low, target.high
    if low is not None and high is not None and low != high:
        return f"{format_number(low)}–{format_value(high, unit)}"
    if low is not None and high is not None:
        return format_value(low, unit)
    if low is not None:
        return _("≥ %(value)s") % {"value": format_value(low, unit)}
    return _("≤ %(value)s") % {"value": format_value(high, unit)}
