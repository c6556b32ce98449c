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
    help = "Đo độ chính xác đề xuất cơ quan trên các tập kiến nghị có nhãn (top-1, top-3 từng nửa)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("files", type=Path, nargs="+", metavar="file")
        parser.add_argument("--misses", action="store_true", help="in các kiến nghị đề xuất sai")
        # A half kept blind stays blind: print the misses of the half one tunes on only.
        parser.add_argument("--half", action="append", default=[],
                            help="chỉ in kiến nghị sai của nửa này (lặp lại được; mặc định: mọi nửa)")

    def handle(self, *args, files: list[Path], misses: bool, half: list[str], **options) -> None:
        router = Router()
        for file in files:
            rows = json.loads(file.read_text(encoding="utf-8"))["petitions"]
            self.stdout.write(f"{file}:")
            for name, stats in evaluate(rows, router).items():
                n = stats["n"]
                self.stdout.write(f"  {name}: n={n} top-1 {stats['top1'] / n:.3f} top-3 {stats['top3'] / n:.3f}")
                if misses and (not half or name in half):
                    for miss in stats["misses"]:
                        self.stdout.write(f"     {miss}")
