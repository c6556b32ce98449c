"""Demo petitions (written for the demo, not real): one received, one assigned, one answered.

Filed and moved through the same services as on screen; loading twice adds nothing.
"""

from theodoi.agencies.selectors import resolve_agency
from theodoi.petitions import services
from theodoi.petitions.categories import ensure_default_categories
from theodoi.petitions.models import Category, Petition

DEMO_PETITIONS = (
    ("giao-thong", "[Demo] Ổ gà trên đường Nguyễn Văn Linh",
     "Đoạn gần ngã tư Lạch Tray có nhiều ổ gà sâu, trời mưa đọng nước, xe máy ngã nhiều lần.",
     "Đường Nguyễn Văn Linh, phường Lê Chân", "answer"),
    ("moi-truong", "[Demo] Khói từ xưởng tái chế nhựa",
     "Xưởng tái chế nhựa đốt phế liệu ban đêm, khói đen và mùi khét bay vào khu dân cư.", "Thôn 3, xã An Lão", "assign"),
    ("an-ninh", "[Demo] Karaoke hát đến 1 giờ sáng",
     "Quán karaoke mở loa to đến 1 giờ sáng hằng ngày, cả khu không ngủ được.", "", "receive"),
)


def load_demo_petitions(*, office) -> int:
    # The categories come from a migration; a database emptied since (a test) has none.
    ensure_default_categories(Category)
    created = 0
    for code, title, text, address, step in DEMO_PETITIONS:
        if Petition.objects.filter(title=title).exists():
            continue
        petition = services.petition_submit(category=Category.objects.get(code=code), title=title, text=text,
                                            address=address, contact_name="Người dân (demo)")
        created += 1
        if step == "receive":
            continue
        agency = resolve_agency(petition.proposals[0]["agency"])
        if agency is None:
            continue
        petition = services.petition_assign(petition=petition, agency=agency, actor=office)
        if step == "answer":
            services.petition_answer(petition=petition, actor=office, answer=(
                "Sở Xây dựng đã giao đơn vị duy tu vá các ổ gà trong 3 ngày; đoạn đường sẽ được thảm lại trong "
                "kế hoạch sửa chữa năm sau. (Trả lời mẫu cho bản demo.)"))
    return created
