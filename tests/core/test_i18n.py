"""The interface is Vietnamese; English is available through the header switcher."""

import ast
import datetime as dt
import gettext
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import axes
import django
import django_tasks_db
import pytest
import simple_history
from axes.models import AccessAttempt
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.translation.template import templatize
from simple_history.models import HistoricalChanges

from tests.conftest import agency
from theodoi.core.exceptions import ApplicationError
from theodoi.indicators.models import Observation
from theodoi.petitions.models import Petition
from theodoi.petitions.models import State as PetitionState
from theodoi.portal.models import Digest
from theodoi.reports.models import Digest as ReminderDigest
from theodoi.tasks import services
from theodoi.tasks.models import ProgressReport, Task
from theodoi.tasks.periods import period_containing

MESSAGES = Path(settings.BASE_DIR) / "theodoi" / "locale" / "en" / "LC_MESSAGES"
HEADING_VI = "Tổng quan tình hình thực hiện nhiệm vụ"
HEADING_EN = "Overview of task implementation"


@pytest.fixture
def overdue_task(document):
    return Task.objects.create(
        document=document, title="Hoàn thiện hạ tầng giao thông liên vùng",
        lead_agency=agency("Ủy ban nhân dân thành phố Hải Phòng"), due_on=dt.date(2025, 12, 31),
    )


def choose(client, language: str) -> None:
    response = client.post(reverse("set_language"), {"language": language, "next": "/"})
    assert response.status_code == 302


def page(client, name: str = "tasks:dashboard") -> str:
    response = client.get(reverse(name))
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.django_db
class TestSwitching:
    def test_vietnamese_by_default(self, client, office, overdue_task):
        client.force_login(office)
        html = page(client)
        assert '<html lang="vi">' in html
        assert HEADING_VI in html and "Chưa hoàn thành – quá hạn" in html
        assert HEADING_EN not in html

    def test_english_after_choosing_it(self, client, office, overdue_task):
        client.force_login(office)
        choose(client, "en")
        html = page(client)
        assert '<html lang="en">' in html
        assert HEADING_EN in html and HEADING_VI not in html
        for label in ("Done on time", "Done late", "Not done – on time", "Not done – overdue"):
            assert label in html
        assert "Chưa hoàn thành" not in html

        tasks = page(client, "tasks:list")
        header = re.search(r"<thead>(.*?)</thead>", tasks, re.S).group(1)
        columns = re.findall(r"<th>(.*?)</th>", header)
        assert columns == ["Task", "Lead agency", "Sector", "Deadline", "Progress", "Status"]
        assert "Not done – overdue" in tasks

        choose(client, "vi")
        assert HEADING_VI in page(client)

    def test_the_browser_language_alone_does_not_switch(self, client, office):
        client.force_login(office)
        html = client.get(reverse("tasks:dashboard"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
        assert HEADING_VI in html

    def test_switcher_is_in_the_header_even_before_login(self, client):
        html = page(client, "login")
        header = re.search(r'<header class="topbar[^"]*"[^>]*>(.*?)</header>', html, re.S).group(1)
        form = re.search(r'<form class="lang" method="post" action="([^"]+)"(.*?)</form>', header, re.S)
        assert form.group(1) == reverse("set_language")
        assert re.findall(r'value="(vi|en)"[^>]*>([^<]+)</button>', form.group(2)) == [
            ("vi", "Tiếng Việt"), ("en", "English")]
        # Everything the page loads comes from the app itself.
        assert not re.search(r'(src|href)="(https?:)?//', html)


@pytest.mark.django_db
def test_service_messages_follow_the_language(officer, document):
    task = Task.objects.create(document=document, title="Xây dựng chính quyền số",
                               lead_agency=agency("Ủy ban nhân dân thành phố Hải Phòng"))
    quarter = period_containing("quarter", timezone.localdate())
    with pytest.raises(ApplicationError) as refused:
        services.report_submit(actor=officer, task=task, period=quarter, percent_complete=10, narrative=" ")
    assert refused.value.message == "Hãy nêu kết quả thực hiện trong kỳ."
    with translation.override("en"), pytest.raises(ApplicationError) as refused:
        services.report_submit(actor=officer, task=task, period=quarter, percent_complete=10, narrative=" ")
    assert refused.value.message == "Please describe the results achieved in the period."
    with translation.override("en"), pytest.raises(ApplicationError) as refused:
        services.report_submit(actor=officer, task=task, period=quarter.next(), percent_complete=10, narrative="x")
    assert refused.value.message.startswith("The reporting period Quarter ")


@pytest.mark.django_db
def test_dates_stay_day_month_year_in_english(client, office, overdue_task):
    client.force_login(office)
    choose(client, "en")
    html = page(client)
    today = timezone.localdate()
    assert f"As of {today:%d/%m/%Y}" in html
    assert f"Today {today:%d/%m/%Y}" in html
    assert "(due 31/12/2025), not completed." in html
    with translation.override("en"):
        assert formats.date_format(dt.date(2025, 2, 5)) == "05/02/2025"
        assert formats.date_format(dt.datetime(2025, 2, 5, 14, 30), "SHORT_DATETIME_FORMAT") == "05/02/2025 14:30"


CATALOGUES = sorted(Path(settings.BASE_DIR, "theodoi").glob("**/locale/en/LC_MESSAGES/django.po"))


def catalogue_entries(path: Path = MESSAGES / "django.po") -> list[dict[str, str]]:
    """The entries of a django.po: msgctxt, msgid, msgid_plural, msgstr, msgstr[n], flags."""
    entries, entry, key = [], None, None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        if not line.strip():
            if entry and "msgid" in entry:
                entries.append(entry)
            entry = None
            continue
        entry = entry if entry is not None else {"flags": ""}
        if line.startswith("#,"):
            entry["flags"] += line[2:]
        elif line.startswith('"'):
            entry[key] += ast.literal_eval(line)
        elif not line.startswith("#"):
            key, value = line.split(" ", 1)
            entry[key] = ast.literal_eval(value)
    return [e for e in entries if e["msgid"]]


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_every_message_has_an_english_translation(path):
    entries = catalogue_entries(path)
    assert len(entries) > (300 if path == MESSAGES / "django.po" else 10)
    for entry in entries:
        translations = [v for k, v in entry.items() if k.startswith("msgstr")]
        assert translations and all(t.strip() for t in translations), entry["msgid"]
        assert "fuzzy" not in entry["flags"], entry["msgid"]  # a guess of makemessages, often wrong


def test_no_two_catalogues_translate_one_message_differently():
    """Django merges the catalogues of every app into one dictionary keyed by context and msgid,
    so when two apps translate the same Vietnamese words differently, one of the translations
    is shown everywhere (the portal digest's "lúc gửi" read "submitted at", the English of an
    indicator value's). Words that mean different things in different places take a context."""
    translations: dict[tuple[str | None, str], dict[tuple[str, ...], list[str]]] = {}
    for path in CATALOGUES:
        for entry in catalogue_entries(path):
            english = tuple(v for k, v in sorted(entry.items()) if k.startswith("msgstr"))
            if all(t.strip() for t in english):
                translations.setdefault((entry.get("msgctxt"), entry["msgid"]), {}).setdefault(
                    english, []).append(str(path.relative_to(settings.BASE_DIR)))
    conflicts = [f"{msgid!r}" + (f" (context {context!r})" if context else "") + ": " + "; ".join(
        f"{' | '.join(english)!r} in {', '.join(where)}" for english, where in variants.items())
        for (context, msgid), variants in translations.items() if len(variants) > 1]
    assert not conflicts, f"{len(conflicts)} messages translated differently:\n" + "\n".join(conflicts)


def test_words_that_mean_different_things_keep_their_own_english():
    """The same Vietnamese words, each place with its meaning (they share one dictionary)."""
    def label(model: type[models.Model], field: str) -> str:
        return str(model._meta.get_field(field).verbose_name)

    with translation.override("en"):
        assert label(Digest, "sent_at") == label(ReminderDigest, "sent_at") == "sent at"  # an e-mail
        assert label(Observation, "submitted_at") == "submitted at"  # a value sent for review
        assert label(ReminderDigest, "subject") == "subject" and label(Petition, "title") == "title"
        assert str(PetitionState.RECEIVED.label) == "Received"
        assert str(ProgressReport.State.ACCEPTED.label) == "Accepted"
        assert label(Petition, "category") == "category" and label(Task, "domain") == "sector"
        assert label(Petition, "created_at") == "filed on" and label(ProgressReport, "submitted_at") == "submitted on"


GETTEXT = {"_", "gettext", "gettext_lazy", "ngettext", "ngettext_lazy", "pgettext", "pgettext_lazy"}


def test_every_message_in_the_code_is_in_a_catalogue():
    """Read from the code itself: `makemessages` (xgettext) does not look inside f-strings,
    so a `{_("…")}` there was dropped from the catalogue and shown in Vietnamese to English
    readers."""
    known = {e["msgid"] for path in CATALOGUES for e in catalogue_entries(path)}
    missing = []
    for source in Path(settings.BASE_DIR, "theodoi").glob("**/*.py"):
        if "migrations" in source.parts:
            continue
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in GETTEXT
                    and node.args):
                first = node.args[1] if node.func.id.startswith("pgettext") and len(node.args) > 1 else node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str) and first.value not in known:
                    missing.append(f"{source.relative_to(settings.BASE_DIR)}:{node.lineno} {first.value!r}")
    assert missing == []


@pytest.mark.parametrize("path", [*CATALOGUES, *sorted((MESSAGES.parent.parent / "vi" / "LC_MESSAGES").glob("*.po"))],
                         ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_the_committed_mo_matches_the_po(path):
    with open(path.with_suffix(".mo"), "rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    for entry in catalogue_entries(path):
        context = entry.get("msgctxt")
        if "msgid_plural" in entry:
            got = compiled.npgettext(context, entry["msgid"], entry["msgid_plural"], 2) if context else \
                compiled.ngettext(entry["msgid"], entry["msgid_plural"], 2)
            assert got == entry[f"msgstr[{compiled.plural(2)}]"], entry["msgid"]
        else:
            got = compiled.pgettext(context, entry["msgid"]) if context else compiled.gettext(entry["msgid"])
            assert got == entry["msgstr"], entry["msgid"]


def our_models() -> list[type[models.Model]]:
    """Every model of the project's apps, less two kinds that cannot carry our labels:
    - the many-to-many tables Django makes itself (`Agency.succeeded_by`, `Response.comments`):
      `get_models()` leaves them out; their columns and name ("Agency-agency relationship") are
      Django's, and labelling them would take an explicit through model;
    - django-simple-history's historical models: their own columns (`history_date`,
      `history_user`, …) are the library's, and every other column is a copy of the tracked
      model's field with its label, which the tracked model is checked for here."""
    return [model for model in apps.get_models()
            if model.__module__.startswith("theodoi.") and not issubclass(model, HistoricalChanges)]


def test_every_model_and_field_has_a_vietnamese_label():
    """A field without `verbose_name` shows Django's name for it, derived from the code
    ("Created at", "Task") in the admin's columns, forms and filters and in every ModelForm."""
    assert len(our_models()) > 30
    unlabelled = []
    for model in our_models():
        opts = model._meta
        for option in ("verbose_name", "verbose_name_plural"):  # else "Section", "sections"
            if not isinstance(opts.original_attrs.get(option), Promise):
                unlabelled.append(f"{opts.label} Meta.{option}")
        for field in [*opts.concrete_fields, *opts.many_to_many]:
            if field.auto_created:  # the `id` Django adds, labelled "ID" by Django
                continue
            label = field.verbose_name
            # Django's own label is the name with spaces ("created at"); ours goes through gettext.
            if not isinstance(label, Promise) or str(label) == field.name.replace("_", " "):
                unlabelled.append(f"{opts.label}.{field.name}")
    assert unlabelled == []


def english_of_the_admin() -> list[re.Pattern[str]]:
    """Every text Django's admin, its user pages, django-simple-history, django-axes and
    django-tasks-db show, as written in English (placeholders match anything), for finding
    those left untranslated."""
    django_locale = Path(django.__file__).parent / "contrib" / "{}" / "locale" / "en" / "LC_MESSAGES" / "django.po"
    texts = {e[key] for app in ("admin", "auth") for e in catalogue_entries(Path(str(django_locale).format(app)))
             for key in ("msgid", "msgid_plural") if key in e}
    history = Path(simple_history.__file__).parent
    for template in (history / "templates" / "simple_history").glob("*.html"):
        python = templatize(template.read_text(encoding="utf-8"), origin=str(template))
        texts.update(ast.literal_eval(m) for m in re.findall(r"""gettext\(u?('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")""", python))
        texts.update(ast.literal_eval(m) for m in re.findall(r"""ngettext\(u?'[^']*', u?('[^']*')""", python))
    for source in (history / "admin.py", *(Path(axes.__file__).parent / name for name in ("admin.py", "models.py")),
                   Path(django_tasks_db.__file__).parent / "models.py"):
        texts.update(ast.literal_eval(m) for m in re.findall(r"""\b_\(\s*("[^"]*"|'[^']*')""",
                                                              source.read_text(encoding="utf-8")))
    placeholder = r"%\(\w+\)s|%s|%d|\\\{\w*\\\}"
    return [re.compile(r"(\d+ )?" + re.sub(placeholder, ".+", re.escape(text)))
            for text in texts if re.search("[A-Za-z]{2}", text)]


class ShownText(HTMLParser):
    """The text a reader meets: text nodes, and the labels assistive technology reads out."""
    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hidden += tag in ("script", "style")
        self.texts += [value for name, value in attrs if name in ("aria-label", "title", "placeholder") and value]
        if tag == "input" and ("type", "submit") in attrs:
            self.texts += [value for name, value in attrs if name == "value" and value]

    def handle_endtag(self, tag: str) -> None:
        self.hidden -= tag in ("script", "style")

    def handle_data(self, data: str) -> None:
        if not self.hidden and data.strip():
            self.texts.append(data)


@pytest.mark.django_db
def test_the_admin_and_its_change_history_are_vietnamese(client, office, document):
    """django-simple-history ships no Vietnamese and Django's Vietnamese lacks the admin's newer
    texts: theodoi/locale/vi gives them ("Change history", "Skip to main content", …)."""
    office.is_superuser = True
    office.save()
    client.force_login(office)
    task = Task.objects.create(document=document, title="Xây dựng chính quyền số",
                               lead_agency=agency("Ủy ban nhân dân thành phố Hải Phòng"))
    task.title = "Xây dựng chính quyền số thành phố"
    task.save()
    older = task.history.earliest()
    AccessAttempt.objects.create(username="khach", ip_address="127.0.0.1", user_agent="Firefox", http_accept="*/*",
                                 path_info="/dang-nhap/", get_data="", post_data="", failures_since_start=2)
    english = english_of_the_admin()
    assert len(english) > 150
    untranslated = []
    for url in ("/quan-tri/", "/quan-tri/tasks/task/", f"/quan-tri/tasks/task/{task.pk}/change/",
                f"/quan-tri/tasks/task/{task.pk}/history/", f"/quan-tri/tasks/task/{task.pk}/history/{older.pk}/",
                f"/quan-tri/auth/user/{office.pk}/change/", "/quan-tri/auth/user/add/", "/quan-tri/axes/accessattempt/",
                "/quan-tri/django_tasks_database/dbtaskresult/"):
        response = client.get(url)
        assert response.status_code == 200, url
        shown = ShownText()
        shown.feed(response.content.decode())
        untranslated += [f"{url}: {text!r}" for text in {" ".join(t.split()) for t in shown.texts}
                         if any(pattern.fullmatch(text) for pattern in english)]
    assert untranslated == []
    history = client.get(f"/quan-tri/tasks/task/{task.pk}/history/").content.decode()
    assert "<title>Lịch sử thay đổi: Xây dựng chính quyền số thành phố" in history
    assert "Người thay đổi" in history and "Lý do thay đổi" in history


@pytest.mark.django_db
def test_the_admin_scripts_are_vietnamese(client, office):
    """The admin's scripts write the two-list picker (an agency's successors, a user's groups)
    and the calendar from the catalogue /quan-tri/jsi18n/ serves; Django's Vietnamese lacks 23
    of their texts, which theodoi/locale/vi/LC_MESSAGES/djangojs.po gives."""
    client.force_login(office)
    script = client.get(reverse("admin:jsi18n")).content.decode()
    catalogue = json.loads(re.search(r"const newcatalog = (\{.*?\});\n", script, re.S).group(1))
    english = catalogue_entries(Path(django.__file__).parent / "contrib" / "admin" / "locale" / "en"
                                / "LC_MESSAGES" / "djangojs.po")
    assert len(english) > 70
    missing = [e["msgid"] for e in english if "\x04".join(filter(None, (e.get("msgctxt"), e["msgid"]))) not in catalogue]
    assert missing == []


TEMPLATE_MESSAGE = re.compile(r"\b(n?p?gettext)\((u'(?:[^'\\]|\\.)*'(?:, u'(?:[^'\\]|\\.)*')*)")


def test_every_message_in_the_templates_is_in_a_catalogue():
    """Every `{% translate %}` and `{% blocktranslate %}` of every template, whatever its file
    extension: `make messages` reads .html, .txt and .py only, so the indicator chart's
    chart.svg was never read and its legend showed "Thực hiện" and "SỐ LIỆU MINH HỌA" to
    English readers."""
    from django.utils.translation.template import templatize

    # Our own templates' msgids are Vietnamese, for the English catalogues; the copies of a
    # library's templates keep its English msgids, which theodoi/locale/vi or Django's own
    # Vietnamese give.
    vietnamese = [MESSAGES.parent.parent / "vi" / "LC_MESSAGES" / "django.po",
                  *Path(django.__file__).parent.glob("**/locale/vi/LC_MESSAGES/django.po")]
    known = {e["msgid"] for path in [*CATALOGUES, *vietnamese] for e in catalogue_entries(path)}
    templates = [p for p in Path(settings.BASE_DIR, "theodoi").glob("**/templates/**/*") if p.is_file()]
    assert any(p.suffix == ".svg" for p in templates)
    missing, found = [], 0
    for template in templates:
        # templatize turns the tags into the gettext calls xgettext reads (what makemessages does).
        for call in TEMPLATE_MESSAGE.finditer(templatize(template.read_text(encoding="utf-8"), origin=str(template))):
            arguments = ast.literal_eval(f"({call.group(2)},)")
            msgid = arguments[1] if call.group(1).startswith(("pgettext", "npgettext")) else arguments[0]
            found += 1
            if msgid not in known:
                missing.append(f"{template.relative_to(settings.BASE_DIR)}: {msgid!r}")
    assert found > 500
    assert missing == [], missing
