"""The learned domain model and the confidence: measured on documents they were not trained
on (leave one document out), shipped as plain JSON, read without scikit-learn."""

import json
import random
import subprocess
import sys

import pytest

from theodoi.extraction import confidence, domain_model
from theodoi.extraction.domain_model import classify_domain, shipped_model
from theodoi.extraction.domains import guess_domain
from theodoi.extraction.domain_training import (
    candidate_rows, confidence_leave_one_document_out, gold_files, leave_one_document_out, load_examples,
    lodo_models, train, train_confidence,
)

# Reached when this test was written: 0.881 leave-one-document-out over the ten documents
# (the cue lexicon alone: 0.849). Guarded a little below, as the gold may be revised.
LODO_ACCURACY = 0.86
# Share of the errors among the lowest-confidence third of each document's candidates:
# 0.53 when written, 0.49 after later extraction fixes changed which candidates are wrong,
# 0.40 (35 of 87) once the agencies of other provinces, their Party boards and unions and
# names with "và" inside were read (most errors the "unknown names" signal caught were
# fixed), 0.44 (38 of 87) since every name the commit cannot resolve is flagged unresolved.
# A random order puts 0.33 there (SD 0.044 over shuffles of each document's candidates, 87
# errors): the confidence ordering is now only weakly better than chance (about 1 shuffle
# in 70 does as well). Its signals (the domain model's certainty, an unread deadline, names
# not in the registry) say nothing about most of the errors left (groupings, a lead taken
# from a heading, a coordinator too many). The floor is not what is reached: it is about the
# shuffles' 95th percentile, and the test also asks that at most 5 % of shuffled orders of
# the same candidates do as well.
ERRORS_IN_LOW_THIRD = 0.40
SHUFFLES = 2000


@pytest.fixture(scope="module")
def examples(shared_dir):
    return load_examples(gold_files(shared_dir / "gold"), shared_dir / "corpus")


@pytest.fixture(scope="module")
def models(examples):
    return lodo_models(examples)


def test_every_document_of_both_folders_is_used(examples):
    assert len({e.document for e in examples}) == 10
    assert len(examples) >= 500


def test_domain_accuracy_on_documents_the_model_did_not_see(examples, models):
    evaluation = leave_one_document_out(examples, models)
    assert evaluation.accuracy >= LODO_ACCURACY, evaluation.per_document


@pytest.fixture(scope="module")
def rows(shared_dir, models):
    return candidate_rows(gold_files(shared_dir / "gold"), shared_dir / "corpus", models)


def test_the_low_confidence_third_holds_the_errors(rows):
    evaluation = confidence_leave_one_document_out(rows)
    low, errors, _ = evaluation.errors_in_lowest_third()
    assert errors and low / errors >= ERRORS_IN_LOW_THIRD, (low, errors)
    # The same candidates in a random order within each document, many times over.
    verdicts: dict[str, list[bool]] = {}
    for _, row in evaluation.scored:
        verdicts.setdefault(row.document, []).append(row.right)
    chance = random.Random(20261203)
    as_good = 0
    for _ in range(SHUFFLES):
        shuffled_low = 0
        for rights in verdicts.values():
            order = chance.sample(rights, len(rights))
            shuffled_low += sum(1 for right in order[:round(len(order) / 3)] if not right)
        as_good += shuffled_low >= low
    assert as_good / SHUFFLES <= 0.05, (low, errors, as_good / SHUFFLES)


def test_the_shipped_confidence_weights_are_what_the_build_command_makes(rows):
    """A change to the extractor changes which candidates are wrong; the shipped weights must
    then be rebuilt (`theodoi build-models`), or the review screen sorts by stale ones."""
    rebuilt, shipped = train_confidence(rows), confidence.shipped_model()
    assert rebuilt.weights.keys() == shipped.weights.keys()
    for name, weight in rebuilt.weights.items():
        assert weight == pytest.approx(shipped.weights[name], abs=2e-3), name
    assert rebuilt.intercept == pytest.approx(shipped.intercept, abs=2e-3)


def test_the_shipped_model_is_what_the_build_command_makes(examples):
    rebuilt = train(examples)
    shipped = shipped_model()
    assert rebuilt.classes == shipped.classes
    agree = sum(rebuilt.classify(e.text, e.headings)[0] == shipped.classify(e.text, e.headings)[0] for e in examples)
    assert agree >= 0.99 * len(examples)  # the same up to the last rounding digit of another numpy


def test_model_files_are_small_plain_json():
    assert domain_model.MODEL_FILE.stat().st_size < 600 * 1024
    data = json.loads(domain_model.MODEL_FILE.read_text(encoding="utf-8"))
    assert set(data["classes"]) <= set(shipped_model().classes) and data["weights"]
    assert json.loads(confidence.MODEL_FILE.read_text(encoding="utf-8"))["weights"]


def test_classifying_needs_no_scikit_learn():
    code = ("import sys; from theodoi.extraction.extractor import extract; "
            "r = extract('1. Đầu tư nâng cấp cảng biển và tuyến đường sắt kết nối khu công nghiệp.'); "
            "print(r.tasks[0].domain if r.tasks else '-', 'sklearn' in sys.modules, 'numpy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out[1:] == ["False", "False"]


@pytest.mark.parametrize("text, headings, domain", [
    ("Nâng cấp tuyến đường sắt và cảng biển nối với các khu công nghiệp", (), "ha-tang"),
    ("Tổ chức tuyên truyền, phổ biến rộng rãi nội dung Kế hoạch đến cán bộ và nhân dân", (), "tuyen-truyen"),
    ("Xây dựng cơ sở dữ liệu dùng chung và nền tảng số phục vụ người dân", (), "khcn-cds"),
    ("Rà soát, bổ sung các chỉ tiêu", ("NHIỆM VỤ VỀ BẢO VỆ MÔI TRƯỜNG, ỨNG PHÓ BIẾN ĐỔI KHÍ HẬU",), "moi-truong"),
    ("Rà soát, bổ sung các chỉ tiêu", ("VỀ GIÁO DỤC VÀ ĐÀO TẠO, Y TẾ",), "van-hoa-xa-hoi"),
])
def test_invented_tasks_get_their_domain(text, headings, domain):
    assert classify_domain(text, headings)[0] == domain


def test_a_candidate_has_a_confidence_between_zero_and_one_and_unknown_names_lower_it():
    from theodoi.extraction.extractor import TaskCandidate

    sure = TaskCandidate(text="Xây dựng đề án", start=0, end=10, title="", domain="the-che", domain_probability=0.95)
    unsure = TaskCandidate(text="Xây dựng đề án", start=0, end=10, title="", domain="the-che", domain_probability=0.95,
                           unresolved=["Ban Không Có Thật"])
    model = confidence.shipped_model()
    assert 0 < model.probability(unsure) < model.probability(sure) < 1


@pytest.mark.parametrize(("text", "domain"), [
    # "kiểm tra, giám sát" of anything is no Party building; the Party's own inspection is
    ("Tăng cường kiểm tra, giám sát việc khoan giếng khai thác nước dưới đất", "moi-truong"),
    ("Kiểm tra, giám sát việc tuyển dụng giáo viên mầm non", "van-hoa-xa-hoi"),
    ("Ủy ban Kiểm tra Thành ủy kiểm tra, giám sát việc chấp hành kỷ luật đảng", "xay-dung-dang"),
    # the taxonomy's words that offices write for each domain
    ("Chủ động ứng phó mưa lũ, sạt lở đất và xâm nhập mặn", "moi-truong"),
    ("Bảo đảm lương thực, thực phẩm cho người cao tuổi và trẻ em", "van-hoa-xa-hoi"),
    ("Đẩy nhanh giải ngân vốn đầu tư công", "kinh-te"),
    ("Huy động lực lượng công an, quân đội cứu hộ, cứu nạn", "quoc-phong-an-ninh"),
    ("Giải quyết dứt điểm các vụ việc khiếu nại, tố cáo", "the-che"),
    ("Bồi dưỡng kỹ năng số cho cán bộ, công chức cấp xã", "khcn-cds"),
])
def test_cue_words_name_the_taxonomy_s_domain(text, domain):
    """The cue lexicon alone (no learned weight), on sentences written for this test."""
    assert guess_domain(text) == domain
