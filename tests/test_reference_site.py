"""The bilingual reference site: built pages, faithful text, anchors, links."""

from __future__ import annotations

import re
from urllib.parse import unquote, urljoin, urlsplit

from fidelity import corrections, missing_sentences, source_sentences
from sitepages import ROOT, built_pages, expected_pages, language_of, normalise, read


def french_article_text(site) -> str:
    return "\n".join(
        read(site, path).text() for path in built_pages(site)
        if language_of(path) == "fr" and path != "404.html"
    )


# -----------------------------------------------------------------------------
# Build
# -----------------------------------------------------------------------------


def test_the_strict_build_produces_every_page_in_both_languages(site):
    pages = expected_pages()
    assert {lang for lang, _ in pages} == {"fr", "en"}
    missing = [path for _, path in pages if not (site / path).is_file()]
    assert not missing, f"pages not built: {missing}"
    french = {p.removeprefix("en/") for lang, p in pages if lang == "fr"}
    english = {p.removeprefix("en/") for lang, p in pages if lang == "en"}
    assert french == english, f"pages in one language only: {french ^ english}"


def test_the_site_has_a_bilingual_404_page(site):
    page = read(site, "404.html")
    assert "Page introuvable" in page.text() and "Page not found" in page.text()
    assert any(el.get("lang") == "en" for el in page.all("span") + page.all("div"))


# -----------------------------------------------------------------------------
# Fidelity to the source text
# -----------------------------------------------------------------------------


def test_every_sentence_of_the_source_appears_on_the_french_pages(site):
    sentences = source_sentences()
    assert len(sentences) >= 20, "the source was not split into sentences"
    missing = missing_sentences(french_article_text(site), sentences)
    assert not missing, "sentences of the source missing or altered:\n- " + "\n- ".join(missing)


def test_a_missing_or_altered_sentence_is_reported_with_its_text(site):
    text = french_article_text(site)
    altered = text.replace("la gestion des\nconflits d’intérêts", "la gestion des conflits")
    removed = text.replace("Merci", "")
    assert altered != text and removed != text
    assert any("conflits d'intérêts" in s for s in missing_sentences(altered))
    assert "Merci!" in missing_sentences(removed)


def test_every_correction_is_applied_and_listed_on_the_sources_page(site):
    sources = normalise(read(site, "sources/index.html").text())
    others = normalise("\n".join(
        read(site, path).text() for path in built_pages(site)
        if language_of(path) == "fr" and path not in ("404.html", "sources/index.html")
    ))
    assert corrections(), "no correction listed"
    for wrong, right in corrections():
        assert wrong in (ROOT / "content" / "source.fr.txt").read_text(encoding="utf-8")
        assert wrong in sources and right in sources, f"« {wrong} » → « {right} » not listed"
        assert wrong not in others, f"« {wrong} » still on a page"
        assert right in others, f"« {right} » not on any page"


def test_the_quotation_is_a_blockquote_with_its_source_in_both_languages(site):
    for prefix in ("", "en/"):
        html = (site / prefix / "gestion-gouvernance/index.html").read_text(encoding="utf-8")
        figure = re.search(r'<figure class="kit-quote" id="citation-csmo-esac">(.*?)</figure>', html, re.S)
        assert figure, f"{prefix}: no quotation figure"
        assert "<blockquote" in figure.group(1)
        month = "October" if prefix else "octobre"  # the source's words in French, translated in English
        assert re.search(rf"CSMO-ÉSAC, {month} 2007", figure.group(1))
        assert "Boîte" in figure.group(1) and "page 26" in figure.group(1)
    english = (site / "en/gestion-gouvernance/index.html").read_text(encoding="utf-8")
    assert '<blockquote lang="fr">' in english, "the quotation stays in French"
    assert "Free translation" in english


# -----------------------------------------------------------------------------
# Anchors and links
# -----------------------------------------------------------------------------


def test_headings_keep_their_permalinks(site):
    for path in built_pages(site):
        html = (site / path).read_text(encoding="utf-8")
        for level, ident in re.findall(r'<h([2-4]) id="([^"]+)"', html):
            assert f'href="#{ident}"' in html, f"{path}: heading #{ident} has no permalink"


def test_every_internal_link_and_anchor_resolves(site):
    problems = []
    for path in built_pages(site):
        page = read(site, path)
        page_url = "http://site/" + path
        for tag, attributes in page.links:
            href = attributes.get("href") or attributes.get("src")
            if not href or tag == "form":
                continue
            url = urlsplit(urljoin(page_url, href))
            if url.scheme in ("mailto", "tel", "data", "javascript") or url.netloc != "site":
                continue
            target = unquote(url.path.lstrip("/"))
            if path.endswith("404.html"):
                continue  # its links are relative to the site root, checked below
            if target == "" or target.endswith("/"):
                target += "index.html"
            if not (site / target).is_file():
                problems.append(f"{path}: {href} → {target} does not exist")
                continue
            if url.fragment and target.endswith(".html"):
                if unquote(url.fragment) not in read(site, target).ids:
                    problems.append(f"{path}: {href} → #{url.fragment} not on {target}")
    assert not problems, "\n".join(problems)


def test_the_404_page_links_to_both_home_pages(site):
    hrefs = [a.get("href") for a in read(site, "404.html").all("a")]
    assert "/" in hrefs and "/en/" in hrefs


# -----------------------------------------------------------------------------
# Language
# -----------------------------------------------------------------------------


def test_every_page_declares_its_language_and_its_alternates(site):
    for path in built_pages(site):
        if path.endswith("404.html"):
            continue
        html = (site / path).read_text(encoding="utf-8")
        lang = language_of(path)
        assert f'<html lang="{lang}"' in html, f"{path}: wrong lang"
        switcher = dict(re.findall(r'<a href="([^"]+)" hreflang="(fr|en)" class="md-select__link"', html))
        hreflangs = {lang: href for href, lang in switcher.items()}
        assert set(hreflangs) == {"fr", "en"}, f"{path}: language switcher incomplete"
        other = "fr" if lang == "en" else "en"
        target = urljoin("http://site/" + path, hreflangs[other])
        expected = path.removeprefix("en/") if lang == "en" else "en/" + path
        assert urlsplit(target).path.lstrip("/") + ("index.html" if target.endswith("/") else "") == expected
        heads = dict(re.findall(r'<link rel="alternate" href="([^"]+)" hreflang="(fr|en)">', html))
        assert sorted(heads.values()) == ["en", "fr"], f"{path}: head alternates missing"


def test_the_sitemap_lists_both_languages_with_alternates(site):
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    for lang, path in expected_pages():
        url_path = path.removesuffix("index.html")
        assert any(loc.endswith("/" + url_path) or (url_path == "" and loc.endswith("/")) for loc in locations), path
    assert sitemap.count('hreflang="fr"') == sitemap.count('hreflang="en"') == len(locations)
    assert (site / "en" / "sitemap.xml").read_text(encoding="utf-8") == sitemap


def test_french_pages_use_french_typography_and_english_pages_do_not(site):
    french = (site / "gestion-gouvernance/index.html").read_text(encoding="utf-8")
    assert "c’est\u00a0: l’application" in french
    assert "question?" in french  # the OQLF's choice kept here: no space before ; ? !
    assert not re.search(r"\w[ \u00a0\u202f][;?!]", read(site, "gestion-gouvernance/index.html").text())
    assert "«\u00a0rapports égaux\u00a0»" in (site / "organisation-democratique/index.html").read_text(encoding="utf-8")
    assert not re.search(r"\w [:;?!](\s|<)", read(site, "gestion-gouvernance/index.html").text())
    english = (site / "en/gestion-gouvernance/index.html").read_text(encoding="utf-8")
    assert "\u00a0:" not in CITE_FR.sub("", english) and "is: the" in english


# The French and English citations of "Cite this page", as the page carries them.
CITE_FR = re.compile(r'<p class="kit-cite__text" lang="fr">.*?</p>', re.S)
CITE_EN = re.compile(r'<p class="kit-cite__text" lang="en">.*?</p>', re.S)


def test_typography_follows_the_language_of_each_fragment_not_of_the_page(site):
    french_page = (site / "gestion-gouvernance/index.html").read_text(encoding="utf-8")
    english_page = (site / "en/gestion-gouvernance/index.html").read_text(encoding="utf-8")
    english_on_french = " ".join(CITE_EN.findall(french_page))
    french_on_english = " ".join(CITE_FR.findall(english_page))
    assert "Management and/or governance: reference" in english_on_french
    assert "\u00a0" not in english_on_french
    assert "gouvernance\u00a0: de quoi est-il question?" in french_on_english
    assert "Dans Gestion et/ou gouvernance\u00a0: référence" in french_on_english


def test_french_typography_reaches_attributes_and_the_404_page(site):
    french_page = (site / "preparation/index.html").read_text(encoding="utf-8")
    labels = re.findall(r'aria-label="([^"]*)"', french_page)
    assert any(label.startswith("Suivant\u00a0:") for label in labels), labels
    assert not [label for label in labels if re.search(r"\w :", label)]
    page_404 = (site / "404.html").read_text(encoding="utf-8")
    french_part = re.search(r'<[^>]+lang="fr"[^>]*>.*?</', page_404, re.S)
    assert french_part and not re.search(r"\w [:;?!]", re.sub(r"<[^>]+>", "", french_part.group(0)))


def test_no_straight_apostrophe_is_left_in_the_text_of_any_page(site):
    # an elision before a link ("l'<a>auto-évaluation</a>") included; English too
    for path in built_pages(site):
        text = read(site, path).text()
        assert not re.findall(r"\w'", text), (path, re.findall(r".{20}\w'.{10}", text)[:3])


def test_french_guillemets_quoted_in_english_keep_their_no_break_spaces(site):
    english = read(site, "en/sources/index.html").text()
    quoted = re.findall(r"«.{0,3}|.{0,3}»", english)
    assert quoted and all("«\u00a0" in q or "\u00a0»" in q for q in quoted), quoted


def test_each_page_has_a_description_in_its_language(site):
    for path in built_pages(site):
        html = (site / path).read_text(encoding="utf-8")
        match = re.search(r'<meta name="description" content="([^"]+)"', html)
        assert match, f"{path}: no meta description"
        if path.startswith("en/"):
            assert not re.search(r"\b(les|des|une|et)\b", match.group(1)), f"{path}: description not in English"


def test_english_visitors_get_an_english_404_page_with_english_navigation_and_search(site):
    english = (site / "en/404.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in english
    assert "<h1>Page not found</h1>" in english
    assert "Sources and citation" in english and "Sources et citation" not in english
    assert re.search(r'"base": "[^"]*/en"', english)
    french = (site / "404.html").read_text(encoding="utf-8")
    assert '<html lang="fr"' in french and "Page introuvable" in french
