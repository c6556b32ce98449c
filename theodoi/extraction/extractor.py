"""Text of a Vietnamese directive document → task candidates with their source spans.

The walk keeps three kinds of context from the document's structure: the zone (purpose
and targets are not tasks; "nhiệm vụ, giải pháp" and "tổ chức thực hiện" are), the
headings above, and a subject that headings such as "Đối với X" or an intro ending with
":" hand down to the items under them. Domains are not guessed here: the learned model
(`domain_model.assign_domains`) gives every candidate its domain once the walk is done.
"""

import datetime as dt
import re
from functools import lru_cache
from itertools import islice
from dataclasses import dataclass, field

from theodoi.extraction.agencies import LEADER_TITLES, Gazetteer, Mention, Token, runs
from theodoi.extraction.deadlines import Deadline, needs_reference, parse_deadline
from theodoi.extraction.header import DocumentHeader, parse_header
from theodoi.extraction.confidence import assess_confidence
from theodoi.extraction.domain_model import assign_domains
from theodoi.extraction.lexicon import AgencyEntry, AgencyLexicon, default_lexicon, looks_like_agency, token_keys
from theodoi.extraction.registry import PEOPLE_S_NAMES, place_named_in, place_of_name, place_written, places
from theodoi.extraction.structure import Paragraph, paragraphs, sentences
from theodoi.extraction.tables import header_mapping, is_group_row
from theodoi.lib.text import is_mostly_capitals
from theodoi.lib.text import match_key as _match_key
from theodoi.lib.text import search_key as _search_key

# The same sentence is keyed by several rules (cues, roles, titles): key each text once.
match_key = lru_cache(maxsize=16384)(_match_key)
search_key = lru_cache(maxsize=16384)(_search_key)


@dataclass
class TaskCandidate:
    text: str
    start: int
    end: int
    title: str
    lead: list[str] = field(default_factory=list)
    coordinating: list[str] = field(default_factory=list)
    output: str | None = None
    deadline: Deadline | None = None
    domain: str = "chung"
    domain_probability: float = 0.0  # the domain model's probability for `domain`
    confidence: float = 0.5
    unresolved: list[str] = field(default_factory=list)  # agencies kept as written

    def as_dict(self) -> dict:
        return {
            "text": self.text, "start": self.start, "end": self.end, "title": self.title,
            "lead": self.lead, "coordinating": self.coordinating, "output": self.output,
            "deadline": self.deadline.as_dict() if self.deadline else None,
            "domain": self.domain, "confidence": round(self.confidence, 2),
            "unresolved_agencies": self.unresolved,
        }


@dataclass
class Extraction:
    document: DocumentHeader
    tasks: list[TaskCandidate]

    def as_dict(self) -> dict:
        return {"document": self.document.as_dict(), "tasks": [t.as_dict() for t in self.tasks]}


# --- vocabulary -----------------------------------------------------------------------

NO_TASK_HEADINGS = ("muc dich", "yeu cau", "muc tieu", "quan diem", "tinh hinh", "ket qua",
                    "danh gia", "boi canh", "su can thiet", "chi tieu", "tam nhin", "pham vi",
                    "doi tuong", "can cu")
TASK_HEADINGS = ("nhiem vu", "giai phap", "to chuc thuc hien", "phan cong", "trach nhiem",
                 "de xuat", "kien nghi", "noi dung", "lo trinh")

# Directive cues inside a clause. They are matched WITH diacritics (on `cue_key`): without
# them "cán bộ" reads as "cần", "giáo dục" as "giao" and "tầng" as "tăng".
_CUES = re.compile(
    r"\b(cần|phải|yêu cầu|đề nghị|giao(?! (?:thông|dịch|lưu|thương|tiếp|kết|diện|hàng|nhận))|chủ trì"
    r"|khuyến khích|chỉ đạo|có trách nhiệm|chịu trách nhiệm"
    r"|hướng tới|tập trung|chú trọng|quan tâm|phấn đấu|đẩy mạnh|tăng cường|khẩn trương|chủ động|kịp thời"
    r"|ưu tiên|tiếp tục|thực hiện|triển khai|xây dựng|nghiên cứu|đề xuất|tổ chức|bảo đảm|đảm bảo"
    r"|hoàn thành|nâng cao|thúc đẩy)\b"
)
# The strong ones make a sentence a task even outside a task section.
_STRONG_CUES = re.compile(
    r"\b(cần|phải|yêu cầu|đề nghị|giao(?! (?:thông|dịch|lưu|thương|tiếp|kết|diện|hàng|nhận))|chủ trì"
    r"|khuyến khích|có trách nhiệm|chịu trách nhiệm|hướng tới)\b"
)
# Directives written as statements, which news of a programme and plans use: a passive
# direction ("Thành phố được định hướng phát triển …"), an emphasis ("Chính phủ nhấn mạnh việc
# đầu tư …") and a focus followed by its action ("Trong lĩnh vực kinh tế, trọng tâm là cơ cấu
# lại …"). The same words report and describe far more often than they order ("Các đại biểu
# nhấn mạnh việc thiếu …", "Khu đất này được định hướng sử dụng …", "Nguyên nhân trọng tâm là
# …", "Năm 2024, ưu tiên hàng đầu là …, kết quả đạt 95%"), so each form is narrow: the one
# who directs (a government, its head, the place), an action right after the form, nothing
# of the past, and never in a report (`_stated_directive`). Not "Việc X là nhiệm vụ quan
# trọng": as often the topic sentence before the order as the order itself.
_OPENING_CLAUSE = r"^(?:[^,]{1,60},\s*)?"
# A body's or a place's name runs a few words on ("Ủy ban nhân dân tỉnh Quảng Ninh"), never
# over a word of the verb's tense or negation.
_NAME_RUN = r"(?:\s+(?!(?:đã|chưa|không|vẫn|đang|từng|cũng|còn|sẽ|tiếp tục|đặc biệt|đồng thời)\b)[^\s,]+){0,%d}?"
_DIRECTING = (r"(?:chính phủ|(?:phó )?thủ tướng(?: chính phủ)?|bộ chính trị|ban bí thư|tổng bí thư|quốc hội"
              r"|(?:ủy ban nhân dân|ubnd|hội đồng nhân dân|hđnd|thường trực|ban thường vụ)\b" + _NAME_RUN % 6
              + r"|thành ủy|tỉnh ủy|chủ tịch\b" + _NAME_RUN % 10 + r"|(?:thành phố|tỉnh|thủ đô)\b" + _NAME_RUN % 4
              + r"|(?:nghị quyết|kết luận|chỉ thị|chương trình|kế hoạch)(?: này)?)")
_ALSO = r"(?:\s+(?:cũng|còn|sẽ|tiếp tục|đặc biệt|đồng thời))*"
_EMPHASIS = re.compile(_OPENING_CLAUSE + _DIRECTING + _ALSO + r"\s+nhấn mạnh việc\s+")
_DIRECTED = re.compile(_OPENING_CLAUSE + r"(?:thành phố|tỉnh|thủ đô)\b" + _NAME_RUN % 4 + _ALSO
                       + r"\s+được định hướng\s+")
# "…, trọng tâm là …" opens the clause; "Nguyên nhân / Hạn chế trọng tâm là …" names no action.
_FOCUS_IS = re.compile(r"(?:^|,\s*)(?:(?:nhiệm vụ|giải pháp)\s+)?(?:trọng tâm|ưu tiên hàng đầu)\s+là\s+")
# What was done: "Đến nay, …", "Năm 2024, …" (a year before the document's), "… kết quả đạt 95%".
_PAST_OPENING = re.compile(r"^(?:đến nay|tới nay|đến thời điểm này|thời gian qua|thời gian vừa qua|vừa qua"
                           r"|(?:những|các|mấy) năm (?:qua|gần đây)|(?:trong |cả )?năm (?:qua|vừa qua|trước)"
                           r"|trước đây|từ đầu năm)\b")
_YEAR_OPENING = re.compile(r"^(?:trong |cả |hết |đến hết |trong cả )?năm ((?:19|20)\d{2})\s*,")
_RESULT = re.compile(r"\bkết quả (?:đạt|đã|rất|khá|bước đầu)\b|\bđạt được\b|\bđạt (?:\d|tỷ lệ)|\bvượt \d")
_NOT_CUES = re.compile(r"\b(cần thiết|không cần|đã được giao|đã giao|đã yêu cầu|phải chăng|đã đề nghị)\b")
# Narrative of a meeting, not an assignment.
_MEETING = re.compile(r"\bchủ trì (?:cuộc họp|hội nghị|buổi làm việc|phiên họp|họp|cuộc làm việc)\b")
# "yêu cầu" is also a noun ("phù hợp với yêu cầu phát triển"): not a cue then.
_NOUN_YEU_CAU = re.compile(r"\b(với|ứng|theo|các|những|của|mọi|như|đạt|trước)\s+yêu cầu\b")
# Verbs that open an imperative item ("Tăng cường …", "Rà soát, sửa đổi …").
ACTION_VERBS = tuple(match_key(v) for v in (
    "Tập trung", "Tăng cường", "Đẩy mạnh", "Nâng cao", "Xây dựng", "Hoàn thiện", "Phát triển", "Tiếp tục",
    "Nghiên cứu", "Rà soát", "Triển khai", "Thực hiện", "Tổ chức", "Chủ động",
    "Khẩn trương", "Bảo đảm", "Đảm bảo", "Chỉ đạo", "Ưu tiên", "Quan tâm", "Chú trọng", "Thúc đẩy",
    "Khuyến khích", "Huy động", "Đầu tư", "Cải thiện", "Cải cách", "Đổi mới", "Kiểm soát", "Quản lý",
    "Hỗ trợ", "Phối hợp", "Ban hành", "Sửa đổi", "Bổ sung", "Đề xuất", "Kiện toàn", "Củng cố", "Giữ vững",
    "Bảo vệ", "Bảo tồn", "Phòng ngừa", "Đấu tranh", "Mở rộng", "Khai thác", "Sử dụng", "Ứng dụng", "Hình thành",
    "Thành lập", "Lập", "Phấn đấu", "Hướng tới", "Gắn", "Kết hợp", "Tận dụng", "Vận động", "Thu hút",
    "Tạo", "Bám sát", "Đưa", "Thí điểm", "Sơ kết", "Tổng kết", "Kịp thời", "Dự báo", "Cơ cấu lại",
    "Chuyển", "Giải quyết", "Tiếp cận", "Kết nối", "Quy hoạch", "Thẩm định", "Trình", "Hướng dẫn",
    "Kiểm tra", "Thanh tra", "Giám sát", "Theo dõi", "Đôn đốc", "Tuyên truyền", "Phổ biến", "Quán triệt",
    "Tham mưu", "Xử lý", "Khắc phục", "Ngăn chặn", "Phòng, chống", "Duy trì", "Nâng cấp",
    "Cải tạo", "Chỉnh trang", "Di dời", "Hoàn thành", "Tăng", "Giảm", "Mở", "Lựa chọn", "Điều chỉnh",
    "Chấn chỉnh", "Siết chặt", "Tháo gỡ", "Khơi thông", "Thường xuyên", "Định kỳ", "Căn cứ", "Đồng thời",
    "Báo cáo", "Chuẩn bị", "Soạn thảo", "Lấy ý kiến", "Cung cấp", "Bố trí", "Cân đối", "Phân bổ",
    "Giải ngân", "Hoàn tất", "Tiếp thu", "Thẩm tra", "Công bố", "Công khai", "Tập huấn", "Bồi dưỡng",
    "Phân công", "Phân cấp", "Giao", "Nâng", "Rút ngắn", "Lãnh đạo", "Đơn giản hóa", "Cắt giảm", "Số hóa",
    "Vận hành", "Chịu trách nhiệm",
    # Orders of telegrams and of plans for an emergency or an inspection.
    "Gia hạn", "Tuần tra", "Khôi phục", "Sơ tán", "Cứu trợ", "Cứu hộ", "Chi trả", "Điều tra", "Xét xử",
    "Khảo sát", "Xác minh", "Tiếp nhận", "Thu hồi", "Mời gọi",
))
_ACTION_KEYS = tuple(search_key(v) + " " for v in ACTION_VERBS)
_ACTION_PREFIXES = tuple(v + " " for v in ACTION_VERBS) + tuple(v + ", " for v in ACTION_VERBS)
_LABEL = re.compile(r"^(cụ thể|trong đó|bao gồm|gồm|như sau|các nhiệm vụ sau|sau đây)\b.{0,40}:?$")
_DESCRIPTIVE_START = ("qua đó", "đây là", "điều này", "như vậy", "tuy nhiên", "kết quả", "nhờ đó",
                      "với nỗ lực", "trước đó", "sau đó", "ngày nay", "hiện nay", "trong những năm qua")
_ENACTING = ("ban hành kèm theo",)
# Words that open a noun phrase or an adverbial, not an order without a subject.
_NOT_A_VERB = tuple(w + " " for w in (
    "việc", "công tác", "các", "những", "người", "nhiều", "mục tiêu", "kết quả", "tỷ lệ", "trong", "với",
    "theo", "nhằm", "để", "qua", "hiện", "năm", "ngày", "tháng", "sau", "trước", "khi", "nếu", "tuy",
    "bên cạnh", "đến", "từ", "tại", "về", "đối với", "thành phố", "tỉnh", "thủ đô", "chính phủ", "đây",
    "đó", "này", "mỗi", "tất cả", "toàn", "cả", "hệ thống", "nền", "ngành", "lĩnh vực", "tổng", "giá trị",
))
# "Nghị quyết này có hiệu lực …", "Quyết định này đã được … thông qua": about the document itself.
_SELF_REFERENCE = re.compile(r"^(nghị quyết|quyết định|chỉ thị|kế hoạch|chương trình|thông báo|kết luận) này\b")
# "… thông báo để các cơ quan, đơn vị biết, thực hiện./.": the closing formula of a notice.
_CLOSING = re.compile(r"\b(thông báo|thông tin) (để|cho) .{0,80}\bbiết\b")
_STOP_SECTIONS = ("noi nhan", "tm.", "kt.", "thu tuong", "chu tich")


def _is_signature(body: str) -> bool:
    """"Nơi nhận: …", "TM. ỦY BAN NHÂN DÂN", "THỦ TƯỚNG" over the signature end the text;
    "THỦ TƯỚNG CHÍNH PHỦ điện:" (a telegram's address line) opens it."""
    key = search_key(body)
    if key.startswith("noi nhan"):
        return True
    if key.startswith(("thu tuong", "chu tich")) and not (is_mostly_capitals(body) or len(body.split()) <= 5):
        return False  # "Thủ tướng Chính phủ yêu cầu …": a sentence of news, not the title over a signature
    return key.startswith(_STOP_SECTIONS) and not body.rstrip().endswith(":")

# Attribute lines of a plan item ("Cơ quan chủ trì: …", "Thời gian thực hiện: …"): they
# describe the item above them, they are not tasks of their own.
# "Thời gian hoàn thành trước ngày 30/6/2026." closing a block of items: their deadline.
_CLOSING_DEADLINE = re.compile(r"^(?:thời gian hoàn thành|thời hạn hoàn thành|hoàn thành)\s+(?:trước|trong|chậm nhất|vào)\b",
                               re.IGNORECASE)
_ATTRIBUTE = re.compile(
    r"^(?:(?P<role>(?:cơ quan|đơn vị)(?:,\s*(?:cơ quan|đơn vị))?\s+(?:chủ trì|phối hợp|thực hiện)[^:]{0,40}"
    r"|chủ trì|phối hợp|trách nhiệm thực hiện)"
    r"|(?P<time>thời gian(?: thực hiện| hoàn thành| trình| ban hành)?|thời hạn[^:]{0,25}|tiến độ[^:]{0,25})"
    r"|(?P<output>sản phẩm[^:]{0,25}|kết quả đầu ra|hình thức văn bản)"
    r"|(?P<content>nội dung(?: thực hiện| công việc)?)"
    r"|(?P<funding>kinh phí[^:]{0,25}|nguồn kinh phí))\s*:",
    re.IGNORECASE,
)

# The document announcing itself: "…, Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện …".
_ISSUING = re.compile(r"\bban hành (?:kế hoạch|chương trình|chỉ thị|quyết định|hướng dẫn)\b(?! (?:để|nhằm))"
                      r"(?!.*\b(?:chủ trì|phối hợp|có trách nhiệm)\b)")
# A funding statement: "Kinh phí thực hiện lồng ghép từ …", "Nguồn xã hội hóa …".
_FUNDING = re.compile(r"^(?:-\s*)?(?:kinh phí|nguồn kinh phí|nguồn vốn|nguồn xã hội hóa|ngân sách (?:nhà nước|trung ương|"
                      r"địa phương|tỉnh|thành phố))\b(?!.*\b(?:chủ trì|có trách nhiệm|chịu trách nhiệm)\b)")
# Praise and assessment in a conclusion notice: "… đánh giá cao …", "ghi nhận …".
_PRAISE = re.compile(r"^(?:[^,]{0,60},\s*)?(?:\S+\s+){0,8}(?:đánh giá cao|ghi nhận|biểu dương|hoan nghênh|khen ngợi"
                     r"|cơ bản (?:thống nhất|đồng ý) với)\b")
# A telegram's or letter's addressees: "Kính gửi: …", "THỦ TƯỚNG CHÍNH PHỦ điện: - …".
_ADDRESS = re.compile(r"^(kính gửi|đồng kính gửi)\s*:", re.IGNORECASE)
# The sentence that introduces the orders of a directive, telegram or notice.
_ORDERS_FOLLOW = re.compile(r"\b(yêu cầu|đề nghị|chỉ thị|chỉ đạo|giao|kết luận|lưu ý)\b[^.;:]{0,240}:$", re.IGNORECASE)

_JOINER_WORDS = {",", ";", "và", "các", "cùng", "với", "(", ")", "chủ", "trì"}
_INHERIT_HEADING = re.compile(r"^(?:đối với|về phía|trách nhiệm của|giao|đề nghị)\s+(.+?)[:.]?$", re.IGNORECASE)
# "11. Các đơn vị cấp nước … có trách nhiệm:", "3. Ủy ban nhân dân các xã, phường:".
_HEADING_DUTY = re.compile(r"\s*(?:có trách nhiệm|chịu trách nhiệm|thực hiện|triển khai)?\s*[:.]?\s*$", re.IGNORECASE)
# Heads of actors' names besides the registry's (lexicon.AGENCY_HEADS) and leaders' titles.
_ACTOR_HEADS = ("liên hiệp", "các hội", "ủy ban", "báo", "lực lượng", "các lực lượng", "người đứng đầu",
                "các tổ chức", "tổ chức", "các đơn vị", "các cơ quan", "cấp ủy", "các cấp ủy", "giám đốc", "thủ trưởng",
                "chủ tịch", "bí thư", "lãnh đạo", "đồng chí", "tỉnh đoàn", "thành đoàn", "hiệp hội", "các hiệp hội",
                "ngân hàng", "kho bạc", "trường", "các trường", "viện", "các viện", "trung tâm", "các trung tâm")
_SUBJECT_CUT = re.compile(r",?\s+(nhất là|đặc biệt là|trong đó|bao gồm)\b.*$", re.IGNORECASE)

_COORD_BEFORE = re.compile(
    r"\b(phối hợp|liên kết|hợp tác)\b(?:[\w\s,]{0,30}?\bvới)?\s*$|\b(cùng với|với sự phối hợp của|gửi|gửi đến|gửi về)\s*$"
)
_LEAD_BEFORE = re.compile(r"\b(giao cho|giao|yêu cầu|đề nghị)\s*$")
# The one who asks is not the one who does: "Chính phủ yêu cầu các bộ …".
_REQUESTER_AFTER = re.compile(r"^\s*(đã\s+)?(yêu cầu|giao|đề nghị|chỉ đạo|nhấn mạnh|lưu ý|chỉ rõ|nêu rõ)\b")
# ("X cùng với Y chủ động …" makes Y a second subject, not a coordinator.)
_COORD_LIST = re.compile(r"\b(?:phối hợp(?:\s+chặt chẽ)?(?:\s+với)?|với sự phối hợp của)\s+",
                         re.IGNORECASE)
_LIST_LINK = re.compile(r"\s*(?:,\s*và|,|;|và)\s+", re.IGNORECASE)
_ADVERBIAL_OPENERS = ("căn cứ ", "trên cơ sở ", "theo ")
_COMPLEMENT_BEFORE = {"của", "cho", "tại", "về", "thuộc", "trước", "như", "từ", "giữa", "theo", "đối"}
# Words that open a time or manner adverbial between a subject and its verb ("định kỳ hằng
# quý", "thường xuyên", "trước ngày 15/12"): never part of an agency's name.
_TIME_ADVERBIAL = re.compile(
    r"(?i)\s+(?=(?:định kỳ|hằng|hàng (?:ngày|tuần|tháng|quý|năm)|mỗi|thường xuyên|trước|trong|sau|từ|đến"
    r"|ngày|tuần|tháng|quý|năm|kịp thời|sớm|khẩn trương|tiếp tục|chủ động|\d)(?!\w))")
# The same, where a name is read word by word: only words that cannot go on a name.
_TIME_WORDS = re.compile(r"(?:định kỳ|hằng|hàng (?:ngày|tuần|tháng|quý|năm)|mỗi (?:ngày|tuần|tháng|quý|năm)"
                         r"|thường xuyên|(?:trong|từ|đến|trước|sau) (?:năm|ngày|tháng|quý|tuần|thời gian|giai đoạn"
                         r"|\d))(?!\w)")
_LEAD_AFTER = re.compile(r"^\s*(chủ trì|là cơ quan chủ trì|có trách nhiệm|chịu trách nhiệm)")

_IN_SENTENCE_DEADLINE = re.compile(
    r"(?:trước|vào|chậm nhất)\s+ngày\s+\d{1,2}(?:\s*/\s*\d{1,2})?\s+(?:hằng|hàng)\s+(?:năm|tháng|quý)"
    r"|(?:(?:trước|trong|đến hết|đến|chậm nhất|vào|hoàn thành trong)\s+"
    r"(?:(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
    r"|tháng\s+\d{1,2}\s*(?:/|năm)\s*\d{4}|quý\s+[IVX\d]+\s*(?:/|năm)\s*\d{4}|(?:năm\s+)?\d{4}))"
    r"|^(?:Năm|Trong năm|Đến năm)\s+\d{4}\b|\b(?:hằng|hàng)\s+(?:năm|quý|tháng)\b|^Thường xuyên\b"
    # Without a year, read in the document's year by parse_deadline: "hoàn thành trước ngày
    # 30/6", "chậm nhất ngày 20 tháng 12", "trong quý III", "trong tháng 8"; parts of a year:
    # "trong 6 tháng đầu năm 2026", "trước cuối năm 2026". ("trong 2/3 số xã" is a fraction:
    # a day without its year needs "trước", "chậm nhất" or "đến".)
    r"|\b(?:trước|chậm nhất(?:\s+là)?|đến hết|đến)\s+(?:ngày\s+)?\d{1,2}\s*/\s*\d{1,2}\b(?!\s*/\s*\d)"
    r"|\b(?:trước|chậm nhất(?:\s+là)?|đến hết|đến)\s+ngày\s+\d{1,2}\s+tháng\s+\d{1,2}\b"
    r"|\b(?:trong|đến hết|hoàn thành trong)\s+(?:tháng\s+\d{1,2}|quý\s+(?:IV|I{1,3}|[1-4]))\b"
    r"|\b(?:trong|trước|đến hết|hoàn thành trong)\s+(?:6|06|9|09|sáu|chín)\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+\d{4})?"
    r"|\b(?:trước|đến|đến hết|trong)\s+(?:đầu|giữa|cuối)\s+năm\s+\d{4}",
    re.IGNORECASE,
)


@dataclass
class _Context:
    zone: str = "unknown"  # task | none | unknown | preamble | appendix | stop
    headings: dict[str, str] = field(default_factory=dict)  # level → heading text
    subject: list[Mention] = field(default_factory=list)
    subject_level: str = ""
    table: dict[str, int] | None = None
    last_heading: Paragraph | None = None
    outer_subjects: list[tuple[list[Mention], str]] = field(default_factory=list)
    deadline: Deadline | None = None  # handed down by a lead-in ("Trước ngày …, … :")
    deadline_level: str = ""


LEVELS = ("part", "roman", "number", "letter")


class Extractor:
    def __init__(self, lexicon: AgencyLexicon | None = None) -> None:
        self.lexicon = lexicon or default_lexicon()
        self.gazetteer = Gazetteer(self.lexicon)
        self.places = _known_places(self.lexicon)

    # --- entry point ------------------------------------------------------------------

    def extract(self, text: str) -> Extraction:
        header = parse_header(text, self.lexicon)
        self.text = text
        self._found: dict[tuple[int, int], tuple] = {}
        self.locality = self._document_place(header, text)
        self.city = self._place_committee()
        # The document's date dates "Trước ngày 30/6" and "trong 30 ngày kể từ ngày ký"; an
        # undated text leaves them to the reviewer (`_read_deadline`), never to the upload day.
        self.reference = header.issued_on
        self.kind = header.kind
        # The document's place's bodies answer to their short names ("Thanh tra tỉnh",
        # "Công an tỉnh", "Tỉnh ủy", "Sở Ngoại vụ") whatever the place: the registry derives
        # them for every province, not only for the places with hand-written aliases.
        self.gazetteer = Gazetteer(self.lexicon.for_place(self.locality if self.locality in places() else None),
                                   local=self._local_aliases())
        paras = paragraphs(text)
        # A document with a letterhead (or numbered parts) starts in its preamble; a news
        # report or a bare text starts in the open, where directives need cue words.
        formal = header.body_start > 0 or sum(1 for p in paras if p.marker_kind in ("roman", "part")) >= 2
        context = _Context(zone="preamble" if formal else "unknown")
        tasks: list[TaskCandidate] = []
        # The item the attribute lines below it describe: the tasks since the last
        # attribute block (or heading), or the heading itself when nothing came under it.
        item: list[TaskCandidate] = []
        target: list[TaskCandidate] = []
        in_attributes = False
        for paragraph in paras:
            if paragraph.end <= header.body_start:
                continue  # letterhead, number, date, kind and title
            attribute = None if paragraph.is_table_row else _ATTRIBUTE.match(paragraph.body(text).strip())
            if attribute and context.zone not in ("stop",):
                if not in_attributes:
                    target = item or self._heading_task(context)
                    if target and not item:
                        tasks.extend(target)
                    item = []
                in_attributes = True
                self._apply_attribute(target, attribute, paragraph)
                continue
            in_attributes = False
            body = paragraph.body(text).strip()
            if item and not paragraph.is_table_row and _CLOSING_DEADLINE.match(body):
                deadline = self._read_deadline(body)
                for task in item:
                    task.deadline = task.deadline or deadline
                continue
            if item and not paragraph.marker_kind and not paragraph.is_table_row and body[:1].islower() \
                    and item[-1].end <= paragraph.start:
                # A line of a wrapped sentence that the split left alone: it belongs to the task above.
                last = item[-1]
                last.end = paragraph.end
                last.text = self.text[last.start:last.end]
                continue
            heading_before = context.last_heading
            found = self._paragraph(paragraph, context)
            if context.last_heading is not heading_before:
                item = []
            item.extend(found)
            tasks.extend(found)
        registry = self.lexicon.for_place(place_named_in(header.issuer or ""))
        for task in tasks:
            _settle_names(task, registry)
        extraction = Extraction(header, tasks)
        assign_domains(extraction, text, self.lexicon)  # the learned domain model (domain_model.py)
        assess_confidence(extraction)  # calibrated on the gold (confidence.py)
        return extraction

    # --- plan items and their attribute lines ---------------------------------------------

    def _heading_task(self, context: _Context) -> list[TaskCandidate]:
        """An item heading with attribute lines under it ("1. Tổ chức tập huấn …" /
        "- Cơ quan chủ trì: …") is the task itself."""
        heading = context.last_heading
        if heading is None or context.zone in ("none", "stop") or heading.marker_kind not in LEVELS + ("bullet",):
            return []
        start, end = heading.body_start, heading.end
        sentence = self.text[start:end]
        if len(sentence.split()) < 3:
            return []
        lead, coordinating, unresolved = self._agencies(start, end, context)
        return [TaskCandidate(
            text=sentence, start=start, end=end, title=self._action_title(start, end), lead=lead,
            coordinating=coordinating, deadline=self._deadline(sentence),
            confidence=0.8, unresolved=unresolved,
        )]

    def _apply_attribute(self, tasks: list[TaskCandidate], attribute: re.Match[str], paragraph: Paragraph) -> None:
        body_start = paragraph.body_start + (len(paragraph.body(self.text)) - len(paragraph.body(self.text).lstrip()))
        value_start = body_start + attribute.end()
        value = self.text[value_start:paragraph.end].strip().rstrip(".;")
        if not tasks or not value:
            return
        label = search_key(attribute.group(0))
        if attribute.group("role"):
            names, unknown = self._value_agencies(value, value_start)
            if not names:
                return
            for task in tasks:
                if "phoi hop" in label:
                    task.coordinating = [n for n in names if n not in task.lead]
                else:
                    task.lead = names
                    task.coordinating = [n for n in task.coordinating if n not in names]
                task.unresolved = sorted(set(task.unresolved) | set(unknown))
        elif attribute.group("time"):
            deadline = self._read_deadline(value)
            for task in tasks:
                task.deadline = deadline
        elif attribute.group("output"):
            for task in tasks:
                task.output = value
        elif attribute.group("content") and len(tasks) == 1 and tasks[0].end < paragraph.start \
                and not self.text[tasks[0].end:paragraph.start].strip(" \n-–+•"):
            # "4. Rà soát văn bản …" / "- Nội dung: rà soát …": the content line says what to do.
            task = tasks[0]
            task.end = paragraph.end
            task.text = self.text[task.start:task.end]

    def _value_agencies(self, value: str, offset: int) -> tuple[list[str], list[str]]:
        """The agencies an attribute line lists: registry names, and the unknown ones
        ("Báo và Phát thanh, Truyền hình tỉnh") kept as written, one per ";"-separated part."""
        names: list[str] = []
        unknown: list[str] = []
        cursor = 0
        for part in re.split(r";", value):
            part_offset = offset + cursor
            cursor += len(part) + 1
            stripped = part.strip(" .")
            if not stripped:
                continue
            # "Bộ Công an tiến hành rà soát …": only the subject names who does it.
            _, mentions = self.gazetteer.find(part, part_offset)
            head = part[:mentions[0].start - part_offset] if mentions else ""
            around = part[:mentions[0].end - part_offset].strip() if mentions else ""
            if mentions and head.strip() and not re.search(r"[,;]", head) and _actor_like(around):
                # "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh": a longer name around a registry one.
                written = part[:mentions[0].end - part_offset].strip()
                mentions[0] = Mention(mentions[0].first, mentions[0].last, None, written,
                                      part_offset, mentions[0].end)
            covered = part
            for m in mentions:
                covered = covered.replace(m.written, " ")
            leftovers = _name_pieces(covered, r",|\bvà\b")
            extra = [p for p in leftovers if looks_like_agency(p) and len(p.split()) >= 2
                     and not (search_key(p) + " ").startswith(_ACTION_KEYS)]
            if not mentions and looks_like_agency(stripped) and len(stripped.split()) <= 14:
                # "Trung tâm Truyền thông tỉnh và Hội Nông dân tỉnh": two names nobody listed.
                extra = [_as_written(p) for p in _name_pieces(stripped) if looks_like_agency(p)]
            for name in _names(mentions, self.locality) + [_as_written(p) for p in extra]:
                if name not in names:
                    names.append(name)
            unknown.extend(_as_written(p) for p in extra)
        return names, unknown

    # --- helpers ----------------------------------------------------------------------

    def _document_place(self, header: DocumentHeader, text: str) -> str | None:
        """The province or city the document belongs to: its issuer's ("UBND tỉnh Bắc
        Ninh"), else the one its title is about ("… VỚI LÃNH ĐẠO TỈNH ĐẮK LẮK"), else, for a
        news report, the place it keeps naming ("Hải Phòng cần …")."""
        place = _locality(header.issuer or "") or _place_in(header.issuer or "") or _place_in(header.title)
        if place:
            return place
        body = text[header.body_start:]
        counts: dict[str, int] = {place: 0 for place in self.places}
        for match in re.finditer(r"\b(?:thành phố|tỉnh|thủ đô|Thành phố|Tỉnh|Thủ đô)\s+([A-ZĐÀ-Ỹ]\w*(?:\s+[A-ZĐÀ-Ỹ]\w*){0,3})",
                                 body):
            # The class À-Ỹ holds lower-case letters too: "Tỉnh đoàn", "tỉnh ủy" name no place.
            words = match.group(1).split()
            while words and not words[-1][:1].isupper():
                words.pop()
            if words and all(w[:1].isupper() for w in words):
                counts.setdefault(" ".join(words), 0)
        for name in counts:
            # "tư tưởng Hồ Chí Minh" is no mention of the city: such a name counts after its level only.
            prefix = r"(?i:thành phố|tp\.?)\s+" if name in PEOPLE_S_NAMES else r"(?<!\w)"
            counts[name] = len(re.findall(prefix + re.escape(name) + r"(?!\w)", body))
        best = max(counts, key=lambda name: counts[name], default=None)
        return best if best and counts[best] else None

    def _place_committee(self) -> str | None:
        """The document's place's People's Committee: the registry's, or named by rule."""
        if not self.locality:
            return None
        for level in ("thành phố", "tỉnh"):
            entry = self.lexicon.lookup(f"Ủy ban nhân dân {level} {self.locality}")
            if entry is not None:
                return entry.name
        level = "thành phố" if re.search(r"(?i)\b(thành phố|TP\.?|thủ đô)\s+" + re.escape(self.locality), self.text) \
            else "tỉnh"
        return f"Ủy ban nhân dân {level} {self.locality}"

    def _local_aliases(self) -> dict[tuple[str, ...], AgencyEntry]:
        """"Ủy ban nhân dân thành phố", "UBND tỉnh", "HĐND thành phố" name this document's own
        place: its People's Committee and Council, when the registry has them."""
        if not self.locality:
            return {}
        aliases: dict[tuple[str, ...], AgencyEntry] = {}
        for head, council in (("Ủy ban nhân dân", False), ("Hội đồng nhân dân", True)):
            for level in ("thành phố", "tỉnh"):
                entry = self.lexicon.lookup(f"{head} {level} {self.locality}")
                if entry is None and not council and self.city and self.city.endswith(f"{level} {self.locality}"):
                    entry = AgencyEntry(self.city, "peoples_committee")
                if entry is None:
                    continue
                short = "HĐND" if council else "UBND"
                for written in (f"{head} {level}", f"{short} {level}", f"{short} TP" if level == "thành phố" else ""):
                    if written:
                        aliases[tuple(key for key, _, _ in token_keys(written))] = entry
        return aliases

    def _heading_zone(self, heading: str) -> str | None:
        key = search_key(heading)
        if _is_signature(heading):
            return "stop"
        if key.startswith("phu luc"):
            return "appendix"
        if any(w in key for w in TASK_HEADINGS):
            return "task"
        if any(w in key for w in NO_TASK_HEADINGS):
            return "none"
        return None

    def _is_heading(self, paragraph: Paragraph) -> bool:
        body = paragraph.body(self.text).strip()
        if not body:
            return True
        if paragraph.marker_kind in ("part",):
            return True
        upper = is_mostly_capitals(body)
        if paragraph.marker_kind in ("roman", "number", "letter", "article"):
            return bool(upper) or (not re.search(r"[.;!?…]\s*$", body) and len(body) < 400)
        return bool(upper) and len(body) < 600

    # --- paragraphs -------------------------------------------------------------------

    def _paragraph(self, paragraph: Paragraph, context: _Context) -> list[TaskCandidate]:
        text = self.text
        if paragraph.is_table_row:
            return self._table_row(paragraph, context)
        context.table = None
        body = paragraph.body(text).strip()
        key = search_key(body)
        if context.zone == "stop" and not (paragraph.marker_kind in ("roman", "part") or key.startswith("phu luc")
                                           or self._heading_zone(body) in ("task", "appendix")):
            return []
        if context.zone == "address":
            if paragraph.marker_kind == "bullet" or _ADDRESS.match(body):
                return []  # "- Bộ trưởng các Bộ: …; - Chủ tịch UBND các tỉnh …": who receives it
            context.zone = "preamble"
        if _ADDRESS.match(body) or re.search(r"\bđiện\s*:$", body):
            context.zone = "address"
            return []
        if self._is_heading(paragraph):
            self._enter_heading(paragraph, body, context)
            return []
        if _is_signature(body):
            context.zone = "stop"
            return []
        if paragraph.marker_kind in ("roman", "number", "letter"):
            # A numbered item that is itself a sentence is also the topic of the bullets
            # under it; the subject of an earlier intro ends here.
            self._reset_below(paragraph.marker_kind, context)
            context.headings[paragraph.marker_kind] = body
        tasks: list[TaskCandidate] = []
        spans = sentences(text, paragraph.body_start, paragraph.end)
        previous: TaskCandidate | None = None
        for start, end in spans:
            found_here: TaskCandidate | None = None
            for part_start, part_end in self._directives_of(start, end):
                candidate = self._sentence(part_start, part_end, context)
                if candidate is None and previous is not None and context.zone in ("unknown", "preamble", "orders"):
                    candidate = self._continuation(part_start, part_end, previous, context)
                if candidate and found_here is not None and not candidate.lead:
                    candidate.lead = list(found_here.lead)  # the second clause of one sentence
                if candidate:
                    if candidate.deadline is None and context.deadline is not None:
                        candidate.deadline = context.deadline  # "Trước ngày …, X chủ trì …: a; b"
                    tasks.append(candidate)
                    found_here = candidate
            previous = found_here
        if context.zone in ("preamble", "unknown") and not paragraph.marker_kind and _ORDERS_FOLLOW.search(body):
            # "…, Thủ tướng Chính phủ yêu cầu:" / "Chủ tịch UBND thành phố chỉ thị:": the
            # numbered orders follow.
            context.zone = "orders"
            return tasks
        if paragraph.marker_kind not in ("bullet",) and body.endswith(":") and spans:
            # An intro such as "Các bộ, ngành … tập trung vào một số nội dung sau:" hands
            # its subject to the items below it.
            # A deadline in the lead-in governs its whole block.
            context.deadline = self._deadline(text[spans[-1][0]:spans[-1][1]])
            context.deadline_level = paragraph.marker_kind or next(
                (level for level in reversed(LEVELS) if level in context.headings), "intro")
            subject = self._intro_subject(*spans[-1])
            if subject:
                if context.subject:
                    context.outer_subjects.append((context.subject, context.subject_level))
                context.subject = subject
                # An unnumbered lead-in speaks for the items under the heading it sits in,
                # until the next heading at that level ("II. …" / "…, tỉnh X cần …:" / "1." "2.").
                deepest = [level for level in LEVELS if level in context.headings]
                context.subject_level = paragraph.marker_kind or (deepest[-1] if deepest else "intro")
        return tasks

    def _find(self, start: int, end: int) -> tuple[list[Token], list[Mention]]:
        """Registry names in text[start:end], looked up once per span."""
        key = (start, end)
        if key not in self._found:
            self._found[key] = self.gazetteer.find(self.text[start:end], start)
        return self._found[key]

    def _agency_list(self, phrase: str, *, whole: bool) -> list[Mention]:
        """The agencies a heading names ("Sở Tài chính", "Các sở, ban, ngành, UBND các huyện").

        With `whole`, the heading must consist of agencies and joiners only, so that a topic
        heading that merely mentions an agency hands nothing down.
        """
        tokens, mentions = self.gazetteer.find(phrase)
        mentions = [m for m in mentions if m.entry is not None]
        if not mentions:
            return []
        if whole:
            covered: set[int] = set()
            for m in mentions:
                covered.update(range(m.first, m.last + 1))
            rest = [t.key for i, t in enumerate(tokens) if i not in covered]
            if any(k not in _JOINER_WORDS for k in rest):
                return []
        return mentions

    def _reset_below(self, level: str, context: _Context) -> None:
        order = LEVELS.index(level)
        for deeper in LEVELS[order:]:
            context.headings.pop(deeper, None)
        if context.deadline_level and (context.deadline_level not in LEVELS
                                       or LEVELS.index(context.deadline_level) >= order):
            context.deadline, context.deadline_level = None, ""
        def ends(subject_level: str) -> bool:
            return bool(subject_level) and (subject_level == "intro" or
                                            subject_level in LEVELS and LEVELS.index(subject_level) >= order)

        if ends(context.subject_level):
            context.subject = []
            context.subject_level = ""
            # A lead-in nested under an actor's heading ends: that actor speaks again.
            while context.outer_subjects:
                subject, subject_level = context.outer_subjects.pop()
                if not ends(subject_level):
                    context.subject, context.subject_level = subject, subject_level
                    break

    def _enter_heading(self, paragraph: Paragraph, body: str, context: _Context) -> None:
        context.last_heading = paragraph
        level = paragraph.marker_kind if paragraph.marker_kind in LEVELS else "roman"
        if paragraph.marker_kind is None and not is_mostly_capitals(body):
            level = "number"
        self._reset_below(level, context)
        context.headings[level] = body
        zone = self._heading_zone(body)
        if paragraph.marker_kind is None and zone not in ("stop", "appendix"):
            # An unnumbered title line opens a document or its annex: until its numbered
            # parts begin, only explicit assignments are tasks.
            context.zone = "preamble" if is_mostly_capitals(body) else context.zone
            return
        if zone and (level in ("part", "roman") or zone in ("stop", "appendix") or context.zone in ("unknown", "preamble")):
            context.zone = zone
        elif level in ("part", "roman") and zone is None and context.zone != "unknown":
            # A main part that is neither purpose nor background ("III. LỘ TRÌNH THỰC HIỆN")
            # carries the plan's work.
            context.zone = "task" if context.zone in ("task", "preamble", "none") else context.zone
        inherit = _INHERIT_HEADING.match(body.strip())
        phrase = _SUBJECT_CUT.sub("", inherit.group(1)) if inherit else body.strip().rstrip(":.")
        mentions = self._agency_list(phrase, whole=not inherit)
        if not mentions and context.zone not in ("none", "stop", "appendix") and level in ("number", "letter", "roman"):
            mentions = self._actor_heading(paragraph, body, inherit)
        if not mentions and body.rstrip().endswith(":") and len(body.split()) > 8:
            # "2. …, Bộ Chính trị yêu cầu Thành ủy Hải Phòng tập trung … sau:" names who does
            # the items below.
            mentions = self._intro_subject(paragraph.body_start, paragraph.end)
        if mentions:
            if context.subject and context.subject_level in LEVELS and LEVELS.index(context.subject_level) < LEVELS.index(level):
                context.outer_subjects.append((context.subject, context.subject_level))
            context.subject = mentions
            context.subject_level = level

    def _intro_subject(self, start: int, end: int) -> list[Mention]:
        """Who a lead-in ending with ":" hands the items below to: its subject, or an agency
        the registry does not know ("d) Giao Ban Quản lý các khu chế xuất … chỉ đạo …:")."""
        subject = self._subject(start, end)
        if subject:
            return subject
        unknown = self._unknown_lead(start, end)
        if not unknown:
            return []
        at = self.text.find(unknown, start)
        return [Mention(0, 0, None, unknown, at, at + len(unknown))]

    def _actor_heading(self, paragraph: Paragraph, body: str, inherit: re.Match[str] | None) -> list[Mention]:
        """A heading that is an actor's name, known to the registry or not: "7. Liên hiệp
        các Hội Khoa học và Kỹ thuật", "9. Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "12. Các tổ chức, cá nhân … có trách nhiệm". Every item under it is theirs."""
        phrase = inherit.group(1) if inherit else body.strip()
        phrase = _HEADING_DUTY.sub("", phrase).strip()
        if re.search(r"\b(chủ trì|phối hợp|chỉ đạo)\b", phrase):
            return []  # "Giao X chủ trì, phối hợp với Y:": the intro's subject says who
        if self._heading_zone(phrase) is not None:
            return []  # "Trách nhiệm của các cơ quan", "Tổ chức thực hiện": a section, not an actor
        key = match_key(phrase)
        words = key.split()
        if not words or len(words) > 24 or re.search(r"[.;!?]", phrase):
            return []
        if (key + " ").startswith(_ACTION_PREFIXES) or _CUES.match(key):
            return []  # "1. Tổ chức tuyên truyền …" is a task, not an actor
        if not _actor_like(phrase):
            return []
        offset = self.text.find(phrase, paragraph.body_start)
        if offset < 0:
            return []
        tokens, mentions = self._find(offset, offset + len(phrase))
        # The registry's names when they cover the heading; else the heading as written.
        covered = sum(t.end - t.start for m in mentions for t in tokens[m.first:m.last + 1])
        letters = sum(t.end - t.start for t in tokens if t.key not in _JOINER_WORDS)
        if mentions and covered >= 0.8 * letters:
            return mentions
        return [Mention(0, len(tokens) - 1, None, phrase, offset, offset + len(phrase))]

    # --- sentences --------------------------------------------------------------------

    def _is_task_sentence(self, sentence: str, context: _Context,
                          agency_subject: bool = False) -> tuple[bool, float]:
        key = match_key(sentence)  # cue words keep their diacritics
        words = key.split()
        if len(words) < 4:
            return False, 0.0
        if _LABEL.match(key) or (sentence.rstrip().endswith(":") and len(words) < 10):
            return False, 0.0
        if sentence.rstrip().endswith(":") and re.search(r"\b(?:sau|như sau|sau đây|dưới đây)$", key) \
                and not re.search(r",\s*(?:trong đó|cụ thể là|đặc biệt là)\b", key):
            # "…, X cần thực hiện các nội dung sau:" only announces the items below; "X chủ động
            # phối hợp …, trong đó tập trung vào các nội dung sau:" also orders something itself.
            return False, 0.0
        if context.zone in ("preamble", "unknown") and key.startswith(("căn cứ ", "xét đề nghị", "theo đề nghị")):
            return False, 0.0  # the legal basis of the document
        if (key.startswith(_DESCRIPTIVE_START) or _SELF_REFERENCE.match(key) or _CLOSING.search(key)
                or _MEETING.search(key)):
            return False, 0.0
        if sentence.lstrip().startswith(("(", "[")):
            return False, 0.0  # "(Kèm theo Nghị quyết …)", footnotes
        # "cần thiết", "đã được giao": the cue word is not an order there; others may be.
        cue_key = _NOT_CUES.sub(" ", _NOUN_YEU_CAU.sub(" ", key))
        cues = list(_CUES.finditer(cue_key))
        strong = bool(_STRONG_CUES.search(cue_key))
        if not strong and self.kind != "bao-cao":
            strong = _stated_directive(key, self.reference)
        # "Quy hoạch chính là nguồn lực": a noun phrase with a copula, not an order.
        # "Báo cáo nhấn mạnh …", "Tổng kết cho thấy …": a noun that speaks, not an order.
        imperative = (key + " ").startswith(_ACTION_PREFIXES) and not re.search(r"^(\S+\s+){0,4}(chính\s+)?là\b", key) \
            and not re.match(r"^\S+(?:\s+\S+)?\s+(?:nhấn mạnh|cho thấy|chỉ ra|nêu rõ)\b", key)
        past = re.search(r"\bđã\s+(\w+\s+){0,2}(ban hành|đạt được|làm việc|dự |trao|thông qua|chỉ rõ|có)", key)
        if context.zone in ("none", "stop", "appendix"):
            return False, 0.0
        if _PRAISE.search(key):
            return False, 0.0  # "Phó Thủ tướng đánh giá cao …": an assessment, not an order
        if _ISSUING.search(key) and context.zone in ("preamble", "unknown"):
            return False, 0.0  # "Thực hiện Kế hoạch số …, UBND tỉnh ban hành Kế hoạch …": the preamble
        if _FUNDING.match(key) and not strong:
            return False, 0.0  # "Kinh phí thực hiện được bố trí từ …": where the money comes from
        if context.zone == "task":
            return True, 0.8 if (cues or imperative) else 0.6
        if context.zone == "orders":
            # After "… yêu cầu:" the items are orders, but a notice also records what was
            # done ("Thời gian qua, các sở đã tích cực triển khai …").
            if strong or imperative or agency_subject or context.subject:
                return True, 0.75
            if cues and not re.search(r"\bđã\b", key):
                return True, 0.6
            return False, 0.0
        if context.zone == "preamble" and key.startswith(_ENACTING):
            return False, 0.0  # "Ban hành kèm theo …", "Nghị quyết này có hiệu lực …"
        if context.zone in ("preamble", "unknown") and sentence.rstrip().endswith(":"):
            return False, 0.0  # "… Thủ tướng Chính phủ yêu cầu:" introduces the tasks
        # Unstructured text (news, notices, the articles of a decision): a directive needs
        # a cue, an imperative form, or an agency as the subject of what follows.
        if past and not strong:
            return False, 0.0
        if strong:
            return True, 0.75
        if imperative:
            return True, 0.6
        if agency_subject and not re.search(r"\b(đã|đang|sẽ)\b", key.split(",")[0]):
            return True, 0.55
        if context.subject and not past and (cues or imperative):
            return True, 0.55  # an item under "1. Bộ trưởng …, Chủ tịch …:" is addressed to them
        return False, 0.0

    def _sentence(self, start: int, end: int, context: _Context) -> TaskCandidate | None:
        sentence = self.text[start:end]
        agency_subject = context.zone in ("preamble", "unknown", "orders") and self._acting_subject(start, end)
        is_task, confidence = self._is_task_sentence(sentence, context, agency_subject)
        if not is_task:
            return None
        lead, coordinating, unresolved = self._agencies(start, end, context)
        deadline = self._deadline(sentence)
        return TaskCandidate(
            text=sentence, start=start, end=end, title=self._action_title(start, end), lead=lead,
            coordinating=coordinating, deadline=deadline, confidence=confidence,
            unresolved=unresolved,
        )

    def _continuation(self, start: int, end: int, previous: TaskCandidate, context: _Context) -> TaskCandidate | None:
        """A sentence without a subject right after a directive goes on giving orders to the
        same actor ("Thành phố cần làm tốt công tác xây dựng Đảng. Quan tâm đào tạo cán bộ …")."""
        sentence = self.text[start:end]
        key = match_key(sentence)
        words = key.split()
        if len(words) < 5 or not sentence.lstrip()[:1].isupper() or sentence.rstrip().endswith(":"):
            return None
        if (key.startswith(_DESCRIPTIVE_START) or key.startswith(_NOT_A_VERB) or _NOT_CUES.search(key)
                or re.search(r"\b(đã|đang|là|được|bị|có thể)\b", " ".join(words[:6])) or _PRAISE.search(key)):
            return None
        tokens, mentions = self._find(start, end)
        if mentions and mentions[0].first == 0:
            return None  # a new subject: not a continuation
        return TaskCandidate(
            text=sentence, start=start, end=end, title=self._action_title(start, end), lead=list(previous.lead),
            coordinating=[], deadline=self._deadline(sentence), confidence=0.5,
        )

    def _directives_of(self, start: int, end: int) -> list[tuple[int, int]]:
        """Split a sentence only where it gives separate directives to different actors:
        "Bộ Xây dựng chủ trì …; Bộ Tài chính bố trí vốn …" is two tasks."""
        cuts = [start]
        for match in re.finditer(r";\s+", self.text[start:end]):
            cuts.append(start + match.end())
        if len(cuts) == 1:
            return [(start, end)]
        parts = []
        for i, cut in enumerate(cuts):
            part_end = cuts[i + 1] if i + 1 < len(cuts) else end
            parts.append((cut, part_end))
        trimmed = [(s, e - (len(self.text[s:e]) - len(self.text[s:e].rstrip()))) for s, e in parts]
        # "… hoàn thành dự thảo trước ngày 15/3/2026; trình … trước ngày 30/4/2026": two
        # clauses, two dates, two tasks (the second keeps the first one's actor).
        # (The cheap tests first: most sentences with a ";" fail them, and the agency lookups
        # over each part are then not needed.)
        dated = [self._deadline(self.text[s:e]) for s, e in parts]
        if all(d is not None and d.due is not None for d in dated) and len({d.due for d in dated if d}) == len(parts) \
                and all((match_key(self.text[s:e]) + " ").startswith(_ACTION_PREFIXES) or self._acting_subject(s, e)
                        for s, e in parts[1:]):
            return trimmed
        actors = []
        for s, e in parts:
            actor = self._subject(s, e)
            if not actor:
                return [(start, end)]  # a part without an actor of its own
            actors.append(actor)
        if len({tuple(m.entry.name for m in a if m.entry) for a in actors}) < len(parts):
            return [(start, end)]
        if not all(self._acting_subject(s, e) for s, e in parts):
            return [(start, end)]
        # Each part keeps its words; the separator "; " stays with the part before it.
        return trimmed

    def _action_title(self, start: int, end: int) -> str:
        """The action, without the agencies in front ("Giao Sở X chủ trì, phối hợp với Sở Y
        rà soát hồ sơ" → "Rà soát hồ sơ")."""
        tokens, mentions = self._find(start, end)
        cursor = start
        head = re.compile(r"^\s*(?:giao(?: cho)?|đề nghị|yêu cầu)\s+", re.IGNORECASE)
        link = re.compile(r"^\s*(?:,\s*|và\s+|cùng\s+(?:với\s+)?)+", re.IGNORECASE)
        tail = re.compile(r"^\s*(?:chủ trì\b)?\s*,?\s*", re.IGNORECASE)
        for mention in mentions:
            gap = self.text[cursor:mention.start]
            if cursor == start:
                gap = head.sub("", gap, count=1)
            else:
                gap = link.sub("", gap, count=1)
                gap = re.sub(r"^\s*(?:yêu cầu|giao(?: cho)?|đề nghị)\s*", "", gap, flags=re.IGNORECASE)
                gap = re.sub(r"^\s*(?:chủ trì|chủ động)?\s*,?\s*phối hợp(?: chặt chẽ)?\s*(?:với)?\s*$", "",
                             gap, flags=re.IGNORECASE)
            if gap.strip():
                break
            cursor = mention.end
        if cursor == start:
            return make_title(self.text[start:end])
        rest = tail.sub("", self.text[cursor:end], count=1)
        rest = re.sub(r"^\s*(?:cũng\s+)?(?:cần phải|cần|phải|được giao|được yêu cầu|được|sẽ)\s+", "", rest,
                      flags=re.IGNORECASE)
        action = (match_key(rest) + " ").startswith(_ACTION_PREFIXES) or bool(_CUES.match(match_key(rest)))
        return make_title(rest) if action and len(rest.split()) >= 3 else make_title(self.text[start:end])

    def _acting_subject(self, start: int, end: int) -> bool:
        """An agency is the subject and what follows it is an action ("Sở Nội vụ tham mưu …")."""
        subject = self._subject(start, end)
        if not subject:
            return False
        after = match_key(self.text[subject[-1].end:end]).lstrip(" ,")
        return (after + " ").startswith(_ACTION_PREFIXES) or bool(_CUES.match(after))

    def _subject(self, start: int, end: int) -> list[Mention]:
        tokens, mentions = self._find(start, end)
        found = self._roles(tokens, mentions, start, end)
        return found[0]

    def _roles(self, tokens: list[Token], mentions: list[Mention], start: int, end: int
               ) -> tuple[list[Mention], list[Mention], list[str]]:
        """The clause's lead and coordinating agencies among `mentions`, and the names nobody
        listed that its "phối hợp" list holds (read once, for both)."""
        lead: list[Mention] = []
        coordinating: list[Mention] = []
        clause_key = [t.key for t in tokens]
        # "Hướng dẫn, hỗ trợ nông dân, hợp tác xã, doanh nghiệp …": a clause that opens with
        # its verb has no subject of its own; the agencies in it are objects.
        opening = match_key(self.text[start:end]).lstrip("-–+• ") + " "
        # "Căn cứ kết quả rà soát, các bộ …": an adverbial opener, not the clause's verb.
        verb_first = opening.startswith(_ACTION_PREFIXES) and not opening.startswith(_ADVERBIAL_OPENERS)
        for run in runs(tokens, mentions):
            # "của Bộ Chính trị, Hải Phòng phải …": the first name completes a phrase.
            while len(run.mentions) > 1 and run.first > 0 and clause_key[run.first - 1] in _COMPLEMENT_BEFORE:
                run.mentions.pop(0)
            before = " ".join(clause_key[max(0, run.first - 8):run.first])
            after = " ".join(clause_key[run.last + 1:run.last + 6])
            prefix_tokens = clause_key[:run.first]
            if _REQUESTER_AFTER.match(after) and not _LEAD_BEFORE.search(before):
                # "Chính phủ chỉ đạo các bộ …" hands the work to the agency named next; "Bộ Y tế
                # chỉ đạo lực lượng y tế cơ sở …" (no agency follows) keeps it.
                following = [m for m in mentions if m.first > run.last]
                verb = re.match(r"^\s*(?:đã\s+)?(\S+(?:\s+\S+)?)", after)
                directing = verb is not None and verb.group(1).startswith("chỉ đạo")
                if not (directing and (not following or following[0].first > run.last + 4)):
                    continue
            if _COORD_BEFORE.search(before):
                coordinating.extend(run.mentions)
            elif _LEAD_BEFORE.search(before) or _LEAD_AFTER.match(after):
                lead.extend(run.mentions)
            elif not lead and not (verb_first and prefix_tokens) and _subject_position(prefix_tokens) \
                    and not _object_follows(after):
                lead.extend(run.mentions)
        # "phối hợp Trung tâm X, Đài Y và Ủy ban nhân dân xã, phường": every agency of the list
        # coordinates, also those that a name unknown to the registry cut off from "phối hợp".
        listed, unlisted = self._coordination_list(start, end, mentions)
        if listed:
            ids = {id(m) for m in listed}
            lead = [m for m in lead if id(m) not in ids]
            known = {id(m) for m in coordinating}
            coordinating.extend(m for m in listed if id(m) not in known)
            coordinating.sort(key=lambda m: m.start)
        return lead, coordinating, unlisted

    def _coordination_list(self, start: int, end: int, mentions: list[Mention]) -> tuple[list[Mention], list[str]]:
        """The agencies listed after "phối hợp (với)", up to the verb: registry names, and names
        nobody listed that open like an agency ("Trung tâm Phục vụ hành chính công tỉnh")."""
        text = self.text[:end]
        listed: list[Mention] = []
        unknown: list[str] = []
        by_start = {m.start: m for m in mentions}
        for match in _COORD_LIST.finditer(text, start):
            at = match.end()
            while at < end:
                mention = by_start.get(at)
                if mention is not None:
                    listed.append(mention)
                    at = mention.end
                else:
                    phrase = _list_piece(text, at, end, mentions)
                    # A piece after a comma that does not open like an agency goes on with the
                    # name ("Báo và Phát thanh, Truyền hình tỉnh", "Trung tâm Văn hóa, Điện ảnh
                    # và Triển lãm thành phố").
                    while phrase and not _ends_in_a_proper_name(phrase):
                        comma = re.match(r",\s*", text[at + len(phrase):end])
                        if comma is None or at + len(phrase) + comma.end() in by_start:
                            break
                        following = _list_piece(text, at + len(phrase) + comma.end(), end, mentions)
                        if not following[:1].isupper() or _actor_like(following):
                            break
                        phrase = text[at:at + len(phrase) + comma.end() + len(following)]
                    if not phrase[:1].isupper():
                        skipped = _lower_case_item(text, at, end)
                        if skipped == at:
                            break  # lower case: the verb, the list is over
                        at = skipped  # "lực lượng dân quân tự vệ, Hội …": an item in lower case
                        phrase = ""
                    if _actor_like(phrase) and len(phrase.split()) >= 2:
                        unknown.append(_as_written(phrase))
                    # A capitalised piece that names no agency is passed over; the agencies
                    # after it are still listed.
                    at += len(phrase)
                link = _LIST_LINK.match(text, at, end)
                if link is None or link.end() == at:
                    # "các cơ quan, đơn vị có liên quan và Liên đoàn …": words that qualify the
                    # item, then the list goes on.
                    link = _LIST_LINK.match(text, _lower_case_item(text, at, end), end)
                    if link is None or link.end() == at:
                        break
                at = link.end()
        return listed, unknown

    def _agencies(self, start: int, end: int, context: _Context) -> tuple[list[str], list[str], list[str]]:
        tokens, mentions = self._find(start, end)
        lead, coordinating, unlisted = self._roles(tokens, mentions, start, end)
        lead = [m for m in lead if not self._ends_a_name(m, start)]
        names_lead = _names(lead, self.locality)
        if not names_lead and self.city:
            if re.match(r"^(thành phố|thủ đô|tỉnh)\s+(?:cũng\s+)?(cần|phải|chủ động|tập trung|tiếp tục|nghiên cứu"
                        r"|được định hướng|được giao|được yêu cầu)\b",
                        match_key(_strip_adverbials(self.text[start:end]))):
                names_lead = [self.city]
        unresolved: list[str] = []
        if not names_lead:
            unknown = self._unknown_lead(start, end)
            if unknown:
                names_lead, unresolved = [unknown], [unknown]
        if not names_lead and context.subject:
            names_lead = _names(context.subject, self.locality)
        # A collective can both lead and coordinate ("các bộ, ngành khác … phối hợp với các bộ, ngành").
        coordinating_names = [n for m, n in zip(coordinating, _names(coordinating, self.locality))
                              if n not in names_lead or (m.entry and m.entry.kind == "collective")]
        for name in unlisted:
            if name not in coordinating_names and name not in names_lead:
                coordinating_names.append(name)
                unresolved.append(name)
        return names_lead, coordinating_names, unresolved

    def _ends_a_name(self, mention: Mention, start: int) -> bool:
        """A place's name that ends a name nobody listed ("Báo Cao Bằng", "Công ty Điện lực
        Cao Bằng" chủ trì …): the body is that name's, not the place's People's Committee."""
        if not place_written(mention.written):
            return False
        clause = max(start, *(self.text.rfind(p, start, mention.start) + 1 for p in ",;:()"))
        clause += len(self.text[clause:mention.start]) - len(self.text[clause:mention.start].lstrip())
        if clause >= mention.start:
            return False
        before = self.text[clause:mention.start]
        if match_key(before).split()[-1] in ("và", "với", "cùng", "của", "cho", "tại", "hoặc", "như"):
            return False  # "Các địa phương trong vùng cùng với Hà Nội": the place itself
        phrase = _capitalised_phrase(self.text, clause)
        # The head with what follows it: "Thuế" opens a body's name only before one.
        return clause + len(phrase) >= mention.end and looks_like_agency(self.text[clause:mention.end])

    def _unknown_lead(self, start: int, end: int) -> str | None:
        """A lead the registry does not know, kept as written: "Giao Phó Thủ tướng Lê Minh
        Khái …", "Trung tâm Phục vụ hành chính công chủ trì …"."""
        sentence = self.text[start:end]
        match = _UNKNOWN_LEAD_BEFORE.search(sentence)
        position = match.end() if match else 0
        phrase = _capitalised_phrase(sentence, position)
        if not phrase:
            return None
        after = match_key(sentence[position + len(phrase):])
        if (match_key(phrase) + " ").startswith(_ACTION_PREFIXES):
            return None  # "Ban hành kế hoạch …", "Báo cáo giữa kỳ …": a verb, not a "Ban" or a "Báo"
        named = looks_like_agency(phrase) or tuple(search_key(phrase).split()[:2]) in _TITLE_KEYS or \
            tuple(search_key(phrase).split()[:3]) in _TITLE_KEYS or search_key(phrase).split()[0] in ("pho", "truong")
        if not named:
            return None
        if match or _LEAD_AFTER.match(after) or _CUES.match(after):
            return phrase
        # "Quỹ Đầu tư phát triển tỉnh chủ trì …": lower-case words of the name ("phát triển")
        # read as a verb ended it early; "chủ trì" a few words on says where it ends.
        longer = re.match(r"((?:\s+[^\s,;:.()]+){1,4}?)\s+(?=(?:chủ trì|có trách nhiệm|chịu trách nhiệm)\b)",
                          sentence[position + len(phrase):])
        if longer and not _CUES.search(match_key(longer.group(1))):
            # "Quỹ Bảo trợ trẻ em tỉnh định kỳ hằng quý có trách nhiệm …": a time or manner
            # adverbial before the verb belongs to the clause, not to the name.
            return phrase + _TIME_ADVERBIAL.split(longer.group(1), maxsplit=1)[0]
        return None

    def _deadline(self, sentence: str) -> Deadline | None:
        match = _IN_SENTENCE_DEADLINE.search(sentence)
        if not match:
            return None
        return self._read_deadline(match.group(0))

    def _read_deadline(self, phrase: str) -> Deadline | None:
        """The phrase's deadline; one only the document's date could date ("Trước ngày 30/6"
        in an undated text) is kept undated, its words shown to the reviewer to settle."""
        deadline = parse_deadline(phrase, reference=self.reference)
        if deadline is None and self.reference is None and needs_reference(phrase):
            return Deadline(phrase.strip(), None, "once")
        return deadline

    # --- tables -----------------------------------------------------------------------

    def _table_row(self, paragraph: Paragraph, context: _Context) -> list[TaskCandidate]:
        cells = [self.text[s:e] for s, e in paragraph.cells]
        header = header_mapping(cells)
        if "title" in header and ("lead" in header or "deadline" in header):
            context.table = header
            return []
        mapping = context.table
        if not mapping:
            return []
        if is_group_row(cells, mapping):
            return []  # a group heading ("I. NHIỆM VỤ …"): the domain model reads it as one

        def cell(column: str) -> tuple[str, int, int]:
            position = mapping.get(column)
            if position is None or position >= len(paragraph.cells):
                return "", 0, 0
            s, e = paragraph.cells[position]
            return self.text[s:e], s, e

        title, start, end = cell("title")
        if not title.strip():
            return []
        lead_text, lead_start, _ = cell("lead")
        coord_text, coord_start, _ = cell("coordinating")
        lead, lead_unknown = self._cell_agencies(lead_text, lead_start)
        coordinating, coord_unknown = self._cell_agencies(coord_text, coord_start)
        deadline_text = cell("deadline")[0].strip()
        deadline = parse_deadline(deadline_text, reference=self.reference) if deadline_text else None
        if deadline is None and deadline_text:
            deadline = Deadline(deadline_text, None, "once")
        output = cell("output")[0].strip() or None
        level = cell("level")[0].strip()
        if level and output:
            output = f"{output} (cấp trình: {level})"
        return [TaskCandidate(
            text=title, start=start, end=end, title=make_title(title), lead=lead,
            coordinating=[c for c in coordinating if c not in lead], output=output, deadline=deadline,
            confidence=0.9, unresolved=lead_unknown + coord_unknown,
        )]

    def _cell_agencies(self, cell: str, offset: int) -> tuple[list[str], list[str]]:
        """Agencies in a table cell, expanding "Các Bộ: Quốc phòng, Xây dựng" to each ministry."""
        expanded = re.sub(
            r"^(?:các\s+)?(Bộ|Sở|Ban)\s*:\s*(.+?)(?=\s+và\s+các\b|$)",
            lambda m: ", ".join(f"{m.group(1)} {part.strip()}" for part in re.split(r",", m.group(2))),
            cell.strip(), flags=re.IGNORECASE,
        )
        _, mentions = self.gazetteer.find(expanded)
        names = _names(mentions, self.locality)
        unknown: list[str] = []
        covered = re.sub("|".join(re.escape(m.written) for m in mentions) or r"^$", " ", expanded)
        for piece in _name_pieces(covered):
            if len(piece.split()) >= 2 and piece[:1].isupper():
                unknown.append(piece)
        return names + unknown, unknown


# --- small pure helpers -----------------------------------------------------------------

_TITLE_KEYS = {tuple(search_key(" ".join(t)).split()) for t in LEADER_TITLES}
_LOCALITY = re.compile(r"(?:thành phố|tỉnh|thủ đô)\s+((?:[A-ZĐÀ-Ỹ]\w*)(?:\s+[A-ZĐÀ-Ỹ]\w*){0,3})\b", re.IGNORECASE)


def _locality(name: str) -> str | None:
    """The place a body's name ends with: "Sở Tài chính tỉnh Bắc Ninh" → "Bắc Ninh"."""
    match = None
    for match in _LOCALITY.finditer(name):
        pass
    if match is None or match.end() != len(name.rstrip()):
        return None
    words = match.group(1).split()
    return " ".join(words) if all(w[:1].isupper() for w in words) else None


def _actor_like(phrase: str) -> bool:
    """Opens like the name of an actor ("Các tổ chức, cá nhân …", "Liên hiệp các Hội …")."""
    key = re.sub(r"\s*,\s*", " ", match_key(phrase))
    return looks_like_agency(re.sub(r"\s*,\s*", " ", phrase)) or (key + " ").startswith(tuple(h + " " for h in _ACTOR_HEADS))


def _known_places(lexicon: AgencyLexicon) -> set[str]:
    """The places the registry's local bodies belong to ("Hải Phòng", "Hà Nội", …)."""
    entries = set(getattr(lexicon, "_by_key", {}).values())
    return {p for p in (getattr(e, "place", None) or _locality(e.name) for e in entries) if p}


def _place_in(text: str) -> str | None:
    """The first place a heading or an issuer names, in capitals or not ("ỦY BAN NHÂN DÂN
    TỈNH ĐẮK LẮK", "… làm việc với lãnh đạo tỉnh Đắk Lắk")."""
    for match in re.finditer(r"\b(?:thành phố|tỉnh|thủ đô)\s+((?:[A-ZĐÀ-Ỹ]\w*)(?:\s+[A-ZĐÀ-Ỹ]\w*){0,3})",
                             text, re.IGNORECASE):
        words = match.group(1).split()
        if not all(w[:1].isupper() for w in words):
            continue
        if all(w.isupper() for w in words):
            words = [w.capitalize() for w in words]
        return " ".join(words)
    return None


_UNKNOWN_LEAD_BEFORE = re.compile(r"\b(?:[Gg]iao(?: cho)?|[Đđ]ề nghị|[Yy]êu cầu)\s+")


_STOP_WORDS = ("trực tiếp", "chủ trì", "phối hợp", "có trách nhiệm", "chịu trách nhiệm", "là cơ quan")
_STOP_PREFIXES = tuple(w + " " for w in _STOP_WORDS)
_NAME_WORD = re.compile(r"[^\s,;:.()]+")


def _capitalised_phrase(text: str, position: int, max_words: int = 14) -> str:
    """The name starting at `position`, up to the verb that follows it: "Hiệp hội Doanh
    nghiệp thành phố [phối hợp …]", "Phó Thủ tướng Lê Minh Khái [trực tiếp chỉ đạo …]"."""
    # One word past the limit tells whether the name is too long; the rest is never read.
    words = list(islice(_NAME_WORD.finditer(text, position), max_words + 1))
    if not words or not words[0].group()[:1].isupper():
        return ""
    end = position
    for index, word in enumerate(words[:max_words]):
        if index:
            if text[words[index - 1].end():word.start()].strip():
                break  # punctuation ends the name
            # A verb after the name is in lower case; "Quản lý" in "Ban Quản lý …" is the name.
            if not word.group()[:1].isupper():
                if word.group()[:1].isalpha() and words[index - 1].group()[:1].isupper() \
                        and place_of_name(text[position:words[index - 1].end()]):
                    break  # "Bộ đội Biên phòng tỉnh Lào Cai [tuần tra …]": a place's name closes the name
                rest = match_key(text[word.start():word.start() + 40]) + " "
                if rest.startswith(_ACTION_PREFIXES) or rest.startswith(_STOP_PREFIXES) or _CUES.match(rest) \
                        or _TIME_WORDS.match(rest):
                    break
        end = word.end()
    else:
        if len(words) > max_words:
            return ""
    return text[position:end]


# The levels of local government, which end a list of them ("Ủy ban nhân dân các xã, phường").
_LEVEL_WORDS = {"xã", "phường", "đặc khu", "thị trấn", "huyện", "quận", "thị xã", "thành phố", "tỉnh"}


def _name_pieces(text: str, separators: str = r",|;|\bvà\b") -> list[str]:
    """The names a list of agencies holds, split at commas and "và", except where the piece
    after the split does not open like an agency: "Đài Phát thanh và Truyền hình tỉnh", "Báo
    và Phát thanh, Truyền hình tỉnh", "Ủy ban nhân dân các xã, phường" are one name each."""
    pieces: list[str] = []
    cursor = 0
    previous_separator = ""
    for match in [*re.finditer(separators, text), None]:
        end = match.start() if match else len(text)
        piece = text[cursor:end]
        bare = piece.strip(" .")
        if pieces and bare and pieces[-1].strip(" .") and previous_separator != ";" and not _actor_like(bare) \
                and (bare[:1].isupper() or bare in _LEVEL_WORDS):
            pieces[-1] += text[cursor - len(previous_separator):end]
        else:
            pieces.append(piece)
        if match:
            previous_separator = match.group()
            cursor = match.end()
    return [p.strip(" .") for p in pieces]


_LIST_STRETCH = re.compile(r"[^,;:.()]{1,80}?(?=\s*(?:,|;|\bvà\b))")


def _lower_case_item(text: str, at: int, end: int) -> int:
    """Where a stretch of a "phối hợp" list written in lower case ends, if it is an item or
    the words qualifying one ("lực lượng dân quân tự vệ", "có liên quan", "chức năng") and
    the list goes on after it with a capitalised name; `at` itself if it is the verb that
    ends the list (no word of it opens an action, a directive cue or a time adverbial)."""
    stretch = _LIST_STRETCH.match(text, at, end)
    if stretch is None or not stretch.group().strip():
        return at
    words = list(_NAME_WORD.finditer(stretch.group()))
    if not words or len(words) > 8 or any(w.group()[:1].isupper() for w in words):
        return at
    for word in words:
        rest = match_key(stretch.group()[word.start():]) + " "
        if rest.startswith(_ACTION_PREFIXES) or rest.startswith(_STOP_PREFIXES) or _CUES.match(rest) \
                or _TIME_WORDS.match(rest):
            return at
    link = _LIST_LINK.match(text, stretch.end(), end)
    if link is None or not text[link.end():link.end() + 1].isupper():
        return at
    return stretch.end()


def _ends_in_a_proper_name(name: str) -> bool:
    """"Trung tâm Y tế khu vực Lê Chân", "Công ty Điện lực Cao Bằng": a place's or person's
    name after the lower-case words of the head closes the name; what follows a comma is
    another name, not the rest of this one ("Trung tâm Văn hóa, Điện ảnh …" is not closed)."""
    words = name.split()
    return len(words) > 2 and words[-1][:1].isupper() and any(w[:1].islower() for w in words[1:-1])


def _list_piece(text: str, at: int, end: int, mentions: list[Mention]) -> str:
    """The piece of a "phối hợp" list starting at `at` that no known name starts: up to the
    comma before the next item ("Đài Phát thanh và Truyền hình thành phố, …"; "hình thành"
    there is no verb), the last one up to the verb after it, and up to where a known agency
    begins ("Báo Hải Phòng và [Sở Y tế]"). A place's name does not end it: it completes the
    name before it ("Công ty Cổ phần Cấp nước Hải Phòng")."""
    comma = re.match(r"[^,;:.()]{3,120}?(?=,)", text[at:end])
    phrase = comma.group() if comma else _capitalised_phrase(text, at)
    inside = [m.start for m in mentions if at < m.start < at + len(phrase) and not place_written(m.written)]
    if inside:
        phrase = text[at:inside[0]]
    phrase = _name_pieces(phrase, r"\bvà\b|,")[0] if phrase else ""
    return re.sub(r"\s+(?:và|,)?\s*$", "", phrase)


def _settle_names(task: TaskCandidate, registry: AgencyLexicon) -> None:
    """Known to the extractor means known to the commit. `registry` is the lexicon of the place
    the commit resolves names in (`intake_commit`: its issuer's); a name it `resolves` stays as
    written; one its lookup maps to a registry body under another wording ("Bộ Chỉ huy Bộ đội
    Biên phòng thành phố" in a Hải Phòng plan) takes that body's name; any other (a body only
    `registry.LOCAL_BODY_FORMS` names, a name kept as written) is unresolved, so the reviewer
    sees it before the commit refuses it."""
    for names in (task.lead, task.coordinating):
        settled: list[str] = []
        for name in names:
            if registry.resolves(name) is None:
                entry = registry.lookup(name)
                if entry is not None and entry.listed and registry.resolves(entry.name) is not None:
                    name = entry.name
                elif name not in task.unresolved:
                    task.unresolved.append(name)
            if name not in settled:
                settled.append(name)
        names[:] = settled


def _as_written(written: str) -> str:
    written = re.sub(r"\s+", " ", written).strip(" ,;:.")
    return written[:1].upper() + written[1:]


def _names(mentions: list[Mention], locality: str | None = None) -> list[str]:
    """Names to output: the registry's for a specific agency; as written for a collective
    ("các bộ, ngành") and for a place's body named without its place ("Sở Tài chính"),
    except the document's own People's Committee and Council, named in full ("UBND tỉnh" in
    a Bắc Ninh plan is "Ủy ban nhân dân tỉnh Bắc Ninh")."""
    names: list[str] = []
    for mention in mentions:
        entry = mention.entry
        if entry is not None and tuple(search_key(mention.written).split()) in _TITLE_KEYS:
            name = entry.name  # "Bộ trưởng, …" stands for the ministries themselves
        elif entry is None or entry.kind == "collective":
            name = _as_written(mention.written)
            if entry is not None and entry.name.startswith("Các ") and not re.search(r"(?i)\b(các|những)\s", name):
                name = "Các " + name[:1].lower() + name[1:]  # "cơ quan ngang bộ" → "Các cơ quan ngang bộ"
        else:
            place = getattr(entry, "place", None) or _locality(entry.name)
            own_government = entry.kind in ("peoples_committee", "peoples_council") and place == locality
            if place and search_key(place) not in search_key(mention.written) and not own_government:
                # A place's body named without its place ("Sở Tài chính", "Thanh tra thành
                # phố") is written as the text has it; the document's place tells which one.
                name = _as_written(mention.written)
            else:
                name = entry.name
        if name not in names:
            names.append(name)
    return names


_CITY_SUBJECT = re.compile(r"(?:^|,\s*)((?:thành phố|Thành phố|thủ đô|Thủ đô|tỉnh|Tỉnh)\b.*)$", re.DOTALL)


def _stated_directive(key: str, reference: dt.date | None) -> bool:
    """An order stated as a direction, an emphasis or a focus (see `_EMPHASIS`): the form's
    own verb not in the past ('đã' elsewhere, "các dự án đã được phê duyệt", says nothing),
    an action right after it, and the sentence not about what was done."""
    year = _YEAR_OPENING.match(key)
    if _PAST_OPENING.match(key) or _RESULT.search(key) or (
            # a year before the document's, or any year when the document has no date
            year and (reference is None or int(year.group(1)) < reference.year)):
        return False
    for match in (_EMPHASIS.match(key), _DIRECTED.match(key), _FOCUS_IS.search(key)):
        if match and (key[match.end():] + " ").startswith(_ACTION_PREFIXES):
            return True
    return False


def _strip_adverbials(sentence: str) -> str:
    """Drop leading adverbial and reporting clauses ("Tổng Bí thư nhấn mạnh, thành phố …")."""
    match = _CITY_SUBJECT.search(sentence)
    return match.group(1) if match else sentence


def _subject_position(prefix: list[str]) -> bool:  # noqa: C901 - small, kept together
    """The run starts the clause, or follows only an introductory phrase and a comma."""
    if not prefix:
        return True
    if prefix[-1] != "," and prefix[-1] not in ("các", "những"):
        return False
    # "Trong quá trình …, nếu …, [các bộ …]" — whatever comes before ends with a comma.
    return prefix[-1] == "," or all(t in ("các", "những") for t in prefix)


def _object_follows(after: str) -> bool:
    """The run is a complement ("… của Bộ X"), not the subject of what follows."""
    return bool(re.match(r"^(la|duoc\s+thanh\s+lap)\b", after))


def make_title(sentence: str, words: int = 14) -> str:
    text = re.sub(r"^\s*(?:[-–+•]|\d+(?:\.\d+)*[.)]|[a-zđ]\))\s*", "", sentence.strip())
    text = re.sub(r"\s+", " ", text)
    text = re.split(r"[;:]", text)[0].rstrip(" .,")
    parts = text.split(" ")
    title = " ".join(parts[:words]) + (" …" if len(parts) > words else "")
    return title[:1].upper() + title[1:]


def extract(text: str, lexicon: AgencyLexicon | None = None) -> Extraction:
    return Extractor(lexicon).extract(text)
