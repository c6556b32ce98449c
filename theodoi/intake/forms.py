from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.core.widgets import DayMonthYearInput
from theodoi.intake.models import Intake
from theodoi.tasks.models import Domain


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Văn bản (.docx, .pdf có lớp chữ, .txt, .html)"))


class CandidateForm(forms.Form):
    title = forms.CharField(label=_("Tên nhiệm vụ"), max_length=500)
    lead_names = forms.CharField(label=_("Cơ quan chủ trì"), required=False,
                                 widget=forms.TextInput(attrs={"list": "agency-names"}),
                                 help_text=_("Nhiều cơ quan: ngăn bằng dấu chấm phẩy."))
    coordinating_names = forms.CharField(label=_("Cơ quan phối hợp"), required=False,
                                         widget=forms.TextInput(attrs={"list": "agency-names"}))
    output = forms.CharField(label=_("Sản phẩm"), required=False)
    deadline_text = forms.CharField(label=_("Thời hạn"), required=False,
                                    # Examples of what the deadline parser reads: Vietnamese in every language.
                                    widget=forms.TextInput(attrs={"placeholder": "Quý IV/2025, 30/06/2026, Thường xuyên"}))
    domain = forms.ChoiceField(label=_("Lĩnh vực"), choices=Domain.choices)


class IntakeHeaderForm(forms.ModelForm):
    class Meta:
        model = Intake
        fields = ["kind", "number", "issuer_name", "issued_on", "title"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2}),
                   "issued_on": DayMonthYearInput()}
