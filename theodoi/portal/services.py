"""Following: the double opt-in, unsubscribing, and the daily digest.

A digest lists what changed, since the follower's previous digest (or confirmation), on
what they follow, in public data only (visibility.py): a newly public progress note, a
status change, a new version of a programme. At most one digest per follower and day:
the `Digest` row of the day is written in the same transaction as the mail is sent, so a
second run the same day sends nothing, and a run that failed to send is retried.
"""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from theodoi.core.exceptions import ApplicationError
from theodoi.core.ratelimit import hit
from theodoi.core.types import User
from theodoi.documents.models import Document
from theodoi.portal import visibility
from theodoi.portal.models import Digest, Follow, Follower, StatusChange, StatusSeen
from theodoi.tasks.models import Assignment
from theodoi.tasks.status import Status, settle_due

CONFIRM_SALT = "theodoi.portal.confirm"
UNSUBSCRIBE_SALT = "theodoi.portal.unsubscribe"
CONFIRM_DAYS = 7
MAILS_PER_ADDRESS_PER_DAY = 5


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _target(kind: str, target_id: int) -> object | None:
    """The public object followed, or None if the public cannot see it (any more)."""
    if kind == Follow.Kind.TASK:
        return visibility.public_tasks().filter(pk=target_id).first()
    if kind == Follow.Kind.DOCUMENT:
        return visibility.public_documents().filter(pk=target_id).first()
    if kind == Follow.Kind.AGENCY:
        return visibility.public_agencies().filter(pk=target_id).first()
    return None


def target_label(kind: str, target: object) -> str:
    return {"task": _("nhiệm vụ"), "document": _("chương trình"), "agency": _("cơ quan")}[kind] + f" «{target}»"


def target_url(kind: str, target_id: int) -> str:
    name = {"task": "portal:task", "document": "portal:programme", "agency": "portal:agency"}[kind]
    return _absolute(reverse(name, args=[target_id]))


def unsubscribe_url(follower: Follower) -> str:
    return _absolute(reverse("portal:unsubscribe", args=[signing.dumps(follower.pk, salt=UNSUBSCRIBE_SALT)]))


def _send(follower: Follower, subject: str, body: str) -> None:
    link = unsubscribe_url(follower)
    EmailMessage(subject, body, to=[follower.email], headers={
        # RFC 8058: mail programs offer their own one-click "unsubscribe" button.
        "List-Unsubscribe": f"<{link}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }).send()


@transaction.atomic
def follow_request(*, email: str, kind: str, target_id: int, language: str = "vi",
                   actor: User | None = None) -> Follow:
    """Ask to follow a public object. Sends the confirmation mail (after commit); a signed-in
    staff member following with their own account's address needs no confirmation.

    The answer to the visitor is the same whether the address was known or not."""
    email = (email or "").strip().lower()
    target = _target(kind, target_id)
    if target is None:
        raise ApplicationError(_("Không tìm thấy nội dung công khai để theo dõi."))
    own = bool(actor is not None and actor.is_authenticated and actor.email and actor.email.lower() == email)
    follower, _created = Follower.objects.get_or_create(email=email, defaults={"language": language})
    if own and follower.user_id is None:
        Follower.objects.filter(pk=follower.pk).update(user=actor)
    follow, _created = Follow.objects.get_or_create(follower=follower, kind=kind, target_id=target_id)
    if follow.confirmed_at is not None:
        return follow
    if own:
        follow.confirmed_at = timezone.now()
        follow.save(update_fields=["confirmed_at"])
        return follow
    if hit(key=f"portal-follow-mail:{email}"[:200], limit=MAILS_PER_ADDRESS_PER_DAY, per_seconds=86_400):
        return follow  # no more mail to this address today; the visitor is told the same
    token = signing.dumps({"f": follow.pk}, salt=CONFIRM_SALT)
    link = _absolute(reverse("portal:confirm", args=[token]))
    with translation.override(follower.language):
        subject = _("Xác nhận theo dõi %(target)s") % {"target": target_label(kind, target)}
        body = render_to_string("portal/mail/confirm.txt", {
            "target": target_label(kind, target), "link": link, "days": CONFIRM_DAYS,
            "unsubscribe": unsubscribe_url(follower)})
    transaction.on_commit(lambda: _send(follower, subject, body))
    return follow


def follow_confirm(*, token: str) -> Follow:
    """Open the link of the confirmation mail: the follow starts."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=dt.timedelta(days=CONFIRM_DAYS))
    except signing.SignatureExpired as exc:
        raise ApplicationError(_("Liên kết xác nhận đã hết hạn; hãy đăng ký theo dõi lại.")) from exc
    except signing.BadSignature as exc:
        raise ApplicationError(_("Liên kết xác nhận không hợp lệ.")) from exc
    follow_id = data.get("f") if isinstance(data, dict) else None
    follow = Follow.objects.filter(pk=follow_id).first() if isinstance(follow_id, int) else None
    if follow is None:
        raise ApplicationError(_("Yêu cầu theo dõi không còn (có thể bạn đã hủy)."))
    Follow.objects.filter(pk=follow.pk, confirmed_at=None).update(confirmed_at=timezone.now())
    follow.refresh_from_db()
    return follow


@transaction.atomic
def follow_stop(*, actor: User, kind: str, target_id: int) -> int:
    """A signed-in staff member stops following one object with their account's address
    (the mails' link stops them all); returns how many follows ended (0: none was on)."""
    if not (actor.is_authenticated and actor.email):
        return 0
    deleted, _detail = Follow.objects.filter(follower__email=actor.email.strip().lower(), kind=kind,
                                             target_id=target_id).delete()
    return deleted


def unsubscribe(*, token: str) -> int:
    """Stop every mail to the follower of this token; returns how many follows ended."""
    try:
        follower_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature as exc:
        raise ApplicationError(_("Liên kết hủy theo dõi không hợp lệ.")) from exc
    deleted, _detail = Follow.objects.filter(follower_id=follower_id).delete()
    return deleted


def unsubscribe_token_valid(token: str) -> bool:
    try:
        signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return False
    return True


# --- the daily digest --------------------------------------------------------------------

def record_status_changes(*, now: dt.datetime | None = None) -> int:
    """Compare each public task's stored status with the one last seen; record changes.

    A task seen for the first time is only noted (nothing to announce yet)."""
    now = now or timezone.now()
    settle_due(today=timezone.localdate(now))
    tasks = visibility.public_tasks()
    with transaction.atomic():
        unseen = tasks.exclude(pk__in=StatusSeen.objects.values("task_id")).values_list("pk", "settled_status")
        StatusSeen.objects.bulk_create([StatusSeen(task_id=pk, status=s) for pk, s in unseen.iterator()],
                                       batch_size=2000, ignore_conflicts=True)
        changed = list(StatusSeen.objects.filter(task__in=tasks).exclude(status=F("task__settled_status"))
                       .values_list("task_id", "status", "task__settled_status"))
        StatusChange.objects.bulk_create([StatusChange(task_id=pk, old_status=old, new_status=new, seen_at=now)
                                          for pk, old, new in changed], batch_size=2000)
        for pk, _old, new in changed:
            StatusSeen.objects.filter(task_id=pk).update(status=new)
    return len(changed)


@dataclass
class DigestItem:
    kind: str  # "note", "status", "version"
    title: str
    url: str
    text: str


def _scope(follow: Follow) -> Q | None:
    """Public tasks covered by a follow, as a condition on tasks."""
    if follow.kind == Follow.Kind.TASK:
        return Q(pk=follow.target_id)
    if follow.kind == Follow.Kind.DOCUMENT:
        return Q(document_id=follow.target_id)
    if follow.kind == Follow.Kind.AGENCY:
        return Q(lead_agency_id=follow.target_id) | Q(
            pk__in=Assignment.objects.filter(agency_id=follow.target_id).values("task_id"))
    return None


def _versions(document_id: int, since: dt.datetime) -> list:
    """History rows of a public document since `since` whose text changed: new versions."""
    rows = list(Document.history.filter(id=document_id, history_type="~", history_date__gt=since)
                .order_by("history_date"))
    found = []
    for row in rows:
        previous = row.prev_record
        if previous is not None and previous.text != row.text:
            found.append(row)
    return found


def digest_items(*, follower: Follower, since: dt.datetime | None = None) -> list[DigestItem]:
    """What changed on what the follower follows, in public data only."""
    items: list[DigestItem] = []
    seen: set[tuple[str, int]] = set()
    statuses = dict(Status.choices)
    for follow in follower.follows.filter(confirmed_at__isnull=False).order_by("id"):
        start = max(filter(None, [since, follow.confirmed_at]))
        scope = _scope(follow)
        if _target(follow.kind, follow.target_id) is None or scope is None:
            continue
        tasks = visibility.public_tasks().filter(scope)
        for note in (visibility.public_notes().filter(task__in=tasks, public_since__gt=start)
                     .select_related("task", "agency").order_by("public_since")):
            if ("note", note.pk) not in seen:
                seen.add(("note", note.pk))
                items.append(DigestItem("note", note.task.title, target_url("task", note.task_id),
                                        f"{note.agency} ({note.period_start:%d/%m/%Y}–{note.period_end:%d/%m/%Y}, "
                                        f"{note.percent_complete}%): {note.public_note}"))
        for change in (StatusChange.objects.filter(task__in=tasks, seen_at__gt=start)
                       .select_related("task").order_by("seen_at")):
            if ("status", change.pk) not in seen:
                seen.add(("status", change.pk))
                items.append(DigestItem("status", change.task.title, target_url("task", change.task_id),
                                        f"{statuses.get(change.old_status, change.old_status)} → "
                                        f"{statuses.get(change.new_status, change.new_status)}"))
        if follow.kind == Follow.Kind.DOCUMENT:
            for row in _versions(follow.target_id, start):
                if ("version", row.history_id) not in seen:
                    seen.add(("version", row.history_id))
                    items.append(DigestItem("version", str(row.instance), target_url("document", follow.target_id),
                                            _("Bản mới ngày %(date)s") % {
                                                "date": timezone.localtime(row.history_date).strftime("%d/%m/%Y")}))
    return items


def _send_digest(follower: Follower, today: dt.date, now: dt.datetime) -> bool:
    last = follower.digests.order_by("-sent_at").values_list("sent_at", flat=True).first()
    with translation.override(follower.language):
        items = digest_items(follower=follower, since=last)
        if not items:
            return False
        subject = _("Tin theo dõi ngày %(date)s: %(count)d thay đổi") % {
            "date": today.strftime("%d/%m/%Y"), "count": len(items)}
        body = render_to_string("portal/mail/digest.txt", {
            "items": items, "date": today, "unsubscribe": unsubscribe_url(follower)})
    try:
        with transaction.atomic():
            Digest.objects.create(follower=follower, day=today, sent_at=now, items=len(items))
            _send(follower, subject, body)  # a failure rolls the row back: retried next run
    except IntegrityError:
        return False  # another run sent today's digest at the same moment
    return True


def send_digests(*, now: dt.datetime | None = None) -> int:
    """Record status changes, then send each follower with news their one digest of the day.

    Safe to run again (or in two workers at once): a follower already sent today's digest
    gets nothing more."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    record_status_changes(now=now)
    followers = (Follower.objects.filter(follows__confirmed_at__isnull=False).exclude(digests__day=today)
                 .distinct().order_by("id"))
    return sum(1 for follower in followers.iterator() if _send_digest(follower, today, now))
