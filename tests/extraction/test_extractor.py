"""Sentences and documents → tasks: directive detection, agency roles, headings, tables."""

import datetime as dt

import pytest

from tests.plans import PLAN_OPENING
from theodoi.extraction.extractor import extract
from theodoi.extraction.header import parse_header
from theodoi.extraction.lexicon import AgencyLexicon, default_lexicon

HP = "Ủy ban nhân dân thành phố Hải Phòng"


def only_task(text: str):
    tasks = extract(text).tasks
    assert len(tasks) == 1, [t.text for t in tasks]
    return tasks[0]


@pytest.mark.parametrize("sentence, lead, coordinating", [
    ("Bộ Xây dựng chủ trì, phối hợp với Bộ Tài chính và UBND TP Hải Phòng nghiên cứu đề xuất cơ chế.",
     ["Bộ Xây dựng"], ["Bộ Tài chính", HP]),
    ("Giao Bộ KH&ĐT tổng hợp, báo cáo Thủ tướng Chính phủ.", ["Bộ Kế hoạch và Đầu tư"], []),
    ("Chính phủ yêu cầu các bộ, cơ quan ngang bộ và UBND TP Hải Phòng phối hợp triển khai Nghị quyết.",
     ["Các bộ", "Các cơ quan ngang bộ", HP], []),  # collectives as the text writes them
    ("Hải Phòng cần tập trung hoàn thiện hạ tầng giao thông liên vùng.", [HP], []),
    ("Đề nghị Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam phối hợp với các tổ chức chính trị - xã hội giám sát.",
     ["Ủy ban Trung ương Mặt trận Tổ quốc Việt Nam"], ["Các tổ chức chính trị - xã hội"]),
    ("Trước yêu cầu cao của Bộ Chính trị, Hải Phòng phải lập kế hoạch tốt hơn cho tương lai.", [HP], []),
    ("Tổng Bí thư giao Văn phòng Trung ương Đảng tổng hợp các kiến nghị gửi các cơ quan liên quan xem xét.",
     ["Văn phòng Trung ương Đảng"], ["Các cơ quan liên quan"]),
])
def test_agency_patterns(sentence, lead, coordinating):
    task = only_task(sentence)
    assert task.lead == lead
    assert task.coordinating == coordinating


def test_the_city_as_subject_is_its_peoples_committee():
    text = ("Hải Phòng là thành phố cảng. Tổng Bí thư nhấn mạnh, thành phố cần tiếp tục làm tốt công tác "
            "xây dựng Đảng.")
    assert only_task(text).lead == [HP]


def test_dissolved_agency_is_named_as_written():
    """Succession is for routing in the app; the extracted lead is who the text names."""
    task = only_task("Bộ Giao thông vận tải chủ trì nghiên cứu vị trí cảng hàng không thứ hai.")
    assert task.lead == ["Bộ Giao thông vận tải"]


def test_registry_aliases_come_from_the_lexicon_given():
    lexicon = AgencyLexicon([("Sở Thử Nghiệm", "department", ["STN"])])
    task = extract("STN chủ trì xây dựng kế hoạch thử nghiệm.", lexicon).tasks[0]
    assert task.lead == ["Sở Thử Nghiệm"]


@pytest.mark.parametrize("sentence", [
    "Chính phủ đã ban hành Nghị quyết 7/NQ-CP ngày 10/1/2025.",
    "Việc hoàn thiện thể chế là nhiệm vụ quan trọng để hỗ trợ phát triển.",
    "Những điều chỉnh này sẽ bảo đảm đồng bộ, phù hợp với yêu cầu phát triển của thành phố.",
    "Quy hoạch chính là nguồn lực để thành phố phát triển.",
    "Một góc thành phố Hải Phòng.",
    "Hải Phòng đã đạt được những thành tựu mà nhiều địa phương khác chưa làm được.",
])
def test_reporting_praise_and_captions_are_not_tasks(sentence):
    assert extract(sentence).tasks == []


def test_offsets_point_at_the_words():
    text = "Tin tức.\nHải Phòng cần xây dựng chính quyền số. Thành phố có nhiều cảng."
    task = only_task(text)
    assert text[task.start:task.end] == task.text == "Hải Phòng cần xây dựng chính quyền số."


STRUCTURED = PLAN_OPENING + """II. NHIỆM VỤ VÀ GIẢI PHÁP
1. Về phát triển hạ tầng giao thông
- Đầu tư xây dựng tuyến đường sắt Lào Cai - Hà Nội - Hải Phòng.
- Nâng cấp cảng hàng không quốc tế Cát Bi trước năm 2027.
2. Đối với Sở Tài chính
- Tham mưu bố trí vốn đầu tư công giai đoạn 2026-2030.

III. TỔ CHỨC THỰC HIỆN
Sở Xây dựng chủ trì, phối hợp với các sở, ban, ngành theo dõi, đôn đốc; định kỳ hằng năm báo cáo UBND thành phố.
"""


def test_structured_plan():
    result = extract(STRUCTURED)
    header = result.document
    assert (header.number, header.issuer, header.issued_on) == ("15/KH-UBND", HP, dt.date(2025, 3, 20))
    assert header.kind == "ke-hoach"
    assert header.implements == ["7/NQ-CP"]
    texts = [t.text for t in result.tasks]
    # purpose and headings are not tasks
    assert not any("Triển khai kịp thời" in t for t in texts)
    assert not any(t.startswith("Về phát triển") for t in texts)
    assert len(texts) == 4
    rail, airport, budget, organise = result.tasks
    assert rail.domain == airport.domain == "ha-tang"
    assert airport.deadline.due == dt.date(2026, 12, 31)  # "trước năm 2027"
    assert budget.lead == ["Sở Tài chính"]  # handed down by "Đối với Sở Tài chính"
    assert rail.lead == []  # no subject is stated for it
    assert organise.lead == ["Sở Xây dựng"]
    assert organise.coordinating == ["Các sở, ban, ngành"]
    assert organise.deadline.recurrence == "annual"


def test_pdf_line_breaks_inside_a_sentence_are_rejoined():
    text = ("II. NHIỆM VỤ\n- Bộ Xây dựng chủ trì nghiên cứu, đề xuất cơ chế\nđặc thù cho thành phố Hải Phòng.\n"
            "- Bộ Tài chính bố trí vốn.\n")
    tasks = extract(text).tasks
    assert [t.lead for t in tasks] == [["Bộ Xây dựng"], ["Bộ Tài chính"]]
    assert tasks[0].text.endswith("thành phố Hải Phòng.") and "\n" in tasks[0].text


APPENDIX = (
    "PHỤ LỤC\n"
    "STT\tTên nhiệm vụ\tĐơn vị chủ trì\tCơ quan phối hợp\tThời gian trình\tSản phẩm\n"
    "I\tHOÀN THIỆN THỂ CHẾ\tHOÀN THIỆN THỂ CHẾ\tHOÀN THIỆN THỂ CHẾ\tHOÀN THIỆN THỂ CHẾ\tHOÀN THIỆN THỂ CHẾ\n"
    "1\tĐề án chính quyền đô thị\tBộ Nội vụ\tCác Bộ: Tư pháp, Tài chính và các cơ quan liên quan\tQuý IV/2025\tĐề án\n"
    "2\tQuy hoạch cảng biển\tBộ GTVT\tUBND TP Hải Phòng\t2026-2030\tQuyết định của Thủ tướng Chính phủ\n"
)


def test_appendix_table_rows_are_tasks_with_their_columns():
    tasks = extract(APPENDIX).tasks
    assert [t.text for t in tasks] == ["Đề án chính quyền đô thị", "Quy hoạch cảng biển"]
    first, second = tasks
    assert first.lead == ["Bộ Nội vụ"]
    assert first.coordinating == ["Bộ Tư pháp", "Bộ Tài chính", "Các cơ quan liên quan"]
    assert first.deadline.due == dt.date(2025, 12, 31)
    assert first.output == "Đề án"
    assert first.domain == "the-che"
    assert second.lead == ["Bộ Giao thông vận tải"]
    assert second.deadline.due == dt.date(2030, 12, 31)
    assert APPENDIX[first.start:first.end] == first.text


def test_unknown_agency_in_a_table_is_kept_and_flagged():
    text = APPENDIX.replace("Bộ Nội vụ", "Cục Không Tồn Tại")
    first = extract(text).tasks[0]
    assert first.lead == ["Cục Không Tồn Tại"]
    assert first.unresolved == ["Cục Không Tồn Tại"]


def test_news_report_header():
    header = parse_header("Chính phủ đã ban hành Nghị quyết 7/NQ-CP ngày 10/1/2025 Chương trình hành động "
                          "thực hiện Kết luận số 96-KL/TW của Bộ Chính trị.", default_lexicon())
    assert (header.number, header.issuer, header.issued_on, header.kind) == (
        "7/NQ-CP", "Chính phủ", dt.date(2025, 1, 10), "nghi-quyet")
    assert header.implements == ["96-KL/TW"]


NOTICE = """VĂN PHÒNG ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 120/TB-VP\tHải Phòng, ngày 05 tháng 6 năm 2025
THÔNG BÁO
Kết luận của Chủ tịch Ủy ban nhân dân thành phố tại cuộc họp về tiến độ dự án cảng Lạch Huyện
Ngày 02/6/2025, Chủ tịch Ủy ban nhân dân thành phố chủ trì cuộc họp nghe báo cáo tiến độ. Sau khi nghe Sở Xây dựng báo cáo, Chủ tịch Ủy ban nhân dân thành phố kết luận như sau:
1. Thời gian qua, các sở, ngành đã tích cực triển khai, đạt một số kết quả bước đầu.
2. Giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính rà soát hồ sơ, báo cáo Ủy ban nhân dân thành phố trước ngày 30/6/2025.
3. Sở Nông nghiệp và Môi trường khẩn trương hoàn thành thủ tục giao đất trong tháng 7/2025.
4. Công an thành phố bảo đảm an ninh trật tự khu vực dự án.
Văn phòng Ủy ban nhân dân thành phố thông báo để các cơ quan, đơn vị biết, thực hiện./.
Nơi nhận:
- Như trên;
- Lưu: VT.
"""


def test_conclusion_notice():
    result = extract(NOTICE)
    assert result.document.kind == "thong-bao"
    assert result.document.title.startswith("Kết luận của Chủ tịch")
    # A place's department named without its place is output as the text names it; the
    # document's own People's Committee in full.
    assert [t.lead for t in result.tasks] == [["Sở Xây dựng"], ["Sở Nông nghiệp và Môi trường"], ["Công an thành phố"]]
    assert [t.deadline.due if t.deadline else None for t in result.tasks] == [
        dt.date(2025, 6, 30), dt.date(2025, 7, 31), None]
    assert result.tasks[0].coordinating == ["Sở Tài chính"]


@pytest.mark.parametrize("sentence, title", [
    ("Giao Sở Xây dựng chủ trì, phối hợp với Sở Tài chính rà soát hồ sơ dự án.", "Rà soát hồ sơ dự án"),
    ("Hải Phòng cần tập trung xây dựng hạ tầng giao thông.", "Tập trung xây dựng hạ tầng giao thông"),
    ("Đề nghị Công an thành phố phối hợp chặt chẽ với nhà đầu tư.", "Phối hợp chặt chẽ với nhà đầu tư"),
])
def test_titles_name_the_action_not_the_agencies(sentence, title):
    assert only_task(sentence).title == title


def test_a_sentence_is_split_only_between_different_actors():
    two = extract("Bộ Xây dựng chủ trì lập quy hoạch cảng; Bộ Tài chính bố trí vốn cho dự án.").tasks
    assert [(t.text, t.lead) for t in two] == [
        ("Bộ Xây dựng chủ trì lập quy hoạch cảng;", ["Bộ Xây dựng"]),
        ("Bộ Tài chính bố trí vốn cho dự án.", ["Bộ Tài chính"]),
    ]
    one = extract("Hải Phòng cần tập trung xây dựng cảng; phát triển logistics; thu hút đầu tư.").tasks
    assert len(one) == 1


PROVINCIAL_PLAN = """ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH	CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 88/KH-UBND	Quảng Ninh, ngày 12 tháng 4 năm 2024

KẾ HOẠCH
Triển khai thực hiện Nghị quyết số 28/NQ-CP ngày 05/3/2024 của Chính phủ về phát triển kinh tế số

Thực hiện Nghị quyết số 28/NQ-CP ngày 05/3/2024 của Chính phủ, Ủy ban nhân dân tỉnh ban hành Kế hoạch triển khai thực hiện như sau:

I. MỤC ĐÍCH, YÊU CẦU
1. Mục đích
Cụ thể hóa các nhiệm vụ, giải pháp tại Nghị quyết số 28/NQ-CP phù hợp với điều kiện của tỉnh.
2. Yêu cầu
Các sở, ban, ngành, địa phương xác định rõ trách nhiệm, bảo đảm tiến độ.

II. NHIỆM VỤ, GIẢI PHÁP
1. Hoàn thiện thể chế, chính sách
a) Rà soát, đề xuất sửa đổi các quy định không còn phù hợp với kinh tế số.
b) Xây dựng cơ chế khuyến khích doanh nghiệp chuyển đổi số, hoàn thành trong quý III/2024.
2. Phát triển hạ tầng số
Đầu tư hạ tầng mạng 5G tại các khu công nghiệp; phổ cập cáp quang đến 100% thôn, bản trước năm 2026.

III. TỔ CHỨC THỰC HIỆN
1. Sở Thông tin và Truyền thông
- Chủ trì, phối hợp với các sở, ngành theo dõi, đôn đốc việc thực hiện Kế hoạch.
- Tổng hợp, báo cáo UBND tỉnh trước ngày 15/12 hằng năm.
2. Sở Kế hoạch và Đầu tư: chủ trì, phối hợp với Sở Tài chính tham mưu bố trí nguồn vốn thực hiện Kế hoạch.
3. Các sở, ban, ngành, UBND các huyện, thị xã, thành phố
Căn cứ chức năng, nhiệm vụ, xây dựng kế hoạch cụ thể, gửi Sở Thông tin và Truyền thông trước ngày 30/5/2024.

Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời báo cáo UBND tỉnh (qua Sở Thông tin và Truyền thông) để xem xét, giải quyết./.

Nơi nhận:
- Bộ TT&TT (b/c);
- Lưu: VT.
	TM. ỦY BAN NHÂN DÂN
KT. CHỦ TỊCH
PHÓ CHỦ TỊCH
"""


DIRECTIVE = """THỦ TƯỚNG CHÍNH PHỦ	CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 05/CT-TTg	Hà Nội, ngày 23 tháng 02 năm 2024
CHỈ THỊ
Về việc tăng cường giải ngân vốn đầu tư công năm 2024
Năm 2023, giải ngân vốn đầu tư công đạt kết quả tích cực. Tuy nhiên, vẫn còn một số bộ, cơ quan, địa phương giải ngân chậm.
Để thúc đẩy giải ngân vốn đầu tư công năm 2024, Thủ tướng Chính phủ yêu cầu:
1. Bộ trưởng, Thủ trưởng cơ quan ngang bộ, cơ quan thuộc Chính phủ, Chủ tịch Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương:
a) Tập trung chỉ đạo quyết liệt công tác giải phóng mặt bằng.
b) Phân công lãnh đạo theo dõi, đôn đốc từng dự án; định kỳ hằng tháng báo cáo kết quả giải ngân.
2. Bộ trưởng Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với Bộ Tài chính tổng hợp tình hình giải ngân, báo cáo Thủ tướng Chính phủ trước ngày 25 hằng tháng.
3. Bộ Tài chính khẩn trương hướng dẫn thủ tục thanh toán vốn, hoàn thành trong tháng 3 năm 2024.
4. Giao Phó Thủ tướng Lê Minh Khái trực tiếp chỉ đạo việc thực hiện Chỉ thị này.
5. Bộ trưởng, Thủ trưởng các cơ quan và Chủ tịch Ủy ban nhân dân các cấp chịu trách nhiệm thi hành Chỉ thị này./.
"""


def test_provincial_plan_departments_and_place():
    result = extract(PROVINCIAL_PLAN)
    header = result.document
    assert header.issuer == "Ủy ban nhân dân tỉnh Quảng Ninh"  # not in the registry: the state's spelling
    assert header.title.startswith("Triển khai thực hiện Nghị quyết số 28/NQ-CP")
    texts = [t.text for t in result.tasks]
    assert not any(t.startswith(("Triển khai thực hiện Nghị quyết", "Thực hiện Nghị quyết")) for t in texts)
    def by_start(prefix):
        return next(t for t in result.tasks if t.text.startswith(prefix))

    # "1. Sở Thông tin và Truyền thông" hands its name down to the bullets under it; in a
    # Quảng Ninh plan the department is Quảng Ninh's, so it is named as written.
    assert by_start("Chủ trì, phối hợp với các").lead == ["Sở Thông tin và Truyền thông"]
    report = by_start("Tổng hợp, báo cáo UBND tỉn")
    assert (report.deadline.due, report.deadline.recurrence) == (dt.date(2024, 12, 15), "annual")
    assert by_start("Sở Kế hoạch và Đầu tư: chủ").lead == ["Sở Kế hoạch và Đầu tư"]
    assert by_start("Căn cứ chức năng, nhiệm vụ").lead == ["Các sở, ban, ngành", "UBND các huyện, thị xã, thành phố"]
    assert by_start("Đầu tư hạ tầng mạng 5G tạ").domain == "khcn-cds"


def test_directive_of_the_prime_minister():
    result = extract(DIRECTIVE)
    assert (result.document.number, result.document.kind) == ("05/CT-TTg", "chi-thi")
    assert result.document.title == "Về việc tăng cường giải ngân vốn đầu tư công năm 2024"
    leads = [t.lead for t in result.tasks]
    addressed = ["Các bộ, ngành", "Các cơ quan ngang bộ", "Các cơ quan thuộc Chính phủ",
                 "Ủy ban nhân dân các tỉnh, thành phố trực thuộc trung ương"]
    assert leads[:2] == [addressed, addressed]  # a) and b) under "1. Bộ trưởng, …, Chủ tịch …:"
    assert leads[2] == ["Bộ Kế hoạch và Đầu tư"]  # "Bộ trưởng Bộ Kế hoạch và Đầu tư" is the ministry
    assert leads[4] == ["Phó Thủ tướng Lê Minh Khái"] and result.tasks[4].unresolved == leads[4]
    assert not any(t.text.endswith("yêu cầu:") for t in result.tasks)


PARTY_CONCLUSION = """BAN CHẤP HÀNH TRUNG ƯƠNG	ĐẢNG CỘNG SẢN VIỆT NAM
*	Hà Nội, ngày 30 tháng 9 năm 2024
Số 96-KL/TW

KẾT LUẬN
CỦA BỘ CHÍNH TRỊ
về tiếp tục thực hiện Nghị quyết số 45-NQ/TW ngày 24/01/2019 của Bộ Chính trị khóa XII về xây dựng và phát triển thành phố Hải Phòng đến năm 2030, tầm nhìn đến năm 2045

Tại phiên họp ngày 19/9/2024, sau khi nghe Đảng ủy thành phố Hải Phòng báo cáo, Bộ Chính trị kết luận như sau:
1. Sau 5 năm thực hiện Nghị quyết số 45-NQ/TW, thành phố Hải Phòng đã đạt được nhiều kết quả quan trọng.
2. Để thực hiện thắng lợi các mục tiêu của Nghị quyết, Bộ Chính trị yêu cầu Thành ủy Hải Phòng tập trung lãnh đạo, chỉ đạo thực hiện tốt một số nhiệm vụ, giải pháp sau:
- Tiếp tục đổi mới mạnh mẽ tư duy phát triển, phát huy tối đa tiềm năng, lợi thế về kinh tế biển.
- Tập trung phát triển hệ thống cảng biển, trung tâm logistics quốc tế; đẩy nhanh tiến độ đầu tư tuyến đường sắt Lào Cai - Hà Nội - Hải Phòng.
- Xây dựng Hải Phòng trở thành trung tâm công nghiệp công nghệ cao, trung tâm giáo dục, đào tạo của vùng.
3. Tổ chức thực hiện
- Đảng đoàn Quốc hội, Ban cán sự đảng Chính phủ lãnh đạo, chỉ đạo nghiên cứu, sửa đổi, bổ sung cơ chế, chính sách đặc thù cho thành phố Hải Phòng.
- Ban Tuyên giáo Trung ương chủ trì, phối hợp với Thành ủy Hải Phòng tổ chức quán triệt, tuyên truyền Kết luận này.
- Thành ủy Hải Phòng xây dựng kế hoạch thực hiện Kết luận; định kỳ hằng năm báo cáo Bộ Chính trị.
"""


def test_politburo_conclusion():
    result = extract(PARTY_CONCLUSION)
    header = result.document
    assert (header.number, header.kind, header.issuer, header.issued_on) == (
        "96-KL/TW", "ket-luan", "Bộ Chính trị", dt.date(2024, 9, 30))
    assert header.implements == ["45-NQ/TW"]
    assert len(result.tasks) == 6  # the review of past results is not a task
    assert [t.lead for t in result.tasks[:3]] == [["Thành ủy Hải Phòng"]] * 3  # "yêu cầu Thành ủy … sau:"
    assert result.tasks[3].lead == ["Đảng đoàn Quốc hội", "Ban cán sự đảng Chính phủ"]
    assert result.tasks[4].coordinating == ["Thành ủy Hải Phòng"]


GOVERNMENT_NOTICE = """VĂN PHÒNG CHÍNH PHỦ	CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
-------	Độc lập - Tự do - Hạnh phúc
Số: 215/TB-VPCP	Hà Nội, ngày 18 tháng 5 năm 2024

THÔNG BÁO
KẾT LUẬN CỦA PHÓ THỦ TƯỚNG TRẦN HỒNG HÀ TẠI CUỘC HỌP VỀ TÌNH HÌNH TRIỂN KHAI CÁC DỰ ÁN ĐƯỜNG SẮT

Ngày 10 tháng 5 năm 2024, Phó Thủ tướng Trần Hồng Hà đã chủ trì cuộc họp về tình hình triển khai các dự án đường sắt. Tham dự cuộc họp có đại diện lãnh đạo các Bộ: Giao thông vận tải, Kế hoạch và Đầu tư, Tài chính. Sau khi nghe báo cáo, Phó Thủ tướng kết luận như sau:

1. Các dự án đường sắt có vai trò đặc biệt quan trọng đối với phát triển kinh tế - xã hội. Thời gian qua, các bộ, cơ quan đã tích cực phối hợp triển khai.

2. Về nhiệm vụ thời gian tới:
a) Bộ Giao thông vận tải:
- Khẩn trương hoàn thiện Báo cáo nghiên cứu tiền khả thi dự án đường sắt Lào Cai - Hà Nội - Hải Phòng, trình Thủ tướng Chính phủ trong tháng 6 năm 2024.
- Chủ trì, phối hợp với Bộ Tài chính nghiên cứu phương án huy động vốn.
b) Bộ Kế hoạch và Đầu tư chủ trì thẩm định, báo cáo Thủ tướng Chính phủ trước ngày 30 tháng 7 năm 2024.
c) Ủy ban nhân dân các tỉnh, thành phố có dự án đi qua chủ động bố trí quỹ đất tái định cư.

Văn phòng Chính phủ thông báo để các cơ quan liên quan biết, thực hiện./.
"""


COUNCIL_RESOLUTION = """HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HẢI PHÒNG	CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Số: 45/NQ-HĐND	Hải Phòng, ngày 10 tháng 12 năm 2024

NGHỊ QUYẾT
Về nhiệm vụ phát triển kinh tế - xã hội năm 2025

HỘI ĐỒNG NHÂN DÂN THÀNH PHỐ HẢI PHÒNG
KHÓA XVI, KỲ HỌP THỨ 23

Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;
Xét Tờ trình số 250/TTr-UBND ngày 28/11/2024 của Ủy ban nhân dân thành phố;

QUYẾT NGHỊ:

Điều 1. Mục tiêu tổng quát
Tăng trưởng kinh tế nhanh và bền vững; phấn đấu tốc độ tăng trưởng GRDP đạt 12% trở lên.

Điều 2. Nhiệm vụ, giải pháp chủ yếu
1. Tập trung cải thiện môi trường đầu tư kinh doanh, thu hút mạnh các dự án FDI chất lượng cao.
2. Đẩy nhanh tiến độ các dự án hạ tầng giao thông trọng điểm, hoàn thành cầu Nguyễn Trãi trong quý IV/2025.

Điều 3. Tổ chức thực hiện
1. Giao Ủy ban nhân dân thành phố tổ chức thực hiện Nghị quyết.
2. Giao Thường trực Hội đồng nhân dân, các Ban của Hội đồng nhân dân, các Tổ đại biểu và đại biểu Hội đồng nhân dân thành phố giám sát việc thực hiện Nghị quyết.

Nghị quyết này đã được Hội đồng nhân dân thành phố Hải Phòng khóa XVI, Kỳ họp thứ 23 thông qua ngày 10 tháng 12 năm 2024 và có hiệu lực từ ngày thông qua./.
"""


def test_government_office_notice_of_a_deputy_prime_ministers_conclusions():
    result = extract(GOVERNMENT_NOTICE)
    assert (result.document.number, result.document.issuer) == ("215/TB-VPCP", "Văn phòng Chính phủ")
    assert [t.lead for t in result.tasks] == [
        ["Bộ Giao thông vận tải"], ["Bộ Giao thông vận tải"], ["Bộ Kế hoạch và Đầu tư"],
        ["Ủy ban nhân dân các tỉnh, thành phố"],
    ]  # who attended, what was achieved and the closing formula are not tasks
    assert result.tasks[0].deadline.due == dt.date(2024, 6, 30)
    assert result.tasks[2].deadline.due == dt.date(2024, 7, 30)


def test_city_council_resolution():
    result = extract(COUNCIL_RESOLUTION)
    assert result.document.issuer == "Hội đồng nhân dân thành phố Hải Phòng"
    texts = [t.text for t in result.tasks]
    assert not any(t.startswith(("Tăng trưởng kinh tế", "Nghị quyết này")) for t in texts)  # targets, enactment
    assert len(texts) == 4
    # "Ủy ban nhân dân thành phố" in a Hải Phòng council's resolution is Hải Phòng's
    assert result.tasks[2].lead == ["Ủy ban nhân dân thành phố Hải Phòng"]
    assert result.tasks[1].deadline.due == dt.date(2025, 12, 31)


@pytest.mark.parametrize("sentence", [
    "Đội ngũ cán bộ thành phố đã hoàn thành tốt nhiệm vụ năm qua.",
    "Ngành giáo dục thành phố đạt nhiều thành tích trong năm học.",
    "Các tầng hầm của công trình rộng 5.000 m2.",
])
def test_cue_words_are_matched_with_their_diacritics(sentence):
    """"cán bộ" is not "cần", "giáo dục" is not "giao", "tầng" is not "tăng"."""
    assert extract(sentence).tasks == []
