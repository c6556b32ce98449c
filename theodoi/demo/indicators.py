"""Demo indicators: the ones the demo texts name, with their targets as the texts state them.

Hà Nội: Nghị quyết 12/NQ-CP, mục 4 a) ("Phấn đấu đạt các mục tiêu, chỉ tiêu cụ thể …") and
the 2045 vision in 4 b). Hải Phòng: the texts here (news reports on 7/NQ-CP and on the
General Secretary's visit of 14/11/2024) name GRDP growth, GRDP per head, the digital
economy and FDI but state no target values, so those indicators have none; the investment
certificates of November 2024 (12 projects, USD 1.8 billion, about 17,000 jobs) are real
figures from that report, entered as approved observations with it as their source.

Every other value entered here is invented for the demo: `is_demo`, shown as "minh họa" on
every page and export. Values go through the services like an agency's (the office grants a
lock exception for past periods first, as it would to load history), and running it again
adds nothing twice.
"""

import datetime as dt
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from theodoi.agencies.models import Membership
from theodoi.agencies.selectors import resolve_agency
from theodoi.core.roles import OFFICER, role_groups
from theodoi.documents.models import Document
from theodoi.indicators import services
from theodoi.indicators.locks import locks_on
from theodoi.indicators.models import Indicator, Observation
from theodoi.lib.periods import period_containing

D = Decimal
HA_NOI = "Ủy ban nhân dân thành phố Hà Nội"
HAI_PHONG = "Ủy ban nhân dân thành phố Hải Phòng"
Q12 = "Nghị quyết 12/NQ-CP, mục 4 a): "

# code, name, unit, rate of change, plausible range, targets [(from_year, year, low, high, wording)]
HA_NOI_INDICATORS = [
    ("HN-GRDP-TANG", "Tốc độ tăng trưởng GRDP bình quân hằng năm", "%", True, (D(-10), D(20)), [
        (2021, 2025, D("7.5"), D("8.0"),
         "Tốc độ tăng trưởng GRDP bình quân hàng năm giai đoạn 2021-2025 tăng khoảng 7,5% - 8,0%"),
        (2026, 2030, D("8.0"), D("8.5"), "GRDP giai đoạn 2026-2030 tăng 8,0 - 8,5%/năm"),
    ]),
    ("HN-GRDP-DAU-NGUOI", "GRDP bình quân đầu người", "USD/người", False, (D(1000), D(100000)), [
        (None, 2025, D(8300), D(8500), "GRDP bình quân đầu người đến năm 2025 đạt khoảng 8.300-8.500 USD"),
        (None, 2030, D(12000), D(13000), "đến năm 2030 đạt khoảng 12.000 - 13.000 USD"),
        (None, 2045, D(36000), None, "Tầm nhìn đến năm 2045: … GRDP bình quân đầu người đạt trên 36.000 USD"),
    ]),
    ("HN-CNCBCT", "Tỷ trọng công nghiệp chế biến, chế tạo trong GRDP", "%", False, (None, None), [
        (None, 2025, D(17), D(17), "Tỷ trọng công nghiệp chế biến, chế tạo trong GRDP đến năm 2025 đạt khoảng 17%"),
        (None, 2030, D(20), D(20), "đến năm 2030 đạt khoảng 20%"),
    ]),
    ("HN-KTS", "Tỷ trọng kinh tế số trong GRDP", "%", False, (None, None), [
        (None, 2025, D(30), D(30), "Tỷ trọng kinh tế số trong GRDP đến năm 2025 đạt khoảng 30%"),
        (None, 2030, D(40), D(40), "đến năm 2030 đạt khoảng 40%"),
    ]),
    ("HN-NN-CNC", "Tỷ trọng giá trị sản xuất nông nghiệp ứng dụng công nghệ cao", "%", False, (None, None), [
        (None, 2025, D(70), D(70), "Tỷ trọng giá trị sản xuất nông nghiệp ứng dụng công nghệ cao trong giá trị "
                                   "sản xuất nông nghiệp đến năm 2025 đạt 70%"),
        (None, 2030, D(80), D(80), "đến năm 2030 đạt 80%"),
    ]),
    ("HN-NSLD", "Tốc độ tăng năng suất lao động bình quân", "%", True, (D(-10), D(20)), [
        (None, 2025, D("7.0"), D("7.5"), "Năng suất lao động tăng bình quân đến năm 2025 đạt 7,0-7,5%"),
        (None, 2030, D("7.5"), D("7.5"), "đến năm 2030 đạt 7,5%"),
    ]),
    ("HN-DO-THI-HOA", "Tỷ lệ đô thị hóa", "%", False, (None, None), [
        (None, 2025, D(60), D(62), "Tỷ lệ đô thị hóa đến năm 2025 đạt khoảng 60-62%"),
        (None, 2030, D(75), D(75), "đến năm 2030 đạt 75%"),
    ]),
    ("HN-NUOC-THAI", "Tỷ lệ nước thải đô thị được xử lý", "%", False, (None, None), [
        (None, 2025, D(50), D(55), "Tỷ lệ nước thải đô thị được xử lý đến năm 2025 đạt 50-55%"),
        (None, 2030, D(100), D(100), "đến năm 2030 đạt 100%"),
    ]),
]

# Invented values for 2021–2025 (demo data), and what happened to the 2025 value.
HA_NOI_DEMO_VALUES = {
    "HN-GRDP-TANG": (["3.0", "8.5", "6.5", "6.8", "7.4"], "approved"),
    "HN-GRDP-DAU-NGUOI": (["6000", "6500", "7000", "7600", "8200"], "approved"),
    "HN-CNCBCT": (["14.0", "14.5", "15.0", "15.4", "15.9"], "approved"),
    "HN-KTS": (["18.0", "20.5", "23.0", "25.5", "28.0"], "submitted"),
    "HN-NN-CNC": (["60", "62", "65", "67", "70"], "approved"),
    "HN-NSLD": (["5.5", "6.0", "6.4", "6.8", "7.1"], "approved"),
    "HN-DO-THI-HOA": (["49.0", "49.5", "50.3", "51.0", "52.0"], "approved"),
    "HN-NUOC-THAI": (["30", "33", "37", "42", "48"], "returned"),
}

HAI_PHONG_INDICATORS = [
    # code, name, unit, rate, plausible range, frequency, document key
    ("HP-GRDP-TANG", "Tốc độ tăng trưởng GRDP", "%", True, (D(-10), D(25)), "year", "45-NQ/TW"),
    ("HP-GRDP-DAU-NGUOI", "GRDP bình quân đầu người", "USD/người", False, (D(1000), D(100000)), "year", "45-NQ/TW"),
    ("HP-KTS", "Tỷ trọng kinh tế số trong GRDP", "%", False, (None, None), "year", "45-NQ/TW"),
    ("HP-FDI-VON", "Vốn đầu tư đăng ký mới và tăng thêm tại các khu công nghiệp", "triệu USD", False,
     (D(0), D(50000)), "month", "tbt"),
    ("HP-FDI-DU-AN", "Số dự án được trao Giấy chứng nhận đăng ký đầu tư", "dự án", False, (D(0), D(1000)), "month",
     "tbt"),
    ("HP-LAO-DONG", "Nhu cầu lao động dự kiến của các dự án được cấp phép", "người", False, (D(0), D(500000)),
     "month", "tbt"),
]
HAI_PHONG_NOVEMBER_2024 = {"HP-FDI-VON": D(1800), "HP-FDI-DU-AN": D(12), "HP-LAO-DONG": D(17000)}
HAI_PHONG_SOURCE = ("Tin về Hội nghị trao Giấy chứng nhận đăng ký đầu tư tháng 11/2024, Hải Phòng, 14/11/2024 "
                    "(12 dự án, tăng thêm 1,8 tỷ USD, nhu cầu lao động khoảng 17 nghìn người)")


def _officer(username: str, full_name: str, agency_name: str, password: str):
    user, _ = get_user_model().objects.get_or_create(username=username)
    user.first_name, _, user.last_name = full_name.rpartition(" ")
    user.set_password(password)
    user.save()
    user.groups.set([role_groups()[OFFICER]])
    Membership.objects.update_or_create(user=user, defaults={"agency": resolve_agency(agency_name)})
    return user


def _enter(*, office, officer, indicator: Indicator, period, value: Decimal, source: str, state: str,
           is_demo: bool) -> bool:
    if Observation.objects.filter(indicator=indicator, period_start=period.start).exists():
        return False
    today = timezone.localdate()
    if today >= locks_on(period):  # a past period: the office opens it for the history to be entered
        services.period_unlock(actor=office, indicator=indicator, period=period, until=today + dt.timedelta(days=1),
                               reason="Nhập số liệu các kỳ trước khi đưa hệ thống vào sử dụng.")
    observation = services.observation_save(actor=officer, indicator=indicator, period=period, value=value,
                                            source=source, submit=state != "draft", is_demo=is_demo)
    if state == "approved":
        services.observation_approve(actor=office, observation=observation)
    elif state == "returned":
        services.observation_return(actor=office, observation=observation,
                                    reason="Đề nghị ghi rõ số liệu ước tính hay chính thức và nguồn công bố.")
    return True


def load_demo_indicators(*, office, hai_phong_officer, password: str) -> int:
    """The demo indicators, targets and values; returns the number of values entered now.
    Adds the officer `hanoi` (UBND TP Hà Nội), who enters Hà Nội's values."""
    ha_noi_officer = _officer("hanoi", "Đỗ Minh Châu", HA_NOI, password)
    q12 = Document.objects.get(number="12/NQ-CP")
    documents = {"45-NQ/TW": Document.objects.get(number="45-NQ/TW"),
                 "tbt": Document.objects.filter(kind="thong-bao", issued_on=dt.date(2024, 11, 14)).first()
                 or Document.objects.get(number="7/NQ-CP")}
    entered = 0
    this_year = timezone.localdate().year
    for code, name, unit, rate, (low, high), targets in HA_NOI_INDICATORS:
        indicator = services.indicator_save(
            actor=office, code=code, name=name, unit=unit, is_rate_of_change=rate, plausible_min=low, plausible_max=high,
            agency=resolve_agency(HA_NOI), document=q12, notes=Q12.rstrip(": ") + ".")
        for from_year, year, target_low, target_high, wording in targets:
            services.target_set(actor=office, indicator=indicator, document=q12, year=year, from_year=from_year,
                                low=target_low, high=target_high, wording=wording)
        values, last_state = HA_NOI_DEMO_VALUES[code]
        for year, value in zip(range(2021, 2026), values):
            if year > this_year:
                break
            entered += _enter(office=office, officer=ha_noi_officer, indicator=indicator,
                              period=period_containing("year", dt.date(year, 1, 1)), value=D(value),
                              source="Số liệu minh họa (không phải số liệu thống kê chính thức)",
                              state=last_state if year == 2025 else "approved", is_demo=True)
    for code, name, unit, rate, (low, high), frequency, document_key in HAI_PHONG_INDICATORS:
        indicator = services.indicator_save(
            actor=office, code=code, name=name, unit=unit, is_rate_of_change=rate, plausible_min=low, plausible_max=high,
            frequency=frequency, agency=resolve_agency(HAI_PHONG), document=documents[document_key],
            notes="Văn bản nêu chỉ tiêu này nhưng không nêu giá trị mục tiêu." if frequency == "year" else "")
        if code in HAI_PHONG_NOVEMBER_2024:
            entered += _enter(office=office, officer=hai_phong_officer, indicator=indicator,
                              period=period_containing("month", dt.date(2024, 11, 1)),
                              value=HAI_PHONG_NOVEMBER_2024[code], source=HAI_PHONG_SOURCE, state="approved",
                              is_demo=False)
    return entered
