"""What the source says and what the site adds: additions marked where they
stand, lost figures marked where they were, the source's order kept, and
every change listed on the Sources page from content/corrections.yml."""

from __future__ import annotations

import re
from html import unescape

import pytest
import yaml
from sitepages import ROOT, normalise

ADDED = {"fr": "Ajouté par ce site", "en": "Added by this site"}
FIGURE = {"fr": "Figure du document d'origine non reproduite.", "en": "Figure of the original document not reproduced."}
PREFIX = {"fr": "", "en": "en/"}
CHANGES = yaml.safe_load((ROOT / "content/corrections.yml").read_text(encoding="utf-8"))


def article(site, lang: str, page: str) -> str:
    """The page's content, without the "Cite this page" block that every page ends with."""
    html = (site / PREFIX[lang] / page / "index.html").read_text(encoding="utf-8")
    return re.search(r"<article.*?</article>", html, re.S).group(0).split('<details class="kit-cite"')[0]


def text_of(html: str) -> str:
    return normalise(unescape(re.sub(r"<[^>]+>", " ", html)))


def added_blocks(html: str) -> list[str]:
    """The blocks marked as added by the site, each up to its end."""
    return re.findall(r'<div class="admonition kit-added">.*?</div>', html, re.S)


@pytest.mark.parametrize("lang", PREFIX)
def test_every_addition_is_marked_as_added_by_the_site_where_it_stands(site, lang):
    reference = article(site, lang, "gestion-gouvernance")
    preparation = article(site, lang, "preparation")
    for html in (reference, preparation):
        blocks = added_blocks(html)
        assert blocks, "no marked addition"
        assert all(normalise(ADDED[lang]) in text_of(block) for block in blocks)
    # The comparison table follows its mark, under its heading.
    after_heading = reference.split('id="comparaison"', 1)[1]
    assert after_heading.index("kit-added") < after_heading.index("<table")
    # "Before you start" is inside the mark, before the exchanges.
    before_exchanges = preparation.split('id="echanges"', 1)[0]
    assert 'id="avant-de-commencer"' in "".join(added_blocks(before_exchanges))


@pytest.mark.parametrize("lang", PREFIX)
def test_the_preparation_page_ends_as_the_source_does_with_thanks_then_what_to_do_next(site, lang):
    html = article(site, lang, "preparation")
    source, _, added = html.rpartition('<div class="admonition kit-added">')
    assert text_of(source).endswith({"fr": "Merci!", "en": "Thank you!"}[lang])
    # after the thanks, only the site's own words, marked as such, leading to the three tools
    assert text_of(added).startswith(normalise({"fr": "Ajouté par ce site", "en": "Added by this site"}[lang]))
    for tool in ("auto-evaluation/", "synthese/", "fiches/"):
        assert f'href="../{tool}"' in added, tool


@pytest.mark.parametrize("lang", PREFIX)
def test_the_two_lost_figures_are_marked_where_they_were_and_nothing_is_invented(site, lang):
    html = article(site, lang, "organisation-democratique")
    assert html.count('class="kit-figure-missing"') == 2
    # One right after the page title, one under "La vie démocratique", with nothing else there.
    title_to_next = re.search(r"</h1>(.*?)<h2", html, re.S).group(1)
    after_life = html.split('id="vie-democratique"', 1)[1].split("</h2>", 1)[1]
    for place in (title_to_next, after_life):
        marks = re.findall(r'<p class="kit-figure-missing">(.*?)</p>', place, re.S)
        assert len(marks) == 1 and text_of(place) == text_of(marks[0])
        # it says why, and leads to the Sources page's entry on the figures
        assert text_of(marks[0]).startswith(normalise(FIGURE[lang])) and len(text_of(marks[0])) > len(FIGURE[lang]) + 40
        assert 'href="../sources/#figures"' in marks[0]
    sources = (site / PREFIX[lang] / "sources/index.html").read_text(encoding="utf-8")
    assert re.search(r'<li id="figures"><strong>[^<]*(Figures|figures)', sources)


@pytest.mark.parametrize("lang", PREFIX)
def test_the_sources_page_lists_every_change_from_the_data(site, lang):
    html = article(site, lang, "sources")
    listed = re.search(r'<ul class="kit-changes">(.*?)</ul>', html, re.S).group(1)
    items = re.findall(r'<li id="([^"]+)">(.*?)</li>', listed, re.S)
    assert len(items) == len(CHANGES)
    for (address, item), change in zip(items, CHANGES):
        assert address == change["id"]
        assert text_of(item).startswith(normalise(change["title"][lang]))
        assert normalise(" ".join(change["text"][lang].split())) in text_of(item)
    assert any("soulève de défis" in change["text"][lang] for change in CHANGES)


def test_soulever_de_defis_stays_as_the_source_wrote_it(site):
    assert "soulève de défis différents" in text_of(article(site, "fr", "organisation-democratique"))


# -----------------------------------------------------------------------------
# The kit's own words: timing that adds up, the whole governance, one voice
# -----------------------------------------------------------------------------

KIT = yaml.safe_load((ROOT / "data/kit.yml").read_text(encoding="utf-8"))


def test_the_packets_timing_adds_up_for_every_exchange():
    time = KIT["packet"]["time"]["fr"]
    per_exchange = int(re.search(r"(\d+) minutes par échange", time).group(1))
    hours, minutes = divmod(per_exchange * len(KIT["exchanges"]), 60)
    assert f"{hours} heures {minutes}" in time or (minutes == 0 and f"{hours} heures" in time), time
    assert "deux heures" not in time


def test_the_governance_prompt_names_the_general_meeting_of_members():
    prompts = [prompt["text"] for exchange in KIT["exchanges"] for prompt in exchange["prompts"]]
    bodies = [text for text in prompts if "instances décisionnelles" in text["fr"]]
    assert bodies and all("assemblée générale" in text["fr"] for text in bodies)
    assert all("general meeting of members" in text["en"] for text in bodies)


def test_the_kit_asks_in_one_voice_votre_not_notre():
    texts = [scale["instructions"]["fr"] for scale in KIT["checklist"]["scales"]]
    texts += [prompt[key]["fr"] for exchange in KIT["exchanges"] for prompt in exchange["prompts"]
              for key in ("text", "statement", "ask")]
    assert not [text for text in texts if re.search(r"\b(notre|nos|nous)\b", text, re.I)]


@pytest.mark.parametrize("lang", PREFIX)
def test_item_permalinks_say_item_not_exchange(site, lang):
    html = article(site, lang, "auto-evaluation")
    titles = set(re.findall(r'<a class="headerlink" href="#echange-\d\.[^"]+" title="([^"]+)"', html))
    assert titles == {KIT["labels"]["item_permalink"][lang]}


@pytest.mark.parametrize("lang", PREFIX)
def test_the_synthesis_page_speaks_of_files_not_of_your_answers(site, lang):
    text = text_of(re.sub(r"<script.*?</script>", "", article(site, lang, "synthese"), flags=re.S))
    assert normalise(KIT["synthesis"]["strings"]["private"][lang]) in text
    assert normalise(" ".join(KIT["synthesis"]["strings"]["shared"][lang].split())) in text
    assert not re.search({"fr": r"\bvos réponses\b", "en": r"\byour answers\b"}[lang], text, re.I)


# -----------------------------------------------------------------------------
# One citation style, from the data, everywhere
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", PREFIX)
def test_the_source_is_cited_in_one_style_from_the_data_everywhere(site, lang):
    import json

    from kitlib import kit, sheets

    data = kit.load(ROOT / "data/kit.yml")
    full = normalise(sheets.source_citation(data, lang))
    in_text = normalise(sheets.source_citation(data, lang, short=True))
    assert full in text_of(article(site, lang, "sources"))
    for page in ("", "gestion-gouvernance/", "fiches/echange-1/"):
        html = (site / PREFIX[lang] / page / "index.html").read_text(encoding="utf-8")
        cite = re.search(r'<details class="kit-cite".*?</details>', html, re.S).group(0)
        for cited_in in PREFIX:  # "Cite this page" gives it in both languages
            assert normalise(sheets.source_citation(data, cited_in)) in text_of(cite), (page, cited_in)
    reference = json.loads((site / "reference.json").read_text(encoding="utf-8"))
    assert normalise(reference["quotation"]["source"][lang]) == full
    footer = re.search(r'<footer class="kit-sheet__footer">.*?</footer>', article(site, lang, "fiches/echange-1"), re.S)
    assert in_text in text_of(footer.group(0))
    assert "(Octobre 2007)" not in (site / PREFIX[lang] / "sources/index.html").read_text(encoding="utf-8")
