from django import forms

from theodoi.documents.models import Intake
from theodoi.tasks.models import Domain


class UploadForm(forms.Form):
    file = forms.FileField(label="Văn bản (.docx, .pdf có lớp chữ, .txt, .html)")


class CandidateForm(forms.Form):
    title = forms.CharField(label="Tên nhiệm vụ", max_length=500)
    lead_names = forms.CharField(label="Cơ quan chủ trì", required=False,
                                 widget=forms.TextInput(attrs={"list": "agency-names"}),
                                 help_text="Nhiều cơ quan: ngăn bằng dấu chấm phẩy.")
    coordinating_names = forms.CharField(label="Cơ quan phối hợp", required=False,
                                         widget=forms.TextInput(attrs={"list": "agency-names"}))
    output = forms.CharField(label="Sản phẩm", required=False)
    deadline_text = forms.CharField(label="Thời hạn", required=False,
                                    widget=forms.TextInput(attrs={"placeholder": "Quý IV/2025, 30/06/2026, Thường xuyên"}))
    domain = forms.ChoiceField(label="Lĩnh vực", choices=Domain.choices)


class IntakeHeaderForm(forms.ModelForm):
    class Meta:
        model = Intake
        fields = ["kind", "number", "issuer_name", "issued_on", "title"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2}),
                   "issued_on": forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"})}
