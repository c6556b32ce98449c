from theodoi.core.text import clean_text, match_key, normalize_tone, search_key


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
