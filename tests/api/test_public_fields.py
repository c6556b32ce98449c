"""For public callers the API shows only the fields `portal/visibility.py` lists: each
serializer says what each field reads, every field is accounted for, and the fields that
read anything else are exactly those blanked for the public."""

import pytest
from rest_framework import serializers

from theodoi.api.serializers import (
    AgencySerializer,
    DocumentDetailSerializer,
    EvidenceSerializer,
    IndicatorSerializer,
    ObservationSerializer,
    ProgressNoteSerializer,
    TargetSerializer,
    TaskDetailSerializer,
    shown_to_public,
)

STAFF_ONLY = {
    TaskDetailSerializer: {"comments"},
    DocumentDetailSerializer: set(),
    AgencySerializer: set(),
    ProgressNoteSerializer: {"text", "author", "return_reason", "submitted_at"},
    EvidenceSerializer: set(),
    IndicatorSerializer: {"notes"},
    TargetSerializer: set(),
    ObservationSerializer: {"return_reason"},
}


@pytest.mark.parametrize("serializer", STAFF_ONLY, ids=lambda s: s.__name__)
def test_every_field_says_what_it_reads(serializer):
    fields = serializer().fields
    assert set(fields) == set(serializer.READS), "a field without READS, or READS of no field"
    hidden = {name for name, reads in serializer.READS.items() if not shown_to_public(serializer.KIND, reads)}
    assert hidden == STAFF_ONLY[serializer]
    for name in hidden:  # computed by a method that asks `may_read` first
        assert isinstance(fields[name], serializers.SerializerMethodField), name
