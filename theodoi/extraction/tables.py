"""Task tables: header recognition shared by the importer and the extractor (no Django)."""

import re

from theodoi.lib.text import search_key

# Header spellings (accent-insensitive) for each column we understand.
COLUMNS: dict[str, tuple[str, ...]] = {
    "stt": ("stt", "tt", "so tt", "so thu tu"),
    "title": ("nhiem vu", "ten nhiem vu", "noi dung nhiem vu", "noi dung", "nhiem vu, giai phap",
              "nhiem vu cu the", "ten de an, nhiem vu", "ten de an", "nhiem vu, de an, du an",
              "ten nhiem vu, de an", "de an, nhiem vu", "nhiem vu, de an", "noi dung cong viec",
              "cong viec", "ten cong viec"),
    "lead": ("co quan chu tri", "don vi chu tri", "chu tri", "co quan chu tri thuc hien",
             "co quan, don vi chu tri", "co quan thuc hien", "don vi thuc hien", "co quan chu tri soan thao",
             "don vi chu tri thuc hien", "co quan, don vi chu tri thuc hien"),
    "coordinating": ("co quan phoi hop", "don vi phoi hop", "phoi hop", "co quan, don vi phoi hop",
                     "co quan phoi hop thuc hien", "don vi phoi hop thuc hien"),
    "output": ("san pham", "san pham dau ra", "hinh thuc san pham", "hinh thuc van ban", "ket qua dau ra",
               "san pham hoan thanh", "hinh thuc"),
    "deadline": ("thoi gian hoan thanh", "thoi han hoan thanh", "thoi han", "thoi gian trinh",
                 "thoi gian thuc hien", "thoi gian", "tien do hoan thanh", "tien do", "thoi han trinh",
                 "thoi gian trinh, ban hanh", "thoi gian ban hanh"),
    "level": ("cap trinh", "cap ban hanh", "co quan ban hanh", "cap co tham quyen", "cap phe duyet"),
    "domain": ("linh vuc",),
    "quote": ("trich dan", "trich dan van ban", "nguon", "noi dung goc"),
}
_PARENTHESES = re.compile(r"\(.*?\)")


def header_column(cell: str) -> str | None:
    """Which column a header cell names, whatever its spelling and accents."""
    key = search_key(_PARENTHESES.sub(" ", cell)).strip(" .:*")
    if not key:
        return None
    for column, spellings in COLUMNS.items():
        if key in spellings:
            return column
    for column, spellings in COLUMNS.items():
        if any(key.startswith(s + " ") or key.startswith(s + ",") for s in spellings if len(s) > 3):
            return column
    return None


def header_mapping(cells: list[str]) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for position, cell in enumerate(cells):
        column = header_column(cell or "")
        if column and column not in mapping:
            mapping[column] = position
    return mapping


ROMAN_GROUP = re.compile(r"^(?:[IVXLC]+|[A-Z])\.?$")


def is_group_row(cells: list[str], mapping: dict[str, int]) -> bool:
    """A row that only carries a heading ("I. NHIỆM VỤ VỀ …", often repeated across cells)."""
    filled = [c.strip() for c in cells if c and c.strip()]
    if not filled:
        return False

    def cell(column: str) -> str:
        position = mapping.get(column)
        return cells[position].strip() if position is not None and position < len(cells) else ""

    distinct = set(filled)
    stt, lead, title = cell("stt"), cell("lead"), cell("title")
    if len(distinct) == 1:
        return True
    if len(distinct - {stt}) == 1 and (ROMAN_GROUP.match(stt) or not stt):
        return True
    if lead:
        return False
    return bool(ROMAN_GROUP.match(stt) or re.match(r"^[IVX]+\.\s", title))
