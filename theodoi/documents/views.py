"""Document screens that need nothing above documents; the document page with its tasks is
`theodoi.tasks.document_views`."""

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from theodoi.core.files import attachment_response
from theodoi.core.permissions import perm_view
from theodoi.documents.selectors import document_list, documents_visible_to


@perm_view("documents.view_document")
def document_index(request: HttpRequest) -> HttpResponse:
    return render(request, "documents/document_list.html", {"documents": document_list(user=request.user)})


@perm_view("documents.view_document")
def document_file(request: HttpRequest, pk: int) -> FileResponse:
    """The original file of a document, for staff only."""
    document = get_object_or_404(documents_visible_to(user=request.user), pk=pk)
    if not document.original_file:
        raise Http404(_("Văn bản này không có tệp gốc."))
    return attachment_response(document.original_file, filename=document.original_file.name.rsplit("/", 1)[-1],
                               missing_message=_("Tệp gốc không còn trên máy chủ."))
