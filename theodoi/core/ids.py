"""Numeric ids from outside (URL paths, query strings, form choices), checked in one place.

Every primary key is a 64-bit integer (BigAutoField). A longer run of digits is not an id
of anything: it must become "not found" or an invalid choice, never reach the database,
where SQLite's driver raises OverflowError for it (a 500) on `IN (...)` lookups.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_ID = 2**63 - 1


def parse_id(value: object) -> int | None:
    """The id a submitted value stands for, or None if it cannot be the id of a row."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        number = value
    else:
        text = str(value).strip()
        # Bounded before int(): int() of a huge string is itself costly.
        if not text.isascii() or not text.isdigit() or len(text) > len(str(MAX_ID)):
            return None
        number = int(text)
    return number if 0 < number <= MAX_ID else None


class IdConverter:
    """`<id:pk>` in URL patterns: a positive 64-bit integer; anything else is a 404."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = parse_id(value)
        if number is None:
            raise ValueError(value)  # Django treats this as "no match": 404
        return number

    def to_url(self, value: int) -> str:
        return str(int(value))


INVALID_CHOICE = _("Lựa chọn không hợp lệ: không có mục nào mang mã %(value)s.")


class IdChoiceMixin:
    """For any ModelChoiceField (forms, django-filter): the value must be a possible id
    before any query."""

    def to_python(self, value):
        if value not in self.empty_values and parse_id(value) is None:
            raise ValidationError(INVALID_CHOICE, code="invalid_choice", params={"value": str(value)[:30]})
        return super().to_python(value)


class IdChoiceField(IdChoiceMixin, forms.ModelChoiceField):
    pass


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Several model choices, each checked as a possible id before the `IN (...)` query."""

    def _check_values(self, value):
        for item in value:
            if parse_id(item) is None:
                raise ValidationError(INVALID_CHOICE, code="invalid_choice", params={"value": str(item)[:30]})
        return super()._check_values(value)


class IdCheckedAdmin:
    """ModelAdmin mixin: its many-to-many fields check each id like the app's forms do.

    (Foreign keys need nothing: Django turns an out-of-range `=` lookup into "no row".)
    """

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", IdMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
