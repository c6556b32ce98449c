from theodoi.lib.text import clean_text, match_key, normalize_tone, search_key


def test_old_and_new_tone_placement_compare_equal():
    assert match_key("Hoà Bình") == match_key("Hòa Bình")
    assert match_key("UỶ BAN") == match_key("Ủy ban")
    assert match_key("khoẻ") == match_key("khỏe")


def test_tone_normalisation_keeps_closed_syllables_and_qu():
    assert normalize_tone("hoàn thành") == "hoàn thành"
    assert normalize_tone("quý") == "quý"
    assert normalize_tone("thuỷ") == "thủy"
    assert normalize_tone("Thuỷ lợi, HOÀ") == "Thủy lợi, HÒA"


def test_decomposed_input_is_nfc():
    decomposed = "Hải Phòng".encode().decode()  # composed
    import unicodedata

    nfd = unicodedata.normalize("NFD", decomposed)
    assert nfd != decomposed
    assert clean_text(nfd) == decomposed


def test_search_key_drops_diacritics_and_d_stroke():
    assert search_key("Hạ tầng giao thông Đường bộ") == "ha tang giao thong duong bo"
    assert search_key("  nhiều   khoảng trắng ") == "nhieu khoang trang"


# --- one home for the text rules: every caller gets the same answer -----------------------

ZWSP, ZWJ, SOFT_HYPHEN, BOM, RLM = "\u200b", "\u200d", "\u00ad", "\ufeff", "\u200f"


def test_format_characters_never_reach_a_search_key_or_a_stored_name():
    from theodoi.lib.text import strip_format_chars

    hidden = f"hạ{ZWSP} tầng gi{ZWJ}ao th{SOFT_HYPHEN}ông{BOM}{RLM}"
    assert strip_format_chars(hidden) == "hạ tầng giao thông"
    assert search_key(hidden) == "ha tang giao thong"
    assert clean_text(f"Bộ{ZWSP} Xây dựng") == "Bộ Xây dựng"
    assert match_key(f"Bộ Xây{ZWJ} dựng") == match_key("Bộ Xây dựng")


def test_task_title_and_search_text_lose_format_characters(db):
    from tests.tasks.factories import TaskFactory

    task = TaskFactory(title=f"Hoàn thiện hạ{ZWSP} tầng{SOFT_HYPHEN} số")
    task.refresh_from_db()
    assert task.title == "Hoàn thiện hạ tầng số"
    assert "ha tang so" in task.search_text


def test_reader_drops_format_characters_as_the_keys_do():
    from theodoi.extraction.readers import read_document

    text = read_document("a.txt", f"Bộ{ZWSP} Tài chính chủ{RLM} trì.".encode()).text
    assert text == "Bộ Tài chính chủ trì."


def test_scorer_and_match_key_share_the_tone_table():
    from theodoi.extraction.scoring import norm
    from theodoi.lib.text import NEW_TO_OLD_TONE

    for new, old in NEW_TO_OLD_TONE.items():
        word = "h" + new
        assert norm(word) == match_key(word) == match_key("h" + old)


def test_domain_cues_strip_diacritics_as_search_keys_do():
    from theodoi.extraction.domains import guess_domain

    # The domain cue "ha tang giao thong" is matched through the same diacritic stripping.
    assert guess_domain("Đầu tư HẠ TẦNG GIAO THÔNG đường bộ") == "ha-tang"
    assert guess_domain(f"Đầu tư hạ{ZWSP} tầng giao thông") == "ha-tang"


def test_one_capitals_rule_for_headings_in_structure_header_and_extractor():
    from theodoi.extraction.extractor import extract
    from theodoi.lib.text import is_mostly_capitals

    assert is_mostly_capitals("II. NHIỆM VỤ, GIẢI PHÁP CHỦ YẾU")
    assert is_mostly_capitals("I. NHIỆM VỤ VỀ KINH TẾ VÀ ĐÔ THỊ")
    assert not is_mostly_capitals("Bộ Xây dựng chủ trì, phối hợp với các bộ.")
    assert not is_mostly_capitals("2026 - 2030")
    # A heading in capitals is a heading for the extractor too: it is no task.
    result = extract("II. NHIỆM VỤ VỀ PHÁT TRIỂN HẠ TẦNG GIAO THÔNG\n"
                     "1. Bộ Xây dựng chủ trì hoàn thiện quy hoạch cảng biển, hoàn thành trong năm 2026.")
    titles = [t.text for t in result.tasks]
    assert titles and all("NHIỆM VỤ VỀ" not in t for t in titles)


def test_text_keys_and_extractor_import_without_django():
    import subprocess
    import sys

    code = ("import sys; import theodoi.lib.text, theodoi.extraction.extractor, theodoi.extraction.readers, "
            "theodoi.extraction.scoring, theodoi.extraction.domains, theodoi.extraction.deadlines; "
            "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), "
            "sorted(m for m in sys.modules if m.startswith('django'))")
    subprocess.run([sys.executable, "-c", code], check=True)


def test_every_format_character_is_removed_and_nothing_else():
    import sys
    import unicodedata

    from theodoi.lib.text import strip_format_chars

    format_chars = [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == "Cf"]
    assert "\u200b" in format_chars and "\U000e0041" in format_chars  # zero-width space, a tag character
    words = "Hạ tầng giao thông – logistics: 30/9/2026 (Đề án số 7)"
    interleaved = "".join(w + f for w, f in zip(words * len(format_chars), format_chars))
    assert strip_format_chars(interleaved) == (words * len(format_chars))[:len(format_chars)]
    assert strip_format_chars(words) == words
