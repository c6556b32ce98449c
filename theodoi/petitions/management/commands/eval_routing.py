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


class Command(BaseCommand):
    help = "Đo độ chính xác đề xuất cơ quan trên một tập kiến nghị có nhãn (top-1, top-3)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--misses", action="store_true")

    def handle(self, *args, file: Path, misses: bool, **options) -> None:
        rows = json.loads(file.read_text(encoding="utf-8"))["petitions"]
        for half, stats in evaluate(rows, Router()).items():
            n = stats["n"]
            self.stdout.write(f"{half}: n={n} top-1 {stats['top1'] / n:.3f} top-3 {stats['top3'] / n:.3f}")
            if misses:
                for miss in stats["misses"]:
                    self.stdout.write(f"   {miss}")
