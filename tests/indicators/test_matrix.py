"""The approval and lock rules as a state × role matrix: every action in every state, by the
office, an officer of the responsible agency, an officer of another agency and a leader.
What is allowed changes what it should; every refusal leaves the database as it was."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from tests.indicators.conftest import YEAR_2025
from theodoi.core.exceptions import ApplicationError
from theodoi.indicators import services
from theodoi.indicators.models import LockException, Observation

STATES = ["draft", "submitted", "approved", "returned", "locked"]
ROLES = ["office", "officer", "other_officer", "leader"]
ACTIONS = ["save", "submit", "approve", "return", "reopen", "unlock"]

# (action, state) → the roles allowed; everyone else is refused.
ALLOWED = {
    ("save", "draft"): {"officer"}, ("save", "returned"): {"officer"},
    ("submit", "draft"): {"officer"}, ("submit", "returned"): {"officer"},
    ("approve", "submitted"): {"office"},
    ("return", "submitted"): {"office"},
    ("reopen", "approved"): {"office"},
    ("unlock", "draft"): {"office"}, ("unlock", "submitted"): {"office"}, ("unlock", "returned"): {"office"},
    ("unlock", "locked"): {"office"},
}

# What the observation's state is after an allowed action.
AFTER = {"save": "draft", "submit": "submitted", "approve": "approved", "return": "returned", "reopen": "returned"}


def put_in_state(state, indicator, officer, office, clock) -> Observation:
    observation = services.observation_save(actor=officer, indicator=indicator, period=YEAR_2025,
                                            value=Decimal("9.1"), source="Cục Thống kê", submit=state != "draft"
                                            and state != "locked")
    if state in ("approved", "returned"):
        if state == "approved":
            services.observation_approve(actor=office, observation=observation)
        else:
            services.observation_return(actor=office, observation=observation, reason="Thiếu nguồn.")
    if state == "locked":
        clock.today = dt.date(2026, 3, 1)  # two months after 2025 ended: locked by time
    observation.refresh_from_db()
    return observation


def act(action, actor, indicator, observation):
    if action in ("save", "submit"):
        return services.observation_save(actor=actor, indicator=indicator, period=YEAR_2025, value=Decimal("9.4"),
                                         source="Cục Thống kê, số liệu chính thức", submit=action == "submit")
    if action == "approve":
        return services.observation_approve(actor=actor, observation=observation)
    if action == "return":
        return services.observation_return(actor=actor, observation=observation, reason="Đề nghị kiểm tra lại.")
    if action == "reopen":
        return services.observation_reopen(actor=actor, observation=observation, reason="Số liệu điều chỉnh.",
                                           until=dt.date(2026, 3, 31))
    return services.period_unlock(actor=actor, indicator=indicator, period=YEAR_2025, until=dt.date(2026, 3, 31),
                                  reason="Cục Thống kê công bố muộn.")


def snapshot() -> tuple:
    """Everything an action could write: the rows and their history."""
    return (
        list(Observation.objects.order_by("pk").values()),
        list(Observation.history.order_by("history_id").values_list("history_id", "state", "value")),
        list(LockException.objects.order_by("pk").values()),
        LockException.history.count(),
    )


@pytest.mark.parametrize("action", ACTIONS)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("role", ROLES)
def test_state_role_matrix(request, clock, indicator, office, officer, other_officer, leader, role, state, action):
    observation = put_in_state(state, indicator, officer, office, clock)
    actor = request.getfixturevalue(role)
    before = snapshot()
    allowed = role in ALLOWED.get((action, state), set())
    if not allowed:
        with pytest.raises((ApplicationError, PermissionDenied)) as refused:
            act(action, actor, indicator, observation)
        message = getattr(refused.value, "message", str(refused.value))
        assert message, "every refusal says why"
        assert snapshot() == before, "a refusal must leave the database unchanged"
        return
    act(action, actor, indicator, observation)
    assert snapshot() != before
    observation.refresh_from_db()
    if action in AFTER:
        assert observation.state == AFTER[action]
        last = observation.history.first()
        assert last.history_user == actor, "the history names who did it"
    else:
        exception = LockException.objects.get(indicator=indicator, period_start=YEAR_2025.start)
        assert exception.until == dt.date(2026, 3, 31) and exception.history.first().history_user == actor


def test_the_matrix_refuses_state_with_the_reason(clock, indicator, officer, office):
    """The refusals a responsible officer meets say which lock or state stopped them."""
    observation = put_in_state("submitted", indicator, officer, office, clock)
    with pytest.raises(ApplicationError, match="đang chờ Văn phòng duyệt"):
        act("save", officer, indicator, observation)
    services.observation_approve(actor=office, observation=observation)
    with pytest.raises(ApplicationError, match="Văn phòng đã duyệt"):
        act("save", officer, indicator, observation)


def test_lock_by_time_names_the_date_and_lifts_with_an_exception(clock, indicator, officer, office):
    put_in_state("draft", indicator, officer, office, clock)
    clock.today = dt.date(2026, 1, 30)  # day 30 after the period: still open
    act("save", officer, indicator, None)
    clock.today = dt.date(2026, 1, 31)
    with pytest.raises(ApplicationError, match="đã tự khóa từ ngày 31/01/2026, 30 ngày sau khi kết thúc kỳ"):
        act("save", officer, indicator, None)
    services.period_unlock(actor=office, indicator=indicator, period=YEAR_2025, until=dt.date(2026, 2, 5),
                           reason="Số liệu chính thức công bố muộn.")
    assert act("submit", officer, indicator, None).state == "submitted"
    exception = LockException.objects.get()
    record = exception.history.get()
    assert (record.history_user, record.history_change_reason) == (office, "Số liệu chính thức công bố muộn.")
    clock.today = dt.date(2026, 2, 6)  # the exception has run out
    services.observation_return(actor=office, observation=Observation.objects.get(), reason="Sai đơn vị.")
    with pytest.raises(ApplicationError, match="đã tự khóa"):
        act("save", officer, indicator, None)


def test_lock_days_is_a_setting(clock, settings, indicator, officer, office):
    settings.INDICATOR_LOCK_DAYS = 5
    clock.today = dt.date(2026, 1, 6)
    with pytest.raises(ApplicationError, match="5 ngày sau khi kết thúc kỳ"):
        act("save", officer, indicator, None)
    settings.INDICATOR_LOCK_DAYS = 90
    assert act("save", officer, indicator, None).state == "draft"


def test_reopen_of_a_time_locked_period_needs_a_date_and_is_audited(clock, indicator, officer, office):
    observation = put_in_state("approved", indicator, officer, office, clock)
    clock.today = dt.date(2026, 6, 1)
    before = snapshot()
    with pytest.raises(ApplicationError, match="mở đến ngày nào"):
        services.observation_reopen(actor=office, observation=observation, reason="Điều chỉnh số liệu.")
    assert snapshot() == before
    services.observation_reopen(actor=office, observation=observation, reason="Điều chỉnh số liệu.",
                                until=dt.date(2026, 6, 10))
    observation.refresh_from_db()
    assert observation.state == "returned" and observation.return_reason == "Điều chỉnh số liệu."
    record = observation.history.first()
    assert (record.history_user, record.history_change_reason) == (office, "Mở lại: Điều chỉnh số liệu.")
    assert LockException.objects.get().until == dt.date(2026, 6, 10)
    assert act("submit", officer, indicator, None).state == "submitted"


def test_successor_agency_officers_enter_for_their_predecessors_indicators(clock, document, officer):
    from tests.conftest import make_user
    from tests.indicators.conftest import make_indicator
    from theodoi.agencies.models import Agency
    from theodoi.core.roles import OFFICER

    old = Agency.objects.get(name="Bộ Kế hoạch và Đầu tư")
    indicator = make_indicator(document, code="FDI", unit="triệu USD", is_rate_of_change=False,
                               plausible_min=None, plausible_max=None, agency=old)
    finance = make_user("taichinh", OFFICER, "Bộ Tài chính")
    saved = services.observation_save(actor=finance, indicator=indicator, period=YEAR_2025, value=Decimal(1800),
                                      source="Bộ Tài chính")
    assert saved.entered_by == finance
    with pytest.raises(PermissionDenied):
        services.observation_save(actor=officer, indicator=indicator, period=YEAR_2025, value=Decimal(1),
                                  source="x")
