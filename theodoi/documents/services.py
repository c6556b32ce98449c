"""Writes on documents; and finding a tracked document by its number."""

from django.db import transaction
from django.utils.translation import gettext as _

from theodoi.core.permissions import require_perm
from theodoi.core.publishing import set_published
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
    current, _changed = set_published(document, actor=actor, published=published, reason=reason,
                                      gone=_("Văn bản không còn tồn tại (vừa bị xóa)."))
    return current
