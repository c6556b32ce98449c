"""The API's filters: the task list's own (`tasks.filters.TaskFilter`, as on screen), with
choices limited to what the caller may see; small ones for the other lists."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from theodoi.agencies.models import Agency, AgencyKind
from theodoi.api.selectors import api_documents, api_tasks
from theodoi.core.search import search_words
from theodoi.documents.models import DocumentKind
from theodoi.lib.text import search_key
from theodoi.tasks.filters import IdChoiceFilter, SearchFilter, TaskFilter
from theodoi.indicators.models import Frequency, Indicator
from theodoi.tasks.models import ProgressReport


def _caller(request):
    return getattr(request, "user", None)


class TaskApiFilter(TaskFilter):
    """Filters of the task list: q (accent-insensitive), agency, domain, status, document,
    due_from, due_to, sort."""

    def __init__(self, *args, request=None, **kwargs) -> None:
        super().__init__(*args, request=request, **kwargs)
        # A document the caller may not see is no more a choice than one that does not exist.
        self.filters["document"].queryset = api_documents(user=_caller(request))

    @extend_schema_field(OpenApiTypes.INT)  # the schema's type of `agency` (an agency's id)
    def filter_agency(self, queryset, name, value):
        return super().filter_agency(queryset, name, value)


class DocumentApiFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(choices=DocumentKind.choices)


class AgencyApiFilter(django_filters.FilterSet):
    q = SearchFilter(method="filter_search", help_text="Words of the name, with or without diacritics.")
    kind = django_filters.ChoiceFilter(choices=AgencyKind.choices)
    dissolved = django_filters.ChoiceFilter(choices=[("true", "true"), ("false", "false")], method="filter_dissolved",
                                            help_text="true: dissolved or merged bodies only; false: existing ones.")

    class Meta:
        model = Agency
        fields = ["q", "kind", "dissolved"]

    def filter_dissolved(self, queryset, name, value):
        return queryset.filter(dissolved_on__isnull=value != "true")

    def filter_search(self, queryset, name, value):
        words = search_words(value)
        if not words:
            return queryset
        # The registry is a few hundred names: matched in Python with the one search key.
        names = Agency.objects.values_list("pk", "name", "short_name")
        ids = [pk for pk, full, short in names if all(w in search_key(f"{full} {short}") for w in words)]
        return queryset.filter(pk__in=ids)


class ProgressNoteApiFilter(django_filters.FilterSet):
    task = IdChoiceFilter(queryset=None, help_text="Id of a task.")
    agency = IdChoiceFilter(queryset=Agency.objects.all(), help_text="Id of the reporting agency.")
    period_from = django_filters.DateFilter(field_name="period_end", lookup_expr="gte",
                                            help_text="Periods ending on or after this day (YYYY-MM-DD).")
    period_to = django_filters.DateFilter(field_name="period_start", lookup_expr="lte",
                                          help_text="Periods starting on or before this day (YYYY-MM-DD).")

    class Meta:
        model = ProgressReport
        fields = ["task", "agency", "period_from", "period_to"]

    def __init__(self, *args, request=None, **kwargs) -> None:
        super().__init__(*args, request=request, **kwargs)
        self.filters["task"].queryset = api_tasks(user=_caller(request))


class IndicatorApiFilter(django_filters.FilterSet):
    agency = IdChoiceFilter(queryset=Agency.objects.all(), help_text="Id of the responsible agency.")
    document = IdChoiceFilter(queryset=None, help_text="Id of the document that sets the indicator.")
    frequency = django_filters.ChoiceFilter(choices=Frequency.choices)

    class Meta:
        model = Indicator
        fields = ["agency", "document", "frequency"]

    def __init__(self, *args, request=None, **kwargs) -> None:
        super().__init__(*args, request=request, **kwargs)
        self.filters["document"].queryset = api_documents(user=_caller(request))
