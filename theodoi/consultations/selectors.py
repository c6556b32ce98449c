"""Reads for consultation pages and the summary. What a visitor sees is decided here:
published comments only, never a contact, never the client key."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from theodoi.consultations.models import Comment, Consultation, DraftVersion, Response, Section


def public_consultations() -> QuerySet[Consultation]:
    return Consultation.objects.select_related("drafting_agency").annotate(
        published_comments=Count("comments", filter=Q(comments__state=Comment.State.PUBLISHED)),
    )


def latest_version(consultation: Consultation) -> DraftVersion:
    version = consultation.versions.order_by("-number").first()
    assert version is not None  # created with its first version
    return version


def _published_comments() -> QuerySet[Comment]:
    replies = Comment.objects.filter(state=Comment.State.PUBLISHED).select_related("section__version")
    return (Comment.objects.filter(state=Comment.State.PUBLISHED, parent=None)
            .select_related("section__version")
            .prefetch_related(Prefetch("replies", queryset=replies, to_attr="published_replies")))


@dataclass
class SectionView:
    section: Section
    comments: list[Comment] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)


def version_sections(version: DraftVersion, *, current: bool) -> list[SectionView]:
    """The sections of a version with their published comments. On the current version a
    section shows every comment made on it in any earlier version too (each says which);
    an older version shows the comments that were made on it."""
    views = [SectionView(s) for s in version.sections.all()]
    by_key = {v.section.key: v for v in views}
    comments = _published_comments().filter(consultation_id=version.consultation_id)
    if current:
        comments = comments.filter(section_key__in=list(by_key), section__version__number__lte=version.number)
    else:
        comments = comments.filter(section__version=version)
    for comment in comments.order_by("-support_count", "created_at"):
        by_key[comment.section_key].comments.append(comment)
    if current:
        for response in version.consultation.responses.filter(section_key__in=list(by_key)):
            by_key[response.section_key].responses.append(response)
    return views


def comments_for_moderation(consultation: Consultation) -> QuerySet[Comment]:
    return consultation.comments.select_related("section__version").order_by("state", "-created_at")


@dataclass
class SectionSummary:
    key: str
    heading: str
    in_current_version: bool
    published: int = 0
    pending: int = 0
    hidden: int = 0
    supported: list[Comment] = field(default_factory=list)
    responses: list[Response] = field(default_factory=list)


def consultation_summary(consultation: Consultation, *, top: int = 5) -> list[SectionSummary]:
    """Per section (the current version's, then sections since removed): counts by state,
    the most supported published comments, and the office's responses. No personal data."""
    current = latest_version(consultation)
    rows: dict[str, SectionSummary] = {}
    for section in current.sections.all():
        rows[section.key] = SectionSummary(section.key, section.heading or _("Phần mở đầu"), True)
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for count in consultation.comments.values("section_key", "state").annotate(n=Count("pk")):
        counts[count["section_key"]][count["state"]] = count["n"]
    for key in counts:
        if key not in rows:
            old = Section.objects.filter(version__consultation=consultation, key=key).order_by("-version__number").first()
            rows[key] = SectionSummary(key, (old.heading if old else key) or _("Phần mở đầu"), False)
    for key, summary in rows.items():
        summary.published = counts[key].get(Comment.State.PUBLISHED, 0)
        summary.pending = counts[key].get(Comment.State.PENDING, 0)
        summary.hidden = counts[key].get(Comment.State.HIDDEN, 0)
    supported = (consultation.comments.filter(state=Comment.State.PUBLISHED, support_count__gt=0)
                 .order_by("-support_count", "created_at"))
    for comment in supported:
        if len(rows[comment.section_key].supported) < top:
            rows[comment.section_key].supported.append(comment)
    for response in consultation.responses.prefetch_related("comments"):
        if response.section_key in rows:
            rows[response.section_key].responses.append(response)
    return list(rows.values())
