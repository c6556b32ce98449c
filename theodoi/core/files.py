"""Uploaded files are served only through views that have checked access."""

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404


def attachment_response(field_file: FieldFile, *, filename: str, missing_message: str) -> FileResponse:
    """The stored file as a download, or a 404 saying it is gone from the server."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(missing_message) from None
    return FileResponse(handle, as_attachment=True, filename=filename)
