"""Petition attachments: photos and PDF only, checked by content; photos re-encoded.

A photo from a phone carries EXIF metadata, often the GPS position of the petitioner's
home: every image is decoded and written anew from its pixels only (Pillow), so nothing
but the picture is stored. Anything that is not a JPEG, PNG or PDF by its content is
refused, whatever its name says.
"""

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _
from PIL import Image, ImageOps, UnidentifiedImageError

from theodoi.core.exceptions import ApplicationError
from theodoi.core.uploads import check_upload_size
from theodoi.lib.files import JPEG, PDF, PNG, detect_type, name_for_type
from theodoi.lib.limits import MB

MAX_FILES = 5
MAX_FILE_BYTES = 10 * MB
# A photo larger than this is scaled down (a 12-megapixel phone photo stays readable).
MAX_SIDE = 2560
# Decoding more pixels than this is refused (a "pixel bomb" declares a huge canvas).
MAX_PIXELS = 60_000_000


@dataclass
class CleanFile:
    name: str
    kind: str
    data: bytes


def _reencode(data: bytes, kind_code: str, name: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > MAX_PIXELS:
                raise ApplicationError(_("Ảnh '%(name)s' quá lớn (số điểm ảnh).") % {"name": name})
            image.load()
            # Turn the picture as the phone meant, then drop the tag that said so.
            picture = ImageOps.exif_transpose(image)
            picture.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            # Only the pixels go on: no EXIF, no text chunks, no embedded profiles.
            picture.info = {}
            if kind_code == "jpeg":
                picture.convert("RGB").save(out, "JPEG", quality=85)
            else:
                picture.save(out, "PNG")
            return out.getvalue()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as exc:
        raise ApplicationError(_("Ảnh '%(name)s' bị hỏng hoặc không đọc được.") % {"name": name}) from exc


def clean_attachment(*, name: str, data: bytes) -> CleanFile:
    """The file as it will be stored, or `ApplicationError` with the reason it is refused."""
    name = (name or "tep").replace("/", "_").replace("\\", "_")[-100:]
    check_upload_size(name=name, size=len(data))
    if len(data) > MAX_FILE_BYTES:
        raise ApplicationError(_("Tệp '%(name)s' lớn hơn %(limit)s MB.") % {"name": name, "limit": MAX_FILE_BYTES // MB})
    try:
        kind = detect_type(data)
    except Exception:
        kind = None
    if kind not in (JPEG, PNG, PDF):
        raise ApplicationError(_("Tệp '%(name)s' không được nhận: chỉ nhận ảnh JPEG, PNG hoặc tệp PDF "
                                 "(kiểm tra theo nội dung tệp, không theo tên).") % {"name": name})
    assert kind is not None
    if kind in (JPEG, PNG):
        data = _reencode(data, kind.code, name)
    return CleanFile(name_for_type(name, kind), kind.code, data)
