"""The upload limit, one rule for documents, task tables and evidence files.

The limit is `settings.MAX_UPLOAD_BYTES` (`MAX_UPLOAD_MB` in the environment; default in
`theodoi.lib.limits`). Views call `check_upload_size` with the size the browser sent before
reading the file into memory; services call it again with the bytes they were given.
"""

from django.conf import settings
from django.utils.translation import gettext as _

from theodoi.core.exceptions import ApplicationError
from theodoi.lib.files import FileType, UnsafeFile, check_evidence, name_for_type
from theodoi.lib.limits import megabytes


def max_upload_bytes() -> int:
    return int(settings.MAX_UPLOAD_BYTES)


def check_upload_size(*, name: str, size: int) -> None:
    """Raise `ApplicationError` if a file of `size` bytes is over the upload limit."""
    limit = max_upload_bytes()
    if size > limit:
        raise ApplicationError(
            _("Tệp '%(name)s' lớn hơn %(limit)s MB (%(size)s MB): hãy tách thành nhiều tệp nhỏ hơn "
              "hoặc bỏ bớt hình ảnh.") % {"name": name, "limit": megabytes(limit), "size": megabytes(size)})


def read_evidence(*, name: str, data: bytes) -> tuple[str, FileType]:
    """Check an evidence file by its content against the allow-list (PDF, DOCX, XLSX, ODT,
    ODS, JPEG, PNG; archives streamed with a ceiling) and return the name to keep it under
    (its extension matching the content) and its type. Raises `ApplicationError`."""
    check_upload_size(name=name, size=len(data))
    try:
        kind = check_evidence(data)
    except UnsafeFile as exc:
        # The guard is plain Python: its message is Vietnamese only.
        raise ApplicationError(_("Tệp '%(name)s': %(reason)s") % {"name": name, "reason": exc.message}) from exc
    return name_for_type(name, kind), kind
