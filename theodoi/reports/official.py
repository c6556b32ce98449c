"""The official report (báo cáo, Decree 30/2020/NĐ-CP layout): what it says, as plain data.

`report_content` gathers everything once; `docx.py` and `pdf.py` only lay it out, so the
two files always say the same thing. Status counts are the stored statuses (the one rule,
`tasks.status`); the agencies' table for the period is the ranking (`selectors.ranking`).
"""

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import timezone, translation

from theodoi.core.permissions import require_perm
from theodoi.core.types import AnyUser
from theodoi.documents.models import Document
from theodoi.reports.selectors import Ranking, ranking, visible_tasks
from theodoi.tasks.exports import split_row_key
from theodoi.tasks.models import Domain, ProgressReport
from theodoi.tasks.periods import Period
from theodoi.tasks.status import COUNTING_REPORT_STATES, Status, with_settled_status

STATUSES = tuple(Status.values)
PERIOD_COLUMNS = ("Đến hạn", "Hoàn thành đúng hạn", "Hoàn thành quá hạn", "Chưa xong, trong hạn",
                  "Chưa xong, quá hạn", "Tỷ lệ đúng hạn")


@dataclass
class Grid:
    """A table of the report as both files draw it: header, cell texts, column widths (mm on
    an A4 page with 165 mm between the margins) and the columns centred."""

    header: list[str]
    rows: list[list[str]]
    widths: list[float]
    centered: tuple[int, ...] = ()


@dataclass
class Issuer:
    """Who issues the report; set per installation (settings.REPORT_*)."""

    parent: str  # the body above the issuer, first line of the header ("" if none)
    name: str
    symbol: str  # the "BC-…" of "Số: …/BC-UBND"
    place: str
    signer_capacity: list[str]  # "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"
    signer_name: str
    recipients: list[str]


@dataclass
class TaskLine:
    stt: str
    title: str
    lead: str
    deadline: str
    status: str
    result: str


@dataclass
class DomainLine:
    label: str
    counts: list[int]

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass
class IndicatorLine:
    """An indicator against its target: the latest approved value up to the period's end."""

    name: str
    unit: str
    target: str  # "≥ 10 %" (the year's target, or the next one)
    value: str  # "9,2 % (Năm 2025)" or "Chưa có số liệu được duyệt"
    assessment: str  # "Đạt", "Chưa đạt", ""
    svg: str  # the indicators app's own chart (server-side SVG)
    chart_title: str
    demo: bool


@dataclass
class ReportContent:
    document: Document
    period: Period
    date: dt.date
    issuer: Issuer
    status_labels: list[str]
    totals: list[int]
    domains: list[DomainLine]
    ranking: Ranking
    tasks: list[TaskLine] = field(default_factory=list)
    indicators: list[IndicatorLine] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.totals)

    @property
    def document_name(self) -> str:
        kind = self.document.get_kind_display()
        number = f" số {self.document.number}" if self.document.number else ""
        issued = f" ngày {self.document.issued_on:%d/%m/%Y}" if self.document.issued_on else ""
        return f"{kind}{number}{issued}"

    @property
    def subtitle(self) -> str:
        """The line under "Tình hình thực hiện <document_name>": the document's title without
        the kind, number and date that line gives already (titles often open with them:
        "Nghị quyết số 7/NQ-CP ban hành …"), then the period."""
        title = self.document.title.strip()
        if self.document.number:
            with translation.override(settings.LANGUAGE_CODE):  # the title is in the document's language
                kind = re.escape(self.document.get_kind_display())
            opening = re.compile(rf"^(?:{kind}\s+)?số\s+{re.escape(self.document.number)}"
                                 r"(?:\s+ngày\s+\d{1,2}/\d{1,2}/\d{4})?[\s,:;–-]*", re.IGNORECASE)
            title = opening.sub("", title, count=1)
        return f"{title} – {self.period.label}" if title else self.period.label

    @property
    def summary(self) -> str:
        """Section I's sentence: the document's tasks in the four states."""
        states = "; ".join(f"{label.lower()}: {n}" for label, n in zip(self.status_labels, self.totals))
        return f"{self.document_name} giao {self.total} nhiệm vụ. Tính đến ngày {self.date:%d/%m/%Y}: {states}."

    @property
    def domain_paragraphs(self) -> list[tuple[str, str]]:
        """Section II: a heading and a sentence per domain."""
        return [(f"{number}. {d.label}", f"Tổng số {d.total} nhiệm vụ: " + "; ".join(
            f"{label.lower()} {n}" for label, n in zip(self.status_labels, d.counts)) + ".")
            for number, d in enumerate(self.domains, start=1)]

    @property
    def ranking_heading(self) -> str:
        return f"III. KẾT QUẢ THEO CƠ QUAN CHỦ TRÌ TRONG {self.period.label.upper()}"

    @property
    def ranking_grid(self) -> Grid:
        """Section III: the agencies' table for the period (the ranking's rows)."""
        rows = [[str(i), (r.agency.name if r.agency else "Chưa giao") + (
            " (gồm nhiệm vụ của " + ", ".join(p.name for p in r.predecessors) + ")" if r.predecessors else ""),
            str(r.due), *[str(n) for _, n in r.cells], f"{r.percent}%" if r.rate is not None else "–"]
            for i, r in enumerate(self.ranking.rows, start=1)]
        return Grid(["STT", "Cơ quan", *PERIOD_COLUMNS], rows, [10, 51, 17, 17, 18, 17, 17, 18],
                    centered=(0, 2, 3, 4, 5, 6, 7))

    @property
    def task_grid(self) -> Grid:
        """Section IV: every task of the document."""
        return Grid(["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Thời hạn", "Tình trạng", "Kết quả"],
                    [[t.stt, t.title, t.lead, t.deadline, t.status, t.result] for t in self.tasks],
                    [13, 48, 30, 22, 21, 31], centered=(0, 3))

    @property
    def indicator_grid(self) -> Grid:
        """Section V (when the document has indicators): each against its target."""
        return Grid(["STT", "Chỉ tiêu", "Đơn vị", "Mục tiêu", "Thực hiện", "Đánh giá"],
                    [[str(n), i.name, i.unit, i.target, i.value, i.assessment]
                     for n, i in enumerate(self.indicators, start=1)],
                    [12, 50, 18, 32, 33, 20], centered=(0, 2, 5))

    @property
    def proposals_heading(self) -> str:
        return f"{'VI' if self.indicators else 'V'}. ĐỀ XUẤT, KIẾN NGHỊ"

    @property
    def date_line(self) -> str:
        return f"{self.issuer.place}, ngày {self.date.day:02d} tháng {self.date.month:02d} năm {self.date.year}"

    @property
    def number_line(self) -> str:
        return f"Số:        /{self.issuer.symbol}"


def issuer_from_settings() -> Issuer:
    return Issuer(
        parent=settings.REPORT_ISSUER_PARENT, name=settings.REPORT_ISSUER, symbol=settings.REPORT_SYMBOL,
        place=settings.REPORT_PLACE, signer_capacity=list(settings.REPORT_SIGNER_CAPACITY),
        signer_name=settings.REPORT_SIGNER_NAME, recipients=list(settings.REPORT_RECIPIENTS),
    )


def _result(percent: int | None, narrative: str | None) -> str:
    if percent is None:
        return "Chưa có báo cáo"
    return f"{percent}%: {narrative}" if narrative else f"{percent}%"


def _indicator_lines(document: Document, period: Period) -> list[IndicatorLine]:
    """Indicators set by the document or by a document it carries out, with their charts."""
    from theodoi.documents.models import DocumentLink
    from theodoi.indicators.charts import indicator_chart, target_text
    from theodoi.indicators.formatting import format_value
    from theodoi.indicators.selectors import approved, indicator_list, meets, next_target, target_for_year

    sources = {document.pk, *DocumentLink.objects.filter(source=document).values_list("target_id", flat=True)}
    lines = []
    for indicator in indicator_list().filter(document_id__in=sources):
        values = [o for o in approved(indicator) if o.period_end <= period.end]
        latest = values[-1] if values else None
        year = latest.period_end.year if latest else period.end.year
        target = target_for_year(indicator, year) or next_target(indicator, year)
        chart = indicator_chart(indicator, observations=values)
        lines.append(IndicatorLine(
            name=indicator.name, unit=indicator.unit,
            target=f"{target_text(target, indicator.unit)} ({target.span_label})" if target else "",
            value=(f"{format_value(latest.value, indicator.unit)} ({latest.period.label})"
                   + (" – số liệu minh họa" if latest.is_demo else "")) if latest else "Chưa có số liệu được duyệt",
            assessment=("Đạt" if meets(indicator, latest.value, target) else "Chưa đạt") if latest and target else "",
            svg=str(chart.svg), chart_title=chart.title, demo=bool(latest and latest.is_demo),
        ))
    return lines


def report_content(*, user: AnyUser | None, document: Document, period: Period, date: dt.date | None = None) -> ReportContent:
    """Everything the report says. Text is Vietnamese whatever the interface language:
    it is an official document. `user` None: the command line (see `visible_tasks`)."""
    if user is not None:
        require_perm(user, "reports.export_report")
    date = date or timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        # The latest counting report up to the end of the period: what "kết quả" quotes.
        latest = ProgressReport.objects.filter(
            task=OuterRef("pk"), state__in=COUNTING_REPORT_STATES, period_start__lte=period.end,
        ).order_by("-period_start", "-submitted_at")
        tasks = (with_settled_status(visible_tasks(user).filter(document=document), today=date)
                 .select_related("lead_agency").order_by("id")
                 .annotate(result_percent=Subquery(latest.values("percent_complete")[:1]),
                           result_text=Subquery(latest.values("narrative")[:1])))
        by_domain: dict[str, Counter] = {}
        lines: list[TaskLine] = []
        labels = {code: str(label) for code, label in Status.choices}
        for task in tasks:
            by_domain.setdefault(task.domain, Counter())[task.status] += 1
            group, stt = split_row_key(task.row_key)
            lines.append(TaskLine(
                stt=f"{group}.{stt}" if group and stt else stt or str(len(lines) + 1),
                title=task.title, lead=task.lead_agency.name if task.lead_agency else "",
                deadline=task.deadline_text or (f"{task.due_on:%d/%m/%Y}" if task.due_on else ""),
                status=labels[task.status], result=_result(task.result_percent, task.result_text),
            ))
        domains = [DomainLine(str(label), [by_domain[code][s] for s in STATUSES])
                   for code, label in Domain.choices if code in by_domain]
        totals = [sum(d.counts[i] for d in domains) for i in range(len(STATUSES))]
        return ReportContent(
            document=document, period=period, date=date, issuer=issuer_from_settings(),
            status_labels=[labels[s] for s in STATUSES], totals=totals, domains=domains,
            ranking=ranking(user=user, period=period, today=date, document_id=document.pk), tasks=lines,
            indicators=_indicator_lines(document, period),
        )
