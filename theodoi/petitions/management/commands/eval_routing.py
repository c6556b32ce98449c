import json
from pathlib import Path

from django.core.management.base import BaseCommand

from theodoi.petitions.routing import Router


def evaluate(rows: list[dict], router: Router) -> dict[str, dict]:
    """Top-1 and top-3 accuracy of the proposals per half of a labelled set, and the misses."""
    result: dict[str, dict] = {}
    for row in rows:
        ranked = [p.agency.name for p in router.route(row["title"] + ". " + row["text"], top=3)]
        for half in (row.get("half", "all"), "all"):
            stats = result.setdefault(half, {"n": 0, "top1": 0, "top3": 0, "misses": []})
            stats["n"] += 1
            stats["top1"] += bool(ranked) and ranked[0] == row["agency"]
            stats["top3"] += row["agency"] in ranked
            if (not ranked or ranked[0] != row["agency"]) and half != "all":
                stats["misses"].append((row["id"], row["agency"], ranked))
    return result


# Halves kept out of tuning: their misses, once read, would be tuned on and the half would no
# longer estimate unseen petitions. Printed only when asked for by name, with a warning.
BLIND_HALVES = frozenset({"blind", "held-out"})


class Command(BaseCommand):
    help = "Đo độ chính xác đề xuất cơ quan trên các tập kiến nghị có nhãn (top-1, top-3 từng nửa)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", type=Path, nargs="+", metavar="file")
        parser.add_argument("--misses", action="store_true",
                            help="in các kiến nghị đề xuất sai (mặc định không in nửa blind, held-out)")
        parser.add_argument("--half", action="append", default=[],
                            help="chỉ in kiến nghị sai của nửa này (lặp lại được); nửa blind, held-out chỉ in "
                                 "khi được nêu tên ở đây")

    def handle(self, *args, files: list[Path], misses: bool, half: list[str], **options) -> None:
        router = Router()
        if misses:
            for name in sorted(set(half) & BLIND_HALVES):
                self.stderr.write(f"Cảnh báo: in kiến nghị sai của nửa “{name}”. Nửa này giữ kín để ước lượng độ "
                                  f"chính xác trên kiến nghị chưa thấy; sửa theo các lỗi này thì nó không còn "
                                  f"là phép đo mù.")
        for file in files:
            rows = json.loads(file.read_text(encoding="utf-8"))["petitions"]
            self.stdout.write(f"{file}:")
            for name, stats in evaluate(rows, router).items():
                n = stats["n"]
                self.stdout.write(f"  {name}: n={n} top-1 {stats['top1'] / n:.3f} top-3 {stats['top3'] / n:.3f}")
                shown = name in half if half else name not in BLIND_HALVES
                if misses and shown:
                    for miss in stats["misses"]:
                        self.stdout.write(f"     {miss}")
