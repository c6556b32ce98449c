"""The agency registry as the extractor's lexicon: the bridge between the registry (a Django
app) and the extractor (plain Python), kept here so that neither has to know the other."""

from django.db import DatabaseError

from theodoi.agencies.models import Agency, AgencyAlias
from theodoi.extraction.lexicon import AgencyLexicon, default_lexicon

# Building the lexicon of the national registry (~1,600 bodies, ~10,000 names) takes about
# half a second; reading its rows a few milliseconds. The last one built is kept and reused
# while the rows are the same, so an upload or an added directive does not pay for it.
_built: tuple[int, AgencyLexicon] | None = None


def registry_lexicon() -> AgencyLexicon:
    """The live registry (with the office's own aliases and each body's place) as the
    extractor's lexicon.

    Falls back to the shipped registry when the database has no agencies yet.
    """
    global _built
    try:
        alias_rows = list(AgencyAlias.objects.order_by("pk").values_list("agency_id", "alias"))
        agencies = list(Agency.objects.order_by("pk").values_list(
            "pk", "name", "kind", "short_name", "place", "dissolved_on"))
    except DatabaseError:
        return default_lexicon()
    if not agencies:
        return default_lexicon()
    fingerprint = hash((tuple(alias_rows), tuple(agencies)))
    if _built is not None and _built[0] == fingerprint:
        return _built[1]
    aliases: dict[int, list[str]] = {}
    for agency_id, alias in alias_rows:
        aliases.setdefault(agency_id, []).append(alias)
    lexicon = AgencyLexicon(
        (name, kind, aliases.get(pk, []) + ([short] if short else []), place or None, dissolved is not None)
        for pk, name, kind, short, place, dissolved in agencies
    )
    _built = (fingerprint, lexicon)
    return lexicon
