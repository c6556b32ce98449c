from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from theodoi.core.search import BoundedSearchAdmin
from theodoi.documents.models import Document, DocumentLink


class LinkInline(admin.TabularInline):
    model = DocumentLink
    fk_name = "source"
    extra = 1
    autocomplete_fields = ["target"]


@admin.register(Document)
class DocumentAdmin(BoundedSearchAdmin, SimpleHistoryAdmin):
    list_display = ["number", "kind", "title", "issuer", "issued_on"]
    list_filter = ["kind"]
    search_fields = ["number", "title"]
    autocomplete_fields = ["issuer"]
    inlines = [LinkInline]
    # Published or not: through documents.services.document_publish (the document page).
    readonly_fields = ["published"]
