"""Writes on documents; and finding a tracked document by its number."""

from theodoi.lib.text import match_key
from theodoi.documents.models import Document


def document_by_number(number: str) -> Document | None:
    key = match_key(number)
    if not key:
        return None
    return next((d for d in Document.objects.exclude(number="") if match_key(d.number) == key), None)
