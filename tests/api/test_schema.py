"""Acceptance 3: the OpenAPI description served at /api/v1/schema/ is valid OpenAPI 3, and
every documented endpoint answers (anonymous and with a token) with what it documents."""

import json
import re

import pytest
import yaml
from openapi_schema_validator import OAS31Validator, oas31_format_checker
from openapi_spec_validator import validate

from tests.api.conftest import client_for, seed_indicators
from tests.api.endpoints import urls
from tests.tasks.factories import UserFactory
from theodoi.core.roles import OFFICE, OFFICER


@pytest.fixture
def served(anon, db) -> dict:
    response = anon.get("/api/v1/schema/")
    assert response.status_code == 200
    return yaml.safe_load(response.content)


@pytest.mark.django_db
def test_the_served_schema_is_valid_openapi_3(served, anon):
    validate(served)  # raises on any error
    assert served["openapi"].startswith("3.")
    as_json = anon.get("/api/v1/schema/?format=json")
    assert json.loads(as_json.content) == served
    documented = {path for path, item in served["paths"].items() if "get" in item}
    assert {"/api/v1/tasks/", "/api/v1/tasks/{id}/", "/api/v1/documents/", "/api/v1/documents/{id}/",
            "/api/v1/agencies/", "/api/v1/agencies/{id}/", "/api/v1/progress-notes/",
            "/api/v1/tasks.csv", "/api/v1/tasks.xlsx", "/api/v1/indicators/", "/api/v1/indicators/{id}/"} <= documented
    for path in documented:
        assert not set(served["paths"][path]) - {"get", "parameters"}, "the API is read-only"


@pytest.mark.django_db
@pytest.mark.parametrize("caller", ["anonymous", "office", "officer"])
def test_each_endpoint_answers_as_documented(served, public_world, anon, caller):
    client = {
        "anonymous": lambda: anon,
        "office": lambda: client_for(UserFactory(username="vp", role=OFFICE)),
        "officer": lambda: client_for(UserFactory(username="cb", role=OFFICER, agency="Bộ Y tế")),
    }[caller]()
    w = public_world
    indicators = seed_indicators(w)
    ids = {"/api/v1/tasks/": [w.task.pk, w.hidden_task.pk], "/api/v1/documents/": [w.document.pk],
           "/api/v1/agencies/": [w.task.lead_agency_id], "/api/v1/evidence/": [w.evidence.pk],
           "/api/v1/indicators/": [indicators["public"].pk]}
    checked = 0
    for url in urls(ids, queries={"/api/v1/tasks/": ["q=ha tang&page_size=1", "status=nope"],
                                  "/api/v1/progress-notes/": [f"task={w.task.pk}"]}):
        response = client.get(url)
        path = _documented_path(served, url)
        operation = served["paths"][path]["get"]
        documented = operation["responses"].get(str(response.status_code))
        assert documented is not None, (url, response.status_code, "status not documented")
        content = documented.get("content", {})
        media = response["Content-Type"].split(";")[0]
        if media == "application/json" and "application/json" in content:
            body = response.json()
            OAS31Validator({"components": served["components"], "allOf": [content["application/json"]["schema"]]},
                               format_checker=oas31_format_checker).validate(body)
            checked += 1
        elif response.status_code == 200:
            assert media in content or "*/*" in content, (url, media, list(content))
    assert checked >= 7


def _documented_path(served: dict, url: str) -> str:
    bare = url.split("?")[0]
    for path in served["paths"]:
        if re.fullmatch(re.escape(path).replace(re.escape("{id}"), "[0-9]+"), bare):
            return path
    raise AssertionError(f"{url} is not documented")


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_browsable_docs_are_served_from_here(client, page):
    """Swagger UI and Redoc come from drf-spectacular-sidecar through our static files: no CDN,
    no web fonts from elsewhere (drf-spectacular's Redoc page links Google Fonts), and the
    page says its language (axe's html-has-lang: screen readers need it)."""
    response = client.get(page)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assets = re.findall(r'(?:src|href)="([^"]+\.(?:js|css|png))"', html)
    assert assets
    for asset in assets:
        assert asset.startswith("/static/"), asset
        served = client.get(asset)
        assert served.status_code == 200, asset
        assert served.get("Content-Length") != "0"
    assert "/api/v1/schema/" in html


# Where a bundle would fetch from on its own: an image or script source, a stylesheet's
# url(), a fetch, Swagger UI's validator badge. Other absolute URLs in the bundles are
# links a reader may follow or identifiers never fetched (JSON Schema's $id, XML namespaces).
FETCHING = re.compile(r'(?:\bsrc\s*[:=]\s*|url\(\s*|fetch\(\s*|validatorUrl\s*:\s*)["\']?((?:https?:)?//[^"\')\s]+)')
FETCH_DIRECTIVES = ("default-src", "script-src", "style-src", "img-src", "font-src", "connect-src",
                    "worker-src", "media-src", "object-src", "frame-src", "child-src", "manifest-src")
OWN_SOURCES = {"'self'", "'none'", "'unsafe-inline'", "data:", "blob:"}


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["/api/v1/docs/", "/api/v1/redoc/"])
def test_docs_fetch_nothing_from_other_hosts_even_what_their_bundles_name(client, page):
    """A bundle served from here still names other hosts: Redoc's side menu shows Redocly's
    logo from cdn.redoc.ly, Swagger UI's badge comes from validator.swagger.io. The page's
    Content-Security-Policy must let the browser load from this site only, whenever the
    bundles it loads would fetch from elsewhere (tests/e2e/test_api_docs.py watches a real
    browser do it)."""
    response = client.get(page)
    html = response.content.decode()
    fetched_elsewhere = []
    for asset in re.findall(r'src="(/static/[^"]+\.js)"', html):
        served = client.get(asset)
        body = b"".join(served.streaming_content) if served.streaming else served.content
        fetched_elsewhere += [url for url in FETCHING.findall(body.decode("utf-8", "replace"))
                              if "localhost" not in url]
    assert fetched_elsewhere, "the bundles name no other host any more: this test no longer tests anything"
    policy = {name: set(sources) for name, *sources in
              (part.split() for part in response.get("Content-Security-Policy", "").split(";") if part.strip())}
    assert "default-src" in policy, f"{page} has no Content-Security-Policy; its bundles fetch {fetched_elsewhere}"
    for directive in FETCH_DIRECTIVES:
        if directive in policy:
            assert policy[directive] <= OWN_SOURCES, (directive, policy[directive] - OWN_SOURCES)


@pytest.mark.django_db
def test_swagger_shows_no_validator_badge(client):
    """Swagger UI's "valid" badge is an image from validator.swagger.io, given our schema's address."""
    html = client.get("/api/v1/docs/").content.decode()
    settings_json = re.search(r"const swaggerSettings = (\{.*?\});", html, re.S).group(1)
    assert json.loads(settings_json)["validatorUrl"] is None
