from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from theodoi.agencies.models import Agency, AgencyAlias, Membership
from theodoi.core.ids import IdCheckedAdmin
from theodoi.core.search import BoundedSearchAdmin


class AliasInline(admin.TabularInline):
    model = AgencyAlias
    extra = 1
    fields = ["alias"]


@admin.register(Agency)
class AgencyAdmin(BoundedSearchAdmin, IdCheckedAdmin, SimpleHistoryAdmin):
    list_display = ["name", "short_name", "kind", "parent", "dissolved_on"]
    list_filter = ["kind", ("dissolved_on", admin.EmptyFieldListFilter)]
    search_fields = ["name", "short_name", "aliases__alias"]
    filter_horizontal = ["succeeded_by"]
    autocomplete_fields = ["parent"]
    inlines = [AliasInline]


@admin.register(Membership)
class MembershipAdmin(BoundedSearchAdmin, SimpleHistoryAdmin):
    list_display = ["user", "agency"]
    autocomplete_fields = ["agency"]
    search_fields = ["user__username", "agency__name"]
