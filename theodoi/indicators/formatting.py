"""Numbers as Vietnamese readers write them: 8.300,5 (dot for thousands, comma for decimals)."""

from decimal import Decimal


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
    return sign + ".".join(groups) + ("," + fraction if fraction else "")


def format_value(value: Decimal | None, unit: str) -> str:
    if value is None:
        return ""
    return f"{format_number(value)}{'' if unit == '%' else ' '}{unit}"
