"""The demo's public face: the demo programmes and the documents they carry out are
published, with their tasks, and accepted reports get a public note (marked as demo)."""

from collections.abc import Iterable

from theodoi.documents.models import Document
from theodoi.documents.services import document_publish
from theodoi.tasks.models import ProgressReport, Task
from theodoi.tasks.services import report_publish_note, task_publish
from theodoi.tasks.status import settling_together

DEMO_NOTE_PREFIX = "[Dữ liệu minh họa] "


def publish_demo(*, actor, documents: Iterable[Document]) -> int:
    """Publish these documents and all their tasks; returns the public notes added.

    Through the office's services (audited), and only what is not yet so: rerunning adds
    no history rows."""
    documents = list(documents)
    # And the documents they carry out, so that the portal can show the whole chain.
    seen = {d.pk for d in documents}
    frontier = list(seen)
    while frontier:
        targets = list(Document.objects.filter(incoming_links__source_id__in=frontier).exclude(pk__in=seen))
        seen.update(d.pk for d in targets)
        documents += targets
        frontier = [d.pk for d in targets]
    for document in documents:
        if not document.published:
            document_publish(actor=actor, document=document, published=True, reason="Dữ liệu minh họa")
    with settling_together():  # one settle for all the tasks
        for task in Task.objects.filter(document__in=documents, published=False):
            task_publish(actor=actor, task=task, published=True)
    notes = 0
    accepted = ProgressReport.objects.filter(task__document__in=documents, state=ProgressReport.State.ACCEPTED,
                                             public_note="")
    for report in accepted:
        report_publish_note(actor=actor, report=report, note=DEMO_NOTE_PREFIX + report.narrative)
        notes += 1
    return notes
