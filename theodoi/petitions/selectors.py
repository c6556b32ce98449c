"""Reads on petitions: the public view by code, staff lists, counts for the agency ranking."""

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from theodoi.lib.periods import Period

from theodoi.agencies.selectors import user_agency_ids
from theodoi.core.types import AnyUser
from theodoi.petitions.codes import parse_code
from theodoi.petitions.models import OWED_STATES, Category, DayOff, Petition


def days_off() -> frozenset[dt.date]:
    """The office's one-off days off (public holidays come from `theodoi.lib.workdays`)."""
    return frozenset(DayOff.objects.values_list("day", flat=True))


def petition_by_code(typed: str) -> Petition | None:
    code = parse_code(typed)
    if code is None:
        return None
    return Petition.objects.select_related("category", "agency", "answered_by", "merged_into").filter(code=code).first()


def categories() -> QuerySet[Category]:
    return Category.objects.filter(active=True)


def petitions_visible_to(*, user: AnyUser) -> QuerySet[Petition]:
    """The office and leaders see every petition; an officer those assigned to their agency."""
    base = Petition.objects.select_related("category", "agency")
    if user.has_perm("petitions.view_inbox"):
        return base
    ids = user_agency_ids(user)
    if ids and user.has_perm("petitions.view_agency_list"):
        return base.filter(agency_id__in=ids)
    return base.none()


def overdue_q(today: dt.date) -> Q:
    return Q(state__in=OWED_STATES, due_on__lt=today)


def petition_list(*, user: AnyUser, state: str = "", category: str = "", agency: int | None = None,
                  overdue: bool = False, today: dt.date | None = None) -> QuerySet[Petition]:
    today = today or timezone.localdate()
    qs = petitions_visible_to(user=user)
    if state:
        qs = qs.filter(state=state)
    if category:
        qs = qs.filter(category__code=category)
    if agency:
        qs = qs.filter(agency_id=agency)
    if overdue:
        qs = qs.filter(overdue_q(today))
    return qs


@dataclass
class AgencyPetitionCounts:
    on_time: int = 0
    late: int = 0
    overdue: int = 0


def agency_petition_counts(*, period: Period | None = None, today: dt.date | None = None) -> dict[int, AgencyPetitionCounts]:
    """agency id → petitions answered on time, answered late, and overdue now (for the
    agency ranking's petitions column); with a period, only the petitions falling due in
    it, as the ranking counts the tasks falling due in it."""
    today = today or timezone.localdate()
    answered = Q(answered_on__isnull=False, due_on__isnull=False)
    petitions = Petition.objects.filter(Q(answered_by__isnull=False) | Q(agency__isnull=False))
    if period is not None:
        petitions = petitions.filter(due_on__range=(period.start, period.end))
    rows = (petitions
            .annotate(who=F("agency_id"))
            .values("who")
            .annotate(on_time=Count("pk", filter=answered & Q(answered_on__lte=F("due_on"))),
                      late=Count("pk", filter=answered & Q(answered_on__gt=F("due_on"))),
                      overdue=Count("pk", filter=overdue_q(today))))
    return {row["who"]: AgencyPetitionCounts(row["on_time"], row["late"], row["overdue"]) for row in rows
            if row["who"] is not None}
