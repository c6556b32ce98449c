"""A draft splits into sections with keys that survive a new version (pure code)."""

from theodoi.consultations.sections import PREAMBLE_KEY, carry_keys, split_sections

DRAFT_V1 = """DỰ THẢO
Quyết định quy định về quản lý vỉa hè trên địa bàn thành phố

Điều 1. Phạm vi điều chỉnh
Quy định này áp dụng cho việc sử dụng tạm thời một phần vỉa hè.
Điều 2. Đối tượng áp dụng
Hộ kinh doanh, tổ chức, cá nhân có nhu cầu sử dụng vỉa hè.
Điều 3. Mức thu phí
Mức thu là 20.000 đồng/m2/tháng.
Điều 4. Hiệu lực thi hành
Quyết định có hiệu lực từ ngày 01/01/2027.
"""


def test_articles_are_the_sections_and_the_title_is_the_preamble():
    sections = split_sections(DRAFT_V1)
    assert [s.key for s in sections] == [PREAMBLE_KEY, "dieu-1", "dieu-2", "dieu-3", "dieu-4"]
    assert sections[3].heading == "Điều 3. Mức thu phí"
    assert sections[3].text.endswith("20.000 đồng/m2/tháng.")
    # Offsets point into the text as given.
    assert DRAFT_V1[sections[2].start:sections[2].end] == sections[2].text


def test_a_plan_without_articles_splits_at_its_top_level_parts():
    plan = "KẾ HOẠCH\nI. MỤC ĐÍCH\nNâng cao chất lượng.\nII. NHIỆM VỤ\n1. Rà soát thủ tục.\n2. Số hóa hồ sơ.\nIII. TỔ CHỨC THỰC HIỆN\nCác sở triển khai."
    assert [s.key for s in split_sections(plan)] == [PREAMBLE_KEY, "i", "ii", "iii"]


def test_unchanged_edited_and_renumbered_sections_keep_their_keys_and_a_new_one_gets_a_new_key():
    v2 = DRAFT_V1.replace(
        "Điều 3. Mức thu phí\nMức thu là 20.000 đồng/m2/tháng.",
        "Điều 3. Thời gian sử dụng\nChỉ sử dụng từ 6 giờ đến 22 giờ.\n"
        "Điều 4. Mức thu phí\nMức thu là 15.000 đồng/m2/tháng.",
    ).replace("Điều 4. Hiệu lực thi hành", "Điều 5. Hiệu lực thi hành")
    keys = {s.heading: s.key for s in carry_keys(split_sections(DRAFT_V1), split_sections(v2))}
    assert keys["Điều 1. Phạm vi điều chỉnh"] == "dieu-1"          # unchanged
    assert keys["Điều 4. Mức thu phí"] == "dieu-3"                  # edited and renumbered
    assert keys["Điều 5. Hiệu lực thi hành"] == "dieu-4"            # renumbered only
    new_key = keys["Điều 3. Thời gian sử dụng"]                     # new: a key no old section had
    assert new_key not in {"dieu-1", "dieu-2", "dieu-3", "dieu-4", PREAMBLE_KEY}


def test_a_rewritten_section_is_not_taken_for_the_old_one():
    v2 = DRAFT_V1.replace("Điều 2. Đối tượng áp dụng\nHộ kinh doanh, tổ chức, cá nhân có nhu cầu sử dụng vỉa hè.",
                          "Điều 2. Xử lý vi phạm\nLực lượng chức năng lập biên bản và thu hồi giấy phép ngay.")
    keys = {s.heading: s.key for s in carry_keys(split_sections(DRAFT_V1), split_sections(v2))}
    assert keys["Điều 2. Xử lý vi phạm"] != "dieu-2"
