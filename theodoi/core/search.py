"""Search terms from users: bounded, then turned into the words matched against search keys.

Each word becomes one `LIKE` condition: without a bound, 999 words overflow SQLite's
expression tree and a 50,000-character term its LIKE pattern limit (both a 500), and on any
database a long term costs a scan per word. 30 words and 300 characters are more than any
task title needs to be found by pasting it.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from theodoi.lib.text import search_key

MAX_SEARCH_CHARS = 300
MAX_SEARCH_WORDS = 30

TOO_LONG = _("Từ khóa tìm kiếm dài quá: tối đa %(limit_value)d ký tự (đã nhập %(show_value)d). Hãy rút gọn.")
TOO_MANY_WORDS = _("Từ khóa tìm kiếm có quá nhiều từ: tối đa %(limit)d từ (đã nhập %(count)d). Hãy rút gọn.")


def search_words(term: str | None) -> list[str]:
    """The distinct words of a term's search key, in order (each is matched once)."""
    return list(dict.fromkeys(search_key(term).split()))


def check_search_term(term: str | None) -> None:
    """Raise ValidationError with the user's message if the term is over either bound."""
    term = term or ""
    if len(term) > MAX_SEARCH_CHARS:
        raise ValidationError(TOO_LONG, code="max_length",
                              params={"limit_value": MAX_SEARCH_CHARS, "show_value": len(term)})
    count = len(search_words(term))
    if count > MAX_SEARCH_WORDS:
        raise ValidationError(TOO_MANY_WORDS, code="too_many_words",
                              params={"limit": MAX_SEARCH_WORDS, "count": count})


class SearchField(forms.CharField):
    """A search box: at most MAX_SEARCH_CHARS characters (also as the input's maxlength)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", MAX_SEARCH_CHARS)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.error_messages["max_length"] = TOO_LONG

    def validate(self, value: str) -> None:
        super().validate(value)
        check_search_term(value)


class BoundedSearchAdmin:
    """ModelAdmin mixin: the admin's search (and its autocomplete) under the same bounds.

    The admin adds one condition per word and field, so it overflows sooner than the task
    list; over the bounds it searches the first words and says so.
    """

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        try:
            check_search_term(search_term)
        except ValidationError as exc:
            if request.headers.get("x-requested-with") != "XMLHttpRequest":  # not the autocomplete widget
                messages.warning(request, " ".join(exc.messages) + " " + gettext("Chỉ tìm theo phần đầu của từ khóa."))
            search_term = " ".join(search_term[:MAX_SEARCH_CHARS].split()[:MAX_SEARCH_WORDS])
        return super().get_search_results(request, queryset, search_term)
