"""Evidence files as downloads: one response for the staff pages and the API."""

from collections.abc import Callable

from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from theodoi.core.files import attachment_response
from theodoi.tasks.models import ReportEvidence


def evidence_response(find: Callable[..., ReportEvidence], **kwargs) -> FileResponse:
    """The evidence file `find(**kwargs)` returns, under its uploaded name; a 404 saying so
    where it finds none the caller may know of, or where the file is gone from the server."""
    try:
        evidence = find(**kwargs)
    except ReportEvidence.DoesNotExist:
        raise Http404(_("Không tìm thấy tệp minh chứng.")) from None
    return attachment_response(evidence.file, filename=evidence.original_name,
                               missing_message=_("Tệp minh chứng không còn trên máy chủ; liên hệ Văn phòng."))
