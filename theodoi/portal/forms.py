from django import forms
from django.utils.translation import gettext_lazy as _

from theodoi.core.search import SearchField
from theodoi.core.widgets import PlainSelect
from theodoi.tasks.models import Domain
from theodoi.tasks.status import Status


class PublicFilterForm(forms.Form):
    """The portal list's filters; values outside the choices are simply ignored."""

    q = SearchField(label=_("Tìm kiếm"))
    domain = forms.ChoiceField(label=_("Lĩnh vực"), required=False, widget=PlainSelect,
                               choices=[("", _("Tất cả lĩnh vực")), *Domain.choices])
    status = forms.ChoiceField(label=_("Tình trạng"), required=False, widget=PlainSelect,
                               choices=[("", _("Mọi tình trạng")), *Status.choices])
    agency = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
    document = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)


class FollowForm(forms.Form):
    email = forms.EmailField(label=_("Địa chỉ e-mail của bạn"), max_length=254)
    kind = forms.ChoiceField(choices=[("task", "task"), ("document", "document"), ("agency", "agency")],
                             widget=forms.HiddenInput)
    target = forms.IntegerField(widget=forms.HiddenInput, min_value=1, max_value=2**63 - 1)
