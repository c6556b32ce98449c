from pathlib import Path

from theodoi.intake.management.gold import GoldCommand


class Command(GoldCommand):
    help = ("Độ chính xác gán lĩnh vực trên các nhiệm vụ gold: bỏ-một-văn-bản (học trên chín văn bản, "
            "chấm văn bản thứ mười), so với bộ từ khóa và với mô hình kèm theo (trong mẫu); và độ tin cậy: "
            "bao nhiêu lỗi nằm trong một phần ba nhiệm vụ đề xuất có độ tin cậy thấp nhất.")

    def handle(self, *args, gold_dir: Path, corpus: Path | None, **options) -> None:
        from theodoi.extraction.domain_model import shipped_model
        from theodoi.extraction.domain_training import (
            candidate_rows, confidence_leave_one_document_out, in_sample, leave_one_document_out, lexicon_baseline,
            lodo_models,
        )

        files, corpus, examples = self.read_gold(gold_dir, corpus)
        models = lodo_models(examples)
        lodo = leave_one_document_out(examples, models)
        lexicon = lexicon_baseline(examples)
        shipped = in_sample(examples, shipped_model())
        width = max(len(Path(d).stem) for d in lodo.per_document) + 2
        self.stdout.write("văn bản".ljust(width) + "nhiệm vụ".rjust(9) + "bỏ-một-VB".rjust(11)
                          + "từ khóa".rjust(9) + "trong mẫu".rjust(11))
        for document, (right, total) in lodo.per_document.items():
            cells = [right / total, lexicon.per_document[document][0] / total,
                     shipped.per_document[document][0] / total]
            self.stdout.write(Path(document).stem.ljust(width) + str(total).rjust(9)
                              + "".join(f"{c:.3f}".rjust(w) for c, w in zip(cells, (11, 9, 11))))
        total = len(examples)
        self.stdout.write("tổng".ljust(width) + str(total).rjust(9) + "".join(
            f"{c:.3f}".rjust(w) for c, w in zip((lodo.accuracy, lexicon.accuracy, shipped.accuracy), (11, 9, 11))))
        self.stdout.write(f"Độ chính xác bỏ-một-văn-bản (leave-one-document-out): {lodo.accuracy:.4f}; "
                          f"chỉ bộ từ khóa: {lexicon.accuracy:.4f}; mô hình kèm theo, trong mẫu: {shipped.accuracy:.4f}.")

        rows = candidate_rows(files, corpus, models)
        evaluation = confidence_leave_one_document_out(rows)
        low, errors, third = evaluation.errors_in_lowest_third()
        before, _, _ = evaluation.errors_in_lowest_third(by="directive")
        share = low / errors if errors else 0.0
        self.stdout.write(
            f"Độ tin cậy (bỏ-một-văn-bản): {len(rows)} nhiệm vụ đề xuất, {errors} có lỗi (không phải nhiệm vụ, sai "
            f"chủ trì, phối hợp, lĩnh vực hoặc thời hạn); {low} lỗi ({share:.0%}) nằm trong một phần ba "
            f"({third} nhiệm vụ) có độ tin cậy thấp nhất (điểm câu chỉ đạo của bộ trích xuất: {before}).")
