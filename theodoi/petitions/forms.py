from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from theodoi.agencies.fields import AgencyChoiceField
from theodoi.agencies.models import Agency
from theodoi.core.ids import IdChoiceField
from theodoi.core.widgets import PlainSelect
from theodoi.petitions.models import Category, Petition, State
from theodoi.petitions.uploads import MAX_FILES

PUBLIC = _("Công khai trên trang theo dõi kiến nghị.")
PRIVATE = _("Chỉ Văn phòng UBND và cơ quan được giao xử lý thấy; không bao giờ công khai.")
TEXT_MAX = 10_000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input (Django's documented pattern); their content is checked
    by `petitions.uploads`, not here."""

    def clean(self, data, initial=None):
        if isinstance(data, (list, tuple)):
            return [super(MultipleFileField, self).clean(item, initial) for item in data]
        return super().clean(data, initial)


class PetitionForm(forms.Form):
    category = IdChoiceField(queryset=Category.objects.filter(active=True), label=pgettext_lazy("petition", "Lĩnh vực"),
                             empty_label=_("— chọn lĩnh vực —"), help_text=PUBLIC)
    title = forms.CharField(label=_("Tiêu đề"), max_length=200, help_text=PUBLIC)
    text = forms.CharField(label=_("Nội dung kiến nghị, phản ánh"), max_length=TEXT_MAX,
                           widget=forms.Textarea(attrs={"rows": 8}),
                           help_text=_("Công khai trên trang theo dõi. Xin đừng ghi thông tin cá nhân vào đây."))
    address = forms.CharField(label=_("Địa điểm (số nhà, đường, phường/xã)"), max_length=300, required=False,
                              help_text=PUBLIC)
    latitude = forms.DecimalField(label=_("Vĩ độ"), required=False, min_value=-90, max_value=90, max_digits=9,
                                  decimal_places=6, help_text=_("Không bắt buộc. Công khai."))
    longitude = forms.DecimalField(label=_("Kinh độ"), required=False, min_value=-180, max_value=180, max_digits=9,
                                   decimal_places=6, help_text=_("Không bắt buộc. Công khai."))
    files = MultipleFileField(label=_("Ảnh, tệp PDF đính kèm"), required=False,
                            widget=MultipleFileInput(attrs={"accept": "image/jpeg,image/png,application/pdf"}),
                            help_text=_("Tối đa %(n)s tệp, mỗi tệp 10 MB. %(who)s Ảnh được xóa thông tin vị trí, "
                                        "thiết bị (EXIF).") % {"n": MAX_FILES, "who": PRIVATE})
    contact_name = forms.CharField(label=_("Họ và tên"), max_length=120, required=False, help_text=PRIVATE)
    contact_phone = forms.CharField(label=_("Số điện thoại"), max_length=30, required=False, help_text=PRIVATE,
                                    validators=[RegexValidator(r"^[0-9 +().-]{6,30}$", _("Số điện thoại không hợp lệ."))])
    contact_email = forms.EmailField(label=_("Thư điện tử"), max_length=200, required=False,
                                     help_text=_("Để nhận mã theo dõi và thông báo. ") + PRIVATE)
    # Hidden from people (CSS and aria-hidden); a bot filling every field fills this one.
    website = forms.CharField(label=_("Để trống ô này"), required=False,
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))


    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Screen readers read, with each field, who will see it.
        for name, field in self.fields.items():
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}_who"


class TrackForm(forms.Form):
    code = forms.CharField(label=_("Mã theo dõi"), max_length=40)


def agencies_with_petitions():
    return Petition.objects.values("agency_id")


class InboxFilterForm(forms.Form):
    state = forms.ChoiceField(label=_("Trạng thái"), required=False, choices=[("", _("Tất cả"))] + State.choices)
    category = forms.ChoiceField(label=pgettext_lazy("petition", "Lĩnh vực"), required=False)
    # The agencies petitions went to, not the national registry (~1,600 bodies).
    agency = IdChoiceField(label=_("Cơ quan"), required=False, widget=PlainSelect, empty_label=_("Tất cả"),
                           queryset=Agency.objects.filter(pk__in=agencies_with_petitions()).order_by("name"))
    overdue = forms.BooleanField(label=_("Chỉ quá hạn"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = [("", _("Tất cả"))] + list(
            Category.objects.values_list("code", "name"))


class AssignForm(forms.Form):
    agency = AgencyChoiceField(label=_("Cơ quan xử lý"), involved=agencies_with_petitions)
    note = forms.CharField(label=_("Ghi chú"), required=False, max_length=500)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Nội dung trả lời"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 6}))


class PublicationForm(forms.Form):
    public = forms.BooleanField(label=_("Công khai nội dung trả lời"), required=False)
    reason = forms.CharField(label=_("Lý do không công khai"), required=False, max_length=2000)


class MergeForm(forms.Form):
    into = forms.CharField(label=_("Mã theo dõi của kiến nghị giữ lại"), max_length=40)


class DayOffForm(forms.Form):
    day = forms.DateField(label=_("Ngày nghỉ (dd/mm/yyyy)"))
    reason = forms.CharField(label=_("Lý do"), max_length=200)
