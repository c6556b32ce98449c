"""The agency registry as the extractor's lexicon: the bridge between the registry (a Django
app) and the extractor (plain Python), kept here so that neither has to know the other."""

from django.db import DatabaseError

from theodoi.agencies.models import Agency, AgencyAlias
from theodoi.extraction.lexicon import AgencyLexicon, default_lexicon


def registry_lexicon() -> AgencyLexicon:
    """The live registry (with the office's own aliases) as the extractor's lexicon.

    Falls back to the shipped registry file when the database has no agencies yet.
    """
    try:
        aliases: dict[int, list[str]] = {}
        for agency_id, alias in AgencyAlias.objects.values_list("agency_id", "alias"):
            aliases.setdefault(agency_id, []).append(alias)
        agencies = list(Agency.objects.values_list("pk", "name", "kind", "short_name"))
    except DatabaseError:
        return default_lexicon()
    if not agencies:
        return default_lexicon()
    return AgencyLexicon(
        (name, kind, aliases.get(pk, []) + ([short] if short else [])) for pk, name, kind, short in agencies
    )
