"""Broken links and anchors fail `mkdocs build --strict` itself, in both
languages and across them."""

from __future__ import annotations

import pytest
from conftest import ROOT, build_changed_copy

SOURCES = {"fr": "docs/sources.md", "en": "docs/sources.en.md"}
OTHER = {"fr": "en", "en": "fr"}


def with_link(lang: str, link: str) -> dict[str, str]:
    """The Sources page of a language with one more link at its end."""
    text = (ROOT / SOURCES[lang]).read_text(encoding="utf-8")
    return {SOURCES[lang]: f"{text}\n[a link]({link})\n"}


# (what is broken, the link added to a language's Sources page, what the build says)
BROKEN = [
    ("anchor of the same language", "gestion-gouvernance.md#no-such-anchor",
     ["does not contain an anchor '#no-such-anchor'"]),
    ("page of the same language", "no-such-page.md", ["'no-such-page.md'"]),
    ("anchor of the other language", "gestion-gouvernance.{other}.md#no-such-anchor",
     ["{source}: link to ", "gestion-gouvernance/#no-such-anchor: no such anchor"]),
    ("page of the other language", "no-such-page.{other}.md",
     ["{source}: link to 'no-such-page.{other}.md'", "does not exist"]),
]


@pytest.mark.parametrize("lang", SOURCES)
@pytest.mark.parametrize("broken, link, messages", BROKEN, ids=[case[0] for case in BROKEN])
def test_a_link_to_a_missing_page_or_anchor_fails_the_build(tmp_path, lang, broken, link, messages):
    names = {"other": OTHER[lang], "source": SOURCES[lang]}
    result, _ = build_changed_copy(tmp_path, with_link(lang, link.format(**names)))
    assert result.returncode != 0, broken
    for message in messages:
        assert message.format(**names) in result.stderr, (broken, result.stderr[-2000:])


def test_the_links_to_the_other_language_point_at_its_pages(site):
    french = (site / "sources/index.html").read_text(encoding="utf-8")
    english = (site / "en/sources/index.html").read_text(encoding="utf-8")
    assert 'href="../en/gestion-gouvernance/#gestion"' in french
    assert 'href="../../gestion-gouvernance/#gestion"' in english
