"""DOCX → lines: body, tables (merged cells repeated), text boxes, Word's automatic numbering."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from theodoi.extraction.readers.common import (
    BULLET,
    DOCX_MAX_MEMBERS,
    DOCX_MAX_UNCOMPRESSED,
    ReadDocument,
    ReadError,
    int_or,
    letter_number,
    roman_number,
)
from theodoi.extraction.readers.legacy import legacy_warning, repair_legacy
from theodoi.lib.files import UnsafeFile, check_archive

if TYPE_CHECKING:  # python-docx is imported only when a DOCX is read
    from docx.document import Document as DocxDocument
    from docx.oxml.xmlchemy import BaseOxmlElement as Element

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_P, _TBL, _TR, _TC, _SDT, _SDT_CONTENT, _CUSTOM_XML = (
    _W + "p", _W + "tbl", _W + "tr", _W + "tc", _W + "sdt", _W + "sdtContent", _W + "customXml")
_T, _TAB, _PTAB, _BR, _CR = _W + "t", _W + "tab", _W + "ptab", _W + "br", _W + "cr"
_NO_BREAK_HYPHEN, _SOFT_HYPHEN, _TXBX = _W + "noBreakHyphen", _W + "softHyphen", _W + "txbxContent"
# Never text: properties (w:pPr holds tab stops named w:tab), deleted or moved-away
# revisions, field codes, and the VML copy Word keeps of every drawing (mc:Fallback).
_SKIP = {_W + "pPr", _W + "rPr", _W + "del", _W + "moveFrom", _W + "instrText", _W + "delText",
         _W + "tblPr", _W + "trPr", _W + "tcPr", _W + "sectPr", _MC + "Fallback"}
_VAL = _W + "val"
_DOCX_CORRUPT = ("Tệp DOCX bị hỏng hoặc không đầy đủ (có thể tải lên bị ngắt giữa chừng): "
                 "hãy mở bằng Word, lưu lại rồi tải lên lần nữa.")


def _check_zip(data: bytes, named_docx: bool = True) -> zipfile.ZipFile:
    """Open the zip and refuse bombs (counted on the bytes each member really inflates to,
    in bounded chunks), truncated archives and non-Word archives before python-docx reads it."""
    try:
        archive = check_archive(data, max_inflated=DOCX_MAX_UNCOMPRESSED, max_members=DOCX_MAX_MEMBERS)
    except UnsafeFile as error:
        if error.code == "corrupt":
            raise ReadError(_DOCX_CORRUPT, "corrupt") from error
        raise ReadError(error.message, "unsafe") from error
    members = archive.infolist()
    names = {m.filename for m in members}
    if "word/document.xml" not in names:
        if "xl/workbook.xml" in names:
            raise ReadError("Đây là bảng tính (XLSX), không phải văn bản: hãy dùng chức năng "
                            "Nhập bảng nhiệm vụ.", "unsupported")
        if not named_docx:
            raise ReadError("Tệp không phải văn bản: tệp nén ZIP nhưng không phải DOCX "
                            "(không có word/document.xml).", "not_text")
        raise ReadError("Tệp DOCX không hợp lệ: thiếu phần nội dung chính (word/document.xml). "
                        "Hãy mở bằng Word và lưu lại dưới dạng .docx.", "corrupt")
    return archive


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str | None = None  # lvlText, e.g. "%1." or "%1.%2."; None: no marker
    legal: bool = False  # isLgl: show every level in decimal


def _format_number(n: int, fmt: str) -> str:
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return letter_number(n)
    if fmt == "upperLetter":
        return letter_number(n).upper()
    if fmt == "lowerRoman":
        return roman_number(n)
    if fmt == "upperRoman":
        return roman_number(n).upper()
    if fmt == "none":
        return ""
    return str(n)  # decimal and everything we do not spell out (ordinal, cardinalText, …)


class _Numbering:
    """Word's automatic numbering (numbering.xml) replayed in document order.

    Counters live per abstract numbering definition and level, as in Word: paragraphs of
    two w:num that share an abstractNum continue one list, unless the later w:num restarts
    it with a w:startOverride (which is how Word writes "Restart at 1"). Numbering one
    level restarts every deeper level.
    """

    def __init__(self, numbering: Element | None, styles: Element | None) -> None:
        self.abstract_of: dict[str, str] = {}
        self.overrides: dict[str, dict[int, tuple[int | None, _Level | None]]] = {}
        self.levels: dict[str, dict[int, _Level]] = {}
        self.style_link: dict[str, str] = {}  # abstractNum with numStyleLink → style id
        self.level_of_style: dict[str, int] = {}
        self.counters: dict[str, dict[int, int]] = {}
        self.used_nums: set[str] = set()
        self.styles: dict[str, tuple[str | None, str | None, str | None]] = {}
        if styles is not None:
            for style in styles.iter(_W + "style"):
                style_num_id: str | None = None
                style_ilvl: str | None = None
                num_pr = style.find(f"{_W}pPr/{_W}numPr")
                if num_pr is not None:
                    style_num_id = _val(num_pr.find(_W + "numId"))
                    style_ilvl = _val(num_pr.find(_W + "ilvl"))
                based_on = _val(style.find(_W + "basedOn"))
                self.styles[style.get(_W + "styleId") or ""] = (style_num_id, style_ilvl, based_on)
        if numbering is None:
            return
        for abstract in numbering.iter(_W + "abstractNum"):
            abstract_id = abstract.get(_W + "abstractNumId") or ""
            link = _val(abstract.find(_W + "numStyleLink"))
            if link:
                self.style_link[abstract_id] = link
            levels: dict[int, _Level] = {}
            for lvl in abstract.iter(_W + "lvl"):
                level = _level(lvl)
                ilvl = int_or(lvl.get(_W + "ilvl"), 0)
                levels[ilvl] = level
                p_style = _val(lvl.find(_W + "pStyle"))
                if p_style:
                    self.level_of_style[p_style] = ilvl
            self.levels[abstract_id] = levels
        for num in numbering.iter(_W + "num"):
            num_id = num.get(_W + "numId") or ""
            self.abstract_of[num_id] = _val(num.find(_W + "abstractNumId")) or ""
            overrides: dict[int, tuple[int | None, _Level | None]] = {}
            for override in num.iter(_W + "lvlOverride"):
                ilvl = int_or(override.get(_W + "ilvl"), 0)
                start = override.find(_W + "startOverride")
                lvl = override.find(_W + "lvl")
                overrides[ilvl] = (int_or(_val(start), 1) if start is not None else None,
                                   _level(lvl) if lvl is not None else None)
            self.overrides[num_id] = overrides

    def _num_pr(self, paragraph: Element) -> tuple[str | None, int | None, str | None]:
        num_pr = paragraph.find(f"{_W}pPr/{_W}numPr")
        num_id = ilvl = None
        if num_pr is not None:
            num_id = _val(num_pr.find(_W + "numId"))
            ilvl = _val(num_pr.find(_W + "ilvl"))
        style_id = _val(paragraph.find(f"{_W}pPr/{_W}pStyle"))
        seen = set()
        current = style_id
        while (num_id is None or ilvl is None) and current and current not in seen:
            seen.add(current)
            s_num, s_ilvl, based_on = self.styles.get(current, (None, None, None))
            if num_id is None and s_num is not None:
                num_id = s_num
                style_id = current
            if ilvl is None and s_ilvl is not None:
                ilvl = s_ilvl
            current = based_on
        level = int_or(ilvl, -1) if ilvl is not None else None
        return num_id, level, style_id

    def _abstract(self, num_id: str) -> str | None:
        abstract_id = self.abstract_of.get(num_id)
        for _ in range(3):  # abstractNum → numStyleLink → style → num → abstractNum
            if abstract_id is None or abstract_id not in self.style_link:
                break
            linked_num = self.styles.get(self.style_link[abstract_id], (None, None, None))[0]
            abstract_id = self.abstract_of.get(linked_num or "")
        return abstract_id

    def marker(self, paragraph: Element) -> str:
        """The number or bullet Word shows before `paragraph` ("" if none); advances the count."""
        num_id, ilvl, style_id = self._num_pr(paragraph)
        if not num_id or num_id == "0":
            return ""
        abstract_id = self._abstract(num_id)
        if abstract_id is None:
            return ""
        if ilvl is None or ilvl < 0:
            ilvl = self.level_of_style.get(style_id or "", 0)
        ilvl = max(0, min(ilvl, 8))
        levels = dict(self.levels.get(abstract_id, {}))
        overrides = self.overrides.get(num_id, {})
        for level_index, (_, level) in overrides.items():
            if level is not None:
                levels[level_index] = level
        counters = self.counters.setdefault(abstract_id, {})
        if num_id not in self.used_nums:
            self.used_nums.add(num_id)
            for level_index, (start, _) in overrides.items():
                if start is not None:
                    counters[level_index] = start - 1
                    for deeper in [k for k in counters if k > level_index]:
                        del counters[deeper]
        level = levels.get(ilvl, _Level())
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else level.start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        if level.fmt == "bullet":
            return BULLET if level.text != "" else ""
        if not level.text:
            return ""

        def number(match: re.Match[str]) -> str:
            index = int(match.group(1)) - 1
            shown = levels.get(index, _Level())
            value = counters.get(index, shown.start)
            fmt = "decimal" if level.legal and shown.fmt != "none" else shown.fmt
            return _format_number(value, fmt)

        return re.sub(r"%([1-9])", number, level.text).strip()


def _val(element: Element | None) -> str | None:
    return element.get(_VAL) if element is not None else None


def _level(lvl: Element) -> _Level:
    fmt_element = lvl.find(_W + "numFmt")
    if fmt_element is None:  # Word 2010+ writes custom formats in mc:AlternateContent
        fmt_element = next((e for e in lvl.iter(_W + "numFmt") if _val(e) != "custom"), None)
    text = lvl.find(_W + "lvlText")
    return _Level(
        start=int_or(_val(lvl.find(_W + "start")), 1),
        fmt=_val(fmt_element) or "decimal",
        text=_val(text) if text is not None else None,
        legal=lvl.find(_W + "isLgl") is not None and _val(lvl.find(_W + "isLgl")) not in ("0", "false"),
    )


def _grid_attr(parent: Element, path: str) -> int:
    return int_or(_val(parent.find(path)), 0)


def _children(element: Element, tag: str) -> Iterator[Element]:
    """Children with `tag`, looking through content controls and custom XML wrappers."""
    for child in element.iterchildren():
        if child.tag == tag:
            yield child
        elif child.tag in (_SDT, _CUSTOM_XML):
            inner = child.find(_SDT_CONTENT) if child.tag == _SDT else child
            if inner is not None:
                yield from _children(inner, tag)


class _DocxWalker:
    def __init__(self, numbering: _Numbering) -> None:
        self.numbering = numbering

    def blocks(self, parent: Element) -> Iterator[str]:
        """Paragraph and table-row lines of a body, cell or text box, in order."""
        for child in parent.iterchildren():
            tag = child.tag
            if tag == _P:
                yield from self.paragraph(child)
            elif tag == _TBL:
                yield from self.table(child)
            elif tag == _SDT:
                content = child.find(_SDT_CONTENT)
                if content is not None:
                    yield from self.blocks(content)
            elif tag == _CUSTOM_XML:
                yield from self.blocks(child)

    def paragraph(self, paragraph: Element, keep_empty: bool = False) -> Iterator[str]:
        pieces: list[str] = []
        boxes: list[Element] = []
        self._runs(paragraph, pieces, boxes)
        text = "".join(pieces)
        text = "\n".join(re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.split("\n")).strip()
        marker = self.numbering.marker(paragraph)
        if marker and text:
            text = f"{marker} {text}"
        elif marker and keep_empty:
            text = marker
        if text:
            yield text
        for box in boxes:  # text boxes anchored in the paragraph come after it
            yield from self.blocks(box)

    def _runs(self, element: Element, pieces: list[str], boxes: list[Element]) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag in _SKIP:
                continue
            if tag == _T:
                pieces.append(child.text or "")
            elif tag in (_TAB, _PTAB):
                pieces.append(" ")  # a tab inside a paragraph aligns text; it is no table cell
            elif tag in (_BR, _CR):
                pieces.append("\n")
            elif tag == _NO_BREAK_HYPHEN:
                pieces.append("-")
            elif tag == _SOFT_HYPHEN:
                continue
            elif tag == _TXBX:
                boxes.append(child)
            elif tag in (_P, _TBL):  # block content met inside a run (rare): keep its words
                pieces.append(" " + " ".join(self.blocks_of(child)) + " ")
            else:
                self._runs(child, pieces, boxes)

    def blocks_of(self, element: Element) -> Iterator[str]:
        if element.tag == _P:
            yield from self.paragraph(element)
        else:
            yield from self.table(element)

    def cell_text(self, cell: Element) -> str:
        pieces: list[str] = []
        for child in cell.iterchildren():
            if child.tag == _P:
                pieces.extend(self.paragraph(child, keep_empty=True))
            elif child.tag == _TBL:
                pieces.extend(self.table(child))
            elif child.tag == _CUSTOM_XML:
                pieces.append(self.cell_text(child))
            elif child.tag == _SDT and child.find(_SDT_CONTENT) is not None:
                pieces.append(self.cell_text(child.find(_SDT_CONTENT)))
        # Line breaks and paragraphs inside a cell, and cells of a nested table, become spaces.
        return re.sub(r"\s+", " ", " ".join(pieces)).strip()

    def table(self, table: Element) -> Iterator[str]:
        """One line per row, TAB between grid columns: a cell spanning columns (gridSpan)
        repeats its text in each, a vertically merged cell repeats the value above."""
        rows: list[list[str]] = []
        above: dict[int, str] = {}
        for row in _children(table, _TR):
            column = _grid_attr(row, f"{_W}trPr/{_W}gridBefore")
            cells: dict[int, str] = {i: "" for i in range(column)}
            previous_text = ""
            for cell in _children(row, _TC):
                span = max(1, _grid_attr(cell, f"{_W}tcPr/{_W}gridSpan") or 1)
                v_merge = cell.find(f"{_W}tcPr/{_W}vMerge")
                h_merge = cell.find(f"{_W}tcPr/{_W}hMerge")
                if v_merge is not None and _val(v_merge) in (None, "continue"):
                    texts = [above.get(column + i, "") for i in range(span)]
                else:
                    text = self.cell_text(cell)
                    if h_merge is not None and _val(h_merge) in (None, "continue"):
                        text = previous_text  # Word 97 horizontal merge
                    texts = [text] * span
                for i, text in enumerate(texts):
                    cells[column + i] = text
                previous_text = texts[-1]
                column += span
            for i in range(_grid_attr(row, f"{_W}trPr/{_W}gridAfter")):
                cells[column + i] = ""
            width = max(cells) + 1 if cells else 0
            values = [cells.get(i, "") for i in range(width)]
            above = dict(enumerate(values))
            rows.append(values)
        width = max((len(r) for r in rows), default=0)
        for values in rows:
            if not any(v.strip() for v in values):
                continue
            values = values + [""] * (width - len(values))
            if width == 1:
                yield values[0]
            else:
                yield "\t".join(v.replace("\t", " ") for v in values)


def read_docx(data: bytes, named_docx: bool = True) -> ReadDocument:
    _check_zip(data, named_docx).close()
    try:
        import docx  # python-docx

        document = docx.Document(io.BytesIO(data))
        body = document.element.body
    except ReadError:
        raise
    except Exception as error:  # python-docx and lxml raise many kinds on damaged files
        raise ReadError(_DOCX_CORRUPT, "corrupt") from error
    try:
        numbering = _numbering_element(document)
        styles = document.styles.element
    except Exception:  # a damaged numbering or styles part: read the text without numbers
        numbering, styles = None, None
    walker = _DocxWalker(_Numbering(numbering, styles))
    try:
        blocks = list(walker.blocks(body))
    except RecursionError as error:
        raise ReadError("Tệp DOCX có cấu trúc lồng nhau quá sâu: không đọc được.", "corrupt") from error
    text = "\n\n".join(blocks)
    warnings: list[str] = []
    text, legacy = repair_legacy(text)
    if legacy:
        warnings.append(legacy_warning(legacy))
    return ReadDocument(text, "docx", None, warnings)


def _numbering_element(document: DocxDocument) -> Element | None:
    """numbering.xml of the document, or None (python-docx would create an empty one)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    for rel in document.part.rels.values():
        if rel.reltype == RT.NUMBERING and not rel.is_external:
            return rel.target_part.element
    return None

