"""Thin views: parse the request, check permission, call a selector or service, render."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from theodoi.core.audit import history_entries
from theodoi.core.exceptions import ApplicationError
from theodoi.core.permissions import perm_view, require_perm
from theodoi.indicators import selectors, services
from theodoi.indicators.charts import indicator_chart
from theodoi.indicators.locks import lock_days
from theodoi.indicators.forms import ObservationForm, ReasonForm, ReopenForm, UnlockForm
from theodoi.indicators.models import Indicator, LockException, Observation
from theodoi.lib.periods import Period, period_from_key

# How many periods the indicator page lists (newest first), besides those with values.
RECENT_PERIODS = {"year": 6, "quarter": 8, "month": 12}


staff_view = perm_view("indicators.view_indicator")


@staff_view
def indicator_list(request: HttpRequest) -> HttpResponse:
    panel = selectors.indicator_panel(user=request.user, today=timezone.localdate())
    return render(request, "indicators/indicator_list.html", {"panel": panel})


def _periods(indicator: Indicator, today) -> list[Period]:
    current = indicator.period_of(today)
    periods = [current]
    for _i in range(RECENT_PERIODS[indicator.frequency] - 1):
        periods.append(periods[-1].previous())
    for observation in indicator.observations.all():
        if observation.period not in periods:
            periods.append(observation.period)
    return sorted(periods, reverse=True)


def _detail_context(request: HttpRequest, indicator: Indicator, *, errors: dict | None = None,
                    posted: dict | None = None) -> dict:
    user, today = request.user, timezone.localdate()
    can_see_working = user.has_perm("indicators.view_unapproved", indicator)
    visible = selectors.observations_visible_to(user=user, indicator=indicator)
    chart = indicator_chart(indicator, include_unapproved=can_see_working, observations=visible)
    history = _history(indicator) if can_see_working else []
    return {
        "indicator": indicator, "chart": chart, "today": today,
        "rows": [{"row": row, "error": (errors or {}).get(row.period.key), "posted": (posted or {}).get(row.period.key, {})}
                 for row in selectors.period_rows(user=user, indicator=indicator, periods=_periods(indicator, today),
                                                  today=today)],
        "can_enter": user.has_perm("indicators.enter_observation", indicator),
        "can_review": user.has_perm("indicators.review_observation", indicator),
        "can_unlock": user.has_perm("indicators.unlock_period", indicator),
        "has_demo": any(o.is_demo for o in visible),
        "lock_days": lock_days(), "history": history,
    }


def _history(indicator: Indicator) -> list:
    """Every change to the indicator's values and lock exceptions, newest first, each named
    by its period (who approved, returned, reopened or opened a lock, when and why)."""
    entries = []
    for observation in indicator.observations.all():
        entries += history_entries(observation.history.all(),
                                   label=_("Số liệu %(period)s") % {"period": observation.period.label})
    for exception in LockException.objects.filter(indicator=indicator):
        period = indicator.period_of(exception.period_start)
        entries += history_entries(exception.history.all(),
                                   label=_("Ngoại lệ khóa kỳ %(period)s") % {"period": period.label})
    return sorted(entries, key=lambda e: e.when, reverse=True)


def _indicator(pk: int) -> Indicator:
    try:
        return selectors.indicator_detail(pk=pk)
    except Indicator.DoesNotExist:
        raise Http404(_("Không tìm thấy chỉ tiêu.")) from None


@staff_view
def indicator_detail(request: HttpRequest, pk: int) -> HttpResponse:
    indicator = _indicator(pk)
    return render(request, "indicators/indicator_detail.html", _detail_context(request, indicator))


def _period(indicator: Indicator, key: str) -> Period:
    try:
        period = period_from_key(key)
    except ValueError:
        raise Http404(_("Kỳ không hợp lệ.")) from None
    if period.kind != indicator.period_kind:
        raise Http404(_("Kỳ không hợp lệ."))
    return period


def _indicator_period(request: HttpRequest, pk: int, key: str, perm: str) -> tuple[Indicator, Period]:
    """The indicator and one of its periods from the URL (else 404), if the user holds `perm` on it."""
    indicator = get_object_or_404(Indicator, pk=pk)
    period = _period(indicator, key)
    require_perm(request.user, perm, indicator)
    return indicator, period


def _refuse(request: HttpRequest, indicator: Indicator, key: str, message: str, posted: dict) -> HttpResponse:
    indicator = _indicator(indicator.pk)
    return render(request, "indicators/indicator_detail.html",
                  _detail_context(request, indicator, errors={key: message}, posted={key: posted}), status=400)


@staff_view
@require_POST
def observation_enter(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    indicator, period = _indicator_period(request, pk, key, "indicators.enter_observation")
    form = ObservationForm(request.POST)
    posted = {"value": request.POST.get("value", ""), "source": request.POST.get("source", "")}
    if not form.is_valid():
        message = " ".join(e for errors in form.errors.values() for e in errors)
        return _refuse(request, indicator, key, message, posted)
    submit = "submit" in request.POST
    try:
        services.observation_save(actor=request.user, indicator=indicator, period=period,
                                  value=form.cleaned_data["value"], source=form.cleaned_data["source"], submit=submit)
    except ApplicationError as exc:
        return _refuse(request, indicator, key, exc.message, posted)
    messages.success(request, _("Đã gửi số liệu %(period)s cho Văn phòng.") % {"period": period.label} if submit
                     else _("Đã lưu nháp số liệu %(period)s.") % {"period": period.label})
    return redirect("indicators:detail", pk=indicator.pk)


@staff_view
@require_POST
def period_unlock(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    indicator, period = _indicator_period(request, pk, key, "indicators.unlock_period")
    form = UnlockForm(request.POST)
    if not form.is_valid():
        return _refuse(request, indicator, key, _("Hãy nêu lý do và ngày mở đến (dd/mm/yyyy)."), {})
    try:
        services.period_unlock(actor=request.user, indicator=indicator, period=period,
                               until=form.cleaned_data["until"], reason=form.cleaned_data["reason"])
    except ApplicationError as exc:
        return _refuse(request, indicator, key, exc.message, {})
    messages.success(request, _("Đã cho phép ngoại lệ: kỳ %(period)s mở đến hết ngày %(date)s.")
                     % {"period": period.label, "date": form.cleaned_data["until"].strftime("%d/%m/%Y")})
    return redirect("indicators:detail", pk=indicator.pk)


def _review(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    observation = get_object_or_404(Observation.objects.select_related("indicator"), pk=pk)
    indicator = observation.indicator
    key = observation.period.key
    require_perm(request.user, "indicators.unlock_period" if action == "reopen" else "indicators.review_observation",
                 indicator)
    try:
        if action == "approve":
            services.observation_approve(actor=request.user, observation=observation)
            done = _("Đã duyệt số liệu %(period)s; kỳ này đã khóa.")
        elif action == "return":
            form = ReasonForm(request.POST)
            services.observation_return(actor=request.user, observation=observation,
                                        reason=form.data.get("reason", "")[:2000])
            done = _("Đã trả lại số liệu %(period)s để cơ quan sửa.")
        else:
            reopen = ReopenForm(request.POST)
            if not reopen.is_valid():
                raise ApplicationError(_("Hãy nêu lý do mở lại; ngày mở đến viết dd/mm/yyyy."))
            services.observation_reopen(actor=request.user, observation=observation,
                                        reason=reopen.cleaned_data["reason"], until=reopen.cleaned_data["until"])
            done = _("Đã mở lại số liệu %(period)s cho cơ quan sửa.")
    except ApplicationError as exc:
        return _refuse(request, indicator, key, exc.message, {})
    messages.success(request, done % {"period": observation.period.label})
    return redirect("indicators:detail", pk=indicator.pk)


@staff_view
@require_POST
def observation_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _review(request, pk, "approve")


@staff_view
@require_POST
def observation_return(request: HttpRequest, pk: int) -> HttpResponse:
    return _review(request, pk, "return")


@staff_view
@require_POST
def observation_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    return _review(request, pk, "reopen")
