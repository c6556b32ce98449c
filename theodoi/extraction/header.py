"""Document header: number, issuer, place and date, kind, title, and what it implements.

Works on formal documents ("Số: 12/NQ-CP", "Hà Nội, ngày 07 tháng 02 năm 2023") and on
news reports about one ("Chính phủ đã ban hành Nghị quyết 7/NQ-CP ngày 10/1/2025 …").
"""

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from theodoi.extraction.lexicon import AgencyLexicon
from theodoi.lib.text import is_mostly_capitals, search_key

# 7/NQ-CP, 96-KL/TW, 45-NQ/TW, 97/2019/QH14, 1234/QĐ-TTg, 35-CT/TW, 15/2024/NĐ-CP
# The tail may have lower-case letters: 05/CT-TTg, 12/QĐ-BTTTT, 3/2024/TT-BKHCN.
NUMBER = r"\d{1,5}(?:/\d{4})?[/-](?:[A-ZĐ]{1,6}[&]?)(?:[-/][A-ZĐ0-9][A-Za-zĐđ0-9]{0,9}){0,3}"
_NUMBER_RE = re.compile(r"(?<![\w/])(" + NUMBER + r")(?![\w/])")

KINDS = {
    "nghi quyet": "nghi-quyet", "ket luan": "ket-luan", "chi thi": "chi-thi",
    "chuong trinh": "chuong-trinh", "ke hoach": "ke-hoach", "quyet dinh": "quyet-dinh",
    "thong bao": "thong-bao", "bao cao": "bao-cao", "cong dien": "other",
}
_KIND_CODES = {"NQ": "nghi-quyet", "KL": "ket-luan", "CT": "chi-thi", "CTr": "chuong-trinh",
               "KH": "ke-hoach", "QĐ": "quyet-dinh", "TB": "thong-bao", "BC": "bao-cao"}
# Who issues a document, from the tail of its number.
_ISSUER_SUFFIX = {"CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ", "QH": "Quốc hội",
                  "UBTVQH": "Ủy ban Thường vụ Quốc hội", "VPCP": "Văn phòng Chính phủ"}

_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_DATE_SLASH = re.compile(r"ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", re.IGNORECASE)
_PLACE_DATE = re.compile(r"([A-ZĐÀ-Ỹ][^\n\t,]{1,40}),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_SO = re.compile(r"Số\s*:?\s*(" + NUMBER + r")")  # Party documents write "Số 96-KL/TW"
_IMPLEMENTS = re.compile(
    r"(?:thực hiện|triển khai|tiếp tục thực hiện|cụ thể hóa|quán triệt)\s+(?:[^.;\n]{0,80}?)"
    r"(?:Nghị quyết|Kết luận|Chỉ thị|Quyết định|Chương trình|Kế hoạch|Thông báo)\s+(?:số\s+)?(" + NUMBER + ")",
    re.IGNORECASE,
)
_ANY_REFERENCE = re.compile(
    r"(Nghị quyết|Kết luận|Chỉ thị|Quyết định|Chương trình|Kế hoạch|Thông báo)\s+(?:số\s+)?(" + NUMBER + ")",
)


@dataclass
class DocumentHeader:
    number: str | None = None
    kind: str = "other"
    issuer: str | None = None
    issued_on: dt.date | None = None
    place: str | None = None
    title: str = ""
    implements: list[str] = field(default_factory=list)
    body_start: int = 0  # where the letterhead and title end

    def as_dict(self) -> dict:
        data = asdict(self)
        data["issued_on"] = self.issued_on.isoformat() if self.issued_on else None
        data.pop("place")
        data.pop("body_start")
        return data


_PLACE_WORDS = ("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu")


def name_from_capitals(text: str) -> str:
    """"ỦY BAN NHÂN DÂN TỈNH QUẢNG NINH" → "Ủy ban nhân dân tỉnh Quảng Ninh",
    "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG" → "Sở Tài nguyên và Môi trường": the state's spelling."""
    words = text.lower().replace(",", " ,").split()
    if not words:
        return text
    field_head = words[0] in ("bộ", "sở", "cục", "vụ", "viện", "ban", "tổng")
    out = [words[0].capitalize()]
    place = False
    capitalise_next = field_head
    i = 1
    while i < len(words):
        word = words[i]
        two = " ".join(words[i:i + 2])
        if two in _PLACE_WORDS or word in _PLACE_WORDS:
            step = 2 if two in _PLACE_WORDS else 1
            out.extend(words[i:i + step])
            i += step
            place, capitalise_next = True, False
            continue
        if word == "cục" and out[-1] == "Tổng":
            out.append(word)
            i += 1
            continue
        out.append(word.capitalize() if (place or capitalise_next) else word)
        capitalise_next = field_head and word in ("và", ",")
        i += 1
    return " ".join(out).replace(" ,", ",")


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def kind_from_number(number: str) -> str | None:
    parts = re.split(r"[-/]", number)
    for part in parts[1:]:
        if part in _KIND_CODES:
            return _KIND_CODES[part]
    return None


def _issuer_from_number(number: str) -> str | None:
    tail = re.split(r"[-/]", number)[-1]
    tail = re.sub(r"\d+$", "", tail)
    return _ISSUER_SUFFIX.get(tail)


def _unique(items: list[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def parse_header(text: str, lexicon: AgencyLexicon) -> DocumentHeader:
    head = text[:3000]
    header = DocumentHeader()
    formal = _SO.search(head[:1500])
    if formal:
        header.number = formal.group(1)
        place_date = _PLACE_DATE.search(head[:1500])
        if place_date:
            header.place = place_date.group(1).strip()
            header.issued_on = _date(*place_date.groups()[1:])
        # The issuer heads the first line, before the national motto.
        first_line, _, rest = text.partition("\n")
        issuer_text = re.split(r"\t|CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN", first_line)[0]
        issuer_text = re.sub(r"[-–_]{2,}.*", "", issuer_text).strip()
        # A letterhead set on two lines: "ỦY BAN NHÂN DÂN" / "TỈNH CAO BẰNG".
        second = re.split(r"\t|CỘNG HÒA|CỘNG HOÀ|ĐỘC LẬP|Độc lập", rest.split("\n", 1)[0])[0].strip()
        if issuer_text and re.match(r"^(?:TỈNH|THÀNH PHỐ|TP\.?|THỦ ĐÔ)\s+\S", second) and is_mostly_capitals(second) \
                and not _SO.search(second):
            issuer_text = f"{issuer_text} {re.sub(r'[-–_]{2,}.*', '', second).strip()}"
        entry = lexicon.lookup(issuer_text) if issuer_text else None
        header.issuer = entry.name if entry else (name_from_capitals(issuer_text) if issuer_text else None)
        header.issuer = header.issuer or _issuer_from_number(header.number)
        header.kind = kind_from_number(header.number) or "other"
        title_lines: list[str] = []
        seen_kind = False
        for match in re.finditer(r"[^\n]*", text[formal.end():formal.end() + 2500]):
            line = match.group().strip()
            line_end = formal.end() + match.end()
            key = search_key(line)
            if not line:
                continue
            if (not title_lines and (_PLACE_DATE.search(line) or key.startswith("doc lap")
                                     or re.fullmatch(r"[-–_\s]+", line))):
                continue  # the rest of the letterhead
            upper = is_mostly_capitals(line)
            if not seen_kind and key in KINDS:
                header.kind = KINDS[key]
                seen_kind = True
                header.body_start = line_end
                continue
            if seen_kind and not title_lines and key.startswith("cua "):
                # "KẾT LUẬN / CỦA BỘ CHÍNH TRỊ": the body that speaks, under its Party committee.
                entry = lexicon.lookup(line[4:].strip())
                if entry:
                    header.issuer = entry.name
                    header.body_start = line_end
                    continue
            if upper and key != search_key(header.issuer or "") and not re.match(r"^[IVX]+\.\s", line):
                title_lines.append(line)
                header.body_start = line_end
                continue
            if seen_kind and not title_lines and not upper:
                # "Về việc …", "Triển khai thực hiện …": the subject line in ordinary case.
                title_lines.append(line)
                header.body_start = line_end
            break
        header.title = " ".join(title_lines)
        header.implements = _unique(
            [m.group(1) for m in _IMPLEMENTS.finditer(header.title + "\n" + text[:6000])
             if m.group(1) != header.number]
        )
        return header

    # A news report: the first document that is "issued" or otherwise named first.
    # Only a document the report says was issued is "the" document; a report of a
    # meeting that merely mentions documents has no number of its own.
    reference = None
    for match in _ANY_REFERENCE.finditer(head):
        before = head[max(0, match.start() - 60):match.start()]
        if re.search(r"ban hành|\bký\b|thông qua|công bố", before):
            reference = match
            break
    if reference is None:
        header.implements = _unique([m.group(1) for m in _IMPLEMENTS.finditer(head[:1500])])
        return header
    header.number = reference.group(2)
    header.kind = KINDS.get(search_key(reference.group(1)), "other")
    after = head[reference.end():reference.end() + 40]
    date = _DATE_SLASH.match(after.strip()) or _DATE_WORDS.match(after.strip())
    if date:
        header.issued_on = _date(*date.groups())
    sentence_start = head.rfind(".", 0, reference.start()) + 1
    subject = head[sentence_start:reference.start()]
    subject = re.split(r"\s+(?:đã|vừa|mới)?\s*(?:ban hành|ký|thông qua)\b", subject)[0].strip(" ,")
    entry = lexicon.lookup(subject) if subject else None
    header.issuer = entry.name if entry else _issuer_from_number(header.number)
    sentence_end = head.find(".\n", reference.end())
    sentence = head[reference.start():sentence_end if sentence_end > 0 else len(head)]
    header.title = sentence[:300].strip()
    header.implements = _unique(
        [m.group(1) for m in _IMPLEMENTS.finditer(sentence)]
        + [m.group(2) for m in _ANY_REFERENCE.finditer(sentence) if m.group(2) != header.number]
    )
    return header
