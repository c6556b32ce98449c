"""The API's JSON: stable English snake_case names, ISO 8601 dates, documented in the schema.

Every field is present whoever calls, so that a client's code does not depend on it; for
public callers a field is filled only from fields that `theodoi.portal.visibility` lists
for its kind of object. Each serializer says what each of its fields reads (`READS`), and
`public_value` gives the empty value (null, "", []) for those that read anything else:
the narrative, author, return reason and submission time of a report, staff comments.
tests/api/test_public_fields.py checks every serializer against the lists.
"""

from django.urls import reverse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from theodoi.agencies.models import Agency, AgencyKind
from theodoi.portal import visibility
from theodoi.documents.models import Document, DocumentKind, DocumentLink
from theodoi.indicators.models import Direction, Frequency, Indicator, Observation, Target, Unit
from theodoi.tasks.models import Assignment, Domain, ProgressReport, Recurrence, ReportEvidence, Task, TaskComment
from theodoi.tasks.status import Reason, Status, explain


def _label(choices, value: str) -> str:
    try:
        return str(choices(value).label)
    except ValueError:
        return value


@extend_schema_field(OpenApiTypes.STR)
class AbsoluteUrl(serializers.ReadOnlyField):
    """An object's address in the API (`view_name`, with its id), absolute: on the host the
    caller asked, so that a client follows it as it is."""

    def __init__(self, view_name: str, **kwargs) -> None:
        self.view_name = view_name
        super().__init__(source="pk", **kwargs)

    def to_representation(self, pk: int) -> str:
        return self.context["request"].build_absolute_uri(reverse(self.view_name, args=[pk]))


# What a public caller's answer may be made of, per kind of object: the portal's field lists
# (other kinds' fields prefixed with the kind), and `percent`, the portal's `public_percent()`.
PUBLIC = {
    "task": set(visibility.TASK_FIELDS) | {f"assignment.{f}" for f in visibility.ASSIGNMENT_FIELDS} | {"percent"},
    "document": set(visibility.DOCUMENT_FIELDS) | {f"link.{f}" for f in visibility.DOCUMENT_LINK_FIELDS},
    "agency": set(visibility.AGENCY_FIELDS),
    "note": set(visibility.NOTE_FIELDS) | {f"evidence.{f}" for f in visibility.EVIDENCE_FIELDS},
    "evidence": set(visibility.EVIDENCE_FIELDS),
    "indicator": set(visibility.INDICATOR_FIELDS),
    "target": set(visibility.TARGET_FIELDS),
    "observation": set(visibility.OBSERVATION_FIELDS),
}


def shown_to_public(kind: str, reads: tuple[str, ...]) -> bool:
    return set(reads) <= PUBLIC[kind]


class CallerAware:
    """A serializer whose fields each say what they read; see the module's docstring."""

    KIND: str = ""
    READS: dict[str, tuple[str, ...]] = {}
    context: dict

    def for_staff(self) -> bool:
        return bool(self.context.get("staff"))

    def may_read(self, field: str) -> bool:
        return self.for_staff() or shown_to_public(self.KIND, self.READS[field])


class AgencyRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "name", "short_name"]


class AgencySerializer(CallerAware, serializers.ModelSerializer):
    KIND = "agency"
    READS = {"id": ("id",), "name": ("name",), "short_name": ("short_name",), "kind": ("kind",),
             "kind_label": ("kind",), "parent": ("parent",), "dissolved_on": ("dissolved_on",),
             "successors": ("succeeded_by",), "predecessors": ("succeeded_by",), "url": ("id",)}

    kind = serializers.ChoiceField(choices=AgencyKind.choices, help_text="Kind of body (code).")
    kind_label = serializers.SerializerMethodField(help_text="Kind of body, in the interface language.")
    parent = AgencyRefSerializer(allow_null=True, help_text="The body it belongs to, if any.")
    dissolved_on = serializers.DateField(allow_null=True, help_text="Dissolved or merged on this day (null: exists).")
    successors = AgencyRefSerializer(source="succeeded_by", many=True,
                                     help_text="Bodies that took over its functions (2025 reorganisation …).")
    predecessors = AgencyRefSerializer(many=True, help_text="Bodies whose functions it took over.")
    url = AbsoluteUrl("api:agency-detail")

    class Meta:
        model = Agency
        fields = ["id", "name", "short_name", "kind", "kind_label", "parent", "dissolved_on", "successors",
                  "predecessors", "url"]

    def get_kind_label(self, agency: Agency) -> str:
        return _label(AgencyKind, agency.kind)


class DocumentRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Document
        fields = ["id", "kind", "number", "title"]


class DocumentLinkSerializer(serializers.Serializer):
    relation = serializers.ChoiceField(choices=DocumentLink.Relation.choices,
                                       help_text="implements, continues, amends or replaces.")
    document = DocumentRefSerializer()


class DocumentSerializer(CallerAware, serializers.ModelSerializer):
    KIND = "document"
    READS = {"id": ("id",), "kind": ("kind",), "kind_label": ("kind",), "number": ("number",), "title": ("title",),
             "issuer": ("issuer",), "issued_on": ("issued_on",), "updated_at": ("updated_at",),
             "carries_out": ("link.source", "link.target", "link.relation"),
             "carried_out_by": ("link.source", "link.target", "link.relation"), "url": ("id",), "text": ("text",)}

    kind = serializers.ChoiceField(choices=DocumentKind.choices)
    kind_label = serializers.SerializerMethodField()
    issuer = AgencyRefSerializer(allow_null=True)
    issued_on = serializers.DateField(allow_null=True)
    carries_out = serializers.SerializerMethodField(
        help_text="Documents this one carries out (amends, replaces …): its place in the chain.")
    carried_out_by = serializers.SerializerMethodField(help_text="Documents that carry this one out.")
    url = AbsoluteUrl("api:document-detail")

    class Meta:
        model = Document
        fields = ["id", "kind", "kind_label", "number", "title", "issuer", "issued_on", "updated_at", "carries_out",
                  "carried_out_by", "url"]

    def get_kind_label(self, document: Document) -> str:
        return _label(DocumentKind, document.kind)

    @extend_schema_field(DocumentLinkSerializer(many=True))
    def get_carries_out(self, document: Document) -> list[dict]:
        # Links prefetched by the view: those between documents this caller may see.
        return [DocumentLinkSerializer({"relation": link.relation, "document": link.target}).data
                for link in document.outgoing_links.all()]

    @extend_schema_field(DocumentLinkSerializer(many=True))
    def get_carried_out_by(self, document: Document) -> list[dict]:
        return [DocumentLinkSerializer({"relation": link.relation, "document": link.source}).data
                for link in document.incoming_links.all()]


class DocumentDetailSerializer(DocumentSerializer):
    text = serializers.CharField(help_text="Full text (NFC); task source spans are offsets into it.")

    class Meta(DocumentSerializer.Meta):
        fields = [*DocumentSerializer.Meta.fields, "text"]


class EvidenceSerializer(CallerAware, serializers.ModelSerializer):
    KIND = "evidence"
    READS = {"id": ("id",), "name": ("original_name",), "type": ("original_name",), "uploaded_at": ("uploaded_at",),
             "download_url": ("id",)}

    name = serializers.CharField(source="original_name")
    type = serializers.CharField(source="type_label", help_text="The file type its content was checked to be.")
    download_url = AbsoluteUrl("api:evidence-download")

    class Meta:
        model = ReportEvidence
        fields = ["id", "name", "type", "uploaded_at", "download_url"]


class ProgressNoteSerializer(CallerAware, serializers.ModelSerializer):
    KIND = "note"
    READS = {"id": ("id",), "task": ("task",), "agency": ("agency",), "period_start": ("period_start",),
             "period_end": ("period_end",), "percent_complete": ("percent_complete",),
             "public_note": ("public_note",), "public_since": ("public_since",), "reviewed_at": ("reviewed_at",),
             # The public's notes are accepted reports by definition (`public_notes`): nothing read.
             "state": (),
             "text": ("narrative",), "author": ("author",), "return_reason": ("return_reason",),
             "submitted_at": ("submitted_at",),
             "evidence": ("evidence.id", "evidence.original_name", "evidence.uploaded_at")}

    task = serializers.IntegerField(source="task_id", help_text="Id of the task reported on.")
    agency = AgencyRefSerializer(help_text="The agency that reported.")
    public_note = serializers.CharField(help_text="What the office published of the report (\"\": nothing).")
    public_since = serializers.DateTimeField(allow_null=True, help_text="When the office published it.")
    state = serializers.ChoiceField(choices=ProgressReport.State.choices,
                                    help_text="Always `accepted` for public callers.")
    text = serializers.SerializerMethodField(help_text="The agency's own report (staff callers only; else \"\").")
    author = serializers.SerializerMethodField(help_text="Who wrote it (staff callers only; else null).")
    return_reason = serializers.SerializerMethodField(help_text="Why the office returned it (staff callers only).")
    submitted_at = serializers.SerializerMethodField(help_text="When it was sent (staff callers only; else null).")
    evidence = serializers.SerializerMethodField(
        help_text="Evidence files: for staff who may see the task's working papers, every one; for the public, "
                  "those the office published.")

    class Meta:
        model = ProgressReport
        fields = ["id", "task", "agency", "period_start", "period_end", "percent_complete", "public_note",
                  "public_since", "state", "text", "submitted_at", "reviewed_at", "author", "return_reason",
                  "evidence"]

    def get_text(self, report: ProgressReport) -> str:
        return report.narrative if self.may_read("text") else ""

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_author(self, report: ProgressReport) -> str | None:
        if not self.may_read("author") or report.author is None:
            return None
        return report.author.get_full_name() or report.author.get_username()

    def get_return_reason(self, report: ProgressReport) -> str:
        return report.return_reason if self.may_read("return_reason") else ""

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_submitted_at(self, report: ProgressReport) -> str | None:
        if not self.may_read("submitted_at") or report.submitted_at is None:
            return None
        return serializers.DateTimeField().to_representation(report.submitted_at)

    @extend_schema_field(EvidenceSerializer(many=True))
    def get_evidence(self, report: ProgressReport) -> list[dict]:
        # Prefetched by the selector: every file for staff, the published ones for the public.
        if self.for_staff() and report.task_id not in self.context.get("internals_task_ids", ()):
            return []
        return EvidenceSerializer(report.evidence.all(), many=True, context=self.context).data


class CommentSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(choices=TaskComment.Kind.choices, help_text="comment or direction.")
    author = serializers.SerializerMethodField()

    class Meta:
        model = TaskComment
        fields = ["id", "kind", "body", "author", "created_at"]

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_author(self, comment: TaskComment) -> str | None:
        if comment.author is None:
            return None
        return comment.author.get_full_name() or comment.author.get_username()


class TaskSerializer(CallerAware, serializers.ModelSerializer):
    KIND = "task"
    READS = {"id": ("id",), "title": ("title",), "document": ("document",), "parent": ("parent",),
             "domain": ("domain",), "domain_label": ("domain",), "lead_agency": ("lead_agency",),
             "co_lead_agencies": ("assignment.agency", "assignment.role"),
             "coordinating_agencies": ("assignment.agency", "assignment.role"), "output": ("output",),
             "deadline_text": ("deadline_text",), "due_on": ("due_on",), "recurrence": ("recurrence",),
             "completed_on": ("completed_on",), "status": ("settled_status",), "status_label": ("settled_status",),
             "status_reason": ("settled_reason",),
             "status_text": ("settled_status", "settled_reason", "due_on", "completed_on", "recurrence"),
             "progress_percent": ("percent",), "updated_at": ("updated_at",), "url": ("id",),
             "description": ("description",), "source_text": ("source_start", "source_end", "document"),
             "source_start": ("source_start",), "source_end": ("source_end",),
             # Notes: rows from `api_progress_notes`, each field checked by ProgressNoteSerializer.
             "progress_notes": (), "comments": ("comment",)}

    document = DocumentRefSerializer(help_text="The document the task comes from.")
    parent = serializers.SerializerMethodField(help_text="Id of the parent task, if any (and the caller may see it).")
    domain = serializers.ChoiceField(choices=Domain.choices)
    domain_label = serializers.SerializerMethodField()
    lead_agency = AgencyRefSerializer(allow_null=True, help_text="The primary lead agency.")
    co_lead_agencies = serializers.SerializerMethodField(help_text="Further lead agencies named with it.")
    coordinating_agencies = serializers.SerializerMethodField()
    deadline_text = serializers.CharField(help_text="The deadline as the document words it (\"Quý IV/2025\").")
    due_on = serializers.DateField(allow_null=True, help_text="The deadline as a date.")
    recurrence = serializers.ChoiceField(choices=Recurrence.choices)
    completed_on = serializers.DateField(allow_null=True)
    status = serializers.ChoiceField(choices=Status.choices, source="settled_status",
                                     help_text="One of the Government Office's four states.")
    status_label = serializers.SerializerMethodField()
    status_reason = serializers.ChoiceField(choices=Reason.choices, source="settled_reason",
                                            help_text="Why the task is in its state (code).")
    status_text = serializers.SerializerMethodField(
        help_text="Why, as a sentence in the interface language (\"Quá hạn 45 ngày (hạn 30/09/2026) …\").")
    progress_percent = serializers.SerializerMethodField(
        help_text="Latest progress, 0–100 (null: none): for the public the latest accepted report's; for staff the "
                  "latest submitted or accepted one's, as in the app.")
    url = AbsoluteUrl("api:task-detail")

    class Meta:
        model = Task
        fields = ["id", "title", "document", "parent", "domain", "domain_label", "lead_agency", "co_lead_agencies",
                  "coordinating_agencies", "output", "deadline_text", "due_on", "recurrence", "completed_on",
                  "status", "status_label", "status_reason", "status_text", "progress_percent", "updated_at", "url"]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_parent(self, task: Task) -> int | None:
        return task.parent_id if getattr(task, "parent_visible", False) else None

    def get_domain_label(self, task: Task) -> str:
        return task.domain_label

    def _agencies(self, task: Task, role: str) -> list[dict]:
        return AgencyRefSerializer([a.agency for a in task.assignments.all() if a.role == role], many=True).data

    @extend_schema_field(AgencyRefSerializer(many=True))
    def get_co_lead_agencies(self, task: Task) -> list[dict]:
        return self._agencies(task, Assignment.Role.LEAD)

    @extend_schema_field(AgencyRefSerializer(many=True))
    def get_coordinating_agencies(self, task: Task) -> list[dict]:
        return self._agencies(task, Assignment.Role.COORDINATING)

    def get_status_label(self, task: Task) -> str:
        return _label(Status, task.settled_status)

    def get_status_text(self, task: Task) -> str:
        return explain(task, today=self.context.get("today") or timezone.localdate()).reason

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_progress_percent(self, task: Task) -> int | None:
        return getattr(task, "latest_percent", None)


class TaskDetailSerializer(TaskSerializer):
    description = serializers.CharField()
    source_text = serializers.CharField(source="source_excerpt",
                                        help_text="The words of the document the task comes from.")
    source_start = serializers.IntegerField(allow_null=True, help_text="Offset of those words in the document text.")
    source_end = serializers.IntegerField(allow_null=True)
    progress_notes = serializers.SerializerMethodField(help_text="Progress reports the caller may read, newest first.")
    comments = serializers.SerializerMethodField(help_text="Comments and directions (staff callers only; else empty).")

    class Meta(TaskSerializer.Meta):
        fields = [*TaskSerializer.Meta.fields, "description", "source_text", "source_start", "source_end",
                  "progress_notes", "comments"]

    @extend_schema_field(ProgressNoteSerializer(many=True))
    def get_progress_notes(self, task: Task) -> list[dict]:
        return ProgressNoteSerializer(self.context["notes"], many=True, context=self.context).data

    @extend_schema_field(CommentSerializer(many=True))
    def get_comments(self, task: Task) -> list[dict]:
        if not self.may_read("comments"):
            return []
        return CommentSerializer(self.context["comments"], many=True, context=self.context).data


class ErrorSerializer(serializers.Serializer):
    """Every error: a message for people, and for bad parameters which ones and why."""

    detail = serializers.CharField(help_text="What went wrong, in the interface language.")
    errors = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False,
                                   help_text="For a 400: each bad parameter with its messages.")


class TargetSerializer(CallerAware, serializers.ModelSerializer):
    KIND = "target"
    READS = {"document": ("document",), "from_year": ("from_year",), "year": ("year",), "low": ("low",),
             "high": ("high",), "wording": ("wording",)}

    document = DocumentRefSerializer(help_text="The document that sets it.")
    from_year = serializers.IntegerField(allow_null=True, help_text="First year of a span (\"2026–2030\"); else null.")
    low = serializers.DecimalField(max_digits=18, decimal_places=3, allow_null=True,
                                   help_text="At least this (alone: a floor; with high: a range).")
    high = serializers.DecimalField(max_digits=18, decimal_places=3, allow_null=True,
                                    help_text="At most this (alone: a ceiling).")
    wording = serializers.CharField(help_text="The target as the document words it.")

    class Meta:
        model = Target
        fields = ["document", "from_year", "year", "low", "high", "wording"]


class ObservationSerializer(CallerAware, serializers.ModelSerializer):
    KIND = "observation"
    READS = {"period_start": ("period_start",), "period_end": ("period_end",), "value": ("value",),
             "source": ("source",), "is_demo": ("is_demo",), "reviewed_at": ("reviewed_at",),
             # The public's observations are approved ones by definition (`public_observations`).
             "state": (), "return_reason": ("return_reason",)}

    value = serializers.DecimalField(max_digits=18, decimal_places=3, help_text="In the indicator's unit.")
    is_demo = serializers.BooleanField(help_text="A demonstration value, not a real figure.")
    state = serializers.ChoiceField(choices=Observation.State.choices, help_text="Always `approved` for public callers.")
    return_reason = serializers.SerializerMethodField(help_text="Why it was returned (staff callers only).")

    class Meta:
        model = Observation
        fields = ["period_start", "period_end", "value", "source", "is_demo", "state", "reviewed_at", "return_reason"]

    def get_return_reason(self, observation: Observation) -> str:
        return observation.return_reason if self.may_read("return_reason") else ""


class IndicatorSerializer(CallerAware, serializers.ModelSerializer):
    KIND = "indicator"
    READS = {"id": ("id",), "code": ("code",), "name": ("name",), "unit": ("unit",), "direction": ("direction",),
             "frequency": ("frequency",), "is_rate_of_change": ("is_rate_of_change",), "agency": ("agency",),
             "document": ("document",), "url": ("id",), "notes": ("notes",),
             # Rows from the selectors (public: `public_targets`, `public_observations`),
             # each field checked by its own serializer.
             "targets": (), "observations": ()}

    unit = serializers.ChoiceField(choices=Unit.choices)
    direction = serializers.ChoiceField(choices=Direction.choices, help_text="higher or lower is better.")
    frequency = serializers.ChoiceField(choices=Frequency.choices, help_text="How often a value is recorded.")
    agency = AgencyRefSerializer(help_text="The agency responsible for it.")
    document = DocumentRefSerializer(help_text="The document that sets it.")
    targets = TargetSerializer(many=True, source="visible_targets")
    observations = ObservationSerializer(many=True, source="visible_observations",
                                         help_text="Values per period the caller may see, oldest first.")
    notes = serializers.SerializerMethodField(help_text="The office's notes (staff callers only; else \"\").")
    url = AbsoluteUrl("api:indicator-detail")

    class Meta:
        model = Indicator
        fields = ["id", "code", "name", "unit", "direction", "frequency", "is_rate_of_change", "agency", "document",
                  "targets", "observations", "notes", "url"]

    def get_notes(self, indicator: Indicator) -> str:
        return indicator.notes if self.may_read("notes") else ""
