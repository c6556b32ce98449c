"""The admin reads petitions and days off; categories are changed through `category_save`.

Petitions move only on the petition screens (assign, answer, hand back …), through the
services with their checks, history and e-mails; days off are added at /kien-nghi/ngay-nghi/
so that running deadlines move with them.
"""

from django.contrib import admin, messages
from django.http import HttpRequest
from simple_history.admin import SimpleHistoryAdmin

from theodoi.core.admin import ReadOnlyAdmin
from theodoi.core.exceptions import ApplicationError
from theodoi.petitions import services
from theodoi.petitions.models import Category, DayOff, Petition


@admin.register(Petition)
class PetitionAdmin(ReadOnlyAdmin):
    list_display = ["display_code", "title", "category", "state", "agency", "due_on", "created_at"]
    list_filter = ["state", "category"]
    exclude = ["proposals"]


@admin.register(DayOff)
class DayOffAdmin(ReadOnlyAdmin):
    list_display = ["day", "reason"]


@admin.register(Category)
class CategoryAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "deadline_days", "order", "active"]
    fields = ["code", "name", "name_en", "description", "deadline_days", "order", "active"]

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # petitions keep their category; deactivate it instead

    def save_model(self, request, obj, form, change) -> None:
        try:
            services.category_save(category=obj, actor=request.user)
        except ApplicationError as exc:
            messages.error(request, exc.message)
