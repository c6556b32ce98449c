from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.agencies.fields import AgencyChoiceField
from theodoi.consultations.models import Consultation, Response
from theodoi.consultations.services import MAX_COMMENT_CHARS, MAX_CONTACT_CHARS, MAX_NAME_CHARS


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Góp ý của bạn"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Công khai sau khi được kiểm duyệt."))
    author_name = forms.CharField(
        label=_("Tên hiển thị (không bắt buộc)"), required=False, max_length=MAX_NAME_CHARS,
        help_text=_("Công khai cùng góp ý; để trống thì hiện là “Người góp ý”."))
    contact = forms.CharField(
        label=_("Thư điện tử hoặc điện thoại (không bắt buộc)"), required=False, max_length=MAX_CONTACT_CHARS,
        help_text=_("Chỉ Văn phòng thấy, để liên hệ khi cần; không bao giờ công khai."))
    # A field people do not see and bots fill in.
    website = forms.CharField(required=False, label=_("Trang web"))

    def __init__(self, *args, max_text: int = MAX_COMMENT_CHARS, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["maxlength"] = max_text


def drafting_agencies():
    return Consultation.objects.values("drafting_agency_id")


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Tên dự thảo"), max_length=500)
    summary = forms.CharField(label=_("Giới thiệu"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    drafting_agency = AgencyChoiceField(label=_("Cơ quan soạn thảo"), involved=drafting_agencies)
    opens_on = forms.DateField(label=_("Ngày bắt đầu"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    closes_on = forms.DateField(label=_("Ngày kết thúc"), widget=forms.DateInput(attrs={"placeholder": "dd/mm/yyyy"}))
    file = forms.FileField(label=_("Tệp dự thảo (DOCX, PDF, TXT)"))


class VersionForm(forms.Form):
    file = forms.FileField(label=_("Tệp bản dự thảo mới"))
    note = forms.CharField(label=_("Thay đổi chính"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class HideForm(forms.Form):
    reason = forms.CharField(label=_("Lý do ẩn (người góp ý được xem)"), widget=forms.Textarea(attrs={"rows": 2}))


class ResponseForm(forms.Form):
    section_key = forms.CharField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(label=_("Hình thức"), choices=Response.Kind.choices)
    text = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 3}))
