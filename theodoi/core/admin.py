"""Django's own user and group admin, under the same input checks as the app's admins."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from theodoi.core.ids import IdCheckedAdmin
from theodoi.core.search import BoundedSearchAdmin

User = get_user_model()


# Workflow records change only through their services on the app's pages: the admin of
# every app shows them with these, read-only.
class ReadOnlyMixin:
    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ReadOnlyInline(ReadOnlyMixin, admin.TabularInline):
    extra = 0
    can_delete = False


class ReadOnlyAdmin(ReadOnlyMixin, SimpleHistoryAdmin):
    pass


class CheckedUserAdmin(BoundedSearchAdmin, IdCheckedAdmin, UserAdmin):
    pass


class CheckedGroupAdmin(BoundedSearchAdmin, IdCheckedAdmin, GroupAdmin):
    pass


# django.contrib.auth comes first in INSTALLED_APPS, so its registrations exist by now.
for model, model_admin in ((User, CheckedUserAdmin), (Group, CheckedGroupAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
