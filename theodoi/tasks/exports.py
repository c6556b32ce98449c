"""The task list as a file in the appendix layout (XLSX or CSV), re-importable as it is.

STT | Nhiệm vụ | Cơ quan chủ trì | Cơ quan phối hợp | Sản phẩm | Thời gian hoàn thành |
Tình trạng | Tiến độ, then Lĩnh vực and Trích dẫn, which the importer also reads, so that
an exported table imported again (`import_task_file`) gives back the same tasks: the STT
and group rows rebuild each task's row key, the domain and source quote are kept.
"""

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.utils import translation

from theodoi.extraction.tables import ROMAN_GROUP
from theodoi.lib.sheets import csv_table, xlsx_table
from theodoi.tasks.importing import COLUMN_LABELS
from theodoi.tasks.models import Assignment, Task
from theodoi.tasks.status import Status

HEADERS = [COLUMN_LABELS[c] for c in ("stt", "title", "lead", "coordinating", "output", "deadline")] + [
    "Tình trạng", "Tiến độ", COLUMN_LABELS["domain"], COLUMN_LABELS["quote"]]
# Characters wide, as an office would set them for the appendix printed landscape.
WIDTHS = [7, 60, 28, 32, 30, 16, 22, 9, 18, 40]
DATE_TEXT = re.compile(r"^\d{1,2}/\d{1,2}/\d{4}$")


@dataclass
class ExportRow:
    """One line of the table: a group heading (only `stt` and `title`) or a task."""

    stt: str
    title: str
    lead: str = ""
    coordinating: str = ""
    output: str = ""
    deadline: str | dt.date = ""
    status: str = ""
    percent: int | None = None
    domain: str = ""
    quote: str = ""
    is_group: bool = False

    def cells(self) -> list:
        return [self.stt, self.title, self.lead, self.coordinating, self.output, self.deadline, self.status,
                self.percent, self.domain, self.quote]


def split_row_key(key: str) -> tuple[str, str]:
    """(group, STT) that the importer turns back into `key` (see importing._row_key)."""
    if not key or key.startswith("h:"):
        return "", ""
    group, dot, stt = key.partition(".")
    if dot and ROMAN_GROUP.match(group):
        return group, stt
    return "", key


def _deadline(task: Task) -> str | dt.date:
    """A deadline that is a day is written as a date (Excel sorts and filters it as one)."""
    if task.due_on and (not task.deadline_text or (DATE_TEXT.match(task.deadline_text)
                                                   and task.deadline_text == task.due_on.strftime("%d/%m/%Y"))):
        return task.due_on
    return task.deadline_text


def export_rows(tasks: Iterable[Task], *, numbered: bool = False) -> list[ExportRow]:
    """Rows in the list's order, gathered under their group headings (ungrouped first).

    The STT and group headings come from each task's row key (the source table's), or with
    `numbered` the rows are numbered 1, 2, 3… in the table's order and the row keys are not
    read: public tables, since a row key is not a public field.

    Tasks need `status` and `latest_percent` (a task-list queryset) and their assignments
    prefetched. File text stays Vietnamese whatever the interface language, like the
    column headings."""
    groups: dict[tuple[int, str], list[Task]] = {}
    for task in tasks:
        groups.setdefault((task.document_id, "" if numbered else split_row_key(task.row_key)[0]), []).append(task)
    number = 0
    rows: list[ExportRow] = []
    with translation.override(settings.LANGUAGE_CODE):
        for (_, group), members in sorted(groups.items(), key=lambda kv: (kv[0][0], kv[0][1] != "")):
            if group:
                rows.append(ExportRow(stt=group, title=f"{group}. {str(members[0].domain_label).upper()}", is_group=True))
            for task in members:
                number += 1
                assignments = list(task.assignments.all())
                co_leads = [a.agency.name for a in assignments if a.role == Assignment.Role.LEAD]
                rows.append(ExportRow(
                    stt=str(number) if numbered else split_row_key(task.row_key)[1], title=task.title,
                    lead="; ".join([task.lead_agency.name] + co_leads) if task.lead_agency else "; ".join(co_leads),
                    coordinating="; ".join(a.agency.name for a in assignments
                                           if a.role == Assignment.Role.COORDINATING),
                    output=task.output, deadline=_deadline(task),
                    status=str(Status(task.status).label) if getattr(task, "status", None) else "",
                    percent=getattr(task, "latest_percent", None),
                    domain=str(task.domain_label), quote=task.source_excerpt,
                ))
    return rows


def to_xlsx(rows: list[ExportRow], *, sheet_title: str = "Phụ lục") -> bytes:
    """Widths, wrapped text, frozen header and dates as dates: `lib.sheets`, shared with the indicators."""
    cells = []
    for row in rows:
        values = row.cells()
        values[7] = None if row.percent is None else row.percent / 100
        cells.append(values)
    return xlsx_table(HEADERS, cells, widths=WIDTHS, sheet_title=sheet_title, number_formats={7: "0%"})


def to_csv(rows: list[ExportRow]) -> bytes:
    """UTF-8 with a BOM, so that Excel opens the Vietnamese text correctly; dates dd/mm/yyyy."""
    cells = []
    for row in rows:
        values = row.cells()
        values[7] = "" if row.percent is None else f"{row.percent}%"
        cells.append(values)
    return csv_table(HEADERS, cells)
