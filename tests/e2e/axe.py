"""Accessibility check with axe-core (vendored in `tests/e2e/vendor/`, version in the README).

    from tests.e2e.axe import assert_accessible
    page.goto("/nhiem-vu/")
    assert_accessible(page, context="danh sách nhiệm vụ")

runs axe over the page as it is now (WCAG 2.0/2.1 A and AA rules) and fails listing every
serious or critical violation with the elements it found. Minor and moderate findings are
not failures (they are returned, to look at when writing a test).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

AXE_JS = Path(__file__).parent / "vendor" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING_IMPACTS = {"serious", "critical"}


@cache
def _axe_source() -> str:
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page, *, tags: list[str] | None = None) -> list[dict[str, Any]]:
    """All axe violations on the page (any impact), each with its nodes."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # evaluate() runs through the DevTools protocol: no <script> tag is added to the
        # page, so a Content-Security-Policy cannot block it and the DOM under test is unchanged.
        page.evaluate(_axe_source())
    result = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html.slice(0, 200),
                                          summary: n.failureSummary})),
            }));
        }""",
        tags or WCAG_TAGS,
    )
    return result


def format_violations(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"- [{v['impact']}] {v['id']}: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            lines.append(f"    {node['target']}  {node['html']}")
            if node.get("summary"):
                lines.extend(f"      {line}" for line in node["summary"].splitlines())
    return "\n".join(lines)


def assert_accessible(page, *, context: str = "", tags: list[str] | None = None) -> list[dict[str, Any]]:
    """Fail when axe finds a serious or critical violation; return the lesser ones."""
    violations = run_axe(page, tags=tags)
    failing = [v for v in violations if v["impact"] in FAILING_IMPACTS]
    if failing:
        where = f"{context} ({page.url})" if context else page.url
        pytest.fail(f"axe-core: {len(failing)} serious/critical accessibility violation(s) on {where}:\n"
                    + format_violations(failing), pytrace=False)
    return [v for v in violations if v["impact"] not in FAILING_IMPACTS]
