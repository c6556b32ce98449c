"""Short names resolve to the bodies of the document's place (invented names and phrases)."""

from theodoi.extraction.lexicon import AgencyLexicon, default_lexicon, token_keys
from theodoi.extraction.registry import local_names, place_named_in, place_of_name


def _match(lexicon: AgencyLexicon, text: str) -> str | None:
    keys = [k for k, _, _ in token_keys(text)]
    found = lexicon.match_at(keys, 0)
    return found[1].name if found else None


def test_short_names_mean_the_place_s_own_bodies():
    thanh_hoa = default_lexicon().for_place("Thanh Hóa")
    names = {
        "Sở Tài chính": "Sở Tài chính tỉnh Thanh Hóa",
        "UBND tỉnh": "Ủy ban nhân dân tỉnh Thanh Hóa",
        "Tỉnh": "Ủy ban nhân dân tỉnh Thanh Hóa",
        "Thường trực Tỉnh ủy": "Tỉnh ủy Thanh Hóa",
        "Văn phòng UBND tỉnh": "Văn phòng Ủy ban nhân dân tỉnh Thanh Hóa",
        "Bộ Chỉ huy Quân sự tỉnh": "Bộ Chỉ huy Quân sự tỉnh Thanh Hóa",
        # A name that says its place is that place's body whatever the document's place.
        "Sở Tài chính tỉnh Nghệ An": "Sở Tài chính tỉnh Nghệ An",
        "Bộ Tài chính": "Bộ Tài chính",
    }
    assert {written: thanh_hoa.lookup(written).name for written in names} == names
    assert _match(thanh_hoa, "Sở Tài chính chủ trì, phối hợp") == "Sở Tài chính tỉnh Thanh Hóa"
    assert _match(thanh_hoa, "Công an tỉnh bảo đảm an ninh") == "Công an tỉnh Thanh Hóa"


def test_today_s_department_wins_over_the_one_it_replaced():
    can_tho = default_lexicon().for_place("Cần Thơ")
    assert can_tho.lookup("Sở Nông nghiệp và Môi trường").name == "Sở Nông nghiệp và Môi trường thành phố Cần Thơ"
    assert can_tho.lookup("Sở Tài nguyên và Môi trường").name == "Sở Tài nguyên và Môi trường thành phố Cần Thơ"
    assert can_tho.lookup("UBND TP").name == "Ủy ban nhân dân thành phố Cần Thơ"
    assert can_tho.lookup("Thành ủy").name == "Thành ủy Cần Thơ"


def test_the_bare_place_word_resolves_on_lookup_but_is_not_sought_in_running_text():
    dak_lak = default_lexicon().for_place("Đắk Lắk")
    assert dak_lak.lookup("Tỉnh").name == "Ủy ban nhân dân tỉnh Đắk Lắk"
    assert _match(dak_lak, "tỉnh có nhiều tiềm năng") is None


def test_without_a_place_the_lexicon_is_unchanged():
    lexicon = default_lexicon()
    assert lexicon.for_place(None) is lexicon
    assert lexicon.for_place("Huế").for_place(None) is lexicon
    assert lexicon.for_place("Huế") is lexicon.for_place("Huế")
    assert lexicon.lookup("UBND tỉnh") is None


def test_a_live_registry_carries_places_too():
    lexicon = AgencyLexicon([
        ("Sở Tài chính tỉnh Lạng Sơn", "department", [], "Lạng Sơn"),
        ("Sở Tài chính tỉnh Cao Bằng", "department", [], "Cao Bằng"),
        ("Sở Kế hoạch và Đầu tư tỉnh Cao Bằng", "department", [], "Cao Bằng", True),
    ])
    assert lexicon.for_place("Cao Bằng").lookup("Sở Tài chính").name == "Sở Tài chính tỉnh Cao Bằng"
    assert lexicon.for_place("Lạng Sơn").lookup("Sở Tài chính").place == "Lạng Sơn"
    assert lexicon.lookup("Sở Tài chính") is None


def test_places_are_read_off_names_and_phrases():
    assert place_of_name("Ban Quản lý Khu kinh tế tỉnh Quảng Ninh") == "Quảng Ninh"
    assert place_of_name("Ủy ban nhân dân tỉnh Thừa Thiên Huế") == "Thừa Thiên Huế"
    assert place_of_name("Bộ Y tế") is None
    assert place_named_in("ỦY BAN NHÂN DÂN TỈNH LAI CHÂU") == "Lai Châu"
    assert place_named_in("Thành ủy TP.HCM") == "Hồ Chí Minh"
    assert place_named_in("Văn phòng Chính phủ") is None
    assert local_names("Sở Y tế tỉnh Sơn La", "Sơn La") == ["Sở Y tế tỉnh", "Sở Y tế"]
    assert local_names("Sở Y tế tỉnh Sơn La", "Điện Biên") == []
