"""Uploaded files → text for the extractor: encodings, DOCX, PDF, HTML, and refusals.

Every fixture is built here (python-docx, fpdf2, zipfile); no binary file is committed.
"""

import codecs
import datetime as dt
import io
import random
import unicodedata
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn

from theodoi.extraction.readers import docx_reader
from theodoi.extraction.extractor import extract
from theodoi.extraction.readers import TCVN3, VNI, ReadError, convert_tcvn3, convert_vni, read_document
from tests.memory import MB, peak_memory

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
HP = "Ủy ban nhân dân thành phố Hải Phòng"

SENTENCE = ("Cộng hòa xã hội chủ nghĩa Việt Nam. Bộ Tư pháp chủ trì, phối hợp với các bộ, ngành xây dựng "
            "dự án Luật Thủ đô (sửa đổi); Ủy ban nhân dân thành phố Hải Phòng, Đà Nẵng, Ấn Độ, quý IV năm 2025.")

# The legacy texts, written as they show when read in Windows-1252.
TCVN3_SHORT = "Céng hoµ x· héi chñ nghÜa ViÖt Nam"
TCVN3_LONG = ("Bé T\u00ad ph¸p chñ tr×, phèi hîp víi c¸c bé, ngµnh x©y dùng dù ¸n LuËt Thñ ®« (söa ®æi), "
              "tr×nh ChÝnh phñ trong quý IV n¨m 2025.")  # \u00ad (soft hyphen) is ư in TCVN3
VNI_SHORT = "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"
VNI_LONG = ("Boä Tö phaùp chuû trì, phoái hôïp vôùi caùc boä, ngaønh xaây döïng döï aùn Luaät Thuû ñoâ (söûa ñoåi), "
            "trình Chính phuû trong quyù IV naêm 2025.")
LONG = ("Bộ Tư pháp chủ trì, phối hợp với các bộ, ngành xây dựng dự án Luật Thủ đô (sửa đổi), "
        "trình Chính phủ trong quý IV năm 2025.")


def vietnamese_letters() -> set[str]:
    """The 134 letters of Vietnamese beyond ASCII: 12 vowels × 5 tones, ă â ê ô ơ ư, đ; both cases."""
    letters = {"đ"}
    for vowel in ("a", "a\u0306", "a\u0302", "e", "e\u0302", "i", "o", "o\u0302", "o\u031b", "u", "u\u031b", "y"):
        if len(vowel) == 2:
            letters.add(unicodedata.normalize("NFC", vowel))
        for tone in ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323"):
            letters.add(unicodedata.normalize("NFC", vowel + tone))
    return letters | {c.upper() for c in letters}


def cp1258_bytes(text: str) -> bytes:
    """Windows-1258 as Word wrote it: NFD, then base letters with their vowel marks
    recomposed (â ê ô ơ ư ă are single bytes) and the tone as a combining byte."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        parts = unicodedata.normalize("NFD", char)
        tone = "".join(c for c in parts if c in "\u0300\u0301\u0303\u0309\u0323")
        out.append(unicodedata.normalize("NFC", "".join(c for c in parts if c not in tone)) + tone)
    return "".join(out).encode("cp1258")


# --- plain text ---------------------------------------------------------------------------

@pytest.mark.parametrize("data, encoding", [
    (SENTENCE.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF8 + SENTENCE.encode("utf-8"), "utf-8"),
    (codecs.BOM_UTF16_LE + SENTENCE.encode("utf-16-le"), "utf-16"),
    (codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"), "utf-16"),
    (SENTENCE.encode("utf-16-le"), "utf-16"),  # no BOM: the NUL bytes give it away
    (unicodedata.normalize("NFD", SENTENCE).encode("utf-8"), "utf-8"),  # decomposed (macOS) → NFC
])
def test_unicode_text(data, encoding):
    result = read_document("vanban.txt", data)
    assert (result.text, result.format, result.encoding, result.warnings) == (SENTENCE, "txt", encoding, [])


def test_windows_1258_with_combining_tone_marks():
    data = cp1258_bytes(SENTENCE + "\r\n" + LONG)
    assert b"\xec" in data or b"\xf2" in data  # a combining tone byte really is there
    result = read_document("vanban.txt", data)
    assert result.encoding == "windows-1258"
    assert result.text == SENTENCE + "\n" + LONG
    assert unicodedata.is_normalized("NFC", result.text)


@pytest.mark.parametrize("legacy, expected, encoding", [
    (TCVN3_SHORT, "Cộng hoà xã hội chủ nghĩa Việt Nam", "tcvn3"),
    (TCVN3_LONG, LONG, "tcvn3"),
    ("CéNG HOµ X· HéI CHñ NGHÜA VIÖT NAM\n§éc lËp - Tù do - H¹nh phóc",  # .VnTimeH capitals
     "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", "tcvn3"),
    ("UBND TP H¶i Phßng", "UBND TP Hải Phòng", "tcvn3"),  # abbreviations stay, the name is not shouted
    (VNI_SHORT, "Cộng hòa xã hội chủ nghĩa Việt Nam", "vni"),
    (VNI_LONG, LONG, "vni"),
    ("COÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM\nÑoäc laäp - Töï do - Haïnh phuùc",
     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc", "vni"),
])
@pytest.mark.parametrize("saved_as", ["8-bit", "utf-8 mojibake", "utf-8-bom mojibake"])
def test_legacy_font_encodings(legacy, expected, encoding, saved_as):
    data = {
        "8-bit": legacy.encode("cp1252"),
        "utf-8 mojibake": legacy.encode("utf-8"),  # the legacy text re-saved as UTF-8
        "utf-8-bom mojibake": codecs.BOM_UTF8 + legacy.encode("utf-8"),
    }[saved_as]
    result = read_document("cu.txt", data)
    assert result.text == expected
    assert result.encoding == encoding
    assert len(result.warnings) == 1 and "bảng mã cũ" in result.warnings[0]


def test_detection_is_by_content_not_name():
    assert read_document("vni.txt", TCVN3_LONG.encode("cp1252")).encoding == "tcvn3"
    assert read_document("tcvn3.txt", VNI_LONG.encode("cp1252")).encoding == "vni"
    assert read_document("abc.txt", cp1258_bytes(LONG)).encoding == "windows-1258"


def test_real_unicode_text_is_never_converted():
    # Lines whose only marks are Latin-1 letters (ô, â, à, á) read as well in TCVN3: left alone.
    text = "Tô Lâm\nCà Mau\nBà Nà\nMá\n" + SENTENCE
    assert read_document("a.txt", text.encode("utf-8")).text == text
    assert convert_tcvn3("Tô Lâm") != "Tô Lâm"  # the conversion alone would have damaged it
    french = "Le café du théâtre à Genève, près du lac. Déjà vu."
    assert read_document("b.txt", french.encode("utf-8")).text == french


def test_conversion_tables_are_complete():
    letters = vietnamese_letters()
    assert len(letters) == 134
    assert set(VNI.values()) == letters and len(VNI) == 134
    lower = {c for c in letters if c.islower()}
    assert set(TCVN3.values()) == lower | set("ĂÂÊÔƠƯĐ")  # VN3: 67 small letters + 7 capitals
    assert all(0xA1 <= byte <= 0xFE for byte in TCVN3)
    for sequence, letter in VNI.items():
        base = unicodedata.normalize("NFD", letter)[0]
        if sequence[0].isascii():  # base letter + one modifier glyph
            assert sequence[0] == base and len(sequence) == 2, sequence
    # Every letter survives a round trip through each legacy encoding.
    to_vni = {letter: seq for seq, letter in VNI.items()}
    word = "".join(sorted(letters))
    assert convert_vni("".join(to_vni[c] for c in word)) == word
    to_tcvn3 = {letter: bytes([b]).decode("cp1252") for b, letter in TCVN3.items()}
    small = "".join(sorted(lower))
    assert convert_tcvn3("".join(to_tcvn3[c] for c in small)) == small


@pytest.mark.parametrize("data", [
    random.Random(7).randbytes(4096),  # with NUL bytes
    bytes(b or 1 for b in random.Random(8).randbytes(4096)),  # without: control characters
    b"\x01\x02\x03\x04" * 200 + "Bộ Tư pháp".encode(),
])
def test_binary_garbage_named_txt_is_refused(data):
    with pytest.raises(ReadError) as error:
        read_document("ghi-chu.txt", data)
    assert "không phải văn bản" in error.value.message
    assert error.value.code == "not_text"


def test_size_limit_is_checked_first_and_fast():
    data = b"Ban hanh ke hoach trien khai. " * (50 * 1024 * 1024 // 30 + 1)
    # Refused before any decoding: decoding 50 MB of text would allocate far more than this.
    with peak_memory() as measured, pytest.raises(ReadError) as error:
        read_document("lon.txt", data)
    assert measured["peak"] < 2 * MB, f"peak {measured['peak'] / MB:.1f} MB"
    assert error.value.code == "too_large" and "lớn hơn 20 MB" in error.value.message
    with pytest.raises(ReadError, match=r"lớn hơn 1 MB \(1.5 MB\)"):
        read_document("nho.txt", b"x" * (3 * 512 * 1024), max_bytes=1024 * 1024)


def test_empty_file_is_refused():
    for data in (b"", b"  \r\n\n "):
        with pytest.raises(ReadError, match="rỗng"):
            read_document("rong.txt", data)


# --- DOCX ---------------------------------------------------------------------------------

HEADER = ["STT", "Nhiệm vụ", "Cơ quan chủ trì", "Cơ quan phối hợp", "Sản phẩm", "Thời gian hoàn thành"]
GROUP = "I. NHIỆM VỤ VỀ THỂ CHẾ"
ROWS = [
    ["1", "Rà soát, sửa đổi quy định về đầu tư công", "Bộ Tư pháp", "Bộ Tài chính", "Báo cáo", "Quý IV/2025"],
    ["2", "Xây dựng đề án chính quyền số", "", "UBND TP Hải Phòng", "Đề án", "Quý II/2026"],  # lead merged from above
    ["3", "Hoàn thiện quy hoạch cảng biển", "UBND TP Hải Phòng", "Bộ Xây dựng", "Quyết định", "Tháng 6/2026"],
]


def docx_bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def programme_docx() -> bytes:
    document = docx.Document()
    document.add_heading("KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT SỐ 7/NQ-CP", level=1)
    document.add_paragraph("Căn cứ Nghị quyết số 7/NQ-CP ngày 10/01/2025 của Chính phủ.")
    # The default template's list styles carry automatic numbering (numbering.xml).
    document.add_paragraph("Rà soát thể chế về đầu tư công.", style="List Number")
    document.add_paragraph("Xây dựng chính quyền số.", style="List Number")
    document.add_paragraph("Các sở chủ động triển khai.", style="List Bullet")
    document.add_paragraph("PHỤ LỤC")
    table = document.add_table(rows=2 + len(ROWS), cols=len(HEADER))
    for column, title in enumerate(HEADER):
        table.cell(0, column).text = title
    table.cell(1, 0).merge(table.cell(1, len(HEADER) - 1)).text = GROUP  # gridSpan across the row
    for index, row in enumerate(ROWS, start=2):
        for column, value in enumerate(row):
            if value and (index, column) != (4, 1):
                table.cell(index, column).text = value
    table.cell(2, 2).merge(table.cell(3, 2))  # vMerge: "Bộ Tư pháp" leads rows 1 and 2
    paragraph = table.cell(4, 1).paragraphs[0]  # a line break inside a cell becomes a space
    paragraph.add_run("Hoàn thiện quy hoạch").add_break()
    paragraph.add_run("cảng biển")
    document.add_paragraph("Nơi nhận: như trên.")
    return docx_bytes(document)


def test_docx_body_order_numbering_and_table():
    data = programme_docx()
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert '<w:gridSpan w:val="6"/>' in xml and '<w:vMerge w:val="restart"/>' in xml and "<w:vMerge/>" in xml
    result = read_document("ke-hoach.docx", data)
    assert result.format == "docx" and result.encoding is None and result.warnings == []
    assert result.text.split("\n\n") == [
        "KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT SỐ 7/NQ-CP",
        "Căn cứ Nghị quyết số 7/NQ-CP ngày 10/01/2025 của Chính phủ.",
        "1. Rà soát thể chế về đầu tư công.",
        "2. Xây dựng chính quyền số.",
        "- Các sở chủ động triển khai.",
        "PHỤ LỤC",
        "\t".join(HEADER),
        "\t".join([GROUP] * 6),
        "1\tRà soát, sửa đổi quy định về đầu tư công\tBộ Tư pháp\tBộ Tài chính\tBáo cáo\tQuý IV/2025",
        "2\tXây dựng đề án chính quyền số\tBộ Tư pháp\tUBND TP Hải Phòng\tĐề án\tQuý II/2026",
        "3\tHoàn thiện quy hoạch cảng biển\tUBND TP Hải Phòng\tBộ Xây dựng\tQuyết định\tTháng 6/2026",
        "Nơi nhận: như trên.",
    ]


def add_list(document, levels: list[tuple[str, str]], *, share_with: int | None = None,
             restart: bool = False) -> int:
    """Add a numbering definition (abstractNum + num) and return its numId.

    `share_with`: reuse that numId's abstractNum (Word continues the list unless `restart`,
    which writes a w:startOverride as Word's "Restart at 1" does)."""
    numbering = document.part.numbering_part.element
    nums = numbering.findall(qn("w:num"))
    num_id = max(int(n.get(qn("w:numId"))) for n in nums) + 1
    if share_with is None:
        abstracts = numbering.findall(qn("w:abstractNum"))
        abstract_id = max(int(a.get(qn("w:abstractNumId"))) for a in abstracts) + 1
        lvls = "".join(
            f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
            for i, (fmt, text) in enumerate(levels))
        abstracts[-1].addnext(parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'))
    else:
        shared = next(n for n in nums if n.get(qn("w:numId")) == str(share_with))
        abstract_id = int(shared.find(qn("w:abstractNumId")).get(qn("w:val")))
    override = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>' if restart else ""
    numbering.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'))
    return num_id


def numbered(document, text: str, num_id: int, level: int = 0) -> None:
    paragraph = document.add_paragraph(text)
    paragraph._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>'))


def test_docx_multilevel_numbering_restarts_deeper_levels():
    document = docx.Document()
    outline = add_list(document, [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"),
                                  ("bullet", "\uf0b7")])
    for text, level in [("MỤC TIÊU", 0), ("Mục tiêu chung đến năm 2030.", 1), ("NHIỆM VỤ, GIẢI PHÁP", 0),
                        ("Về thể chế", 1), ("Rà soát luật.", 2), ("Sửa đổi nghị định.", 2), ("Ưu tiên.", 3),
                        ("Về hạ tầng", 1), ("Cảng biển.", 2)]:
        numbered(document, text, outline, level)
    legal = add_list(document, [("decimal", "%1."), ("decimal", "%1.%2.")])
    for text, level in [("Tổ chức", 0), ("Phân công", 1), ("Kiểm tra", 1), ("Báo cáo", 0), ("Định kỳ", 1)]:
        numbered(document, text, legal, level)
    continued = add_list(document, [], share_with=legal)  # same list, no override: goes on at 3.
    numbered(document, "Tổng kết", continued)
    again = add_list(document, [], share_with=legal, restart=True)  # "Restart at 1"
    numbered(document, "Lần sau", again)
    numbered(document, "Không đánh số", 0)  # numId 0 switches numbering off
    assert read_document("dan-y.docx", docx_bytes(document)).text.split("\n\n") == [
        "I. MỤC TIÊU", "1. Mục tiêu chung đến năm 2030.", "II. NHIỆM VỤ, GIẢI PHÁP", "1. Về thể chế",
        "a) Rà soát luật.", "b) Sửa đổi nghị định.", "- Ưu tiên.", "2. Về hạ tầng", "a) Cảng biển.",
        "1. Tổ chức", "1.1. Phân công", "1.2. Kiểm tra", "2. Báo cáo", "2.1. Định kỳ",
        "3. Tổng kết", "1. Lần sau", "Không đánh số",
    ]


def test_docx_revisions_links_text_boxes_and_content_controls():
    document = docx.Document()
    body = document.element.body
    ns = (nsdecls("w", "r") + ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
          ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
          ' xmlns:v="urn:schemas-microsoft-com:vml"')
    box = "<w:txbxContent><w:p><w:r><w:t>DỰ THẢO</w:t></w:r></w:p></w:txbxContent>"
    body.insert(0, parse_xml(
        f'<w:p {ns}><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        '<w:r><w:t xml:space="preserve">Bộ Tư pháp </w:t></w:r>'
        '<w:del w:id="1" w:author="A"><w:r><w:delText>không </w:delText></w:r></w:del>'  # deleted: gone
        '<w:ins w:id="2" w:author="A"><w:r><w:t>chủ trì</w:t></w:r></w:ins>'  # inserted: kept
        '<w:r><w:tab/><w:t>rà soát</w:t></w:r>'  # a tab inside a paragraph is a space, not a cell
        '<w:hyperlink r:id="rId99"><w:r><w:t xml:space="preserve"> văn bản</w:t></w:r></w:hyperlink>'
        '<w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>.</w:t></w:r>'
        f'<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx>{box}</wps:txbx></w:drawing>'
        f'</mc:Choice><mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r></w:p>'))
    body.insert(1, parse_xml(f'<w:sdt {ns}><w:sdtContent><w:p><w:r><w:t>Trong ô nội dung.</w:t></w:r></w:p>'
                             '</w:sdtContent></w:sdt>'))
    table = document.add_table(rows=2, cols=3)
    for column, value in enumerate("ABC"):
        table.cell(0, column).text = value
    table.cell(1, 1).text = "x"
    row = table.rows[1]._tr
    row.remove(row.tc_lst[0])  # the second row starts one grid column late
    row.get_or_add_trPr().append(parse_xml(f'<w:gridBefore {nsdecls("w")} w:val="1"/>'))
    assert read_document("sua.docx", docx_bytes(document)).text.split("\n\n") == [
        "Bộ Tư pháp chủ trì rà soát văn bản.", "DỰ THẢO", "Trong ô nội dung.", "A\tB\tC", "\tx\t"]


def test_docx_paragraph_in_vntime_font_is_repaired_alone():
    document = docx.Document()
    document.add_paragraph("Bộ Tư pháp chủ trì rà soát văn bản.")
    document.add_paragraph(TCVN3_LONG)  # pasted from an old .VnTime document
    document.add_paragraph("Tô Lâm")  # Unicode, and reads as Vietnamese either way: untouched
    result = read_document("tron.docx", docx_bytes(document))
    assert result.text.split("\n\n") == ["Bộ Tư pháp chủ trì rà soát văn bản.", LONG, "Tô Lâm"]
    assert "TCVN3" in result.warnings[0]


def test_truncated_docx_is_refused():
    data = programme_docx()
    for cut in (len(data) // 2, len(data) - 10):
        with pytest.raises(ReadError) as error:
            read_document("dang-do.docx", data[:cut])
        assert error.value.code == "corrupt" and "DOCX bị hỏng hoặc không đầy đủ" in error.value.message


def test_docx_with_damaged_member_is_refused():
    data = bytearray(programme_docx())
    info = zipfile.ZipFile(io.BytesIO(bytes(data))).getinfo("word/document.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    for i in range(start + 50, start + 150):
        data[i] ^= 0x5A
    with pytest.raises(ReadError, match="DOCX bị hỏng"):
        read_document("hong.docx", bytes(data))


def test_docx_zip_bomb_is_refused_before_decompressing():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"<w:p/>" * (1024 * 1024 // 6)
            for _ in range(300):  # ~300 MB streamed, never held in memory
                member.write(chunk)
    data = buffer.getvalue()
    assert len(data) < 2 * 1024 * 1024
    with peak_memory() as measured, pytest.raises(ReadError) as error:
        read_document("bom.docx", data)
    assert measured["peak"] < 8 * MB, f"peak {measured['peak'] / MB:.1f} MB"
    assert error.value.code == "unsafe" and "bom nén" in error.value.message


def test_docx_over_100_mb_uncompressed_is_refused(monkeypatch):
    monkeypatch.setattr(docx_reader, "DOCX_MAX_UNCOMPRESSED", 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", b"x" * (1024 * 1024 + 1))
    with pytest.raises(ReadError, match="khi giải nén lớn hơn 1 MB"):
        read_document("to.docx", buffer.getvalue())


def test_zip_without_word_document_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(ReadError, match="word/document.xml"):
        read_document("thieu.docx", buffer.getvalue())
    with pytest.raises(ReadError, match="không phải văn bản"):
        read_document("tep.zip", buffer.getvalue())


# --- PDF ----------------------------------------------------------------------------------

def pdf_with_text(lines: list[str], pages: int = 1) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("DejaVu", fname=str(FONT))
    pdf.set_font("DejaVu", size=11)
    pdf.set_auto_page_break(False)
    for page in range(pages):
        pdf.add_page()
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-20)
        pdf.cell(0, 8, str(page + 1), align="C")  # a page number, dropped by the reader
    return bytes(pdf.output())


PDF_LINES = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "1. Bộ Tư pháp chủ trì rà soát, sửa đổi quy định về đầu tư công, hoàn thành",
    "trong quý IV năm 2025.",
    "a) Ủy ban nhân dân thành phố Hải Phòng xây dựng đề án chính quyền số.",
]


@pytest.fixture
def font():
    if not FONT.exists():
        pytest.skip(f"Thiếu phông {FONT} (gói Debian fonts-dejavu-core): bỏ qua kiểm thử PDF có lớp chữ tiếng Việt")
    return FONT


def test_pdf_with_vietnamese_text_layer(font):
    result = read_document("nghi-quyet.pdf", pdf_with_text(PDF_LINES, pages=2))
    assert result.format == "pdf" and result.warnings == []
    assert result.text == "\n".join(PDF_LINES + PDF_LINES)  # line breaks kept, page numbers gone
    assert unicodedata.is_normalized("NFC", result.text)


def test_pdf_without_text_needs_ocr():
    from fpdf import FPDF

    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.rect(20, 20, 120, 80, style="F")  # a "scan": drawing only, no text
    with pytest.raises(ReadError) as error:
        read_document("ban-quet.pdf", bytes(pdf.output()))
    assert error.value.code == "scanned" and "OCR" in error.value.message


def test_pdf_with_password_is_refused_and_restricted_pdf_is_read(font):
    from pypdf import PdfReader, PdfWriter

    plain = pdf_with_text(PDF_LINES)
    for user_password, algorithm in (("mat-khau", "AES-256"), ("mat-khau", "RC4-128"), ("", "AES-128")):
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(plain)))
        writer.encrypt(user_password=user_password, owner_password="chu-so-huu", algorithm=algorithm)
        buffer = io.BytesIO()
        writer.write(buffer)
        if user_password:
            with pytest.raises(ReadError) as error:
                read_document("mat.pdf", buffer.getvalue())
            assert error.value.code == "encrypted" and "mật khẩu" in error.value.message
        else:  # only permissions restricted, empty open password: readable
            assert read_document("han-che.pdf", buffer.getvalue()).text == "\n".join(PDF_LINES)


def test_damaged_pdf_is_refused():
    for data in (b"%PDF-1.4\n" + bytes(range(256)) * 8, b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog"):
        with pytest.raises(ReadError) as error:
            read_document("hong.pdf", data)
        assert error.value.code == "corrupt" and "PDF bị hỏng" in error.value.message


# --- HTML ---------------------------------------------------------------------------------

HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Trang</title>
<style>td { color: red }</style><script>document.write("<p>không phải nội dung</p>")</script></head>
<body>
<h1>KẾ HOẠCH THỰC HIỆN</h1>
<p>Căn cứ Nghị quyết&nbsp;số 7/NQ-CP &amp; Kết luận 96-KL/TW;<br>dòng thứ hai.</p>
<ol><li><p>Rà soát thể chế.</p></li><li>Xây dựng chính quyền số.<ul><li>Ưu tiên hạ tầng.</li></ul></li></ol>
<ol type="a"><li>Nội dung a.</li></ol>
<table>
  <tr><th>STT</th><th>Nhiệm vụ</th><th>Cơ quan chủ trì</th><th>Thời gian hoàn thành</th></tr>
  <tr><td colspan="4">I. NHIỆM VỤ VỀ THỂ CHẾ</td></tr>
  <tr><td>1</td><td>Rà soát quy định<br>về đầu tư công</td><td rowspan="2">Bộ Tư pháp</td><td>Quý IV/2025</td></tr>
  <tr><td>2</td><td><p>Xây dựng đề án</p></td><td>Quý II/2026</td></tr>
</table>
<div>Nơi nhận: <b>như trên</b>;</div>
</body></html>"""


def test_html_blocks_lists_and_table():
    result = read_document("trang.html", HTML.encode("utf-8"))
    assert (result.format, result.encoding, result.warnings) == ("html", "utf-8", [])
    assert result.text.split("\n\n") == [
        "KẾ HOẠCH THỰC HIỆN",
        "Căn cứ Nghị quyết số 7/NQ-CP & Kết luận 96-KL/TW;\ndòng thứ hai.",
        "1. Rà soát thể chế.",
        "2. Xây dựng chính quyền số.",
        "- Ưu tiên hạ tầng.",
        "a) Nội dung a.",
        "STT\tNhiệm vụ\tCơ quan chủ trì\tThời gian hoàn thành",
        "\t".join(["I. NHIỆM VỤ VỀ THỂ CHẾ"] * 4),
        "1\tRà soát quy định về đầu tư công\tBộ Tư pháp\tQuý IV/2025",
        "2\tXây dựng đề án\tBộ Tư pháp\tQuý II/2026",
        "Nơi nhận: như trên;",
    ]


def test_html_charset_from_meta():
    page = f'<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body><p>{LONG}</p></body></html>'
    result = read_document("cu.htm", cp1258_bytes(page))
    assert (result.text, result.encoding) == (LONG, "windows-1258")


# --- sniffing -----------------------------------------------------------------------------

def test_content_decides_the_format():
    docx_data = programme_docx()
    assert read_document("tai-lieu", docx_data).format == "docx"  # no extension
    misnamed = read_document("ke-hoach.txt", docx_data)
    assert misnamed.format == "docx" and "nội dung là DOCX" in misnamed.warnings[0]
    assert read_document("trang", HTML.encode()).format == "html"
    assert read_document("ghi-chu", "Bộ Tư pháp chủ trì.".encode()).format == "txt"
    with pytest.raises(ReadError, match="nội dung không phải DOCX"):
        read_document("gia.docx", "Bộ Tư pháp chủ trì.".encode())


@pytest.mark.parametrize("data, message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "Word 97-2003"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600) + "EncryptionInfo".encode("utf-16-le"), "mật khẩu"),
    (b"{\\rtf1\\ansi Bo Tu phap}", "RTF"),
    (b"\x89PNG\r\n\x1a\n" + bytes(100), "ảnh PNG"),
    (b"MZ\x90\x00" + bytes(100), "không phải văn bản"),
])
def test_unsupported_formats_are_refused(data, message):
    with pytest.raises(ReadError, match=message):
        read_document("tep.doc", data)


# --- end to end: DOCX appendix table → tasks ---------------------------------------------------

def test_docx_appendix_table_becomes_one_task_per_row():
    text = read_document("ke-hoach.docx", programme_docx()).text
    table_start = text.index("STT\t")
    tasks = [t for t in extract(text).tasks if t.start > table_start]
    assert [t.text for t in tasks] == [row[1] for row in ROWS]
    assert [t.lead for t in tasks] == [["Bộ Tư pháp"], ["Bộ Tư pháp"], [HP]]
    assert [t.coordinating for t in tasks] == [["Bộ Tài chính"], [HP], ["Bộ Xây dựng"]]
    assert [t.deadline.due for t in tasks] == [dt.date(2025, 12, 31), dt.date(2026, 6, 30), dt.date(2026, 6, 30)]
    assert [t.output for t in tasks] == ["Báo cáo", "Đề án", "Quyết định"]
