"""Every documented endpoint, read from the API's own OpenAPI schema, with the ids to call
it with: an endpoint added later is called by the tests without being listed here, and one
whose ids this module does not know fails them until it does."""

import io
import re
import zipfile

from drf_spectacular.generators import SchemaGenerator

ID_PATH = re.compile(r"\{id\}")


def schema() -> dict:
    return SchemaGenerator().get_schema(request=None, public=True)


def documented_paths() -> list[str]:
    return [path for path, item in schema()["paths"].items() if "get" in item]


def urls(ids_by_prefix: dict[str, list[int]], *, queries: dict[str, list[str]] | None = None) -> list[str]:
    """Each documented GET path; `{id}` paths once per id of their kind (by path prefix),
    list paths once bare and once per query string given for them."""
    result = []
    for path in documented_paths():
        if ID_PATH.search(path):
            prefix = path.split("{id}")[0]
            if prefix not in ids_by_prefix:
                raise AssertionError(f"the tests know no ids for {path}: add its kind to ids_by_prefix")
            result += [ID_PATH.sub(str(pk), path) for pk in ids_by_prefix[prefix]]
        else:
            result.append(path)
            result += [f"{path}?{q}" for q in (queries or {}).get(path, [])]
    return result


def body_text(response) -> str:
    """Everything a caller receives, as text: JSON, CSV, the XML inside an XLSX, a file."""
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if content[:2] == b"PK":
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            content = b"".join(archive.read(name) for name in archive.namelist())
    headers = "\n".join(f"{k}: {v}" for k, v in response.items())
    return (headers + "\n" + content.decode("utf-8", errors="replace")).lower()
