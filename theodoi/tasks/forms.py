from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.agencies.fields import AgencyChoiceField, AgencyMultipleChoiceField
from theodoi.core.widgets import DayMonthYearInput
from theodoi.tasks.filters import agencies_with_tasks
from theodoi.tasks.models import Task, TaskComment
from theodoi.tasks.periods import Period, period_from_key


class ProgressReportForm(forms.Form):
    period = forms.ChoiceField(label=_("Kỳ báo cáo"))
    percent_complete = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=100)
    narrative = forms.CharField(label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.FileField(label=_("Tệp minh chứng (không bắt buộc)"), required=False)

    def __init__(self, *args, periods: list[Period], draft: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["period"].choices = [(p.key, p.label) for p in periods]
        if draft:
            # "Lưu nháp" keeps whatever was typed so far; sending needs both (the service
            # says so too, for every other caller).
            self.fields["percent_complete"].required = False
            self.fields["narrative"].required = False

    def cleaned_period(self) -> Period:
        return period_from_key(self.cleaned_data["period"])


class ReturnReportForm(forms.Form):
    reason = forms.CharField(label=_("Lý do trả lại"), widget=forms.Textarea(attrs={"rows": 2}))


class CommentForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại"), choices=TaskComment.Kind.choices)
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 2}))


class TaskForm(forms.ModelForm):
    lead_agency = AgencyChoiceField(label=_("Cơ quan chủ trì"), required=False, involved=agencies_with_tasks)
    coordinating = AgencyMultipleChoiceField(label=_("Cơ quan phối hợp"), required=False,
                                             involved=agencies_with_tasks)
    version = forms.DateTimeField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Task
        fields = ["title", "description", "domain", "lead_agency", "output", "deadline_text", "due_on",
                  "recurrence", "completed_on", "weight", "published"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "output": forms.Textarea(attrs={"rows": 2}),
            "due_on": DayMonthYearInput(),
            "completed_on": DayMonthYearInput(),
        }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # A task led or coordinated by a body since merged keeps it until someone changes it.
        task = self.instance
        if task.pk:
            self.fields["lead_agency"].keep([task.lead_agency_id] if task.lead_agency_id else [])
            self.fields["coordinating"].keep(a.agency_id for a in task.assignments.all())


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Bảng nhiệm vụ (.xlsx hoặc .csv)"))
