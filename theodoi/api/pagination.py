"""Pages of a list: `?page=2&page_size=100`. A malformed number is a 400 with a message."""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ValidationError

from theodoi.core.ids import parse_id


class PageNumberPagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    page_query_description = "Page number, from 1."
    page_size_query_description = "Results per page (default 50, at most 500)."

    @property
    def max_page_size(self) -> int:  # type: ignore[override]
        return settings.API_MAX_PAGE_SIZE

    def get_page_size(self, request) -> int:
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None or raw == "":
            return settings.API_PAGE_SIZE
        size = parse_id(raw)
        if size is None or size > self.max_page_size:
            raise ValidationError({self.page_size_query_param: [
                _("Số kết quả mỗi trang phải là số nguyên từ 1 đến %(max)d.") % {"max": self.max_page_size}]})
        return size

    def paginate_queryset(self, queryset, request, view=None):
        raw = request.query_params.get(self.page_query_param)
        if raw not in (None, "", "last") and parse_id(raw) is None:
            raise ValidationError({self.page_query_param: [_("Số trang phải là số nguyên dương.")]})
        try:
            return super().paginate_queryset(queryset, request, view)
        except NotFound:
            raise NotFound(_("Không có trang %(page)s.") % {"page": raw}) from None

    def get_paginated_response_schema(self, schema: dict) -> dict:
        # Written for OpenAPI 3.1 (SPECTACULAR_SETTINGS): null is a type, not `nullable`.
        link = {"type": ["string", "null"], "format": "uri"}
        return {
            "type": "object",
            "required": ["count", "results"],
            "properties": {
                "count": {"type": "integer", "description": "Results in all pages."},
                "next": {**link, "description": "The next page (null on the last)."},
                "previous": {**link, "description": "The previous page (null on the first)."},
                "results": schema,
            },
        }
