"""API tokens in the admin: issued and revoked through the services (permission, history);
the key is shown once, on the page after issuing, and never stored."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin

from theodoi.api import services
from theodoi.api.models import ApiToken
from theodoi.core.exceptions import ApplicationError


class IssueForm(forms.ModelForm):
    user = forms.ModelChoiceField(queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
                                  label=gettext_lazy("người dùng"))

    class Meta:
        model = ApiToken
        fields = ["user", "name"]


@admin.register(ApiToken)
class ApiTokenAdmin(SimpleHistoryAdmin):
    list_display = ["prefix", "user", "name", "created_at", "created_by", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["prefix", "user__username", "name"]
    actions = ["revoke"]
    form = IssueForm

    def has_module_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("api.manage_tokens")

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return request.user.has_perm("api.manage_tokens")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return request.user.has_perm("api.manage_tokens")

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # a token is issued or revoked, never edited

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # revoked tokens stay, as the record of who could read what

    def save_model(self, request: HttpRequest, obj: ApiToken, form, change: bool) -> None:
        try:
            issued = services.api_token_issue(actor=request.user, user=form.cleaned_data["user"],
                                              name=form.cleaned_data["name"])
        except ApplicationError as exc:
            messages.error(request, exc.message)
            return
        obj.pk = issued.token.pk
        messages.warning(request, _("Mã truy cập mới cho %(user)s: %(key)s — chép ngay, mã chỉ hiện một lần này.")
                         % {"user": issued.token.user, "key": issued.key})

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        """Nothing related: the service saved the token."""

    def response_add(self, request: HttpRequest, obj: ApiToken, post_url_continue=None) -> HttpResponseRedirect:
        if obj.pk is None:  # refused: back to the form, with the message
            return HttpResponseRedirect(request.path)
        return HttpResponseRedirect(reverse("admin:api_apitoken_changelist"))

    @admin.action(description=gettext_lazy("Thu hồi các mã truy cập đã chọn"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiToken]) -> None:
        for token in queryset:
            try:
                services.api_token_revoke(actor=request.user, token=token)
                messages.success(request, _("Đã thu hồi mã %(prefix)s….") % {"prefix": token.prefix})
            except ApplicationError as exc:
                messages.error(request, exc.message)
