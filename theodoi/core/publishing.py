"""The public flag of documents and tasks: what the portal may show (see portal/visibility.py)."""

from typing import TypeVar

from django.db import models

from theodoi.core.audit import attribute_to
from theodoi.core.exceptions import ApplicationError
from theodoi.core.types import User

P = TypeVar("P", bound=models.Model)


def set_published(obj: P, *, actor: User, published: bool, gone: str, reason: str = "",
                  update_fields: list[str] | None = None) -> tuple[P, bool]:
    """Lock the row (two office users may click at once), set its `published` flag and record
    the change in its history. Returns the locked row and whether the flag changed; raises
    ApplicationError(`gone`) if the row was deleted meanwhile. Call inside a transaction."""
    current = type(obj)._default_manager.select_for_update().filter(pk=obj.pk).first()
    if current is None:
        raise ApplicationError(gone)
    if current.published == published:  # type: ignore[attr-defined]
        return current, False
    current.published = published  # type: ignore[attr-defined]
    # Stored text: in the source language, like the rest of the history.
    attribute_to(current, actor, reason=reason or ("Công khai" if published else "Thôi công khai")).save(
        update_fields=update_fields)
    return current, True
