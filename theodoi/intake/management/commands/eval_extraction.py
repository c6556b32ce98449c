import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from theodoi.intake.lexicon import registry_lexicon
from theodoi.extraction.evaluation import evaluate_directory, evaluate_variants


class Command(BaseCommand):
    help = ("Chấm điểm bộ trích xuất trên các tệp gold (định dạng shared/gold/README.md): "
            "bảng theo từng văn bản và trung bình vi mô.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("gold_dirs", type=Path, nargs="+", metavar="gold_dir",
                            help="Một hoặc nhiều thư mục gold (vd. ../shared/gold ../shared/gold/next)")
        parser.add_argument("--corpus", type=Path, default=None,
                            help="Thư mục văn bản nguồn (mặc định: thư mục corpus cạnh thư mục gold đầu tiên "
                                 "hoặc cạnh thư mục cha của nó)")
        parser.add_argument("--json", action="store_true", help="In kết quả dạng JSON")
        parser.add_argument("--variants", action="store_true",
                            help="Chấm thêm trên các bản viết lại của từng văn bản (đổi tỉnh/thành phố, cấp tỉnh ↔ "
                                 "thành phố, đổi bộ/sở, thay bằng cơ quan khác, kiểu gạch đầu dòng): "
                                 "xem theodoi/extraction/variants.py")

    def handle(self, *args, gold_dirs: list[Path], corpus: Path | None, json: bool, variants: bool = False,
               **options) -> None:
        files: list[Path] = []
        for gold_dir in gold_dirs:
            if not gold_dir.is_dir():
                raise CommandError(f"Không có thư mục {gold_dir}")
            found = sorted(gold_dir.glob("*.json"))
            if not found:
                raise CommandError(f"Không có tệp gold (*.json) trong {gold_dir}")
            files.extend(found)
        if corpus is None:
            # gold/ sits beside corpus/; gold/next/ one level further down.
            candidates = [gold_dirs[0].parent / "corpus", gold_dirs[0].parent.parent / "corpus"]
            corpus = next((c for c in candidates if c.is_dir()), candidates[0])
        progress = tqdm(total=len(files), unit="văn bản", disable=len(files) < 5 or json, file=self.stderr)
        report = evaluate_directory(files, corpus, lexicon=registry_lexicon(), on_done=lambda _: progress.update())
        progress.close()
        if json:
            self.stdout.write(_dumps({"documents": report.per_document, "micro": report.micro}))
            return
        columns = ("tasks_gold", "tasks_pred", "tp", "precision", "recall", "f1", "lead_f1", "coord_f1",
                   "domain_acc", "deadline_acc", "doc_meta_acc")
        width = max(len(name) for name in [*report.per_document, "micro"]) + 2
        self.stdout.write("văn bản".ljust(width) + " ".join(c[:11].rjust(11) for c in columns))
        for name, scores in [*report.per_document.items(), ("micro", report.micro)]:
            cells = []
            for column in columns:
                value = scores.get(column)
                cells.append(("—" if value is None else f"{value:.4f}" if isinstance(value, float) else str(value)).rjust(11))
            self.stdout.write(name.ljust(width) + " ".join(cells))
        for problem in report.problems:
            self.stderr.write(problem)
        if variants:
            self._variants(files, corpus, columns, width)

    def _variants(self, files: list[Path], corpus: Path, columns: tuple[str, ...], width: int) -> None:
        rewritten = evaluate_variants(files, corpus, lexicon=registry_lexicon())
        self.stdout.write("")
        self.stdout.write("bản viết lại (micro)".ljust(width) + " ".join(c[:11].rjust(11) for c in ("documents", *columns)))
        rows = [(kind, scores) for kind, scores in rewritten.by_kind.items()]
        # Each kind beside the same documents unrewritten: the difference is what the rewrite cost.
        rows += [(f"{kind} (gốc)", scores) for kind, scores in rewritten.originals_by_kind.items()]
        for kind, scores in rows:
            cells = []
            for column in ("documents", *columns):
                value = scores.get(column)
                cells.append(("—" if value is None else f"{value:.4f}" if isinstance(value, float) else str(value)).rjust(11))
            self.stdout.write(kind.ljust(width) + " ".join(cells))


def _dumps(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1)
