"""The categories a new installation starts with (the office edits them in the admin)."""

from django.db import DEFAULT_DB_ALIAS

# (code, name, deadline in working days)
DEFAULT_CATEGORIES = (
    ("giao-thong", "Giao thông, đường sá", 10),
    ("do-thi", "Xây dựng, đô thị, nhà ở, cấp thoát nước", 10),
    ("moi-truong", "Môi trường, rác thải, ô nhiễm", 10),
    ("dat-dai", "Đất đai", 15),
    ("an-ninh", "An ninh, trật tự", 10),
    ("giao-duc", "Giáo dục, trường học", 10),
    ("y-te", "Y tế, an toàn thực phẩm, bảo trợ xã hội", 10),
    ("lao-dong", "Lao động, việc làm, người có công", 10),
    ("kinh-doanh", "Thuế, giá cả, kinh doanh, đầu tư", 10),
    ("dien-thuong-mai", "Điện, chợ, thương mại", 10),
    ("vien-thong", "Viễn thông, internet, dịch vụ công trực tuyến", 10),
    ("van-hoa", "Văn hóa, du lịch, thể thao", 10),
    ("hanh-chinh", "Thủ tục hành chính, hộ tịch, tư pháp", 10),
    ("can-bo", "Khiếu nại, tố cáo cán bộ", 15),
    ("khac", "Khác", 10),
)


# Their English names, shown when the interface is in English (`Category.name_en`).
ENGLISH_NAMES = {
    "giao-thong": "Traffic, roads",
    "do-thi": "Construction, urban areas, housing, water and drainage",
    "moi-truong": "Environment, waste, pollution",
    "dat-dai": "Land",
    "an-ninh": "Security, public order",
    "giao-duc": "Education, schools",
    "y-te": "Health, food safety, social protection",
    "lao-dong": "Labour, employment, people with meritorious services",
    "kinh-doanh": "Taxes, prices, business, investment",
    "dien-thuong-mai": "Electricity, markets, trade",
    "vien-thong": "Telecoms, internet, online public services",
    "van-hoa": "Culture, tourism, sport",
    "hanh-chinh": "Administrative procedures, civil status, justice",
    "can-bo": "Complaints and denunciations about officials",
    "khac": "Other",
}


def add_english_names(category_model, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Give the default categories whose name is still the default their English name, where
    none is set (a category the office renamed keeps no English name that no longer fits)."""
    for code, name, _days in DEFAULT_CATEGORIES:
        category_model.objects.using(using).filter(code=code, name=name, name_en="").update(name_en=ENGLISH_NAMES[code])


def ensure_default_categories(category_model, *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Create the default categories that are missing in database `using` (idempotent;
    keeps the office's edits)."""
    for order, (code, name, days) in enumerate(DEFAULT_CATEGORIES):
        category_model.objects.using(using).get_or_create(
            code=code, defaults={"name": name, "deadline_days": days, "order": order})
    # Migration 0002's historical model predates the English names (migration 0005).
    if any(f.name == "name_en" for f in category_model._meta.get_fields()):
        add_english_names(category_model, using=using)
