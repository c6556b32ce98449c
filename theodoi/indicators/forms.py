from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.core.exceptions import ApplicationError
from theodoi.indicators.validation import parse_value

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


class ObservationForm(forms.Form):
    value = forms.CharField(label=_("Giá trị"), max_length=40)
    source = forms.CharField(label=_("Nguồn số liệu"), max_length=500)

    def clean_value(self):
        try:
            return parse_value(self.cleaned_data["value"])
        except ApplicationError as exc:
            raise forms.ValidationError(exc.message) from exc


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=2000)


class UnlockForm(ReasonForm):
    until = forms.DateField(label=_("Mở đến hết ngày"), input_formats=DATE_FORMATS,
                            widget=forms.DateInput(attrs={"type": "date"}))


class ReopenForm(ReasonForm):
    until = forms.DateField(label=_("Mở đến hết ngày (nếu kỳ đã tự khóa)"), input_formats=DATE_FORMATS, required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
