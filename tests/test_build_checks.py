"""Broken links and anchors fail `mkdocs build --strict` itself, in both
languages and across them."""

from __future__ import annotations

import pytest
from conftest import ROOT, build_changed_copy

SOURCES = {"fr": "docs/sources.md", "en": "docs/sources.en.md"}
OTHER = {"fr": "en", "en": "fr"}


# (what is broken, the link added to a language's Sources page, what the build says); each
# link names its own page or anchor, so that each message is told from the others'. MkDocs
# checks the links within a language; the kit's hooks check those to the other language.
BROKEN = [
    ("anchor of the same language", "gestion-gouvernance.md#no-anchor-here-{lang}",
     ["does not contain an anchor '#no-anchor-here-{lang}'"]),
    ("page of the same language", "no-page-here-{lang}.md", ["'no-page-here-{lang}.md'"]),
    ("anchor of the other language", "gestion-gouvernance.{other}.md#no-anchor-there-{lang}",
     ["{source}: link to ", "gestion-gouvernance/#no-anchor-there-{lang}: no such anchor"]),
    ("page of the other language", "no-page-there-{lang}.{other}.md",
     ["{source}: link to 'no-page-there-{lang}.{other}.md'", "does not exist"]),
]


def names(lang: str) -> dict[str, str]:
    return {"lang": lang, "other": OTHER[lang], "source": SOURCES[lang]}


@pytest.fixture(scope="module")
def broken_builds(tmp_path_factory):
    """Two builds of a copy whose Sources pages, in each language, end with broken links: one
    with those within the language, one with those to the other language. Each build reports
    every link of its kind, then stops."""
    results = {}
    for across in (False, True):
        changes = {}
        for lang, source in SOURCES.items():
            links = "".join(f"\n[a link]({link.format(**names(lang))})\n"
                            for _, link, _ in BROKEN if ("{other}" in link) == across)
            changes[source] = (ROOT / source).read_text(encoding="utf-8") + links
        results[across] = build_changed_copy(tmp_path_factory.mktemp("broken-links"), changes)[0]
    return results


@pytest.mark.parametrize("lang", SOURCES)
@pytest.mark.parametrize("broken, link, messages", BROKEN, ids=[case[0] for case in BROKEN])
def test_a_link_to_a_missing_page_or_anchor_fails_the_build(broken_builds, lang, broken, link, messages):
    broken_build = broken_builds["{other}" in link]
    assert broken_build.returncode != 0, broken
    for message in messages:
        assert message.format(**names(lang)) in broken_build.stderr, (broken, broken_build.stderr[-3000:])


def test_the_links_to_the_other_language_point_at_its_pages(site):
    french = (site / "sources/index.html").read_text(encoding="utf-8")
    english = (site / "en/sources/index.html").read_text(encoding="utf-8")
    assert 'href="../en/gestion-gouvernance/#gestion"' in french
    assert 'href="../../gestion-gouvernance/#gestion"' in english
