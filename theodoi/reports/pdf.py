"""The official report as PDF, drawn with fpdf2 in the Decree 30/2020/NĐ-CP layout.

The same content as the DOCX (`official.ReportContent`: its sentences and its grids), laid out
here: A4, margins 20 mm top and bottom, 30 mm left, 15 mm right; Times New Roman where it is
installed, else Liberation Serif 2 (Debian `fonts-liberation2`: Times New Roman's metrics and,
unlike the 1.07 of `fonts-liberation`, every Vietnamese letter); 13 pt body, 14 pt title.

Lines are broken here, word by word with widths cached per word, and drawn with `FPDF.text`:
fpdf2's own `multi_cell`/`table` re-measure a line for every character added, which took some
20 s for the 1,000-row task table (WeasyPrint took 14 s with one core free). The task table's
header row is drawn again at the top of each page; a row longer than a page goes on over the next.
"""

import copy
import io
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from fontTools import ttLib
from fpdf import FPDF
from fpdf.fonts import SubsetMap, TTFFont

from theodoi.reports.official import Grid, ReportContent

PT = 25.4 / 72  # mm per point
PAGE_W, PAGE_H = 210.0, 297.0
LEFT, RIGHT, TOP, BOTTOM = 30.0, 15.0, 20.0, 20.0
WIDTH = PAGE_W - LEFT - RIGHT  # 165 mm
STYLES = ("", "B", "I", "BI")

# (family, folder, file per style): the first one installed is used.
SERIF_FACES = (
    ("Times New Roman", "/usr/share/fonts/truetype/msttcorefonts",
     ("Times_New_Roman.ttf", "Times_New_Roman_Bold.ttf", "Times_New_Roman_Italic.ttf",
      "Times_New_Roman_Bold_Italic.ttf")),
    ("Liberation Serif", "/usr/share/fonts/truetype/liberation2",
     ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
      "LiberationSerif-BoldItalic.ttf")),
)
# The indicators' SVG charts ask for "Liberation Sans, Arial, sans-serif".
SANS_FACE = ("Liberation Sans", "/usr/share/fonts/truetype/liberation2",
             ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf"))


@lru_cache(maxsize=1)
def serif_face() -> tuple[str, dict[str, Path]]:
    for family, folder, files in SERIF_FACES:
        paths = {style: Path(folder) / name for style, name in zip(STYLES, files)}
        if all(path.exists() for path in paths.values()):
            return family, paths
    raise ImproperlyConfigured("The official report's PDF needs Times New Roman or Liberation Serif 2 "
                               "(Debian: apt-get install fonts-liberation2).")


# Reading a face (its character widths and glyph ids) takes fpdf2 a tenth of a second or more;
# a report uses five or six. Each is read once per process and kept here; every PDF gets
# its own copy of it, since writing a PDF subsets the font's tables in place and records
# the characters that PDF used.
_faces: dict[tuple[str, str, str], TTFFont] = {}
_faces_lock = threading.Lock()


def add_font(pdf: FPDF, family: str, style: str, path: Path | str) -> None:
    """`pdf.add_font(family, style, path)`, with the font read once per process."""
    fontkey = f"{family.lower()}{style}"
    key = (fontkey, style, str(path))
    with _faces_lock:
        read = _faces.get(key)
        if read is None:
            read = _faces[key] = TTFFont(FPDF(), Path(path), fontkey, style)
            read.ttfont.close()  # what a PDF needs of the file was read; each PDF opens its own
    font = copy.copy(read)  # shares what is only read: the widths, the character map, the descriptor
    font.i = len(pdf.fonts) + 1
    font.cw = copy.copy(read.cw)  # a defaultdict, which a lookup of a missing character writes to
    font.ttfont = ttLib.TTFont(read.ttffile, recalcTimestamp=False, lazy=True)  # subset by this PDF only
    font.subset = SubsetMap(font)
    font.missing_glyphs = []
    font.biggest_size_pt = 0
    pdf.fonts[fontkey] = font


def _add_sans(pdf: FPDF) -> None:
    family, folder, files = SANS_FACE
    for style, name in zip(STYLES, files):
        add_font(pdf, family, style, Path(folder) / name)


def chart_pdf(svg: str) -> bytes:
    """One indicator chart (the indicators app's SVG) alone on a page of its own size, as
    vectors: for the DOCX, which takes it as a picture."""
    pdf = FPDF(unit="mm", format=(170, 85))
    pdf.set_margin(0)
    pdf.set_auto_page_break(False)
    _add_sans(pdf)
    pdf.add_page()
    pdf.image(io.BytesIO(svg.encode()), x=0, y=0, w=170, h=85)
    return bytes(pdf.output())


@dataclass
class _Column:
    lines: list[str]
    width: float
    centered: bool


class _Report(FPDF):
    """An FPDF with the report's own text layout: `y` is the top of the next line."""

    def __init__(self) -> None:
        super().__init__(unit="mm", format="A4")
        self.set_margins(LEFT, TOP, RIGHT)
        self.set_auto_page_break(False)  # pages are broken here, to repeat the table header
        self.family, paths = serif_face()
        for style, path in paths.items():
            add_font(self, self.family, style, path)
        self._widths: dict[tuple[str, float], dict[str, float]] = {}
        self._face: tuple[str, float] | None = None
        self.set_line_width(0.2)
        self.new_page()

    # -- pages ----------------------------------------------------------------------------
    def new_page(self) -> None:
        self.add_page()
        self._face = None  # fpdf2 sets the font again on each page
        if self.page_no() > 1:  # Decree 30: the number at the top centre, from page 2 on
            self.draw_line(str(self.page_no()), LEFT, 10, WIDTH, "", 13, "C")
        self.y = TOP

    def room(self) -> float:
        return PAGE_H - BOTTOM - self.y

    def ensure(self, height: float) -> None:
        if height > self.room():
            self.new_page()

    # -- text -------------------------------------------------------------------------------
    def face(self, style: str, size: float) -> None:
        if self._face != (style, size):
            self.set_font(self.family, style, size)
            self._face = (style, size)

    def measure(self, text: str, style: str, size: float) -> float:
        cache = self._widths.setdefault((style, size), {})
        width = cache.get(text)
        if width is None:
            font = self.fonts[f"{self.family.lower()}{style}"]
            width = cache[text] = sum(font.cw[ord(c)] for c in text) * size / 1000 * PT
        return width

    def wrap(self, text: str, width: float, style: str, size: float, *, indent: float = 0) -> list[str]:
        """Greedy line breaking at spaces (and inside a word longer than the line); a newline
        in the text starts a new line."""
        space = self.measure(" ", style, size)
        lines: list[str] = []
        for paragraph in text.split("\n"):
            line: list[str] = []
            used, room = 0.0, width - (indent if not lines else 0)
            for word in paragraph.split():
                w = self.measure(word, style, size)
                while w > room and not line:  # a word wider than the line: cut it
                    cut = len(word) - 1
                    while cut > 1 and self.measure(word[:cut], style, size) > room:
                        cut -= 1
                    lines.append(word[:cut])
                    word, room = word[cut:], width
                    w = self.measure(word, style, size)
                if line and used + space + w > room:
                    lines.append(" ".join(line))
                    line, used, room = [word], w, width
                else:
                    used += (space if line else 0) + w
                    line.append(word)
            lines.append(" ".join(line))
        return lines

    def draw_line(self, text: str, x: float, top: float, width: float, style: str, size: float,
                  align: str = "L", line_height: float | None = None) -> None:
        """One line of text in the box [x, x + width] whose top is `top`."""
        if not text:
            return
        self.face(style, size)
        height = line_height or size * PT * 1.2
        if align == "C":
            x += (width - self.measure(text, style, size)) / 2
        elif align == "R":
            x += width - self.measure(text, style, size)
        self.text(x, top + (height + size * PT * 0.7) / 2, text)

    def paragraph(self, text: str, *, size: float = 13, style: str = "", align: str = "J", indent: float = 0,
                  before: float = 0, after: float = 2, spacing: float = 1.3, x: float = LEFT,
                  width: float = WIDTH) -> None:
        """A paragraph: justified with its first line indented (the body), or centred, or left."""
        height = size * PT * spacing
        lines = self.wrap(text, width, style, size, indent=indent)
        self.y += before
        for number, line in enumerate(lines):
            if height > self.room():
                self.new_page()
            left = x + (indent if number == 0 else 0)
            room = width - (indent if number == 0 else 0)
            words = line.split(" ")
            if align == "J" and number < len(lines) - 1 and len(words) > 1:
                gap = (room - sum(self.measure(w, style, size) for w in words)) / (len(words) - 1)
                for word in words:
                    self.draw_line(word, left, self.y, room, style, size, "L", height)
                    left += self.measure(word, style, size) + gap
            else:
                self.draw_line(line, left, self.y, room, style, size, "L" if align == "J" else align, height)
            self.y += height
        self.y += after

    def heading(self, text: str, *, style: str = "B", indent: float = 0) -> None:
        self.ensure(3 * 13 * PT * 1.3)  # not alone at the foot of a page
        self.paragraph(text, style=style, align="L", indent=indent, before=2, after=1)

    # -- tables ----------------------------------------------------------------------------
    def grid(self, grid: Grid, *, size: float = 11) -> None:
        """A bordered table; its header row is repeated at the top of every page it runs onto."""
        pad_x, pad_y = 1.0, 0.9
        line = size * PT * 1.2
        scale = WIDTH / sum(grid.widths)
        widths = [w * scale for w in grid.widths]

        def columns(texts: list[str], style: str, centered: tuple[int, ...]) -> list[_Column]:
            return [_Column(self.wrap(text, width - 2 * pad_x, style, size), width, index in centered)
                    for index, (text, width) in enumerate(zip(texts, widths))]

        def draw(cells: list[_Column], style: str) -> None:
            height = max(len(c.lines) for c in cells) * line + 2 * pad_y
            x = LEFT
            for cell in cells:
                self.rect(x, self.y, cell.width, height)
                top = self.y + pad_y
                for text in cell.lines:
                    self.draw_line(text, x + pad_x, top, cell.width - 2 * pad_x, style, size,
                                   "C" if cell.centered else "L", line)
                    top += line
                x += cell.width
            self.y += height

        header = columns(grid.header, "B", tuple(range(len(widths))))
        header_height = max(len(c.lines) for c in header) * line + 2 * pad_y
        first = True
        for texts in grid.rows:
            cells = columns(texts, "", grid.centered)
            height = max(len(c.lines) for c in cells) * line + 2 * pad_y
            if first or height > self.room():
                if not first or header_height + min(height, 3 * line) > self.room():
                    self.new_page()
                draw(header, "B")
                first = False
            while height > self.room():  # longer than what is left of the page: go on overleaf
                fit = max(1, int((self.room() - 2 * pad_y) // line))
                draw([_Column(c.lines[:fit], c.width, c.centered) for c in cells], "")
                cells = [_Column(c.lines[fit:], c.width, c.centered) for c in cells]
                height = max(len(c.lines) for c in cells) * line + 2 * pad_y
                self.new_page()
                draw(header, "B")
            draw(cells, "")
        if first:
            draw(header, "B")
        self.y += 3


def _header_block(pdf: _Report, content: ReportContent) -> None:
    """The two columns above the title: the issuing body and the number on the left, the
    national title, the motto and the place and date on the right, each line on one line."""
    issuer = content.issuer
    left_w, right_w = 62.0, WIDTH - 62.0
    top = pdf.y
    y = top
    if issuer.parent:
        for line in _balanced(pdf, issuer.parent.upper(), left_w, "", 13):
            pdf.draw_line(line, LEFT, y, left_w, "", 13, "C")
            y += 13 * PT * 1.2
    name_lines = _balanced(pdf, issuer.name.upper(), left_w, "B", 13)
    for line in name_lines:
        pdf.draw_line(line, LEFT, y, left_w, "B", 13, "C")
        y += 13 * PT * 1.2
    rule = max(pdf.measure(line, "B", 13) for line in name_lines) / 3
    pdf.line(LEFT + (left_w - rule) / 2, y + 1, LEFT + (left_w + rule) / 2, y + 1)
    left_bottom = y + 1

    nation = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    size = 13 if pdf.measure(nation, "B", 13) <= right_w else 12  # 12–13 pt: the decree allows both
    x = LEFT + left_w
    pdf.draw_line(nation, x, top, right_w, "B", size, "C")
    y = top + size * PT * 1.2
    motto = "Độc lập - Tự do - Hạnh phúc"
    pdf.draw_line(motto, x, y, right_w, "B", 14, "C")
    y += 14 * PT * 1.2
    rule = pdf.measure(motto, "B", 14)  # the rule under the motto is as long as the motto
    pdf.line(x + (right_w - rule) / 2, y + 1, x + (right_w + rule) / 2, y + 1)

    y = max(left_bottom, y + 1) + 3
    pdf.draw_line(content.number_line, LEFT, y, left_w, "", 13, "C")
    pdf.draw_line(content.date_line, x, y, right_w, "I", 14, "C")
    pdf.y = y + 14 * PT * 1.2 + 6


def _balanced(pdf: _Report, text: str, width: float, style: str, size: float) -> list[str]:
    """A header name on as few lines as it needs, the lines as even as they can be
    ("ỦY BAN NHÂN DÂN / THÀNH PHỐ HẢI PHÒNG", not "… THÀNH / PHỐ HẢI PHÒNG")."""
    greedy = pdf.wrap(text, width, style, size)
    if len(greedy) != 2:
        return greedy
    words = text.split()
    splits = [(" ".join(words[:i]), " ".join(words[i:])) for i in range(1, len(words))]
    fitting = [s for s in splits if max(pdf.measure(part, style, size) for part in s) <= width]
    return list(min(fitting, key=lambda s: max(pdf.measure(part, style, size) for part in s)))


def _signature_block(pdf: _Report, content: ReportContent) -> None:
    issuer = content.issuer
    left_w, right_w = 85.0, WIDTH - 85.0
    recipients = [line for name in issuer.recipients for line in pdf.wrap(f"- {name};", left_w, "", 11)]
    left_h = 12 * PT * 1.2 + len(recipients) * 11 * PT * 1.2
    right_h = (len(issuer.signer_capacity) + 5) * 13 * PT * 1.2
    pdf.y += 4
    pdf.ensure(max(left_h, right_h))
    top = y = pdf.y
    pdf.draw_line("Nơi nhận:", LEFT, y, left_w, "BI", 12)
    y += 12 * PT * 1.2
    for line in recipients:
        pdf.draw_line(line, LEFT, y, left_w, "", 11)
        y += 11 * PT * 1.2
    y = top
    for line in issuer.signer_capacity:
        pdf.draw_line(line, LEFT + left_w, y, right_w, "B", 13, "C")
        y += 13 * PT * 1.2
    y += 4 * 13 * PT * 1.2
    pdf.draw_line(issuer.signer_name, LEFT + left_w, y, right_w, "B", 13, "C")


def build_pdf(content: ReportContent) -> bytes:
    pdf = _Report()
    pdf.set_title(f"Báo cáo tình hình thực hiện {content.document_name} – {content.period.label}")
    pdf.set_lang("vi")
    pdf.set_creator("theodoi")

    _header_block(pdf, content)
    pdf.paragraph("BÁO CÁO", size=14, style="B", align="C", after=0)
    pdf.paragraph(f"Tình hình thực hiện {content.document_name}", size=14, style="B", align="C", after=0)
    pdf.paragraph(content.subtitle, size=14, style="B", align="C", after=4)

    pdf.heading("I. TÌNH HÌNH CHUNG")
    pdf.paragraph(content.summary, indent=10)
    pdf.heading("II. KẾT QUẢ THEO LĨNH VỰC")
    for heading, sentence in content.domain_paragraphs:
        pdf.heading(heading, style="BI", indent=10)
        pdf.paragraph(sentence, indent=10)

    pdf.heading(content.ranking_heading)
    if content.ranking.rows:
        pdf.grid(content.ranking_grid)
    else:
        pdf.paragraph("Không có nhiệm vụ đến hạn trong kỳ.", indent=10)
    pdf.heading("IV. DANH MỤC NHIỆM VỤ")
    pdf.grid(content.task_grid)

    if content.indicators:
        pdf.heading("V. CÁC CHỈ TIÊU SO VỚI MỤC TIÊU")
        pdf.grid(content.indicator_grid)
        _add_sans(pdf)
        for number, line in enumerate(content.indicators, start=1):
            pdf.ensure(75 + 8)
            pdf.image(io.BytesIO(line.svg.encode()), x=LEFT + (WIDTH - 150) / 2, y=pdf.y, w=150, h=75)
            pdf.y += 76
            pdf.paragraph(f"Biểu đồ {number}. {line.chart_title}", size=11, style="I", align="C", after=4)

    pdf.heading(content.proposals_heading)
    pdf.paragraph("(Văn phòng Ủy ban nhân dân bổ sung.)", style="I", indent=10)
    dots = int((WIDTH - 10) // pdf.measure("…", "", 13))
    pdf.paragraph("…" * dots, indent=10, align="L")  # one line to write on
    _signature_block(pdf, content)
    return bytes(pdf.output())
