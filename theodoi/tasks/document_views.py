"""The document page: a document's text with every task's words marked, and its tasks.

It lives with the tasks, not in `documents`, because it shows tasks: documents sit below
tasks and know nothing of them.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.core.exceptions import ApplicationError
from theodoi.core.permissions import require_perm
from theodoi.documents.services import document_publish as publish
from theodoi.documents.selectors import document_links, documents_visible_to, text_segments
from theodoi.tasks.selectors import tasks_visible_to, with_list_data
from theodoi.tasks.status import explain


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    require_perm(request.user, "documents.view_document")
    document = get_object_or_404(documents_visible_to(user=request.user), pk=pk)
    today = timezone.localdate()
    tasks = list(with_list_data(tasks_visible_to(user=request.user).filter(document=document), today=today)
                 .order_by("source_start", "id"))
    spans = [(t.source_start, t.source_end, t.pk) for t in tasks if t.source_start is not None]
    outgoing, incoming = document_links(document=document)
    return render(request, "tasks/document_detail.html", {
        "document": document,
        "segments": text_segments(document.text, spans),
        "rows": [(t, explain(t, today=today)) for t in tasks],
        "outgoing": outgoing,
        "incoming": incoming,
        "can_import": request.user.has_perm("tasks.import_tasks", document),
        "can_publish": request.user.has_perm("documents.publish_document", document),
    })


@login_required
@require_POST
def document_publish(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_object_or_404(documents_visible_to(user=request.user), pk=pk)
    require_perm(request.user, "documents.publish_document", document)
    published = request.POST.get("published") == "1"
    try:
        publish(actor=request.user, document=document, published=published)
        messages.success(request, _("Đã công khai văn bản.") if published else _("Đã thôi công khai văn bản."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("tasks:document", pk=document.pk)
