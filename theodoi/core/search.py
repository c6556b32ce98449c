"""Search terms from users: bounded, turned into words, matched through an index.

What a search finds: every row whose search key (`lib/text.py` `search_key`, stored in a
`search_text` column) holds each word of the term's own key as a substring ("ha tang" finds
"hạ tầng", "thong" finds "thông tin"). `matching()` is the one place that asks it, and it
asks an index so that a search does not read every row's key:

- SQLite: an FTS5 table `<table>_fts` with the trigram tokenizer, filled by triggers on the
  table (so every write, `save()`, `bulk_create`, `update()` or raw SQL, keeps it in step in
  its own transaction). Trigrams give substring matching, the very semantics of the LIKE it
  replaces; a word-based tokenizer (unicode61 with prefix queries) would find "thong" in
  "thong tin" but not in "kethong", and "ha" only at the start of a word. A word of one or
  two characters has no trigram, so it is matched with LIKE among the rows the longer words
  found (a term made only of such words still reads every key, as before).
- PostgreSQL: a `pg_trgm` GIN index on the key, which serves `LIKE '%word%'` directly.

The bounds below keep a term small: without them 999 words overflow SQLite's expression
tree and a 50,000-character term its LIKE pattern limit (both a 500), and each word costs a
lookup. 30 words and 300 characters are more than any task title needs to be found by
pasting it.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.http import HttpRequest
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from theodoi.lib.text import search_key

MAX_SEARCH_CHARS = 300
MAX_SEARCH_WORDS = 30

TOO_LONG = _("Từ khóa tìm kiếm dài quá: tối đa %(limit_value)d ký tự (đã nhập %(show_value)d). Hãy rút gọn.")
TOO_MANY_WORDS = _("Từ khóa tìm kiếm có quá nhiều từ: tối đa %(limit)d từ (đã nhập %(count)d). Hãy rút gọn.")


def search_words(term: str | None) -> list[str]:
    """The distinct words of a term's search key, in order (each is matched once)."""
    return list(dict.fromkeys(search_key(term).split()))


# Words shorter than a trigram cannot be looked up in a trigram index.
TRIGRAM = 3


def matching(queryset: QuerySet, term: str | None) -> QuerySet:
    """The rows of `queryset` whose `search_text` holds every word of `term` (see above).

    The model's table must carry the index of its database (`search_index_sql`). The
    term's bounds are the caller's form's (`SearchField`); an empty term filters nothing.
    """
    words = search_words(term)
    if not words:
        return queryset
    if connections[queryset.db].vendor == "sqlite":
        indexed = [word for word in words if len(word) >= TRIGRAM]
        if indexed:
            table = fts_table(queryset.model._meta.db_table)
            # One FTS5 phrase per word (quotes doubled inside): each must occur, anywhere.
            query = " AND ".join('"' + word.replace('"', '""') + '"' for word in indexed)
            queryset = queryset.filter(
                pk__in=RawSQL(f'SELECT rowid FROM "{table}" WHERE "{table}" MATCH %s', [query]))
            words = [word for word in words if len(word) < TRIGRAM]
    for word in words:
        queryset = queryset.filter(search_text__contains=word)
    return queryset


# The events of the triggers that keep the SQLite index in step with the table.
SQLITE_TRIGGERS = ("insert", "delete", "update")


def fts_table(table: str) -> str:
    return f"{table}_fts"


def search_index_sql(vendor: str, table: str) -> tuple[list[str], list[str]]:
    """(create, drop) statements of the search index of `table`'s `search_text` column.

    SQLite: the FTS5 table, its three triggers and its filling, all `IF NOT EXISTS` so that
    `ensure_search_index` can put back triggers that a table rebuild dropped. The FTS table
    keeps its own copy of the key (not "external content"): deleting a row from it then needs
    only the rowid, so a row written while the triggers were missing cannot corrupt it.
    PostgreSQL: the trigram GIN index (the extension is created by the migration).
    """
    fts = fts_table(table)
    if vendor == "sqlite":
        return [
            f'CREATE VIRTUAL TABLE IF NOT EXISTS "{fts}" USING fts5(search_text, '
            f"tokenize = 'trigram case_sensitive 1')",
            f'CREATE TRIGGER IF NOT EXISTS "{fts}_insert" AFTER INSERT ON "{table}" BEGIN '
            f'INSERT INTO "{fts}" (rowid, search_text) VALUES (new.id, new.search_text); END',
            f'CREATE TRIGGER IF NOT EXISTS "{fts}_delete" AFTER DELETE ON "{table}" BEGIN '
            f'DELETE FROM "{fts}" WHERE rowid = old.id; END',
            f'CREATE TRIGGER IF NOT EXISTS "{fts}_update" AFTER UPDATE OF id, search_text ON "{table}" '
            f"WHEN old.id IS NOT new.id OR old.search_text IS NOT new.search_text BEGIN "
            f'DELETE FROM "{fts}" WHERE rowid = old.id; '
            f'INSERT INTO "{fts}" (rowid, search_text) VALUES (new.id, new.search_text); END',
            *rebuild_sql(vendor, table),
        ], [
            *(f'DROP TRIGGER IF EXISTS "{fts}_{event}"' for event in SQLITE_TRIGGERS),
            f'DROP TABLE IF EXISTS "{fts}"',
        ]
    if vendor == "postgresql":
        return ([f'CREATE INDEX IF NOT EXISTS "{table}_search_trgm" ON "{table}" USING gin (search_text gin_trgm_ops)'],
                [f'DROP INDEX IF EXISTS "{table}_search_trgm"'])
    return [], []


def rebuild_sql(vendor: str, table: str) -> list[str]:
    """Statements that refill the index from the table (PostgreSQL's index needs none)."""
    if vendor != "sqlite":
        return []
    fts = fts_table(table)
    return [f'DELETE FROM "{fts}"',
            f'INSERT INTO "{fts}" (rowid, search_text) SELECT id, search_text FROM "{table}"']


def index_missing(connection, table: str) -> list[str]:
    """The parts of `table`'s search index that are not in the database (names)."""
    fts = fts_table(table)
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE name = %s OR (type = 'trigger' AND tbl_name = %s)",
                           [fts, table])
            present = {row[0] for row in cursor.fetchall()}
            return [name for name in (fts, *(f"{fts}_{event}" for event in SQLITE_TRIGGERS)) if name not in present]
        if connection.vendor == "postgresql":
            cursor.execute("SELECT 1 FROM pg_indexes WHERE tablename = %s AND indexname = %s",
                           [table, f"{table}_search_trgm"])
            return [] if cursor.fetchone() else [f"{table}_search_trgm"]
    return []


def index_differences(connection, table: str) -> int:
    """Rows whose indexed key differs from the table's (missing, stale or left over).

    Only SQLite's index is a copy that could drift; PostgreSQL's index is maintained by the
    server itself."""
    if connection.vendor != "sqlite":
        return 0
    fts = fts_table(table)
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT (SELECT COUNT(*) FROM "{table}" t LEFT JOIN "{fts}" f ON f.rowid = t.id '
            f"WHERE f.search_text IS NOT t.search_text) "
            f'+ (SELECT COUNT(*) FROM "{fts}" f WHERE f.rowid NOT IN (SELECT id FROM "{table}"))')
        return cursor.fetchone()[0]


def ensure_search_index(connection, table: str) -> list[str]:
    """Create whatever part of the index is missing, then refill it (returns what was missing).

    On SQLite a migration that rebuilds the table (Django copies it into a new one) drops its
    triggers with the old table: this puts them back after every `migrate`."""
    missing = index_missing(connection, table)
    if missing:
        create, _drop = search_index_sql(connection.vendor, table)
        with connection.cursor() as cursor:
            for statement in create:
                cursor.execute(statement)
    return missing


def rebuild_search_index(connection, table: str) -> None:
    with connection.cursor() as cursor:
        for statement in rebuild_sql(connection.vendor, table):
            cursor.execute(statement)


def check_search_term(term: str | None) -> None:
    """Raise ValidationError with the user's message if the term is over either bound."""
    term = term or ""
    if len(term) > MAX_SEARCH_CHARS:
        raise ValidationError(TOO_LONG, code="max_length",
                              params={"limit_value": MAX_SEARCH_CHARS, "show_value": len(term)})
    count = len(search_words(term))
    if count > MAX_SEARCH_WORDS:
        raise ValidationError(TOO_MANY_WORDS, code="too_many_words",
                              params={"limit": MAX_SEARCH_WORDS, "count": count})


class SearchField(forms.CharField):
    """A search box: at most MAX_SEARCH_CHARS characters (also as the input's maxlength)."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("max_length", MAX_SEARCH_CHARS)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.error_messages["max_length"] = TOO_LONG

    def validate(self, value: str) -> None:
        super().validate(value)
        check_search_term(value)


class BoundedSearchAdmin:
    """ModelAdmin mixin: the admin's search (and its autocomplete) under the same bounds.

    The admin adds one condition per word and field, so it overflows sooner than the task
    list; over the bounds it searches the first words and says so. A model with a search key
    and its index sets `search_by_key`: its admin then searches as the lists do (`matching`).
    """

    search_by_key = False

    def get_search_results(self, request: HttpRequest, queryset, search_term: str):
        try:
            check_search_term(search_term)
        except ValidationError as exc:
            if request.headers.get("x-requested-with") != "XMLHttpRequest":  # not the autocomplete widget
                messages.warning(request, " ".join(exc.messages) + " " + gettext("Chỉ tìm theo phần đầu của từ khóa."))
            search_term = " ".join(search_term[:MAX_SEARCH_CHARS].split()[:MAX_SEARCH_WORDS])
        if self.search_by_key:
            return matching(queryset, search_term), False
        return super().get_search_results(request, queryset, search_term)
