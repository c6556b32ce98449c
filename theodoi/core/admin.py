"""Django's own user and group admin, under the same input checks as the app's admins."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group

from theodoi.core.ids import IdCheckedAdmin
from theodoi.core.search import BoundedSearchAdmin

User = get_user_model()


class CheckedUserAdmin(BoundedSearchAdmin, IdCheckedAdmin, UserAdmin):
    pass


class CheckedGroupAdmin(BoundedSearchAdmin, IdCheckedAdmin, GroupAdmin):
    pass


# django.contrib.auth comes first in INSTALLED_APPS, so its registrations exist by now.
for model, model_admin in ((User, CheckedUserAdmin), (Group, CheckedGroupAdmin)):
    admin.site.unregister(model)
    admin.site.register(model, model_admin)
