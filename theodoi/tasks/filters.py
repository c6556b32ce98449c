import django_filters
from django.db.models import Exists, OuterRef, Q
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from theodoi.agencies.models import Agency
from theodoi.agencies.selectors import agency_ids_acting_for
from theodoi.core.ids import IdChoiceMixin
from theodoi.core.search import SearchField, matching
from theodoi.core.widgets import DayMonthYearInput, PlainCheckboxInput, PlainSelect, PlainTextInput
from theodoi.documents.models import Document, document_label
from theodoi.tasks.models import Assignment, Domain, Task
from theodoi.tasks.status import Status

SORTS = {
    "due": ("due_on", "id"),
    "-due": ("-due_on", "-id"),
    "title": ("title", "id"),
    "domain": ("domain", "id"),
    "agency": ("lead_agency__name", "id"),
    "recent": ("-updated_at", "-id"),
}


class IdChoiceFilterField(IdChoiceMixin, django_filters.fields.ModelChoiceField):
    pass


class IdChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = IdChoiceFilterField


class LabelledRowsIterator(ModelChoiceIterator):
    """A select's options from (id, label) rows its field reads with `values_list`
    (`option_rows`): no model instance per option, which for a hundred agencies cost more
    than the query. Same values and labels as the instances' `str()`."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.field.option_rows(self.queryset)


class AgencyChoiceField(IdChoiceFilterField):
    iterator = LabelledRowsIterator

    def option_rows(self, queryset):
        return queryset.values_list("pk", "name")  # str(agency) is its name


class DocumentChoiceField(IdChoiceFilterField):
    iterator = LabelledRowsIterator

    def option_rows(self, queryset):
        for pk, kind, number, title in queryset.values_list("pk", "kind", "number", "title"):
            yield pk, document_label(kind=kind, number=number, title=title)


class AgencyChoiceFilter(IdChoiceFilter):
    field_class = AgencyChoiceField


class DocumentChoiceFilter(IdChoiceFilter):
    field_class = DocumentChoiceField


class SearchFilter(django_filters.CharFilter):
    field_class = SearchField


def agencies_with_tasks(request=None):
    """The agencies a task list can be filtered by: those leading or coordinating a task, and
    the bodies that took them over. The national registry holds some 1,600 bodies; a select
    of all of them would weigh on every page of the list and help nobody."""
    # EXISTS, one index probe per agency, rather than IN over every task and assignment row.
    involved = (Exists(Task.objects.filter(lead_agency=OuterRef("pk")))
                | Exists(Assignment.objects.filter(agency=OuterRef("pk"))))
    return Agency.objects.filter(
        involved | Q(pk__in=Agency.succeeded_by.through.objects.filter(
            from_agency__in=Agency.objects.filter(involved)).values("to_agency_id")),
    ).order_by("name")


# A filter not chosen: "Tất cả", as the petitions inbox says, not django-filter's "---------"
# (read out as dashes, and no hint that it means every agency, domain or status).
ANY = _("Tất cả")


class TaskFilter(django_filters.FilterSet):
    """Filters of the task list; `status` needs a queryset annotated by `with_status`."""

    q = SearchFilter(label=_("Tìm kiếm"), method="filter_search", widget=PlainTextInput)
    agency = AgencyChoiceFilter(
        label=_("Cơ quan (chủ trì hoặc phối hợp)"), queryset=agencies_with_tasks,
        method="filter_agency", widget=PlainSelect, empty_label=ANY,
    )
    # Today's agency: Bộ Tài chính with this ticked also lists the tasks assigned to the
    # bodies merged into it (Bộ Kế hoạch và Đầu tư), as "Việc của tôi" does for its officers.
    current = django_filters.BooleanFilter(
        label=_("Gộp nhiệm vụ của cơ quan tiền thân"), method="filter_nothing",
        widget=PlainCheckboxInput,
    )
    domain = django_filters.ChoiceFilter(label=_("Lĩnh vực"), choices=Domain.choices, widget=PlainSelect,
                                         empty_label=ANY)
    status = django_filters.ChoiceFilter(label=_("Tình trạng"), choices=Status.choices, widget=PlainSelect,
                                         empty_label=ANY)
    document = DocumentChoiceFilter(label=pgettext_lazy("one document", "Văn bản"), queryset=Document.objects.all(),
                                    widget=PlainSelect, empty_label=ANY)
    due_from = django_filters.DateFilter(
        label=_("Hạn từ ngày"), field_name="due_on", lookup_expr="gte",
        widget=DayMonthYearInput(),
    )
    due_to = django_filters.DateFilter(
        label=_("đến ngày"), field_name="due_on", lookup_expr="lte",
        widget=DayMonthYearInput(),
    )
    sort = django_filters.ChoiceFilter(
        label=_("Sắp xếp"), method="filter_sort", empty_label=_("Mặc định"), widget=PlainSelect,
        choices=[("due", _("Hạn gần nhất")), ("-due", _("Hạn xa nhất")), ("title", _("Tên nhiệm vụ")),
                 ("domain", _("Lĩnh vực")), ("agency", _("Cơ quan chủ trì")), ("recent", _("Mới cập nhật"))],
    )

    class Meta:
        model = Task
        fields = ["q", "agency", "current", "domain", "status", "document", "due_from", "due_to", "sort"]

    _form_class = None

    def get_form_class(self):
        # Built once per process, not per request: django-filter makes a new form class, its
        # fields and the agency queryset's expression every time. Each form still copies
        # the fields (and clones their querysets), so every request reads today's choices.
        # Only for this class: a subclass may set a filter's queryset per request (the API's
        # documents per caller), which a form class kept from an earlier request would ignore.
        if type(self) is not TaskFilter:
            return super().get_form_class()
        if TaskFilter._form_class is None:
            TaskFilter._form_class = super().get_form_class()
        return TaskFilter._form_class

    def filter_search(self, queryset, name, value):
        return matching(queryset, value)

    def filter_agency(self, queryset, name, value):
        if not value:
            return queryset
        if self.form.cleaned_data.get("current"):
            ids = agency_ids_acting_for(value.pk)
            return queryset.filter(
                Q(lead_agency_id__in=ids) | Q(pk__in=Assignment.objects.filter(agency_id__in=ids).values("task_id"))
            )
        return queryset.filter(
            Q(lead_agency=value) | Q(pk__in=value.assignments.values("task_id"))
        )

    def filter_nothing(self, queryset, name, value):
        return queryset  # read by filter_agency

    def filter_sort(self, queryset, name, value):
        return queryset.order_by(*SORTS.get(value, ("id",)))
