"""Importing a task table (XLSX or CSV) laid out like a Government action-programme appendix.

Everything goes through the real reader, importer, view and command on the test database.
"""

import datetime as dt
import io
import os
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import escape

from theodoi.core.exceptions import ApplicationError
from theodoi.core.roles import OFFICE
from theodoi.lib.text import clean_text
from theodoi.tasks.importing import ImportRejected, import_task_file, import_task_rows
from tests.memory import MB, peak_memory
from theodoi.tasks.models import Assignment, Domain, Recurrence, Task
from theodoi.tasks.tables import MAX_XLSX_UNCOMPRESSED, TableError, read_table
from tests.tasks.factories import HAI_PHONG, UserFactory, csv_text, xlsx_bytes

VHTTDL = "Bộ Văn hóa, Thể thao và Du lịch"


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def db_counts() -> dict[str, int]:
    return {
        "tasks": Task.objects.count(),
        "assignments": Assignment.objects.count(),
        "task_history": Task.history.count(),
        "assignment_history": Assignment.history.count(),
    }


def import_file(office, document, name: str, data: bytes):
    return import_task_file(actor=office, document=document, name=name, data=data)


def imported(document) -> dict[str, dict]:
    """The document's tasks as a person would check them, by row key."""
    result = {}
    tasks = Task.objects.filter(document=document).select_related("lead_agency").prefetch_related(
        "assignments__agency"
    )
    for task in tasks:
        result[task.row_key] = {
            "title": task.title,
            "lead": task.lead_agency.name,
            "co_leads": sorted(a.agency.name for a in task.assignments.all() if a.role == Assignment.Role.LEAD),
            "coordinating": sorted(
                a.agency.name for a in task.assignments.all() if a.role == Assignment.Role.COORDINATING
            ),
            "deadline_text": task.deadline_text,
            "due_on": task.due_on,
            "recurrence": task.recurrence,
            "domain": task.domain,
            "output": task.output,
        }
    return result


# --- A 1,000-row appendix -----------------------------------------------------------------

HEADER = ["Thời gian trình", "Đơn vị chủ trì", "TT", "Tên nhiệm vụ", "Cơ quan phối hợp", "Sản phẩm"]
# (cell as written, lead, co-leads) — aliases, and a name with a comma inside it
LEADS = [
    ("UBND TP Hải Phòng", HAI_PHONG, []),
    ("Bộ KH&ĐT", "Bộ Kế hoạch và Đầu tư", []),
    ("Bộ Văn hóa, Thể thao và Du lịch, Bộ Y tế", VHTTDL, ["Bộ Y tế"]),
    ("Sở Tài chính", "Sở Tài chính thành phố Hải Phòng", []),
    ("UBND TP. Hải Phòng; Bộ Công an", HAI_PHONG, ["Bộ Công an"]),
]
COORDINATING = [
    ("Bộ Văn hóa, Thể thao và Du lịch, Bộ Y tế", [VHTTDL, "Bộ Y tế"]),
    ("", []),
    ("Bộ KH&ĐT; Các sở, ban, ngành Hải Phòng", ["Bộ Kế hoạch và Đầu tư", "Các sở, ban, ngành thành phố Hải Phòng"]),
    ("Bộ Tài chính và Bộ Xây dựng", ["Bộ Tài chính", "Bộ Xây dựng"]),
]
# (cell as written, deadline text stored, due date, recurrence); the document is of 2025
DEADLINES = [
    ("Quý IV/2025", "Quý IV/2025", dt.date(2025, 12, 31), Recurrence.ONCE),
    ("Tháng 6/2026", "Tháng 6/2026", dt.date(2026, 6, 30), Recurrence.ONCE),
    (dt.datetime(2025, 9, 30), "30/09/2025", dt.date(2025, 9, 30), Recurrence.ONCE),  # a real date cell
    ("Thường xuyên", "Thường xuyên", None, Recurrence.CONTINUOUS),
    ("Hằng năm", "Hằng năm", None, Recurrence.ANNUAL),
    ("2026-2030", "2026-2030", dt.date(2030, 12, 31), Recurrence.ONCE),
    ("15/12 hằng năm", "15/12 hằng năm", dt.date(2025, 12, 15), Recurrence.ANNUAL),
]
ROWS_PER_GROUP = 250


def group_rows(numeral: str, heading: str, style: str) -> list:
    """A group heading as appendices write it: merged across the row, or STT + title."""
    row = [""] * len(HEADER)
    if style == "merged":  # one merged cell: the value sits in the first column
        row[0] = f"{numeral}. {heading}"
    elif style == "stt":
        row[2], row[3] = numeral, heading
    else:  # numbered title, no STT
        row[3] = f"{numeral}. {heading}"
    return row


def appendix(count_per_group: int = ROWS_PER_GROUP) -> tuple[list[list], dict[str, dict]]:
    """Rows of a 4-group appendix and what each imported task must look like."""
    groups = [
        ("I", "NHIỆM VỤ VỀ CÔNG TÁC TUYÊN TRUYỀN", "merged", Domain.TUYEN_TRUYEN),
        ("II", "HOÀN THIỆN THỂ CHẾ, CƠ CHẾ, CHÍNH SÁCH", "stt", Domain.THE_CHE),
        ("III", "PHÁT TRIỂN KẾT CẤU HẠ TẦNG GIAO THÔNG, LOGISTICS", "title", Domain.HA_TANG),
        ("IV", "CÁC NHIỆM VỤ KHÁC", "stt", None),  # no domain words: rows speak for themselves
    ]
    rows: list[list] = [["PHỤ LỤC"], ["Danh mục nhiệm vụ"], HEADER]
    expected: dict[str, dict] = {}
    i = 0
    for numeral, heading, style, domain in groups:
        rows.append(group_rows(numeral, heading, style))
        for n in range(1, count_per_group + 1):
            lead_cell, lead, co_leads = LEADS[i % len(LEADS)]
            coord_cell, coordinating = COORDINATING[i % len(COORDINATING)]
            deadline_cell, deadline_text, due_on, recurrence = DEADLINES[i % len(DEADLINES)]
            if domain:
                title, row_domain = f"Triển khai nội dung {n} của nhóm {numeral}", domain
            elif n % 2:
                title, row_domain = f"Bảo vệ môi trường biển khu vực {n}", Domain.MOI_TRUONG
            else:
                title, row_domain = f"Chuyển đổi số trong cơ quan số {n}", Domain.KHCN_CDS
            stt = f"{n}." if numeral == "III" else n  # text "12." or a number cell
            rows.append([deadline_cell, lead_cell, stt, title, coord_cell, f"Báo cáo số {i}"])
            expected[f"{numeral}.{n}"] = {
                "title": title, "lead": lead, "co_leads": sorted(co_leads),
                "coordinating": sorted(a for a in coordinating if a != lead and a not in co_leads),
                "deadline_text": deadline_text, "due_on": due_on, "recurrence": recurrence,
                "domain": row_domain, "output": f"Báo cáo số {i}",
            }
            i += 1
    return rows, expected


@pytest.fixture(scope="module")
def big_appendix():
    rows, expected = appendix()
    return rows, expected, xlsx_bytes(rows)


def assert_tasks_equal(actual: dict, expected: dict) -> None:
    assert actual.keys() == expected.keys()
    wrong = {key: (actual[key], expected[key]) for key in expected if actual[key] != expected[key]}
    assert not wrong, f"{len(wrong)} tasks differ, e.g. {next(iter(wrong.items()))}"


@pytest.mark.django_db
def test_thousand_row_xlsx_imports_every_task_with_its_fields(office, document, big_appendix):
    rows, expected, data = big_appendix
    assert len(expected) == 1000

    result = import_file(office, document, "phu-luc.xlsx", data)

    assert (result.created, result.updated, result.unchanged) == (1000, 0, 0)
    assert_tasks_equal(imported(document), expected)
    # spot checks a person would make against the spreadsheet
    first = Task.objects.get(document=document, row_key="I.1")
    assert first.lead_agency.name == HAI_PHONG and first.domain == Domain.TUYEN_TRUYEN
    assert first.created_by == office
    assert first.history.get().history_user == office
    assert Task.objects.get(document=document, row_key="I.3").lead_agency.name == VHTTDL
    assert Task.objects.filter(document=document, domain=Domain.HA_TANG).count() == ROWS_PER_GROUP


@pytest.mark.django_db
def test_reimport_same_table_changes_nothing_and_edited_table_updates_in_place(office, document, big_appendix):
    rows, expected, data = big_appendix
    import_file(office, document, "phu-luc.xlsx", data)
    after_first = db_counts()

    again = import_file(office, document, "phu-luc.xlsx", data)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 1000)
    assert db_counts() == after_first  # not even a history row

    # An edited table: one deadline moved, one coordinating agency dropped.
    editor = UserFactory(username="editor", role=OFFICE)
    edited = [list(r) for r in rows]
    deadline_row = next(r for r in edited if len(r) > 3 and r[2] == 8 and r[3].endswith("nhóm II"))
    assert deadline_row[0] == "2026-2030"
    deadline_row[0] = "Quý I/2026"
    coord_row = next(r for r in edited if len(r) > 3 and r[2] == 4 and r[3].endswith("nhóm I"))
    assert coord_row[4] == "Bộ Tài chính và Bộ Xây dựng"
    coord_row[4] = "Bộ Tài chính"
    result = import_file(editor, document, "phu-luc-sua.xlsx", xlsx_bytes(edited))

    assert (result.created, result.updated, result.unchanged) == (0, 2, 998)
    counts = db_counts()
    assert counts["tasks"] == 1000
    assert counts["assignments"] == after_first["assignments"] - 1
    moved = Task.objects.get(document=document, row_key="II.8")
    assert (moved.deadline_text, moved.due_on) == ("Quý I/2026", dt.date(2026, 3, 31))
    latest = moved.history.first()
    assert latest.history_user == editor
    assert latest.history_change_reason == "Nhập từ bảng phu-luc-sua.xlsx"
    assert latest.prev_record.due_on == expected["II.8"]["due_on"]
    dropped = Task.objects.get(document=document, row_key="I.4")
    assert [a.agency.name for a in dropped.assignments.all()] == ["Bộ Tài chính"]
    removal = Assignment.history.get(task_id=dropped.pk, history_type="-")
    assert (removal.agency.name, removal.history_user) == ("Bộ Xây dựng", editor)
    assert counts["task_history"] == after_first["task_history"] + 1
    # the unchanged ones are untouched
    expected["II.8"].update(deadline_text="Quý I/2026", due_on=dt.date(2026, 3, 31))
    expected["I.4"]["coordinating"] = ["Bộ Tài chính"]
    assert_tasks_equal(imported(document), expected)


@pytest.mark.django_db
def test_tasks_of_the_previous_import_missing_from_the_file_are_kept_and_reported(office, document):
    rows, _ = appendix(count_per_group=2)
    import_file(office, document, "a.xlsx", xlsx_bytes(rows))
    shorter = [r for r in rows if not (len(r) > 2 and r[2] == 2 and str(r[3]).endswith("nhóm I"))]

    result = import_file(office, document, "b.xlsx", xlsx_bytes(shorter))

    assert result.not_in_file == ["I.2"]
    assert Task.objects.filter(document=document, row_key="I.2").exists()


# --- CSV ----------------------------------------------------------------------------------

CSV_ROWS = [
    ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"],
    ["1", "Quảng bá hình ảnh thành phố", "Sở Văn hóa, Thể thao và Du lịch TP Hải Phòng",
     "Bộ Văn hóa, Thể thao và Du lịch, Bộ Y tế", "Quý II/2025"],
    ["2", "Xây dựng đề án chính quyền đô thị", "UBND TP Hải Phòng", "Bộ Nội vụ; Bộ Tư pháp", "Hằng quý"],
]
CSV_EXPECTED = {
    "1": {"lead": "Sở Văn hóa, Thể thao và Du lịch thành phố Hải Phòng",
          "coordinating": [VHTTDL, "Bộ Y tế"], "due_on": dt.date(2025, 6, 30), "recurrence": "once"},
    "2": {"lead": HAI_PHONG, "coordinating": ["Bộ Nội vụ", "Bộ Tư pháp"], "due_on": None,
          "recurrence": "quarterly"},
}


def to_cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters with combining tone marks."""
    import unicodedata

    out = []
    for char in text:
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], list(decomposed[1:])
        for mark in list(marks):  # fold in the marks that cp1258 has precomposed (â, ê, ô, ơ, ư, ă)
            composed = unicodedata.normalize("NFC", base + mark)
            if len(composed) == 1 and _encodable(composed):
                base = composed
                marks.remove(mark)
        out.append(base + "".join(marks))
    return "".join(out).encode("cp1258")


def _encodable(char: str) -> bool:
    try:
        char.encode("cp1258")
    except UnicodeEncodeError:
        return False
    return True


@pytest.mark.django_db
@pytest.mark.parametrize("name, data", [
    pytest.param("bang.csv", csv_text(CSV_ROWS, delimiter=";").encode("utf-8"), id="utf8-semicolon"),
    pytest.param("bang.csv", csv_text(CSV_ROWS, delimiter=";").encode("utf-8-sig"), id="utf8-bom-semicolon"),
    pytest.param("bang.csv", to_cp1258(csv_text(CSV_ROWS, delimiter=",")), id="windows-1258"),
    pytest.param("bang.txt", csv_text(CSV_ROWS, delimiter="\t").encode("utf-16"), id="utf16-tab"),
])
def test_csv_encodings_and_delimiters_import(office, document, name, data):
    result = import_file(office, document, name, data)

    assert result.created == 2
    tasks = imported(document)
    assert tasks["1"]["title"] == "Quảng bá hình ảnh thành phố"
    assert tasks["2"]["title"] == "Xây dựng đề án chính quyền đô thị"
    for key, fields in CSV_EXPECTED.items():
        assert {k: tasks[key][k] for k in fields} == fields


def test_windows_1258_file_really_uses_combining_marks():
    """Guard for the test above: the cp1258 bytes are not just UTF-8 in disguise."""
    data = to_cp1258("Quảng bá")
    assert data.decode("cp1258") != "Quảng bá"  # decomposed
    assert clean_text(data.decode("cp1258")) == "Quảng bá"
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")


# --- Rejected files: nothing written, every fault named by its row -----------------------

GOOD_HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian hoàn thành"]
GOOD_ROW = ["1", "Xây dựng chính quyền số", "UBND TP Hải Phòng", "Bộ Công an", "Quý III/2025"]


@pytest.fixture
def existing_task(office, document):
    """A task already imported, so that 'unchanged' is checked against a non-empty database."""
    import_task_rows(actor=office, document=document, rows=[GOOD_HEADER, ["9", "Nhiệm vụ cũ", "Bộ Y tế", "", ""]])
    return Task.objects.get(document=document, row_key="9")


REJECTED_TABLES = {
    "unknown-lead-agency": (
        [GOOD_HEADER, GOOD_ROW, ["2", "Nâng cấp cảng biển", "Sở Không Tồn Tại", "", "Quý IV/2025"]],
        ["Dòng 3: Cơ quan chủ trì 'Sở Không Tồn Tại' chưa có trong danh mục cơ quan."],
    ),
    "unknown-coordinating-agency": (
        [GOOD_HEADER, GOOD_ROW, ["2", "Nâng cấp cảng biển", "BXD", "Bộ Y tế; Ban Vũ Trụ", "Quý IV/2025"]],
        ["Dòng 3: Cơ quan phối hợp 'Ban Vũ Trụ' chưa có trong danh mục cơ quan."],
    ),
    "missing-lead-column": (
        [["STT", "Nhiệm vụ", "Cơ quan phối hợp", "Thời gian hoàn thành"], ["1", "Việc A", "Bộ Y tế", "Quý IV/2025"]],
        ["Dòng 1: Thiếu cột bắt buộc: Cơ quan chủ trì."],
    ),
    "bad-dates": (
        [GOOD_HEADER, GOOD_ROW,
         ["2", "Việc B", "Bộ Y tế", "", "31/02/2025"],
         ["3", "Việc C", "Bộ Y tế", "", "sắp tới"]],
        ["Dòng 3: Không hiểu thời hạn '31/02/2025'.", "Dòng 4: Không hiểu thời hạn 'sắp tới'."],
    ),
    "duplicated-stt": (
        [GOOD_HEADER, GOOD_ROW, ["2", "Việc B", "Bộ Y tế", "", ""], ["2", "Việc C", "Bộ Y tế", "", ""]],
        ["Dòng 4: Trùng số thứ tự '2' với dòng 3."],
    ),
    "missing-lead-cell": (
        [GOOD_HEADER, GOOD_ROW, ["2", "Việc B", "", "Bộ Y tế", "Quý IV/2025"]],
        ["Dòng 3: Thiếu cơ quan chủ trì."],
    ),
    "no-header": (
        [["a", "b"], ["1", "2"]],
        ["Dòng 1: Không tìm thấy dòng tiêu đề có cột 'Nhiệm vụ'."],
    ),
    "header-only": ([GOOD_HEADER], ["Dòng 1: Bảng không có dòng nhiệm vụ nào dưới dòng tiêu đề."]),
}


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("case", REJECTED_TABLES)
def test_faulty_rows_are_rejected_with_row_numbers_and_nothing_is_written(office, document, existing_task,
                                                                         case, fmt):
    rows, expected_errors = REJECTED_TABLES[case]
    data = xlsx_bytes(rows) if fmt == "xlsx" else csv_text(rows).encode("utf-8")
    before = db_counts()

    with pytest.raises(ImportRejected) as caught:
        import_file(office, document, f"bang.{fmt}", data)

    assert isinstance(caught.value, ApplicationError)
    errors = caught.value.errors
    assert len(errors) == len(expected_errors), errors
    for error, expected in zip(errors, expected_errors):
        assert error.startswith(expected), errors
    assert "Chưa có nhiệm vụ nào được ghi" in caught.value.message
    assert db_counts() == before
    # row 2 is good, and still was not imported
    assert not Task.objects.filter(title="Xây dựng chính quyền số").exists()
    assert Task.objects.get(pk=existing_task.pk).title == "Nhiệm vụ cũ"


@pytest.mark.django_db
def test_every_faulty_row_is_listed_at_once(office, document):
    rows = [GOOD_HEADER, GOOD_ROW,
            ["2", "Việc B", "Sở Không Có", "", ""],
            ["3", "Việc C", "Bộ Y tế", "", "31/02/2025"],
            ["4", "", "Bộ Y tế", "", ""]]
    with pytest.raises(ImportRejected) as caught:
        import_task_rows(actor=office, document=document, rows=rows)
    assert [e.split(":")[0] for e in caught.value.errors] == ["Dòng 3", "Dòng 4", "Dòng 5"]
    assert not Task.objects.exists()


@pytest.mark.django_db
def test_row_numbers_are_those_of_the_spreadsheet(office, document):
    """Title lines and blank rows above the header count, as in Excel's row numbers."""
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet["A1"] = "PHỤ LỤC NHIỆM VỤ"
    for column, title in enumerate(GOOD_HEADER, start=1):
        sheet.cell(row=4, column=column, value=title)
    for column, value in enumerate(GOOD_ROW, start=1):
        sheet.cell(row=5, column=column, value=value)
    for column, value in enumerate(["2", "Việc B", "Bộ Y tế", "", "sắp tới"], start=1):
        sheet.cell(row=8, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)

    with pytest.raises(ImportRejected) as caught:
        import_file(office, document, "bang.xlsx", buffer.getvalue())
    assert caught.value.errors[0].startswith("Dòng 8: Không hiểu thời hạn 'sắp tới'")


PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n" + bytes(range(256)) * 4


def _zip_of(name: str, content: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(name, content)
    return buffer.getvalue()


BAD_FILES = {
    "random-bytes.xlsx": (os.urandom(4096), "không phải là tệp Excel (.xlsx) hợp lệ"),
    "pdf-renamed.xlsx": (PDF_BYTES, "không phải là tệp Excel (.xlsx) hợp lệ"),
    "zip-not-workbook.xlsx": (_zip_of("readme.txt", b"hello"), "Không đọc được tệp Excel"),
    "empty.xlsx": (b"", "rỗng"),
    "empty.csv": (b"", "rỗng"),
    "blank.csv": (b" \r\n\r\n", "rỗng"),
    "old-excel.xls": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "định dạng Excel cũ (.xls)"),
    "binary.csv": (b"STT;Nhi\x00\x00m v\x00", "dữ liệu nhị phân"),
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", BAD_FILES)
def test_unreadable_files_are_refused_clearly(office, document, existing_task, name):
    data, expected = BAD_FILES[name]
    before = db_counts()
    with pytest.raises(TableError) as caught:
        import_file(office, document, name, data)
    assert isinstance(caught.value, ApplicationError)
    assert expected in caught.value.message
    assert name in caught.value.message
    assert db_counts() == before


# --- Source quotes ------------------------------------------------------------------------

@pytest.mark.django_db
def test_quote_column_links_each_task_to_its_words_in_the_document(office, document):
    quotes = [
        "Hải Phòng cần tập trung hoàn thiện hạ tầng giao thông liên vùng.",
        "Thành phố cần xây dựng chính quyền số.",
    ]
    rows = [
        ["Trích dẫn", "STT", "Nhiệm vụ", "Cơ quan chủ trì"],
        [quotes[0], "1", "Hoàn thiện hạ tầng giao thông liên vùng", "UBND TP Hải Phòng"],
        [quotes[1], "2", "Xây dựng chính quyền số", "UBND TP Hải Phòng"],
        ["", "3", "Nhiệm vụ không trích dẫn", "UBND TP Hải Phòng"],
    ]
    import_file(office, document, "bang.xlsx", xlsx_bytes(rows))

    for key, quote in zip(("1", "2"), quotes):
        task = Task.objects.get(document=document, row_key=key)
        assert document.text[task.source_start:task.source_end] == quote
        assert task.source_excerpt == quote
    unquoted = Task.objects.get(document=document, row_key="3")
    assert (unquoted.source_start, unquoted.source_end) == (None, None)


@pytest.mark.django_db
def test_quote_is_found_despite_tone_placement_and_line_breaks(office, document):
    """The document keeps its own spelling ("Uỷ", "hoà") and line breaks; a quote copied from
    it into a spreadsheet cell must still be located."""
    document.text = "Uỷ ban nhân dân thành phố giữ gìn hoà bình.\nThành phố cần   xây dựng\nchính quyền số."
    document.save()
    quotes = ["Uỷ ban nhân dân thành phố giữ gìn hoà bình.", "Thành phố cần xây dựng chính quyền số."]
    rows = [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Trích dẫn"],
            ["1", "Giữ gìn hòa bình", "UBND TP Hải Phòng", quotes[0]],
            ["2", "Xây dựng chính quyền số", "UBND TP Hải Phòng", quotes[1]]]
    import_task_rows(actor=office, document=document, rows=rows)

    first = Task.objects.get(document=document, row_key="1")
    assert document.text[first.source_start:first.source_end] == quotes[0]
    second = Task.objects.get(document=document, row_key="2")
    assert document.text[second.source_start:second.source_end] == "Thành phố cần   xây dựng\nchính quyền số."


@pytest.mark.django_db
def test_quote_not_in_the_document_is_a_row_error(office, document):
    rows = [["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Trích dẫn"],
            ["1", "Việc A", "UBND TP Hải Phòng", "Câu này không có trong văn bản."]]
    with pytest.raises(ImportRejected) as caught:
        import_task_rows(actor=office, document=document, rows=rows)
    assert caught.value.errors == ["Dòng 2: Không tìm thấy đoạn trích dẫn trong toàn văn của văn bản."]
    assert not Task.objects.exists()


# --- Upload page --------------------------------------------------------------------------

def upload(client, document, name: str, data: bytes, **follow):
    return client.post(reverse("tasks:import", args=[document.pk]),
                       {"file": SimpleUploadedFile(name, data)}, **follow)


@pytest.mark.django_db
def test_upload_page_lists_row_errors(client, office, document):
    client.force_login(office)
    rows = [GOOD_HEADER, GOOD_ROW, ["2", "Việc B", "Sở Không Tồn Tại", "", "31/02/2025"]]

    response = upload(client, document, "bang.xlsx", xlsx_bytes(rows))

    assert response.status_code == 400
    page = response.content.decode()
    assert escape("Dòng 3: Cơ quan chủ trì 'Sở Không Tồn Tại' chưa có trong danh mục cơ quan.") in page
    assert escape("Dòng 3: Không hiểu thời hạn '31/02/2025'.") in page
    assert "Chưa có nhiệm vụ nào được ghi" in page
    assert not Task.objects.exists()


@pytest.mark.django_db
def test_upload_page_explains_an_unreadable_file(client, office, document):
    client.force_login(office)
    response = upload(client, document, "bang.xlsx", PDF_BYTES)
    assert response.status_code == 400
    assert escape("Tệp 'bang.xlsx' không phải là tệp Excel (.xlsx) hợp lệ.") in response.content.decode()
    assert not Task.objects.exists()


@pytest.mark.django_db
def test_upload_page_reports_success_and_shows_the_tasks(client, office, document):
    client.force_login(office)
    data = csv_text(CSV_ROWS).encode("utf-8")

    response = upload(client, document, "bang.csv", data, follow=True)

    assert response.redirect_chain == [(reverse("tasks:document", args=[document.pk]), 302)]
    page = response.content.decode()
    assert "Đã nhập: 2 nhiệm vụ mới, 0 cập nhật, 0 không đổi." in page
    assert "Quảng bá hình ảnh thành phố" in page
    response = upload(client, document, "bang.csv", data, follow=True)
    assert "Đã nhập: 0 nhiệm vụ mới, 0 cập nhật, 2 không đổi." in response.content.decode()
    assert Task.objects.count() == 2


# --- Command line -------------------------------------------------------------------------

@pytest.fixture
def table_file(tmp_path) -> Path:
    path = tmp_path / "phu-luc.xlsx"
    path.write_bytes(xlsx_bytes(CSV_ROWS))
    return path


@pytest.mark.django_db
def test_command_imports_a_file(office, document, table_file):
    out = io.StringIO()
    call_command("import_tasks", table_file, document="7/NQ-CP", user="office", stdout=out)
    assert "Đã nhập: 2 nhiệm vụ mới, 0 cập nhật, 0 không đổi." in out.getvalue()
    assert imported(document)["1"]["lead"] == "Sở Văn hóa, Thể thao và Du lịch thành phố Hải Phòng"
    assert Task.objects.get(row_key="1").history.get().history_user == office


@pytest.mark.django_db
def test_command_refuses_a_user_without_permission(officer, document, table_file):
    with pytest.raises(CommandError, match="không có quyền"):
        call_command("import_tasks", str(table_file), document="7/NQ-CP", user=officer.username)
    assert not Task.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("options, message", [
    ({"document": "7/NQ-CP", "user": "không-có-ai"}, "Không có người dùng 'không-có-ai'"),
    ({"document": "99/NQ-CP", "user": "office"}, "Không có văn bản số '99/NQ-CP'"),
])
def test_command_names_what_is_missing(office, document, table_file, options, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_tasks", str(table_file), **options)
    assert not Task.objects.exists()


@pytest.mark.django_db
def test_command_prints_row_errors(office, document, tmp_path):
    path = tmp_path / "bang.csv"
    path.write_text(csv_text([GOOD_HEADER, ["1", "Việc", "Sở Không Có", "", ""]]), encoding="utf-8")
    with pytest.raises(CommandError, match="Dòng 2: Cơ quan chủ trì 'Sở Không Có'"):
        call_command("import_tasks", str(path), document="7/NQ-CP", user="office")


# --- Zip bomb -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def zip_bomb() -> bytes:
    """An .xlsx whose sheet inflates to 300 MB of zeros; the file itself is a few hundred KB."""
    buffer = io.BytesIO()
    chunk = b"\0" * (1 << 20)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        archive.writestr("xl/workbook.xml", '<?xml version="1.0"?><workbook/>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            for _ in range(300):
                sheet.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 1024 * 1024
    return data


@pytest.mark.django_db
def test_zip_bomb_is_refused_in_bounded_memory(office, document, existing_task, zip_bomb):
    assert 300 * 1024 * 1024 > MAX_XLSX_UNCOMPRESSED
    before = db_counts()
    with peak_memory() as measured, pytest.raises(TableError) as caught:
        import_file(office, document, "bom.xlsx", zip_bomb)

    assert measured["peak"] < 8 * MB, f"peak {measured['peak'] / MB:.1f} MB"
    assert caught.value.message.startswith("Tệp 'bom.xlsx': Tệp nén khi giải nén lớn hơn 200 MB")
    assert "bom nén" in caught.value.message
    assert db_counts() == before


@pytest.mark.django_db
def test_zip_bomb_upload_is_refused_on_the_page(client, office, document, zip_bomb):
    client.force_login(office)
    response = upload(client, document, "bom.xlsx", zip_bomb)
    assert response.status_code == 400
    assert escape("Tệp 'bom.xlsx': Tệp nén khi giải nén lớn hơn 200 MB") in response.content.decode()


def test_zip_bomb_is_refused_whatever_its_name(zip_bomb):
    """Detected by content, so renaming it .csv does not let it through."""
    with pytest.raises(TableError, match="bom nén"):
        read_table("bom.csv", zip_bomb)


@pytest.mark.django_db
def test_an_undated_document_s_rows_dated_from_its_signing_are_refused_not_dated_from_today(office, document):
    """'Trước ngày 30/6' and 'trong 30 ngày kể từ ngày ký' count from the document's date; an
    undated document's rows say so instead of counting from the day of the import."""
    document.issued_on = None
    document.save()
    rows = [GOOD_HEADER, GOOD_ROW,
            ["2", "Việc B", "Bộ Y tế", "", "Trước ngày 30/6"],
            ["3", "Việc C", "Bộ Y tế", "", "Trong 30 ngày kể từ ngày ký"]]
    with pytest.raises(ImportRejected) as caught:
        import_task_rows(actor=office, document=document, rows=rows)
    assert [e.split(":")[0] for e in caught.value.errors] == ["Dòng 3", "Dòng 4"]
    assert all("tính theo ngày ban hành văn bản" in e for e in caught.value.errors)
    assert not Task.objects.exists()

    document.issued_on = dt.date(2026, 5, 1)
    document.save()
    import_task_rows(actor=office, document=document, rows=rows)
    assert Task.objects.get(title="Việc B").due_on == dt.date(2026, 6, 30)
    assert Task.objects.get(title="Việc C").due_on == dt.date(2026, 5, 31)
