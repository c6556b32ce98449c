import pytest

from theodoi.agencies.models import Agency
from theodoi.agencies.selectors import AgencyResolver, agency_ids_acting_for, current_successors


@pytest.fixture
def resolver(db):
    return AgencyResolver()


@pytest.mark.parametrize("written, canonical", [
    ("UBND TP Hải Phòng", "Ủy ban nhân dân thành phố Hải Phòng"),
    ("UBND thành phố Hải Phòng", "Ủy ban nhân dân thành phố Hải Phòng"),
    ("Uỷ ban nhân dân thành phố Hải Phòng", "Ủy ban nhân dân thành phố Hải Phòng"),
    ("Bộ KH&ĐT", "Bộ Kế hoạch và Đầu tư"),
    ("bộ giao thông vận tải", "Bộ Giao thông vận tải"),
    ("Bộ Văn hoá, Thể thao và Du lịch", "Bộ Văn hóa, Thể thao và Du lịch"),
    ("NHNN", "Ngân hàng Nhà nước Việt Nam"),
])
def test_aliases_abbreviations_and_tone_variants_resolve(resolver, written, canonical):
    assert resolver.resolve(written).name == canonical


def test_unknown_name_is_not_invented(resolver):
    assert resolver.resolve("Bộ Không Tồn Tại") is None
    result = resolver.resolve_many("Bộ Y tế; Sở Không Có")
    assert [a.name for a in result.agencies] == ["Bộ Y tế"]
    assert result.unknown == ["Sở Không Có"]


def test_cell_split_keeps_names_with_commas(resolver):
    result = resolver.resolve_many("Bộ Văn hóa, Thể thao và Du lịch, Bộ Y tế, UBND TP Hải Phòng")
    assert [a.name for a in result.agencies] == [
        "Bộ Văn hóa, Thể thao và Du lịch", "Bộ Y tế", "Ủy ban nhân dân thành phố Hải Phòng",
    ]
    assert result.unknown == []


def test_and_splits_only_between_known_names(resolver):
    result = resolver.resolve_many("Bộ Tài chính và Bộ Xây dựng")
    assert [a.name for a in result.agencies] == ["Bộ Tài chính", "Bộ Xây dựng"]


@pytest.mark.parametrize("dissolved, successors", [
    ("Bộ Kế hoạch và Đầu tư", {"Bộ Tài chính"}),
    ("Bộ Giao thông vận tải", {"Bộ Xây dựng"}),
    ("Bộ Tài nguyên và Môi trường", {"Bộ Nông nghiệp và Môi trường"}),
    ("Bộ Nông nghiệp và Phát triển nông thôn", {"Bộ Nông nghiệp và Môi trường"}),
])
def test_dissolved_ministries_route_to_their_successor(db, dissolved, successors):
    agency = Agency.objects.get(name=dissolved)
    assert agency.dissolved_on is not None
    assert {a.name for a in current_successors(agency)} == successors


def test_information_ministry_functions_go_to_science_ministry(db):
    agency = Agency.objects.get(name="Bộ Thông tin và Truyền thông")
    assert "Bộ Khoa học và Công nghệ" in {a.name for a in current_successors(agency)}


def test_successor_acts_for_its_predecessors(db):
    finance = Agency.objects.get(name="Bộ Tài chính")
    planning = Agency.objects.get(name="Bộ Kế hoạch và Đầu tư")
    assert planning.pk in agency_ids_acting_for(finance.pk)
    assert finance.pk not in agency_ids_acting_for(planning.pk)


def test_registry_reload_is_idempotent(db):
    from django.conf import settings

    from theodoi.agencies.services import registry_load

    before = Agency.objects.count()
    counts = registry_load(path=settings.BASE_DIR / "data" / "agencies.json")
    assert counts["created"] == 0
    assert Agency.objects.count() == before


def test_renamed_entry_updates_the_agency_it_was(db, tmp_path):
    """A new registry file may rename an entry; the old name stays as an alias."""
    from theodoi.agencies.services import registry_load

    old = tmp_path / "old.json"
    old.write_text('[{"name": "Các bộ", "kind": "collective", "aliases": ["Các bộ, ngành"]}]', encoding="utf-8")
    new = tmp_path / "new.json"
    new.write_text('[{"name": "Các bộ, ngành", "kind": "collective", "aliases": ["Các bộ"]}]', encoding="utf-8")
    Agency.objects.filter(name__in=["Các bộ", "Các bộ, ngành"]).delete()
    registry_load(path=old)
    first = Agency.objects.get(name="Các bộ")
    registry_load(path=new)
    renamed = Agency.objects.get(pk=first.pk)
    assert renamed.name == "Các bộ, ngành"
    assert list(renamed.aliases.values_list("alias", flat=True)) == ["Các bộ"]
    assert not Agency.objects.filter(name="Các bộ").exists()
