"""Writes on documents; and finding a tracked document by its number."""

from django.db import transaction
from django.utils.translation import gettext as _

from theodoi.core.audit import attribute_to
from theodoi.core.exceptions import ApplicationError
from theodoi.core.permissions import require_perm
from theodoi.core.types import User
from theodoi.documents.models import Document
from theodoi.lib.text import match_key


def document_by_number(number: str) -> Document | None:
    key = match_key(number)
    if not key:
        return None
    return next((d for d in Document.objects.exclude(number="") if match_key(d.number) == key), None)


@transaction.atomic
def document_publish(*, actor: User, document: Document, published: bool, reason: str = "") -> Document:
    """Put a document on the public portal, or take it off (recorded in its history).

    Only what is published is public (see theodoi/portal/visibility.py); its tasks are
    published one by one (`tasks.services.task_publish`)."""
    require_perm(actor, "documents.publish_document", document)
    current = Document.objects.select_for_update().filter(pk=document.pk).first()
    if current is None:
        raise ApplicationError(_("Văn bản không còn tồn tại (vừa bị xóa)."))
    if current.published != published:
        current.published = published
        attribute_to(current, actor, reason=reason or ("Công khai" if published else "Thôi công khai")).save()
    return current
