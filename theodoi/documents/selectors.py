"""Reads on documents, and the document text cut into plain and highlighted segments."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from theodoi.core.predicates import is_staff_role
from theodoi.core.types import AnyUser
from theodoi.documents.models import Document, DocumentLink


@dataclass(frozen=True)
class Segment:
    text: str
    task_ids: tuple[int, ...] = ()
    focus: bool = False


def text_segments(text: str, spans: list[tuple[int, int, int]], *, focus: int | None = None) -> list[Segment]:
    """Cut `text` at every span boundary; each piece lists the tasks whose span covers it.

    Overlapping spans are fine: the overlap lists both tasks. `focus` marks one task's words.
    """
    valid = [(s, e, t) for s, e, t in spans if 0 <= s < e <= len(text)]
    cuts = sorted({0, len(text), *(s for s, _, _ in valid), *(e for _, e, _ in valid)})
    # One sweep from left to right keeping the spans open at each cut (a programme has
    # thousands of tasks: testing every span against every piece was quadratic).
    by_start = sorted(range(len(valid)), key=lambda i: valid[i][0])
    next_start = 0
    active: set[int] = set()
    segments: list[Segment] = []
    for left, right in zip(cuts, cuts[1:]):
        while next_start < len(by_start) and valid[by_start[next_start]][0] <= left:
            active.add(by_start[next_start])
            next_start += 1
        active = {i for i in active if valid[i][1] >= right}
        covering = tuple(valid[i][2] for i in sorted(active))
        segments.append(Segment(text[left:right], covering, focus is not None and focus in covering))
    return segments


def documents_visible_to(*, user: AnyUser) -> QuerySet[Document]:
    if not is_staff_role(user):
        return Document.objects.none()
    return Document.objects.select_related("issuer")


def document_list(*, user: AnyUser) -> QuerySet[Document]:
    return documents_visible_to(user=user).annotate(task_count=Count("tasks")).order_by("-issued_on", "id")


def document_links(*, document: Document) -> tuple[list[DocumentLink], list[DocumentLink]]:
    outgoing = list(document.outgoing_links.select_related("target__issuer"))
    incoming = list(document.incoming_links.select_related("source__issuer"))
    return outgoing, incoming
