"""Domain of a task or heading from its words (taxonomy: shared gold README)."""

import re
from functools import lru_cache

from theodoi.lib.text import strip_diacritics



def _(text: str) -> str:
    """Marks a label for `makemessages`; translated where Django shows it (tasks.models)."""
    return text


# The one taxonomy: code → Vietnamese label, in the order screens list them.
# `tasks.models.Domain` is built from it.
DOMAIN_LABELS: dict[str, str] = {
    "chung": _("Chỉ đạo chung"),
    "tuyen-truyen": _("Tuyên truyền"),
    "the-che": _("Thể chế, cải cách hành chính"),
    "quy-hoach": _("Quy hoạch, đô thị"),
    "kinh-te": _("Kinh tế"),
    "ha-tang": _("Hạ tầng giao thông, logistics"),
    "khcn-cds": _("Khoa học, công nghệ, chuyển đổi số"),
    "van-hoa-xa-hoi": _("Văn hóa, xã hội"),
    "moi-truong": _("Môi trường"),
    "quoc-phong-an-ninh": _("Quốc phòng, an ninh"),
    "xay-dung-dang": _("Xây dựng Đảng, hệ thống chính trị"),
    "doi-ngoai": _("Đối ngoại"),
}
DOMAINS = tuple(DOMAIN_LABELS)

# Cue words, written without diacritics (matching is accent-insensitive). A longer cue
# counts for more, so "ha tang giao thong" outweighs a passing "kinh te". "kiểm tra, giám sát"
# alone is no cue: offices inspect water use and teachers' hiring as much as Party members.
_CUES: dict[str, tuple[str, ...]] = {
    "tuyen-truyen": ("tuyen truyen", "pho bien", "quan triet", "nang cao nhan thuc", "truyen thong",
                     "quang ba", "thong tin bao chi", "lan toa", "dua tin", "bao chi", "khuyen cao"),
    "the-che": ("the che", "co che", "chinh sach", "cai cach hanh chinh", "thu tuc hanh chinh",
                "phap luat", "luat", "nghi dinh", "to chuc bo may", "chinh quyen do thi", "phan cap",
                "phan quyen", "bo may", "tu phap", "van ban quy pham phap luat", "chinh quyen", "tiep cong dan",
                "khieu nai", "to cao", "thanh tra"),
    "quy-hoach": ("quy hoach", "do thi hoa", "phat trien do thi", "dat dai", "su dung dat",
                  "khong gian", "do thi thong minh", "ke hoach su dung dat", "do thi", "quan ly do thi",
                  "ha tang do thi", "nha o", "kien truc", "dia gioi hanh chinh"),
    "kinh-te": ("kinh te", "tang truong", "cong nghiep", "nong nghiep", "dich vu", "du lich",
                "dau tu", "fdi", "doanh nghiep", "thuong mai", "xuat khau", "tai chinh", "ngan sach",
                "kinh te bien", "khu kinh te", "khu cong nghiep", "grdp", "thu hut", "giai ngan", "dau tu cong",
                "thuy san", "nong san", "hop tac xa", "thi truong", "san xuat kinh doanh"),
    "ha-tang": ("ha tang giao thong", "giao thong", "cang bien", "cang hang khong", "san bay",
                "duong sat", "duong bo", "duong thuy", "cao toc", "logistics", "ket cau ha tang",
                "metro", "duong vanh dai", "ha tang logistics", "ha tang giao thong"),
    "khcn-cds": ("khoa hoc", "cong nghe", "doi moi sang tao", "khoi nghiep", "chuyen doi so",
                 "so hoa", "kinh te so", "chinh quyen so", "chinh phu so", "chinh quyen dien tu",
                 "tri tue nhan tao", "du lieu", "ban dan", "cong nghe cao", "ha tang so", "nen tang so",
                 "cong nghe thong tin", "khoa hoc va cong nghe", "5g", "cap quang", "vien thong",
                 "ha tang mang", "internet", "kinh te so", "xa hoi so", "ky nang so", "cong nghe so",
                 "doi moi cong nghe"),
    "van-hoa-xa-hoi": ("van hoa", "di san", "giao duc", "dao tao", "y te", "lao dong", "viec lam",
                       "an sinh", "xa hoi", "doi song", "nha o xa hoi", "the thao", "nguon nhan luc",
                       "con nguoi", "benh vien", "truong hoc", "giam ngheo", "giao vien", "hoc sinh", "mam non",
                       "co so giao duc", "giang day", "day nghe", "cham soc suc khoe", "dich benh", "bao hiem xa hoi",
                       "bao hiem y te", "tre em", "nguoi cao tuoi", "nguoi co cong", "luong thuc", "thuc pham"),
    "moi-truong": ("moi truong", "bien doi khi hau", "cay xanh", "tai nguyen", "o nhiem",
                   "chat thai", "nuoc thai", "phat thai", "thien tai", "kinh te xanh", "tuan hoan", "mua lu",
                   "lu lut", "ngap lut", "sat lo", "han han", "xam nhap man", "khi tuong thuy van", "nguon nuoc",
                   "tai nguyen nuoc", "nuoc duoi dat", "bao ve rung", "phat trien rung", "khoang san",
                   "da dang sinh hoc", "rac thai"),
    "quoc-phong-an-ninh": ("quoc phong", "an ninh", "trat tu", "chu quyen", "bien dao", "toi pham",
                           "ma tuy", "phong thu", "quan su", "bien gioi", "cong an", "quan doi", "phong chay",
                           "chua chay", "cuu ho", "cuu nan", "buon lau"),
    "xay-dung-dang": ("xay dung dang", "chinh don dang", "to chuc dang", "dang vien", "can bo",
                      "dai hoi dang", "he thong chinh tri", "nhiem ky", "ky luat dang", "uy ban kiem tra",
                      "kiem tra, giam sat cua dang", "nguoi dung dau", "cong tac can bo"),
    "doi-ngoai": ("doi ngoai", "hop tac quoc te", "hoi nhap", "quoc te", "ngoai giao"),
    "chung": ("chi dao, dieu hanh", "dieu phoi", "so ket", "tong ket", "theo doi, don doc",
              "kiem tra, don doc", "ke hoach thuc hien", "chuong trinh hanh dong", "phoi hop trien khai",
              "trien khai thuc hien", "to chuc trien khai", "de xuat kien nghi", "kien nghi"),
}


def _key(text: str) -> str:
    plain = strip_diacritics(text).casefold()
    # Commas stand apart so that "thể chế, chính sách" holds both "the che" and "chinh sach".
    return " " + re.sub(r"\s+", " ", re.sub(r"[^\w,]+", " ", plain).replace(",", " , ")) + " "


# Longest cues first, each occurrence counted once: "kết cấu hạ tầng" is not also "hạ tầng".
_ORDERED_CUES = sorted(((re.sub(r"\s*,\s*", " , ", cue), domain) for domain, cues in _CUES.items() for cue in cues),
                       key=lambda item: -len(item[0]))


def domain_scores(text: str) -> dict[str, float]:
    """Cue weight per domain found in `text` (a fresh dict the caller may change)."""
    return dict(_domain_scores(text))


@lru_cache(maxsize=4096)
def _domain_scores(text: str) -> tuple[tuple[str, float], ...]:
    key = _key(text)
    scores: dict[str, float] = {}
    for cue, domain in _ORDERED_CUES:
        needle = " " + cue + " "
        hits = key.count(needle)
        if hits:
            scores[domain] = scores.get(domain, 0.0) + hits * len(cue.replace(" , ", " ").split())
            key = key.replace(needle, " | ")
    return tuple(scores.items())


def guess_domain(text: str, *, default: str | None = None) -> str | None:
    """The domain whose cue words weigh most in `text`, or `default` if none appears."""
    scores = domain_scores(text)
    if not scores:
        return default
    return max(scores.items(), key=lambda item: (item[1], -DOMAINS.index(item[0])))[0]
