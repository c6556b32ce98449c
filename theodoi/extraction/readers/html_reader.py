"""HTML → lines: blocks, lists with their numbers, tables with row/col spans repeated."""

from __future__ import annotations

import codecs
import re
import unicodedata
from html.parser import HTMLParser

from theodoi.extraction.readers.common import BULLET, ReadDocument, ReadError, int_or, letter_number, roman_number
from theodoi.extraction.readers.legacy import legacy_warning, repair_legacy
from theodoi.extraction.readers.plaintext import detect_bom, decode_text

_HTML_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "h1", "h2", "h3",
    "h4", "h5", "h6", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "table", "hr", "figure",
    "figcaption", "address", "form", "fieldset", "caption", "center", "body", "html",
}
# Dropped with their content. Not <head> itself: pages often leave it unclosed.
_HTML_DROP = {"script", "style", "title", "noscript", "template", "svg", "math", "iframe", "object", "select", "button"}
_HTML_VOID = {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "param", "source", "track", "wbr"}


class _Table:
    def __init__(self) -> None:
        self.rows: list[list[str]] = []
        self.row: dict[int, str] | None = None
        self.carry: dict[int, tuple[int, str]] = {}  # column → (rows left, text) from rowspan
        self.cell: list[str] | None = None
        self.cell_column = 0
        self.cell_span = (1, 1)

    def start_row(self) -> None:
        self.end_row()
        self.row = {}

    def _fill_carried(self) -> None:
        """Fill the free columns from the left that a cell above still spans (rowspan)."""
        assert self.row is not None
        column = 0
        while True:
            while column in self.row:
                column += 1
            if column in self.carry:
                self._take_carried(column)
                continue
            return

    def _take_carried(self, column: int) -> None:
        """The cell above spans this row in `column`: repeat its text, one row fewer left."""
        assert self.row is not None
        left, text = self.carry[column]
        self.row[column] = text
        if left <= 1:
            del self.carry[column]
        else:
            self.carry[column] = (left - 1, text)

    def start_cell(self, colspan: int, rowspan: int) -> None:
        if self.row is None:
            self.start_row()
        self.end_cell()
        assert self.row is not None
        self._fill_carried()
        column = 0
        while column in self.row:
            column += 1
        self.cell_column = column
        self.cell_span = (colspan, rowspan)
        self.cell = []

    def end_cell(self) -> None:
        if self.cell is None or self.row is None:
            self.cell = None
            return
        text = re.sub(r"\s+", " ", "".join(self.cell)).strip()
        colspan, rowspan = self.cell_span
        for i in range(colspan):
            self.row[self.cell_column + i] = text
            if rowspan > 1:
                self.carry[self.cell_column + i] = (rowspan - 1, text)
        self.cell = None

    def end_row(self) -> None:
        self.end_cell()
        if self.row is None:
            return
        if self.row or self.carry:
            self._fill_carried()
            # Columns still spanned from above, right of the last cell of this row.
            for column in sorted(self.carry):
                if column not in self.row:
                    self._take_carried(column)
            if self.row:
                width = max(self.row) + 1
                self.rows.append([self.row.get(i, "") for i in range(width)])
        self.row = None

    def lines(self) -> list[str]:
        self.end_row()
        width = max((len(r) for r in self.rows), default=0)
        out = []
        for row in self.rows:
            if not any(c for c in row):
                continue
            row = row + [""] * (width - len(row))
            out.append("\t".join(row) if width > 1 else row[0])
        return out


_LIST_MARKER_ONLY = re.compile(r"^\s*(?:-|\w{1,8}[.)])\s*$")


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.drop = 0
        self.pre = 0
        self.tables: list[_Table] = []
        self.lists: list[list] = []  # [kind, counter, type]

    # -- output
    def _sink(self) -> list[str]:
        table = self.tables[-1] if self.tables else None
        if table is not None and table.cell is not None:
            return table.cell
        return self.current

    def flush(self) -> None:
        text = "".join(self.current)
        self.current = []
        lines = []
        for line in text.split("\n"):
            line = re.sub(r"[ \t\r\f\v\u00a0]+", " ", line).strip() if not self.pre else line.rstrip()
            if line:
                lines.append(line)
        if lines:
            self.blocks.append("\n".join(lines))

    def _block_break(self) -> None:
        """A block starts or ends: a space inside a table cell, else end the paragraph —
        but not right after a list marker (<li><p>text</p></li>)."""
        if self._in_cell():
            self._sink().append(" ")
        elif not _LIST_MARKER_ONLY.match("".join(self.current)):
            self.flush()

    def _in_cell(self) -> bool:
        return self._open_cell() is not None

    def _open_cell(self) -> list[str] | None:
        """The words of the table cell being read, if any."""
        return self.tables[-1].cell if self.tables else None

    # -- parser callbacks
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag in _HTML_DROP:
            if tag not in _HTML_VOID:
                self.drop += 1
            return
        if self.drop:
            return
        if tag == "table":
            cell = self._open_cell()
            if cell is not None:
                cell.append(" ")
            else:
                self.flush()
            self.tables.append(_Table())
            return
        if self.tables and tag == "tr":
            self.tables[-1].start_row()
            return
        if self.tables and tag in ("td", "th"):
            self.tables[-1].start_cell(_span(attributes.get("colspan")), _span(attributes.get("rowspan")))
            return
        if tag == "br":
            self._sink().append(" " if self._in_cell() else "\n")
            return
        if tag in ("ul", "ol"):
            kind = tag
            start = int_or(attributes.get("start"), 1)
            self.lists.append([kind, start - 1, attributes.get("type") or "1"])
        if tag == "li":
            if self._in_cell():
                self._sink().append(" ")
            else:
                self.flush()
            marker = BULLET
            if self.lists and self.lists[-1][0] == "ol":
                self.lists[-1][1] += 1
                value = int_or(attributes.get("value"), self.lists[-1][1])
                self.lists[-1][1] = value
                kind = self.lists[-1][2]
                formatted = {"a": letter_number(value), "A": letter_number(value).upper(), "i": roman_number(value),
                             "I": roman_number(value).upper()}.get(kind, str(value))
                marker = f"{formatted}." if kind in ("1", "i", "I") else f"{formatted})"
            self._sink().append(marker + " ")
            return
        if tag == "pre":
            self.flush()
            self.pre += 1
            return
        if tag in _HTML_BLOCKS:
            self._block_break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _HTML_VOID:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_DROP:
            if tag not in _HTML_VOID:
                self.drop = max(0, self.drop - 1)
            return
        if self.drop:
            return
        if tag == "table" and self.tables:
            table = self.tables.pop()
            lines = table.lines()
            cell = self._open_cell()
            if cell is not None:  # a nested table is words of the outer cell
                cell.append(" " + " ".join(line.replace("\t", " ") for line in lines) + " ")
            else:
                self.flush()
                self.blocks.extend(lines)
            return
        if self.tables and tag == "tr":
            self.tables[-1].end_row()
            return
        if self.tables and tag in ("td", "th"):
            self.tables[-1].end_cell()
            return
        if tag in ("ul", "ol"):
            if self.lists:
                self.lists.pop()
        if tag == "pre":
            self.flush()
            self.pre = max(0, self.pre - 1)
            return
        if tag in _HTML_BLOCKS or tag == "li":
            self._block_break()

    def handle_data(self, data: str) -> None:
        if self.drop:
            return
        if self.tables and self.tables[-1].cell is None and not data.strip():
            return  # white space between table tags
        self._sink().append(data)

    def text(self) -> str:
        while self.tables:
            lines = self.tables.pop().lines()
            self.flush()
            self.blocks.extend(lines)
        self.flush()
        return "\n\n".join(self.blocks)


def _span(value: str | None) -> int:
    return max(1, min(int_or(value, 1), 1000))


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def _decode_html(data: bytes) -> tuple[str, str, list[str]]:
    bom = detect_bom(data)
    if bom:
        length, codec, name = bom
        return data[length:].decode(codec, errors="replace"), name, []
    match = _META_CHARSET.search(data[:8192])
    if match:
        label = match.group(1).decode("ascii", errors="ignore").lower()
        declared: str | None = None
        try:
            declared = codecs.lookup(label).name
        except LookupError:
            pass
        if declared and declared not in ("utf-8", "utf-16", "utf-16-le", "utf-16-be"):
            name = {"cp1258": "windows-1258"}.get(declared, declared)
            text = data.decode(declared, errors="replace")
            text, legacy = repair_legacy(unicodedata.normalize("NFC", text))
            return text, legacy or name, [legacy_warning(legacy)] if legacy else []
    return decode_text(data)


def read_html(data: bytes) -> ReadDocument:
    text, encoding, warnings = _decode_html(data)
    parser = _HtmlText()
    try:
        parser.feed(text)
        parser.close()
        text = parser.text()
    except Exception as error:  # html.parser is lenient; this is only a safety net
        raise ReadError("Không đọc được tệp HTML: cấu trúc trang bị hỏng.", "corrupt") from error
    text = unicodedata.normalize("NFC", text)
    if encoding in ("utf-8", "utf-16", "utf-32", "windows-1258"):
        text, legacy = repair_legacy(text)
        if legacy:
            encoding = legacy
            warnings = warnings + [legacy_warning(legacy)]
    return ReadDocument(text, "html", encoding, warnings)

