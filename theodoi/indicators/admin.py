"""The office keeps indicators and their targets here, through the same services as the demo
loader (permission, checks, history); values, their reviews and lock exceptions change only
on the indicator page, so they are read-only here."""

from django.contrib import admin, messages
from django.http import HttpRequest

from simple_history.admin import SimpleHistoryAdmin

from theodoi.core.admin import ReadOnlyAdmin
from theodoi.core.exceptions import ApplicationError
from theodoi.core.ids import IdCheckedAdmin
from theodoi.core.search import BoundedSearchAdmin
from theodoi.indicators import services
from theodoi.indicators.models import Indicator, LockException, Observation, Target


class NoDeleteAdmin(BoundedSearchAdmin, IdCheckedAdmin, SimpleHistoryAdmin):
    # Indicators and targets carry the history of what documents set; they are not deleted.
    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def _saved(self, request: HttpRequest, obj, save) -> None:
        try:
            saved = save()
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return
        obj.pk = saved.pk


@admin.register(Indicator)
class IndicatorAdmin(NoDeleteAdmin):
    list_display = ["code", "name", "unit", "agency", "document", "frequency"]
    list_filter = ["unit", "frequency"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["agency", "document"]
    fields = ["code", *services.INDICATOR_FIELDS]

    def get_readonly_fields(self, request: HttpRequest, obj: Indicator | None = None) -> list[str]:
        return ["code"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Indicator, form, change: bool) -> None:
        data = {name: form.cleaned_data[name] for name in services.INDICATOR_FIELDS if name in form.cleaned_data}
        self._saved(request, obj, lambda: services.indicator_save(actor=request.user, code=obj.code, **data))


@admin.register(Target)
class TargetAdmin(NoDeleteAdmin):
    list_display = ["indicator", "from_year", "year", "low", "high", "document"]
    list_filter = ["year"]
    autocomplete_fields = ["indicator", "document"]
    fields = ["indicator", "document", "from_year", "year", "low", "high", "wording"]

    def get_readonly_fields(self, request: HttpRequest, obj: Target | None = None) -> list[str]:
        return ["indicator", "from_year", "year"] if obj is not None else []

    def save_model(self, request: HttpRequest, obj: Target, form, change: bool) -> None:
        data = form.cleaned_data
        self._saved(request, obj, lambda: services.target_set(
            actor=request.user, indicator=obj.indicator, document=data["document"], year=obj.year,
            from_year=obj.from_year, low=data.get("low"), high=data.get("high"), wording=data.get("wording", "")))


@admin.register(Observation)
class ObservationAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "period_start", "value", "state", "is_demo", "entered_by"]
    list_filter = ["state", "is_demo"]


@admin.register(LockException)
class LockExceptionAdmin(ReadOnlyAdmin):
    list_display = ["indicator", "period_start", "until", "granted_by", "reason"]


