"""The national registry: 34 provincial-level units of 2025, their bodies, and the merged
provinces' bodies as predecessors (loaded for every test database by tests/conftest.py)."""

import pytest

from theodoi.agencies.models import Agency, AgencyAlias
from theodoi.agencies.selectors import AgencyResolver, agency_ids_acting_for, current_successors
from theodoi.agencies.services import registry_load
from theodoi.extraction.registry import places, units

STANDARD = (
    "Hội đồng nhân dân {full}", "Ủy ban nhân dân {full}", "Văn phòng Ủy ban nhân dân {full}",
    "Sở Nội vụ {full}", "Sở Tài chính {full}", "Sở Tư pháp {full}", "Sở Công Thương {full}", "Sở Xây dựng {full}",
    "Sở Nông nghiệp và Môi trường {full}", "Sở Khoa học và Công nghệ {full}",
    "Sở Văn hóa, Thể thao và Du lịch {full}", "Sở Giáo dục và Đào tạo {full}", "Sở Y tế {full}",
    "Thanh tra {full}", "Công an {full}", "Bộ Chỉ huy Quân sự {full}",
)


def test_thirty_four_units_each_with_its_standard_bodies(db):
    assert len(units()) == 34
    assert len([p for p in places().values() if p.dissolved_on]) == 30  # 29 merged on 01/07/2025 + Thừa Thiên Huế
    for unit in units():
        names = {pattern.format(full=unit.full) for pattern in STANDARD}
        found = dict(Agency.objects.filter(name__in=names).values_list("name", "place"))
        assert set(found) == names, unit.name
        assert set(found.values()) == {unit.name}
        assert not Agency.objects.filter(name__in=names, dissolved_on__isnull=False).exists()


def test_a_province_has_a_party_committee_and_a_city_a_city_committee(db):
    assert Agency.objects.get(name="Tỉnh ủy Thanh Hóa").kind == "party"
    assert Agency.objects.get(name="Thành ủy Cần Thơ").place == "Cần Thơ"
    assert Agency.objects.get(name="Thành ủy Thành phố Hồ Chí Minh").place == "Hồ Chí Minh"


def test_merged_province_bodies_are_succeeded_by_the_units(db):
    for body in ("Ủy ban nhân dân tỉnh Hải Dương", "Sở Tài chính tỉnh Hải Dương", "Tỉnh ủy Hải Dương",
                 "Công an tỉnh Hải Dương"):
        agency = Agency.objects.get(name=body)
        assert agency.place == "Hải Dương"
        assert str(agency.dissolved_on) == "2025-07-01"
        (successor,) = current_successors(agency)
        assert successor.place == "Hải Phòng"
    assert [a.name for a in current_successors(Agency.objects.get(name="Sở Tài chính tỉnh Hải Dương"))] == [
        "Sở Tài chính thành phố Hải Phòng"]
    assert [a.name for a in current_successors(Agency.objects.get(name="Tỉnh ủy Hải Dương"))] == ["Thành ủy Hải Phòng"]


def test_merged_departments_chain_to_todays_department_of_the_unit(db):
    planning = Agency.objects.get(name="Sở Kế hoạch và Đầu tư tỉnh Bắc Giang")
    assert [a.name for a in current_successors(planning)] == ["Sở Tài chính tỉnh Bắc Ninh"]
    labour = Agency.objects.get(name="Sở Lao động - Thương binh và Xã hội tỉnh Thanh Hóa")
    assert {a.name for a in current_successors(labour)} == {
        "Sở Nội vụ tỉnh Thanh Hóa", "Sở Giáo dục và Đào tạo tỉnh Thanh Hóa", "Sở Y tế tỉnh Thanh Hóa"}
    finance = Agency.objects.get(name="Sở Tài chính tỉnh Bắc Ninh")
    assert planning.pk in agency_ids_acting_for(finance.pk)


def test_hand_written_entries_keep_their_names_and_aliases(db):
    resolver = AgencyResolver()
    names = {
        "UBND TP Hải Phòng": "Ủy ban nhân dân thành phố Hải Phòng",
        "Sở Tài chính": "Sở Tài chính thành phố Hải Phòng",
        "UBND tỉnh Thanh Hóa": "Ủy ban nhân dân tỉnh Thanh Hóa",
        "Sở KH&CN Đồng Tháp": "Sở Khoa học và Công nghệ tỉnh Đồng Tháp",
        "Sở Tài chính TP.HCM": "Sở Tài chính Thành phố Hồ Chí Minh",
    }
    assert {written: resolver.resolve(written).name for written in names} == names
    assert resolver.resolve("Thành ủy Hải Phòng").place == "Hải Phòng"
    assert resolver.resolve("Bộ Tài chính").place == ""
    assert Agency.objects.get(name="Sở Tài chính thành phố Hải Phòng").parent.name == "Ủy ban nhân dân thành phố Hải Phòng"


@pytest.mark.django_db
def test_second_load_changes_nothing():
    history = Agency.history.count()
    aliases = set(AgencyAlias.objects.values_list("pk", "alias_key", "agency_id"))
    links = set(Agency.succeeded_by.through.objects.values_list("pk", flat=True))
    counts = registry_load()
    assert counts["created"] == counts["updated"] == 0
    assert counts["unchanged"] == Agency.objects.count() > 1500
    assert Agency.history.count() == history
    assert set(AgencyAlias.objects.values_list("pk", "alias_key", "agency_id")) == aliases
    assert set(Agency.succeeded_by.through.objects.values_list("pk", flat=True)) == links


@pytest.mark.django_db
def test_a_changed_body_is_put_back_with_one_history_row():
    agency = Agency.objects.get(name="Sở Y tế tỉnh Nghệ An")
    Agency.objects.filter(pk=agency.pk).update(kind="other", place="")
    agency.succeeded_by.add(Agency.objects.get(name="Bộ Y tế"))
    history = agency.history.count()
    counts = registry_load()
    assert counts["updated"] == 1 and counts["created"] == 0
    agency.refresh_from_db()
    assert (agency.kind, agency.place) == ("department", "Nghệ An")
    assert list(agency.succeeded_by.all()) == []
    assert agency.history.count() == history + 1


def test_a_resolver_for_a_place_resolves_short_names_to_its_bodies(db):
    resolver = AgencyResolver(place="Cà Mau")
    names = {
        "Sở Tài chính": "Sở Tài chính tỉnh Cà Mau",
        "UBND tỉnh": "Ủy ban nhân dân tỉnh Cà Mau",
        "Thường trực Tỉnh ủy": "Tỉnh ủy Cà Mau",
        "Bộ Y tế": "Bộ Y tế",
        "Sở Tài chính tỉnh Bạc Liêu": "Sở Tài chính tỉnh Bạc Liêu",
    }
    assert {written: resolver.resolve(written).name for written in names} == names
    assert AgencyResolver().resolve("UBND tỉnh") is None
