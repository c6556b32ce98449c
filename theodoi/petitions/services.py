"""Writes on petitions. Each is one transaction, audited (simple-history, actor and reason);
the petitioner is e-mailed after commit at each change the public sees."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from theodoi.agencies.models import Agency
from theodoi.core.audit import attribute_to
from theodoi.core.exceptions import ApplicationError
from theodoi.core.permissions import require_perm
from theodoi.core.roles import OFFICE
from theodoi.core.types import User
from theodoi.lib.text import clean_text, nfc
from theodoi.lib.workdays import add_working_days
from theodoi.petitions.codes import format_code, new_code
from theodoi.petitions.models import (
    OPEN_STATES, OWED_STATES, Attachment, Category, DayOff, Petition, State,
)
from theodoi.petitions.routing import Router
from theodoi.petitions.selectors import days_off
from theodoi.petitions.uploads import CleanFile

def _validate(petition: Petition, *, exclude: Iterable[str] = ()) -> None:
    try:
        petition.full_clean(exclude=[*exclude, "category", "agency", "answered_by", "merged_into"],
                            validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        messages = [" ".join(errs) for errs in exc.message_dict.values()]
        raise ApplicationError(_("Kiến nghị chưa hợp lệ: %(errors)s") % {"errors": "; ".join(messages)},
                               errors=messages) from exc


@transaction.atomic
def petition_submit(*, category: Category, title: str, text: str, address: str = "",
                    latitude: Decimal | None = None, longitude: Decimal | None = None,
                    contact_name: str = "", contact_phone: str = "", contact_email: str = "",
                    files: Iterable[CleanFile] = ()) -> Petition:
    """File a petition from the public (no account). Proposes the agency at once. (The
    public view limits submissions per client with `theodoi.core.ratelimit`.)"""
    if not category.active:
        raise ApplicationError(_("Lĩnh vực này không còn nhận kiến nghị."))
    petition = Petition(
        category=category, title=clean_text(title), text=nfc(text).strip(), address=clean_text(address),
        latitude=latitude, longitude=longitude, contact_name=clean_text(contact_name),
        contact_phone=clean_text(contact_phone), contact_email=clean_text(contact_email),
    )
    if (latitude is None) != (longitude is None):
        raise ApplicationError(_("Vị trí trên bản đồ cần cả vĩ độ và kinh độ."))
    _validate(petition, exclude=["code"])
    petition.proposals = [p.as_dict() for p in Router().route(petition.title + ". " + petition.text)]
    for _attempt in range(5):
        petition.code = new_code()
        if not Petition.objects.filter(code=petition.code).exists():
            break
    attribute_to(petition, None, reason=_("Người dân gửi kiến nghị")).save()
    for clean in files:
        attachment = Attachment(petition=petition, name=clean.name, kind=clean.kind, size=len(clean.data))
        attachment.file.save(clean.name, ContentFile(clean.data), save=False)
        attachment.save()
    _notify(petition, _("Đã tiếp nhận kiến nghị %(code)s") % {"code": petition.display_code}, _(
        "Kiến nghị “%(title)s” của bạn đã được tiếp nhận.\n\nMã theo dõi: %(code)s\n"
        "Theo dõi tại: %(url)s\n") % {"title": petition.title, "code": petition.display_code,
                                     "url": public_url(petition)})
    return petition


# --- the office and the agencies ------------------------------------------------------

def public_url(petition: Petition) -> str:
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return base + reverse("petitions:track", kwargs={"code": petition.code})


def _notify(petition: Petition, subject: str, body: str) -> None:
    """E-mail the petitioner after commit (nothing is sent for a change rolled back)."""
    if not petition.contact_email:
        return
    recipient = petition.contact_email
    footer = "\n\n" + _("Thư tự động của hệ thống tiếp nhận kiến nghị; xin đừng trả lời thư này.")
    transaction.on_commit(lambda: send_mail(subject, body + footer, None, [recipient], fail_silently=True))


def _state_mail(petition: Petition) -> None:
    body = _("Kiến nghị %(code)s “%(title)s” nay ở trạng thái: %(state)s.") % {
        "code": petition.display_code, "title": petition.title, "state": petition.get_state_display()}
    if petition.state == State.ASSIGNED and petition.agency and petition.due_on:
        body += "\n" + _("Cơ quan xử lý: %(agency)s. Hạn trả lời: %(due)s.") % {
            "agency": petition.agency.name, "due": petition.due_on.strftime("%d/%m/%Y")}
    if petition.state in (State.ANSWERED, State.CLOSED) and petition.answer:
        body += "\n\n" + _("Nội dung trả lời:") + "\n" + petition.answer
    if petition.state_reason and petition.state in (State.REJECTED, State.CLOSED):
        body += "\n" + _("Lý do: %(reason)s") % {"reason": petition.state_reason}
    body += "\n\n" + _("Theo dõi tại: %(url)s") % {"url": public_url(petition)}
    _notify(petition, _("Kiến nghị %(code)s: %(state)s") % {
        "code": petition.display_code, "state": petition.get_state_display()}, body)


def _locked(petition: Petition) -> Petition:
    return Petition.objects.select_for_update(of=("self",)).select_related("category", "agency").get(pk=petition.pk)


def _require_state(petition: Petition, states: Iterable[str], action: str) -> None:
    if petition.state not in states:
        raise ApplicationError(_("Không thể %(action)s: kiến nghị đang ở trạng thái “%(state)s”.") % {
            "action": action, "state": petition.get_state_display()})


def _begin(petition: Petition, actor: User, perm: str, states: Iterable[str], action: str) -> Petition:
    """The start of a move: the actor may make it, the row is locked (the office and the agency
    may act at once), and the petition is in a state the move starts from."""
    require_perm(actor, perm, petition)
    petition = _locked(petition)
    _require_state(petition, states, action)
    return petition


def _moved(petition: Petition, actor: User, reason: str) -> Petition:
    """The end of a move: saved with who and why in its history, and the petitioner told."""
    attribute_to(petition, actor, reason=reason).save()
    _state_mail(petition)
    return petition


def _reason(text: str, what: str) -> str:
    reason = clean_text(text)
    if not reason:
        raise ApplicationError(_("Cần ghi lý do %(what)s.") % {"what": what})
    return reason


def due_date(*, start: dt.date, category: Category) -> dt.date:
    return add_working_days(start, category.deadline_days, extra_days_off=days_off())


@transaction.atomic
def petition_assign(*, petition: Petition, agency: Agency, actor: User, note: str = "") -> Petition:
    """The office confirms the proposal or chooses another agency; the deadline starts today."""
    petition = _begin(petition, actor, "petitions.assign_petition", OPEN_STATES, _("chuyển cơ quan"))
    if agency.is_dissolved:
        raise ApplicationError(_("%(agency)s không còn hoạt động: hãy chọn cơ quan kế thừa.") % {"agency": agency.name})
    today = timezone.localdate()
    petition.agency = agency
    petition.state = State.ASSIGNED
    petition.assigned_on = today
    petition.due_on = due_date(start=today, category=petition.category)
    petition.escalated_on = None
    return _moved(petition, actor, clean_text(note) or _("Chuyển %(agency)s xử lý") % {"agency": agency.name})


@transaction.atomic
def petition_hand_back(*, petition: Petition, actor: User, reason: str) -> Petition:
    """The agency says the petition is not its matter; it goes back to the office."""
    petition = _begin(petition, actor, "petitions.hand_back_petition", OWED_STATES, _("trả lại"))
    why = _reason(reason, _("trả lại"))
    previous = petition.agency.name if petition.agency else ""
    petition.handed_back_reason = why
    petition.agency = None
    petition.state = State.RECEIVED
    petition.assigned_on = petition.due_on = None
    return _moved(petition, actor, _("%(agency)s trả lại: %(reason)s") % {"agency": previous, "reason": why})


@transaction.atomic
def petition_start(*, petition: Petition, actor: User) -> Petition:
    petition = _begin(petition, actor, "petitions.answer_petition", (State.ASSIGNED,), _("nhận xử lý"))
    petition.state = State.IN_PROGRESS
    return _moved(petition, actor, _("Cơ quan nhận xử lý"))


@transaction.atomic
def petition_answer(*, petition: Petition, actor: User, answer: str) -> Petition:
    petition = _begin(petition, actor, "petitions.answer_petition", OWED_STATES, _("trả lời"))
    text = nfc(answer).strip()
    if not text:
        raise ApplicationError(_("Nội dung trả lời không được để trống."))
    if len(text) > 20_000:
        raise ApplicationError(_("Nội dung trả lời quá dài (tối đa 20.000 ký tự)."))
    petition.answer = text
    petition.answered_on = timezone.localdate()
    petition.answered_by = petition.agency
    petition.state = State.ANSWERED
    return _moved(petition, actor, _("Trả lời kiến nghị"))


@transaction.atomic
def petition_close(*, petition: Petition, actor: User, note: str = "") -> Petition:
    petition = _begin(petition, actor, "petitions.close_petition", (State.ANSWERED,), _("kết thúc"))
    petition.state = State.CLOSED
    return _moved(petition, actor, clean_text(note) or _("Kết thúc kiến nghị"))


@transaction.atomic
def petition_reject(*, petition: Petition, actor: User, reason: str) -> Petition:
    petition = _begin(petition, actor, "petitions.reject_petition", OPEN_STATES, _("từ chối thụ lý"))
    petition.state_reason = _reason(reason, _("không thụ lý"))
    petition.state = State.REJECTED
    return _moved(petition, actor, _("Không thụ lý: %(reason)s") % {"reason": petition.state_reason})


@transaction.atomic
def petition_set_publication(*, petition: Petition, actor: User, public: bool, reason: str = "") -> Petition:
    """Answers are public by default; the office may keep one off the public page, with a reason."""
    require_perm(actor, "petitions.decide_publication", petition)
    petition = _locked(petition)
    petition.answer_public = public
    petition.answer_private_reason = "" if public else _reason(reason, _("không công khai trả lời"))
    attribute_to(petition, actor, reason=_("Công khai trả lời") if public else
                 _("Không công khai trả lời: %(reason)s") % {"reason": petition.answer_private_reason}).save()
    return petition


@transaction.atomic
def petition_merge(*, petition: Petition, into: Petition, actor: User) -> Petition:
    """A duplicate is closed and points to the petition that carries on (its petitioner
    follows that one)."""
    require_perm(actor, "petitions.merge_petition", petition)
    if petition.pk == into.pk:
        raise ApplicationError(_("Không thể gộp kiến nghị vào chính nó."))
    first, second = sorted([petition.pk, into.pk])
    locked = {p.pk: p for p in Petition.objects.select_for_update(of=("self",)).filter(pk__in=[first, second]).order_by("pk")}
    petition, into = locked[petition.pk], locked[into.pk]
    if into.merged_into_id is not None:
        raise ApplicationError(_("Kiến nghị %(code)s đã được gộp vào kiến nghị khác.") % {"code": into.display_code})
    _require_state(petition, OPEN_STATES, _("gộp"))
    petition.merged_into = into
    petition.state = State.CLOSED
    petition.state_reason = _("Trùng nội dung, gộp vào kiến nghị %(code)s.") % {"code": into.display_code}
    attribute_to(petition, actor, reason=petition.state_reason).save()
    _notify(petition, _("Kiến nghị %(code)s được gộp") % {"code": petition.display_code},
            petition.state_reason + "\n" + _("Theo dõi tại: %(url)s") % {"url": public_url(into)})
    return petition


@transaction.atomic
def day_off_add(*, day: dt.date, reason: str, actor: User) -> DayOff:
    """A one-off day off; deadlines already running across it move by a working day."""
    require_perm(actor, "petitions.add_day_off")
    why = _reason(reason, _("nghỉ"))
    if DayOff.objects.filter(day=day).exists():
        raise ApplicationError(_("Ngày %(day)s đã là ngày nghỉ bổ sung.") % {"day": day.strftime("%d/%m/%Y")})
    day_off = attribute_to(DayOff(day=day, reason=why), actor)
    day_off.save()
    extra = days_off()
    running = Petition.objects.select_for_update(of=("self",)).select_related("category").filter(
        state__in=OWED_STATES, assigned_on__lt=day, due_on__gte=day)
    for petition in running:
        assert petition.assigned_on is not None
        petition.due_on = add_working_days(petition.assigned_on, petition.category.deadline_days, extra_days_off=extra)
        attribute_to(petition, actor, reason=_("Ngày nghỉ bổ sung %(day)s") % {"day": day.strftime("%d/%m/%Y")}).save()
    return day_off


# --- overdue ----------------------------------------------------------------------------

@transaction.atomic
def petitions_escalate_overdue(*, today: dt.date | None = None) -> list[Petition]:
    """Overdue petitions not yet reported are reported to the office (e-mail to its staff)
    and marked; each once per assignment. Run daily (job or command)."""
    today = today or timezone.localdate()
    overdue = list(Petition.objects.select_for_update(of=("self",)).select_related("agency").filter(
        state__in=OWED_STATES, due_on__lt=today, escalated_on__isnull=True).order_by("due_on", "pk"))
    for petition in overdue:
        petition.escalated_on = today
        attribute_to(petition, None, reason=_("Quá hạn trả lời: báo văn phòng")).save()
    if overdue:
        recipients = list(get_user_model().objects.filter(groups__name=OFFICE, is_active=True)
                          .exclude(email="").values_list("email", flat=True))
        due = _("hạn")  # outside the f-string: makemessages (xgettext) does not look inside one
        lines = [f"{format_code(p.code)} · {p.agency.name if p.agency else ''} · "
                 f"{due} {p.due_on:%d/%m/%Y} · {p.title}" for p in overdue]
        if recipients:
            subject = _("%(count)s kiến nghị quá hạn trả lời") % {"count": len(overdue)}
            transaction.on_commit(lambda: send_mail(subject, "\n".join(lines), None, recipients, fail_silently=True))
    return overdue


# --- configuration ------------------------------------------------------------------------

CATEGORY_FIELDS = ("name", "description", "deadline_days", "order", "active")


@transaction.atomic
def category_save(*, category: Category, actor: User) -> Category:
    """Create or change a category (its name, its deadline in working days): the office only.
    A new deadline applies to petitions assigned from now on."""
    require_perm(actor, "petitions.change_category")
    try:
        category.full_clean()
    except ValidationError as exc:
        raise ApplicationError("; ".join(" ".join(errs) for errs in exc.message_dict.values())) from exc
    attribute_to(category, actor).save()
    return category
