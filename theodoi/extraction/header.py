"""Document header: number, issuer, place and date, kind, title, and what it implements.

Works on formal documents ("Số: 12/NQ-CP", "Hà Nội, ngày 07 tháng 02 năm 2023") and on
news reports about one ("Chính phủ đã ban hành Nghị quyết 7/NQ-CP ngày 10/1/2025 …").
"""

import datetime as dt
import re
from dataclasses import asdict, dataclass, field

from theodoi.core.text import search_key
from theodoi.extraction.lexicon import AgencyLexicon

# 7/NQ-CP, 96-KL/TW, 45-NQ/TW, 97/2019/QH14, 1234/QĐ-TTg, 35-CT/TW, 15/2024/NĐ-CP
NUMBER = r"\d{1,5}(?:/\d{4})?[/-](?:[A-ZĐ]{1,6}[&]?)(?:[-/][A-ZĐ0-9]{1,8}){0,3}"
_NUMBER_RE = re.compile(r"(?<![\w/])(" + NUMBER + r")(?![\w/])")

KINDS = {
    "nghi quyet": "nghi-quyet", "ket luan": "ket-luan", "chi thi": "chi-thi",
    "chuong trinh": "chuong-trinh", "ke hoach": "ke-hoach", "quyet dinh": "quyet-dinh",
    "thong bao": "thong-bao", "bao cao": "bao-cao",
}
_KIND_CODES = {"NQ": "nghi-quyet", "KL": "ket-luan", "CT": "chi-thi", "CTr": "chuong-trinh",
               "KH": "ke-hoach", "QĐ": "quyet-dinh", "TB": "thong-bao", "BC": "bao-cao"}
# Who issues a document, from the tail of its number.
_ISSUER_SUFFIX = {"CP": "Chính phủ", "TTg": "Thủ tướng Chính phủ", "QH": "Quốc hội",
                  "UBTVQH": "Ủy ban Thường vụ Quốc hội", "VPCP": "Văn phòng Chính phủ"}

_DATE_WORDS = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})", re.IGNORECASE)
_DATE_SLASH = re.compile(r"ngày\s+(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})", re.IGNORECASE)
_PLACE_DATE = re.compile(r"([A-ZĐÀ-Ỹ][^\n\t,]{1,40}),\s*ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})\s+năm\s+(\d{4})")
_SO = re.compile(r"Số\s*:\s*(" + NUMBER + r")")
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

    def as_dict(self) -> dict:
        data = asdict(self)
        data["issued_on"] = self.issued_on.isoformat() if self.issued_on else None
        data.pop("place")
        return data


def _date(day: str, month: str, year: str) -> dt.date | None:
    try:
        return dt.date(int(year), int(month), int(day))
    except ValueError:
        return None


def _kind_from_number(number: str) -> str | None:
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
        first_line = text.split("\n", 1)[0]
        issuer_text = re.split(r"\t|CỘNG HÒA|CỘNG HOÀ", first_line)[0]
        issuer_text = re.sub(r"[-–_]{2,}.*", "", issuer_text).strip()
        entry = lexicon.lookup(issuer_text) if issuer_text else None
        header.issuer = entry.name if entry else (issuer_text.title() if issuer_text else None)
        header.issuer = header.issuer or _issuer_from_number(header.number)
        header.kind = _kind_from_number(header.number) or "other"
        lines = [line.strip() for line in text[formal.end():formal.end() + 2500].split("\n")]
        title_lines: list[str] = []
        for line in lines:
            if not line or "ngày" in line and "tháng" in line and not title_lines and len(line) < 60:
                if title_lines:
                    break
                continue
            letters = [c for c in line if c.isalpha()]
            if letters and sum(c.isupper() for c in letters) / len(letters) > 0.85:
                key = search_key(line)
                if not title_lines and key in KINDS:
                    header.kind = KINDS[key]
                    continue
                if search_key(header.issuer or "") == key:
                    break
                title_lines.append(line)
            elif title_lines:
                break
        if not title_lines:
            # Notices give their subject in ordinary case on the line after the kind.
            after_kind = [line for line in lines if line and search_key(line) not in KINDS
                          and not re.match(r"^[A-ZĐ][^,]{0,40},\s*ngày", line)]
            title_lines = after_kind[:1]
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
