"""Writes on consultations. Staff writes take the acting user and check the permission;
comments and supports come from anonymous visitors and take a client key instead (a keyed
hash of their browser session: never an identity, never shown)."""

import datetime as dt
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from theodoi.agencies.models import Agency
from theodoi.consultations import sections as splitting
from theodoi.consultations.models import Comment, Consultation, DraftVersion, Response, Section, Support
from theodoi.core.audit import attribute_to
from theodoi.core.exceptions import ApplicationError
from theodoi.core.permissions import require_perm
from theodoi.core.types import User
from theodoi.core.uploads import check_upload_size, max_upload_bytes
from theodoi.documents.models import Document
from theodoi.extraction.readers import ReadError, read_document
from theodoi.lib.text import clean_text

# Limits of what a visitor can write: a comment is a few paragraphs, not a document.
MAX_COMMENT_CHARS = 5_000
MAX_NAME_CHARS = 120
MAX_CONTACT_CHARS = 200


def _read_draft(name: str, data: bytes) -> str:
    check_upload_size(name=name, size=len(data))
    try:
        read = read_document(name, data, max_bytes=max_upload_bytes())
    except ReadError as exc:
        raise ApplicationError(exc.message) from exc
    if not read.text.strip():
        raise ApplicationError(_("Tệp '%(name)s' không có chữ để lấy ý kiến.") % {"name": name})
    return read.text


def _save_version(consultation: Consultation, *, number: int, text: str, name: str, data: bytes,
                  note: str, actor: User, previous: list[splitting.Section] | None) -> DraftVersion:
    version = DraftVersion(consultation=consultation, number=number, text=text, note=note, created_by=actor)
    version.original_file.save(name, ContentFile(data), save=False)
    version.save()
    found = splitting.split_sections(text)
    if previous is not None:
        found = splitting.carry_keys(previous, found)
    Section.objects.bulk_create(
        Section(version=version, key=s.key, position=i, heading=s.heading, text=s.text) for i, s in enumerate(found)
    )
    return version


def consultation_create(*, actor: User, title: str, summary: str = "", drafting_agency: Agency,
                        opens_on: dt.date, closes_on: dt.date, name: str, data: bytes) -> Consultation:
    """Publish a draft for comment: version 1, split into sections."""
    require_perm(actor, "consultations.add_consultation")
    if closes_on < opens_on:
        raise ApplicationError(_("Ngày kết thúc phải sau ngày bắt đầu lấy ý kiến."))
    text = _read_draft(name, data)
    with transaction.atomic():
        consultation = Consultation(
            title=clean_text(title)[:500], summary=summary.strip(), drafting_agency=drafting_agency,
            opens_on=opens_on, closes_on=closes_on, created_by=actor,
        )
        attribute_to(consultation, actor).save()
        _save_version(consultation, number=1, text=text, name=name, data=data, note="", actor=actor, previous=None)
    return consultation


def version_add(*, actor: User, consultation: Consultation, name: str, data: bytes, note: str = "") -> DraftVersion:
    """A new version of the draft; each section keeps its key when it continues one of the
    last version's sections (unchanged or edited), so its comments stay with it."""
    require_perm(actor, "consultations.change_consultation", consultation)
    text = _read_draft(name, data)
    with transaction.atomic():
        # Two uploads at once must not both become version n+1.
        locked = Consultation.objects.select_for_update().get(pk=consultation.pk)
        last = locked.versions.order_by("-number").first()
        assert last is not None  # every consultation is created with its first version
        previous = [splitting.Section(s.key, s.heading, s.text, 0, 0) for s in last.sections.all()]
        return _save_version(locked, number=last.number + 1, text=text, name=name, data=data, note=note,
                             actor=actor, previous=previous)


def consultation_adopt(*, actor: User, consultation: Consultation, document: Document | None) -> Consultation:
    """Link the consultation to the document the draft became (shown on both pages)."""
    require_perm(actor, "consultations.change_consultation", consultation)
    with transaction.atomic():
        consultation.adopted_document = document
        attribute_to(consultation, actor).save(update_fields=["adopted_document"])
    return consultation


def _hold_for_review(consultation: Consultation, client_key: str) -> bool:
    """First-time comments wait for the office when `CONSULTATION_HOLD_FIRST_COMMENTS` is on
    (the default); a visitor with a published comment is no longer first-time."""
    if not settings.CONSULTATION_HOLD_FIRST_COMMENTS:
        return False
    return not Comment.objects.filter(client_key=client_key, state=Comment.State.PUBLISHED).exists()


def comment_add(*, consultation: Consultation, section_key: str, text: str, author_name: str = "",
                contact: str = "", parent: Comment | None = None, client_key: str) -> Comment:
    """A visitor's comment (or reply) on a section of the current version."""
    if not consultation.is_open():
        raise ApplicationError(_("Đợt lấy ý kiến này không mở nhận góp ý."))
    text = clean_text(text) if "\n" not in text else "\n".join(clean_text(line) for line in text.splitlines()).strip()
    if not text:
        raise ApplicationError(_("Hãy viết nội dung góp ý."))
    if len(text) > MAX_COMMENT_CHARS:
        raise ApplicationError(_("Góp ý dài quá %(limit)s ký tự: hãy rút gọn hoặc chia thành nhiều góp ý.")
                               % {"limit": f"{MAX_COMMENT_CHARS:,}".replace(",", ".")})
    author_name, contact = clean_text(author_name), clean_text(contact)
    if len(author_name) > MAX_NAME_CHARS or len(contact) > MAX_CONTACT_CHARS:
        raise ApplicationError(_("Tên hoặc thông tin liên hệ dài quá mức cho phép."))
    if parent is not None:
        section_key = parent.section_key  # a reply belongs where its comment is
    latest = consultation.versions.order_by("-number").first()
    section = latest.sections.filter(key=section_key).first() if latest else None
    if section is None:
        raise ApplicationError(_("Không có phần này trong bản dự thảo hiện hành."))
    if parent is not None and (parent.consultation_id != consultation.pk or parent.state != Comment.State.PUBLISHED):
        raise ApplicationError(_("Không thể trả lời góp ý này."))
    with transaction.atomic():
        comment = Comment(
            consultation=consultation, section_key=section_key, section=section, parent=parent,
            author_name=author_name, contact=contact, text=text, client_key=client_key,
            author_token=secrets.token_urlsafe(24),
            state=Comment.State.PENDING if _hold_for_review(consultation, client_key) else Comment.State.PUBLISHED,
        )
        comment.save()
    return comment


def comment_support(*, comment: Comment, client_key: str) -> bool:
    """Support a published comment once per browser; False if this browser already did."""
    if comment.state != Comment.State.PUBLISHED:
        raise ApplicationError(_("Chỉ ủng hộ được góp ý đã đăng."))
    try:
        with transaction.atomic():
            Support.objects.create(comment=comment, client_key=client_key)
            # F(): concurrent supports each add one; the unique constraint stops a second
            # support from the same browser, however close together they come.
            Comment.objects.filter(pk=comment.pk).update(support_count=F("support_count") + 1)
    except IntegrityError:
        return False
    return True


def _moderate(actor: User, comment: Comment, state: str, reason: str) -> Comment:
    require_perm(actor, "consultations.moderate_comment", comment)
    with transaction.atomic():
        comment = Comment.objects.select_for_update().get(pk=comment.pk)
        comment.state = state
        comment.hidden_reason = reason
        attribute_to(comment, actor, reason=reason or None).save(update_fields=["state", "hidden_reason"])
    return comment


def comment_publish(*, actor: User, comment: Comment) -> Comment:
    return _moderate(actor, comment, Comment.State.PUBLISHED, "")


def comment_hide(*, actor: User, comment: Comment, reason: str) -> Comment:
    """Hide a comment; the reason is recorded and shown to its author on their own link."""
    reason = clean_text(reason)
    if not reason:
        raise ApplicationError(_("Hãy ghi lý do ẩn góp ý: người góp ý sẽ được xem lý do này."))
    return _moderate(actor, comment, Comment.State.HIDDEN, reason)


def response_add(*, actor: User, consultation: Consultation, section_key: str, kind: str, text: str,
                 comment_ids: Iterable[int] = ()) -> Response:
    """The office's answer ("tiếp thu" or "giải trình") to a group of comments on a section."""
    require_perm(actor, "consultations.change_consultation", consultation)
    if kind not in Response.Kind.values:
        raise ApplicationError(_("Hình thức trả lời không hợp lệ."))
    text = text.strip()
    if not text:
        raise ApplicationError(_("Hãy ghi nội dung tiếp thu, giải trình."))
    comments = list(Comment.objects.filter(consultation=consultation, section_key=section_key, pk__in=list(comment_ids)))
    with transaction.atomic():
        response = Response(consultation=consultation, section_key=section_key, kind=kind, text=text, created_by=actor)
        attribute_to(response, actor).save()
        response.comments.set(comments)
    return response
