"""What the commands that learn or measure on the gold documents share: their arguments
and the reading of the gold's labelled tasks."""

from pathlib import Path
from typing import TYPE_CHECKING

from django.core.management.base import BaseCommand, CommandError

if TYPE_CHECKING:
    from theodoi.extraction.domain_training import Example


class GoldCommand(BaseCommand):
    def add_arguments(self, parser) -> None:
        parser.add_argument("gold_dir", type=Path)
        parser.add_argument("--corpus", type=Path, default=None,
                            help="Thư mục văn bản nguồn (mặc định: ../corpus cạnh thư mục gold)")

    def read_gold(self, gold_dir: Path, corpus: Path | None) -> tuple[list[Path], Path, list["Example"]]:
        """The gold files (gold/*.json and gold/next/*.json), the corpus folder, and their labelled tasks."""
        from theodoi.extraction.domain_training import gold_files, load_examples

        files = gold_files(gold_dir) if gold_dir.is_dir() else []
        if not files:
            raise CommandError(f"Không có tệp gold (*.json) trong {gold_dir}")
        corpus = corpus or gold_dir.parent / "corpus"
        return files, corpus, load_examples(files, corpus)
