#!/usr/bin/env python
"""Time to import a task table through the task services, as `theodoi import-tasks` does.

    .venv/bin/python benchmarks/import.py [--rows 1000] [--runs 3] [--database-url postgres://…]

Creates a fresh database (a temporary SQLite file by default; with --database-url, a new
database "test_<name>" on that server, dropped afterwards), migrates it, loads the agency
registry and one office user, writes a task table of --rows rows as an .xlsx file (group
rows, several lead and coordinating agencies per row, the usual deadline phrases), then
imports it into a new document --runs times and prints the median: reading the file,
checking every row, and creating the tasks with their assignments and history rows through
`tasks_create` (in bulk). Then it imports the same file again into the last document (every task
found and unchanged) and once more with every title revised (every task updated through
`task_update`). Start-up (Python, Django, migrations) is not counted; the acceptance
figure is the first line. Loopback only, nothing downloaded.
"""

import argparse
import statistics
import time
from pathlib import Path

from _setup import fresh_database, start_django


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="timed imports into new documents (median)")
    parser.add_argument("--database-url", help="a server on which test_<name> is created and dropped")
    return parser.parse_args()


ARGS = parse_args()
WORKDIR = start_django(ARGS.database_url, prefix="theodoi-import-bench-")

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.db import connection  # noqa: E402

from theodoi.agencies.services import registry_load  # noqa: E402
from theodoi.core.roles import OFFICE  # noqa: E402
from theodoi.documents.models import Document  # noqa: E402
from theodoi.tasks.importing import import_task_file  # noqa: E402

LEADS = ["UBND TP Hải Phòng", "Bộ Tài chính", "Bộ Xây dựng", "Bộ Công an", "Bộ Y tế",
         "Bộ Giáo dục và Đào tạo", "Bộ Nông nghiệp và Môi trường", "Bộ Khoa học và Công nghệ"]
DEADLINES = ["Quý IV/2026", "tháng 6/2027", "năm 2027", "2026-2030", "Thường xuyên", "Hằng năm", "30/09/2026"]
ACTIONS = ["Hoàn thiện hạ tầng giao thông liên vùng", "Xây dựng chính quyền số", "Phát triển cảng biển",
           "Cải cách thủ tục hành chính", "Bảo vệ môi trường biển", "Nâng cao chất lượng giáo dục",
           "Phát triển y tế cơ sở", "Thu hút đầu tư công nghệ cao"]


def table(rows: int, *, revision: str = "") -> bytes:
    from openpyxl import Workbook
    import io

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Phụ lục")
    sheet.append(["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời gian hoàn thành"])
    groups = ["I. NHIỆM VỤ VỀ HẠ TẦNG GIAO THÔNG", "II. NHIỆM VỤ VỀ CHUYỂN ĐỔI SỐ", "III. CÁC NHIỆM VỤ KHÁC"]
    per_group = -(-rows // len(groups))
    written = 0
    for group in groups:
        sheet.append(["", group, "", "", "", ""])
        for i in range(min(per_group, rows - written)):
            n = written + i
            lead = LEADS[n % len(LEADS)]
            coordinating = ", ".join({LEADS[(n + 1) % len(LEADS)], LEADS[(n + 3) % len(LEADS)]} - {lead})
            sheet.append([str(i + 1), f"{ACTIONS[n % len(ACTIONS)]} giai đoạn {n + 1}{revision}", lead,
                          coordinating, "Báo cáo kết quả", DEADLINES[n % len(DEADLINES)]])
        written += min(per_group, rows - written)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


CPU: list[float] = []


def timed(office, document: Document, name: str, data: bytes) -> tuple[float, object]:
    """Wall time; the CPU time of this process is kept too, as on a machine shared with
    other work the wall time also counts the waiting for a core."""
    started, cpu = time.perf_counter(), time.process_time()
    result = import_task_file(actor=office, document=document, name=name, data=data)
    CPU.append(time.process_time() - cpu)
    return time.perf_counter() - started, result


def main() -> None:
    with fresh_database(WORKDIR):
        registry_load(path=Path(settings.BASE_DIR) / "data" / "agencies.json")
        office = get_user_model().objects.create_user(username="vanphong-bench")
        office.groups.add(Group.objects.get_or_create(name=OFFICE)[0])
        data = table(ARGS.rows)
        times = []
        for run in range(ARGS.runs):
            document = Document.objects.create(kind="nghi-quyet", number=f"{run + 1}/NQ-CP-BENCH",
                                               title="Chương trình hành động", text="")
            seconds, result = timed(office, document, "phu-luc.xlsx", data)
            assert result.created == ARGS.rows, result
            times.append(seconds)
        again, result = timed(office, document, "phu-luc.xlsx", data)
        assert result.unchanged == ARGS.rows, result
        revised, result = timed(office, document, "phu-luc.xlsx", table(ARGS.rows, revision=" (sửa)"))
        assert result.updated == ARGS.rows, result
        print(f"{connection.vendor}: {ARGS.rows} rows")
        print(f"  new tasks (tasks_create), median of {ARGS.runs}: {statistics.median(times):.2f} s"
              f"  (runs: {', '.join(f'{t:.2f}' for t in times)}; CPU {statistics.median(CPU[:ARGS.runs]):.2f} s)")
        print(f"  same table again (all unchanged): {again:.2f} s (CPU {CPU[-2]:.2f} s)")
        print(f"  every title revised (task_update): {revised:.2f} s (CPU {CPU[-1]:.2f} s)")


if __name__ == "__main__":
    main()
