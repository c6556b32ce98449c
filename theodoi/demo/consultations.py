"""A demo consultation: a draft city regulation open for comment, with a few comments in
each state, through the consultation services. Idempotent (found again by its title)."""

import datetime as dt
from pathlib import Path

from django.conf import settings

from theodoi.agencies.selectors import resolve_agency
from theodoi.consultations import services
from theodoi.consultations.models import Comment, Consultation

DRAFT = Path(settings.BASE_DIR) / "data" / "demo" / "du-thao-quy-dinh-via-he.txt"
TITLE = "Dự thảo Quy định quản lý, sử dụng tạm thời một phần hè phố (dữ liệu minh họa)"
# section key, author, text, published?
COMMENTS = [
    ("dieu-3", "Nguyễn Văn Hùng", "Nên quy định rõ 1,5 m tính từ mép ngoài bó vỉa hay từ tường nhà.", True),
    ("dieu-4", "", "Đề nghị cho phép trông giữ xe đến 23 giờ ở các tuyến phố có chợ đêm.", True),
    ("dieu-5", "Hộ kinh doanh phố Cầu Đất", "Miễn phí 3 tháng là hợp lý; đề nghị công bố mức phí trước khi thu.", False),
]


def load_demo_consultation(*, office, today: dt.date) -> int:
    """The demo consultation (open from 10 days ago for 30 days); returns comments created."""
    if Consultation.objects.filter(title=TITLE).exists():
        return 0
    consultation = services.consultation_create(
        actor=office, title=TITLE, drafting_agency=resolve_agency("Sở Xây dựng thành phố Hải Phòng"),
        summary="Văn phòng UBND thành phố lấy ý kiến người dân, doanh nghiệp về dự thảo quy định sử dụng hè phố.",
        opens_on=today - dt.timedelta(days=10), closes_on=today + dt.timedelta(days=20),
        name=DRAFT.name, data=DRAFT.read_bytes(),
    )
    for key, author, text, publish in COMMENTS:
        comment = services.comment_add(consultation=consultation, section_key=key, text=text, author_name=author,
                                       client_key=f"demo-{key}")
        if publish and comment.state != Comment.State.PUBLISHED:
            services.comment_publish(actor=office, comment=comment)
    return len(COMMENTS)
