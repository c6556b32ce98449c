"""Read-only endpoints: each parses, asks a selector what the caller may see, serializes."""

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, extend_schema_view
from drf_spectacular.views import SpectacularRedocView, SpectacularSwaggerView
from rest_framework import generics
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from theodoi.api import exports, selectors
from theodoi.api.filters import (
    AgencyApiFilter,
    DocumentApiFilter,
    IndicatorApiFilter,
    ProgressNoteApiFilter,
    TaskApiFilter,
)
from theodoi.api.serializers import (
    AgencySerializer,
    DocumentDetailSerializer,
    DocumentSerializer,
    ErrorSerializer,
    IndicatorSerializer,
    ProgressNoteSerializer,
    TaskDetailSerializer,
    TaskSerializer,
)
from theodoi.tasks.downloads import evidence_response
from theodoi.tasks.models import Task
from theodoi.tasks.selectors import internals_visible_task_ids
from theodoi.tasks.status import with_settled_status

ID = OpenApiParameter("id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Id (a positive 64-bit integer).")
ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="A query parameter is not valid: `errors` says which and why."),
    401: OpenApiResponse(ErrorSerializer, description="The token given is unknown, revoked, or malformed."),
    404: OpenApiResponse(ErrorSerializer, description="No such object, or none the caller may see."),
    429: OpenApiResponse(ErrorSerializer, description="Too many requests from this client: `Retry-After` says when "
                                                      "to retry."),
}


class ApiMixin:
    """What every endpoint shares: `today` for the status sentences, who is asking."""

    request: Request

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()  # type: ignore[misc]
        context["today"] = timezone.localdate()
        context["staff"] = selectors.is_staff_caller(self.request.user)
        return context


# --- tasks -------------------------------------------------------------------------------


class TaskQueryMixin(ApiMixin):
    filterset_class = TaskApiFilter
    queryset = Task.objects.none()  # the model, for the schema; get_queryset says which rows

    def get_queryset(self) -> QuerySet:
        return with_settled_status(selectors.api_tasks(user=self.request.user))

    default_order = ("due_on", "id")

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        queryset = super().filter_queryset(queryset)  # type: ignore[misc]
        if not self.request.query_params.get("sort"):
            queryset = queryset.order_by(*self.default_order)
        return queryset

    def download(self, kind: str):
        tasks = selectors.api_task_rows(user=self.request.user, tasks=self.filter_queryset(self.get_queryset()))
        return exports.tasks_download(tasks, kind=kind, public=not selectors.is_staff_caller(self.request.user))


@extend_schema_view(get=extend_schema(
    summary="Tasks", description="Tasks with their status and why; filters as on the task list.",
    responses={200: TaskSerializer(many=True), **ERRORS}))
class TaskList(TaskQueryMixin, generics.ListAPIView):
    serializer_class = TaskSerializer

    def filter_queryset(self, queryset: QuerySet) -> QuerySet:
        return selectors.api_task_rows(user=self.request.user, tasks=super().filter_queryset(queryset))


@extend_schema_view(get=extend_schema(
    summary="One task", description="A task with its source words, progress notes and (staff) comments.",
    parameters=[ID], responses={200: TaskDetailSerializer, **ERRORS}))
class TaskDetail(ApiMixin, generics.RetrieveAPIView):
    serializer_class = TaskDetailSerializer

    def get_object(self):
        tasks = with_settled_status(selectors.api_tasks(user=self.request.user)).filter(pk=self.kwargs["pk"])
        task = selectors.api_task_rows(user=self.request.user, tasks=tasks).first()
        if task is None:
            raise Http404(_("Không tìm thấy nhiệm vụ."))
        self.task = task
        return task

    def get_serializer_context(self) -> dict:
        context = super().get_serializer_context()
        task = getattr(self, "task", None)
        if task is None:  # the schema generator asks for a serializer without a request's task
            return context
        notes = list(selectors.api_progress_notes(user=self.request.user).filter(task=task)
                     .order_by("-period_start", "-id"))
        context["notes"] = notes
        context["internals_task_ids"] = internals_visible_task_ids(user=self.request.user, task_ids=[task.pk])
        context["comments"] = list(selectors.api_comments(user=self.request.user, task=task))
        return context


@extend_schema_view(get=extend_schema(
    summary="Tasks as CSV", description="The task list (same filters, no pages) as the appendix table, CSV (UTF-8 with BOM).",
    responses={(200, "text/csv"): OpenApiTypes.STR, **ERRORS}))
class TaskCsv(TaskQueryMixin, generics.GenericAPIView):
    pagination_class = None
    default_order = ("document_id", "id")  # the appendix's own order

    def get(self, request: Request, *args, **kwargs):
        return self.download("csv")


@extend_schema_view(get=extend_schema(
    summary="Tasks as XLSX", description="The task list (same filters, no pages) as the appendix table, an Excel workbook.",
    responses={(200, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"): OpenApiTypes.BINARY,
               **ERRORS}))
class TaskXlsx(TaskQueryMixin, generics.GenericAPIView):
    pagination_class = None
    default_order = ("document_id", "id")

    def get(self, request: Request, *args, **kwargs):
        return self.download("xlsx")


# --- documents ---------------------------------------------------------------------------


class DocumentQueryMixin(ApiMixin):
    filterset_class = DocumentApiFilter

    def get_queryset(self) -> QuerySet:
        links = selectors.api_document_links(user=self.request.user).select_related("source", "target")
        # A link is shown only when the caller may see the documents at both ends.
        return selectors.api_documents(user=self.request.user).prefetch_related(
            Prefetch("outgoing_links", queryset=links), Prefetch("incoming_links", queryset=links),
        ).order_by("-issued_on", "id")


@extend_schema_view(get=extend_schema(summary="Documents", description="Programmes and the documents they carry out.",
                                      responses={200: DocumentSerializer(many=True), **ERRORS}))
class DocumentList(DocumentQueryMixin, generics.ListAPIView):
    serializer_class = DocumentSerializer


@extend_schema_view(get=extend_schema(summary="One document", description="A document with its full text.",
                                      parameters=[ID], responses={200: DocumentDetailSerializer, **ERRORS}))
class DocumentDetail(DocumentQueryMixin, generics.RetrieveAPIView):
    serializer_class = DocumentDetailSerializer
    filterset_class = None


# --- agencies ----------------------------------------------------------------------------


class AgencyQueryMixin(ApiMixin):
    filterset_class = AgencyApiFilter

    def get_queryset(self) -> QuerySet:
        return selectors.api_agencies(user=self.request.user)


@extend_schema_view(get=extend_schema(
    summary="Agencies", description="The agency registry with its succession (predecessors and successors).",
    responses={200: AgencySerializer(many=True), **ERRORS}))
class AgencyList(AgencyQueryMixin, generics.ListAPIView):
    serializer_class = AgencySerializer


@extend_schema_view(get=extend_schema(summary="One agency", parameters=[ID],
                                      responses={200: AgencySerializer, **ERRORS}))
class AgencyDetail(AgencyQueryMixin, generics.RetrieveAPIView):
    serializer_class = AgencySerializer
    filterset_class = None


# --- indicators --------------------------------------------------------------------------


class IndicatorQueryMixin(ApiMixin):
    filterset_class = IndicatorApiFilter
    serializer_class = IndicatorSerializer

    def get_queryset(self) -> QuerySet:
        return selectors.api_indicators(user=self.request.user)


@extend_schema_view(get=extend_schema(
    summary="Indicators", description="Indicators (chỉ tiêu) with their targets and values per period: for the "
                                      "public the approved values of indicators set by published documents.",
    responses={200: IndicatorSerializer(many=True), **ERRORS}))
class IndicatorList(IndicatorQueryMixin, generics.ListAPIView):
    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        rows = selectors.api_indicator_rows(user=request.user, indicators=page)
        return self.get_paginated_response(self.get_serializer(rows, many=True).data)


@extend_schema_view(get=extend_schema(summary="One indicator", parameters=[ID],
                                      responses={200: IndicatorSerializer, **ERRORS}))
class IndicatorDetail(IndicatorQueryMixin, generics.RetrieveAPIView):
    filterset_class = None

    def get_object(self):
        found = self.get_queryset().filter(pk=self.kwargs["pk"]).first()
        if found is None:
            raise Http404(_("Không tìm thấy chỉ tiêu."))
        return selectors.api_indicator_rows(user=self.request.user, indicators=[found])[0]


# --- progress notes ----------------------------------------------------------------------


@extend_schema_view(get=extend_schema(
    summary="Progress notes",
    description="Progress reports: for public callers the accepted ones the office published; "
                "for staff what they read in the app.",
    responses={200: ProgressNoteSerializer(many=True), **ERRORS}))
class ProgressNoteList(ApiMixin, generics.ListAPIView):
    serializer_class = ProgressNoteSerializer
    filterset_class = ProgressNoteApiFilter

    def get_queryset(self) -> QuerySet:
        return selectors.api_progress_notes(user=self.request.user).order_by("-period_start", "-id")

    def list(self, request: Request, *args, **kwargs) -> Response:
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        context = self.get_serializer_context()
        context["internals_task_ids"] = internals_visible_task_ids(
            user=request.user, task_ids={note.task_id for note in page})
        return self.get_paginated_response(ProgressNoteSerializer(page, many=True, context=context).data)


@extend_schema_view(get=extend_schema(
    summary="Evidence file", description="Download an evidence file: one the office published, or for staff one of "
                                         "a task whose working papers they may see.",
    parameters=[ID], responses={(200, "*/*"): OpenApiTypes.BINARY,
                                403: OpenApiResponse(ErrorSerializer, description="Not allowed."), **ERRORS}))
class EvidenceDownload(ApiMixin, APIView):
    def get(self, request: Request, pk: int):
        return evidence_response(selectors.api_evidence_file, user=request.user, pk=pk)


# The documentation pages load Swagger UI and Redoc from our static files (sidecar), but
# the bundles themselves name other hosts: Redoc's side menu shows Redocly's logo from
# cdn.redoc.ly, whatever its options say. The product fetches nothing from another host
# (a reader's address is not handed to a third party; the pages work on a closed network),
# so the browser is told to load only from this site; the logo then fails quietly (Redoc
# drops it) and its "API docs by Redocly" text stays. Inline script and style are the
# pages' own start-up code and the bundles' styled components; blob: is Redoc's search worker.
DOCS_CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "frame-ancestors 'none'",
    "form-action 'self'",
    "base-uri 'self'",
])


class _SameSiteOnly:
    def finalize_response(self, request: Request, response: Response, *args, **kwargs) -> Response:
        response = super().finalize_response(request, response, *args, **kwargs)  # type: ignore[misc]
        response["Content-Security-Policy"] = DOCS_CONTENT_SECURITY_POLICY
        return response


class SwaggerDocs(_SameSiteOnly, SpectacularSwaggerView):
    """Swagger UI, our copy of its page (api/templates/api/swagger_ui.html)."""

    template_name = "api/swagger_ui.html"


class RedocDocs(_SameSiteOnly, SpectacularRedocView):
    """Redoc, our copy of its page (api/templates/api/redoc.html)."""

    template_name = "api/redoc.html"
