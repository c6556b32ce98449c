from pathlib import Path

from theodoi.extraction import confidence, domain_model
from theodoi.intake.management.gold import GoldCommand


class Command(GoldCommand):
    help = ("Học lại các mô hình của bộ trích xuất từ các văn bản gold (gold/*.json và gold/next/*.json): "
            "mô hình lĩnh vực (data/domain-model.json) và độ tin cậy (data/confidence-model.json). "
            "Cần scikit-learn (phụ thuộc khi xây dựng, không cần khi chạy).")

    def handle(self, *args, gold_dir: Path, corpus: Path | None, **options) -> None:
        from theodoi.extraction.domain_training import (
            candidate_rows, lodo_models, train, train_confidence, write_json,
        )

        files, corpus, examples = self.read_gold(gold_dir, corpus)
        model = train(examples)
        write_json(model.as_json(), domain_model.MODEL_FILE)
        # The confidence is learned on candidates whose domains came from a model that had not
        # seen their document, as on a new document.
        rows = candidate_rows(files, corpus, lodo_models(examples))
        write_json(train_confidence(rows).as_json(), confidence.MODEL_FILE)
        self.stdout.write(f"Đã ghi {domain_model.MODEL_FILE.name} ({len(examples)} nhiệm vụ của {len(files)} văn bản, "
                          f"{len(model.weights)} đặc trưng, {domain_model.MODEL_FILE.stat().st_size // 1024} KB) và "
                          f"{confidence.MODEL_FILE.name} ({len(rows)} nhiệm vụ đề xuất).")
