"""Printable worksheets: pages, browser printing, PDFs, and one source of truth."""

from __future__ import annotations

import io
import os
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

ROOT = Path(__file__).resolve().parent.parent

from conftest import NEW_PROMPT, STAGING_URL, build_changed_copy, make_pdfs  # noqa: E402
from kitlib import kit  # noqa: E402
from kitlib.typography import typeset  # noqa: E402

DATA = kit.load(ROOT / "data" / "kit.yml")
EXCHANGES = [e["id"] for e in DATA["exchanges"]]
SHEETS = EXCHANGES + ["trousse"]
LANGS = {"fr": "", "en": "en/"}
PAPERS = {"letter": (612, 792), "a4": (595, 842)}
PRINT_FONT = "AtkinsonHyperlegible"
NAVIGATION_WORDS = {"fr": ["Rechercher", "Sources et citation", "Accueil"],
                    "en": ["Search", "Sources and citation", "Home"]}


def squash(text: str) -> str:
    """Text with entities, hyphenation, line breaks and spacing variants folded away."""
    text = unescape(text).replace("\u00a0", " ").replace("\u202f", " ").replace("\u2019", "'")
    text = re.sub(r"-\s*\n\s*", "-", text)
    return re.sub(r"\s+", " ", text).strip()


def question(exchange_id: str, lang: str) -> str:
    text = kit.text(kit.exchange(DATA, exchange_id)["question"], lang)
    return squash(text).replace(" ?", "?")


def contains(haystack: str, needle: str) -> bool:
    return squash(needle).replace(" ?", "?") in squash(haystack).replace(" ?", "?")


# -----------------------------------------------------------------------------
# Pages
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_each_worksheet_page_has_fields_question_prompts_box_and_footer(site, lang):
    labels = DATA["labels"]
    for exchange in DATA["exchanges"]:
        html = (site / LANGS[lang] / "fiches" / exchange["id"] / "index.html").read_text(encoding="utf-8")
        sheet = re.search(r'<section class="kit-sheet".*?</section>', html, re.S).group(0)
        plain = re.sub(r"<[^>]+>", " ", sheet)
        assert contains(plain, kit.text(exchange["question"], lang))
        for key in ("resource", "date", "participants", "bring", "reminder", "prompts"):
            assert contains(plain, kit.text(labels[key], lang)), key
        for role in DATA["roles"]:
            assert contains(plain, kit.text(role["short"], lang))
        for prompt in exchange["prompts"]:
            assert contains(plain, kit.text(prompt["text"], lang)), prompt["id"]
        # lines to fill: three or more beside each point, five or more in the box (paper shows what fits)
        for row in re.findall(r'<li class="kit-prompt".*?</li>', sheet, re.S):
            assert row.count('class="kit-line"') >= 3, row[:80]
        bring = re.search(r'<div class="kit-bring">.*?</div>\s*</div>', sheet, re.S).group(0)
        assert bring.count('class="kit-line"') >= 5
        assert "kit-pdf-field" not in sheet   # form fields are the PDFs' only
        footer = re.search(r"<footer.*?</footer>", sheet, re.S).group(0)
        assert f"/{LANGS[lang]}fiches/{exchange['id']}/" in footer
        assert "CSMO-ÉSAC" in footer and DATA["content_version"] in footer
        assert "data-kit-print" in html
        for paper in PAPERS:
            assert f"{exchange['id']}-{paper}.pdf" in html


def test_the_packet_page_has_a_cover_and_the_three_worksheets(site):
    for lang, prefix in LANGS.items():
        html = (site / prefix / "fiches/trousse/index.html").read_text(encoding="utf-8")
        assert html.count('class="kit-sheet"') == len(EXCHANGES) and 'class="kit-sheet kit-cover"' in html
        plain = squash(re.sub(r"<[^>]+>", " ", html))
        for key in ("who", "time", "bring_back"):
            assert contains(plain, kit.text(DATA["packet"][key], lang)), key
        for reference in ("gestion", "gouvernance"):
            assert contains(plain, kit.text(kit.reference(DATA, reference)["reminder"], lang))


def test_the_preparation_page_shows_each_question_and_its_prompts_from_the_data(site):
    for lang, prefix in LANGS.items():
        html = (site / prefix / "preparation/index.html").read_text(encoding="utf-8")
        plain = re.sub(r"<[^>]+>", " ", html)
        for exchange in DATA["exchanges"]:
            assert contains(plain, kit.text(exchange["question"], lang))
            for prompt in exchange["prompts"]:
                assert f'id="{exchange["id"]}.{prompt["id"]}"' in html
            assert f'href="../fiches/{exchange["id"]}/"' in html


# -----------------------------------------------------------------------------
# Printing from the browser
# -----------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_chromium_prints_each_worksheet_on_one_page_and_the_packet_on_one_more_than_the_exchanges(browser, base_url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    problems = []
    for lang, prefix in LANGS.items():
        for sheet_id in SHEETS:
            page.goto(f"{base_url}{prefix}fiches/{sheet_id}/")
            page.wait_for_load_state("networkidle")
            for paper in ("Letter", "A4"):
                reader = PdfReader(io.BytesIO(page.pdf(format=paper)))
                pages = [p.extract_text() for p in reader.pages]
                expected = len(EXCHANGES) + 1 if sheet_id == "trousse" else 1
                if len(pages) != expected:
                    problems.append(f"{prefix}{sheet_id} {paper}: {len(pages)} pages")
                    continue
                text = "\n".join(pages)
                for exchange_id in (EXCHANGES if sheet_id == "trousse" else [sheet_id]):
                    if not contains(text, question(exchange_id, lang)):
                        problems.append(f"{prefix}{sheet_id} {paper}: question of {exchange_id} missing")
                if sheet_id == "trousse":
                    for number, printed in enumerate(pages[1:], start=1):
                        label = kit.text(DATA["labels"]["exchange"], lang)
                        printed = re.sub(r"^\d+ / \d+ ", "", squash(printed))  # page number
                        if not printed.startswith(f"{label} {number}"):
                            problems.append(f"{prefix}trousse {paper}: page {number + 1} does not start with exchange {number}")
                for word in NAVIGATION_WORDS[lang]:
                    if word in text:
                        problems.append(f"{prefix}{sheet_id} {paper}: navigation printed ({word})")
    context.close()
    assert not problems, "\n".join(problems)


# What a sheet offers to write on, measured in millimetres on paper: each
# point's lines, the lines of the box to bring, and any overlap.
ROOM = """() => {
  const mm = 96 / 25.4, box = (e) => e.getBoundingClientRect();
  const sheet = document.querySelector(".kit-sheet"), bring = sheet.querySelector(".kit-bring");
  const rows = [...sheet.querySelectorAll(".kit-prompt")];
  const shown = (row) => [...row.querySelectorAll(".kit-line")].filter((l) => box(l).height > 0);
  const meets = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
  return {
    lines: rows.map((row) => shown(row).length),
    apart: Math.min(...rows.flatMap((row) => shown(row).map((l) => box(l).height / mm))),
    under: rows.every((row) => box(row.querySelector(".kit-lines")).top >= box(row.querySelector("p")).bottom - 0.5),
    across: Math.min(...rows.map((row) => box(row.querySelector(".kit-line")).width / box(row).width)),
    gaps: rows.map((row, i) => rows.slice(i + 1).find((next) => Math.abs(box(next).left - box(row).left) < 1))
              .map((next, i) => (next ? (box(next.querySelector("p")).top - box(rows[i].querySelector(".kit-lines")).bottom) / mm : 99)),
    overlaps: rows.filter((row, i) => [...rows.slice(i + 1), bring].some((other) => meets(box(row), box(other)))).length,
    bring_lines: [...bring.querySelectorAll(".kit-line")].filter((l) => box(l).bottom <= box(bring).bottom + 0.5
                  && box(l).height > 4 * mm).length,
    height: (box(sheet.querySelector(".kit-sheet__footer")).bottom - box(sheet).top) / mm,
  };
}"""
# Each paper less the page's margins (worksheet.css): width and height in mm.
PAPER_AREAS = {"Letter": (215.9 - 26, 279.4 - 14), "A4": (210 - 26, 297 - 14)}


@pytest.mark.browser
def test_printed_worksheets_give_each_point_three_lines_7_mm_apart_under_it_then_a_gap_and_the_box_five_lines(browser, base_url):
    problems = []
    for paper, (width, height) in PAPER_AREAS.items():
        page = browser.new_page(viewport={"width": round(width * 96 / 25.4), "height": 1000})
        page.emulate_media(media="print")
        for lang, prefix in LANGS.items():
            for sheet_id in EXCHANGES:
                page.goto(f"{base_url}{prefix}fiches/{sheet_id}/")
                room = page.evaluate(ROOM)
                prompts = kit.exchange(DATA, sheet_id)["prompts"]
                if len(room["lines"]) != len(prompts) or min(room["lines"]) < 3 or room["apart"] < 6.99:
                    problems.append(f"{prefix}{sheet_id} {paper}: lines {room['lines']}, {room['apart']} mm apart")
                if not room["under"] or room["across"] < 0.95 or min(room["gaps"]) < 1:
                    problems.append(f"{prefix}{sheet_id} {paper}: under {room['under']}, across {room['across']}, gaps {room['gaps']}")
                if room["overlaps"] or room["bring_lines"] < 5 or room["height"] > height:
                    problems.append(f"{prefix}{sheet_id} {paper}: {room}")
        page.close()
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("site_url", ["", STAGING_URL], ids=["no-address", "long-address"])
def test_the_pdfs_give_each_point_three_lines_7_mm_apart_on_one_page(monkeypatch, site_url):
    from weasyprint import HTML
    from kitlib import downloads, sheets
    from mkdocs.config import load_config

    # the footers print the whole published address: a long one must not push a sheet onto two pages
    monkeypatch.setenv("SITE_URL", site_url)
    config = load_config(str(ROOT / "mkdocs.yml"))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)

    # the height of each point's lines, then of the box to bring (its lines are its background there)
    def rows(box):
        element = getattr(box, "element", None)
        if element is not None and element.get("class") in ("kit-lines", "kit-bring") and box.element_tag == "div":
            if element.get("class") == "kit-bring":
                yield (box.height - box.children[0].margin_height()) * 25.4 / 96
                return
            yield box.margin_height() * 25.4 / 96
        for child in getattr(box, "children", None) or []:
            yield from rows(child)

    for lang in LANGS:
        for sheet_id in EXCHANGES:
            for paper in sheets.PAPERS:
                html = downloads.document(config, lang, sheet_id, paper)
                assert site_url in html
                document = HTML(string=html, base_url=f"{downloads.STYLESHEETS.as_uri()}/").render()
                assert len(document.pages) == 1, (lang, sheet_id, paper)
                heights = list(rows(document.pages[0]._page_box))
                # the points' lines (three, 7 mm apart), then the box's room to write (5 lines of 5 mm or more)
                assert len(heights) == len(kit.exchange(DATA, sheet_id)["prompts"]) + 1, (lang, sheet_id, paper)
                assert min(heights[:-1]) >= 3 * 7 - 0.05 and heights[-1] >= 24.9, (lang, sheet_id, paper, heights)


@pytest.mark.browser
def test_printed_worksheets_are_black_on_white_in_12_points_or_more(browser, base_url):
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(base_url + "fiches/echange-2/")
    page.wait_for_load_state("networkidle")
    page.emulate_media(media="print")
    styles = page.evaluate(
        """() => [...document.querySelectorAll('.kit-sheet *')]
             .filter(el => el.getClientRects().length && [...el.childNodes].some(
                n => n.nodeType === 3 && n.textContent.trim()))
             .map(el => { const s = getComputedStyle(el);
                return {tag: el.tagName, size: parseFloat(s.fontSize), color: s.color}; })"""
    )
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    screen_only = page.evaluate("getComputedStyle(document.querySelector('.kit-screen')).display")
    context.close()
    assert len(styles) > 20
    assert all(s["size"] >= 16 for s in styles), [s for s in styles if s["size"] < 16]
    assert all(s["color"] == "rgb(0, 0, 0)" for s in styles), {s["color"] for s in styles}
    assert background == "rgb(255, 255, 255)"
    assert screen_only == "none"


# -----------------------------------------------------------------------------
# PDFs
# -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_pdf_exists_with_its_pages_paper_question_title_and_language(site, lang):
    for sheet_id in SHEETS:
        for paper, (width, height) in PAPERS.items():
            path = site / LANGS[lang] / "fiches" / "pdf" / f"{sheet_id}-{paper}.pdf"
            assert path.is_file(), path
            reader = PdfReader(path)
            assert len(reader.pages) == (len(EXCHANGES) + 1 if sheet_id == "trousse" else 1), path
            box = reader.pages[0].mediabox
            assert (round(float(box.width)), round(float(box.height))) == (width, height), path
            text = "\n".join(p.extract_text() for p in reader.pages)
            for exchange_id in (EXCHANGES if sheet_id == "trousse" else [sheet_id]):
                assert contains(text, question(exchange_id, lang)), (path, exchange_id)
            assert reader.metadata.title, path
            assert reader.trailer["/Root"]["/Lang"] == lang, path
            # its document properties say what it is, in its language
            for field, label in [("/Author", "pdf_author"), ("/Subject", "pdf_subject"), ("/Keywords", "pdf_keywords")]:
                assert squash(reader.metadata[field]) == squash(typeset(kit.text(DATA["labels"][label], lang), lang)), (path, field)


# The words that name a download in the other language.
OTHER_LANGUAGE_WORDS = {"fr": {"worksheet", "exchange", "packet", "letter"},
                        "en": {"fiche", "echange", "trousse", "lettre"}}


@pytest.mark.parametrize("lang", LANGS)
def test_each_pdf_link_saves_its_file_under_a_name_in_the_page_language(site, lang):
    saved = {}
    for sheet_id in SHEETS:
        html = (site / LANGS[lang] / "fiches" / sheet_id / "index.html").read_text(encoding="utf-8")
        links = re.findall(r'href="[^"]*?([\w-]+-(letter|a4)\.pdf)" download="([^"]+)"', html)
        assert {paper for _, paper, _ in links} == set(PAPERS), sheet_id
        for address, paper, name in links:
            saved.setdefault(name, set()).add(address)
            words = set(re.split(r"[-.]", name))
            assert name.endswith(".pdf") and not words & OTHER_LANGUAGE_WORDS[lang], name
            exchange = kit.exchange(DATA, sheet_id)
            if exchange is not None:
                assert str(exchange["number"]) in words, name
    # one name per file, and the list of worksheets offers the same names
    assert all(len(addresses) == 1 for addresses in saved.values()), saved
    assert len(saved) == len(SHEETS) * len(PAPERS)
    listing = (site / LANGS[lang] / "fiches" / "index.html").read_text(encoding="utf-8")
    assert set(re.findall(r'\.pdf" download="([^"]+)"', listing)) == set(saved)


def _structure(node) -> list[str]:
    """The structure types of a tagged PDF's tree, in reading order."""
    node = node.get_object()
    types = [str(node["/S"])] if "/S" in node else []
    kids = node.get("/K")
    for kid in (kids if isinstance(kids, list) else [kids] if kids is not None else []):
        kid = kid.get_object()
        if hasattr(kid, "get"):
            types += _structure(kid)
    return types


@pytest.mark.parametrize("lang", LANGS)
def test_every_pdf_is_tagged_and_has_a_form_field_wherever_one_writes(site, lang, tmp_path):
    from pypdf import PdfWriter

    roles = len(DATA["roles"])
    for sheet_id in SHEETS:
        exchanges = EXCHANGES if sheet_id == "trousse" else [sheet_id]
        for paper in PAPERS:
            path = site / LANGS[lang] / "fiches" / "pdf" / f"{sheet_id}-{paper}.pdf"
            reader = PdfReader(path)
            root = reader.trailer["/Root"]
            # tagged, in its language, showing its title (PDF/UA-1)
            assert root["/MarkInfo"]["/Marked"] and root["/Lang"] == lang, path
            assert root["/ViewerPreferences"]["/DisplayDocTitle"], path
            structure = _structure(root["/StructTreeRoot"])
            # one title; in the packet, the cover's, then one heading per worksheet
            assert structure.count("/H1") == 1, path
            if sheet_id == "trousse":
                assert structure.count("/H2") == len(exchanges), path
            assert structure.index("/H1") < structure.index("/L"), path   # the title, then the lists
            # a field for the resource, the date, each role, each point and the box to bring
            fields = reader.get_fields()
            expected = sum(2 + roles + len(kit.exchange(DATA, e)["prompts"]) + 1 for e in exchanges)
            assert len(fields) == expected, (path, len(fields), expected)
            assert all(field.get("/TU") for field in fields.values()), path
            for exchange_id in exchanges:
                for prompt in kit.exchange(DATA, exchange_id)["prompts"]:
                    assert f"{exchange_id}.{prompt['id']}" in fields, (path, prompt["id"])
            widgets = [a.get_object() for p in reader.pages for a in p.get("/Annots", [])
                       if a.get_object()["/Subtype"] == "/Widget"]
            points = [w for w in widgets if str(w["/T"]).split(".")[-1] not in ("resource", "date", "bring")
                      and ".roles." not in str(w["/T"])]
            heights = [abs(float(w["/Rect"][3]) - float(w["/Rect"][1])) * 25.4 / 72 for w in points]
            assert min(heights) >= 19.9, (path, min(heights))
    # a field filled in, saved and read again keeps its text
    writer = PdfWriter(clone_from=site / LANGS[lang] / "fiches" / "pdf" / f"{EXCHANGES[0]}-letter.pdf")
    name = f"{EXCHANGES[0]}.bring"
    writer.update_page_form_field_values(writer.pages[0], {name: "Le financement, surtout"}, auto_regenerate=False)
    writer.write(tmp_path / "filled.pdf")
    assert PdfReader(tmp_path / "filled.pdf").get_fields()[name]["/V"] == "Le financement, surtout"


def test_the_pdfs_follow_french_typography(site):
    text = PdfReader(site / "fiches/pdf/echange-1-letter.pdf").pages[0].extract_text()
    assert "ressource?" in text and "c’est" in text
    assert "c’est" in text


# -----------------------------------------------------------------------------
# One source: a change in the data file reaches the page, the preparation page
# and the PDF
# -----------------------------------------------------------------------------


def test_changing_a_prompt_in_the_data_file_changes_the_worksheet_page_preparation_page_and_pdf(changed_data_site):
    site, new_prompt = changed_data_site, NEW_PROMPT
    worksheet = (site / "fiches/echange-2/index.html").read_text(encoding="utf-8")
    preparation = (site / "preparation/index.html").read_text(encoding="utf-8")
    pdf = PdfReader(site / "fiches/pdf/echange-2-letter.pdf").pages[0].extract_text()
    for where, text in (("worksheet", worksheet), ("preparation", preparation), ("pdf", pdf)):
        assert contains(text.replace("’", "'"), new_prompt), where
    original = kit.text(kit.exchange(DATA, "echange-2")["prompts"][0]["text"], "fr")
    assert not contains(worksheet.replace("’", "'"), original)


def test_a_stub_naming_an_unknown_worksheet_stops_the_build(tmp_path):
    result, _ = build_changed_copy(tmp_path, {"docs/fiches/echange-3.md": "---\nworksheet: echange-9\n---\n"})
    assert result.returncode != 0
    assert "docs/fiches/echange-3.md: worksheet: unknown worksheet 'echange-9'" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("lang", LANGS)
def test_an_exchange_without_its_worksheet_stub_stops_the_build(tmp_path, lang):
    last = EXCHANGES[-1]
    stub = f"docs/fiches/{last}.md" if lang == "fr" else f"docs/fiches/{last}.{lang}.md"
    result, _ = build_changed_copy(tmp_path, {stub: None})
    assert result.returncode != 0
    assert f"worksheet stub missing in '{lang}' for {last}: create {stub}" in result.stderr
    assert "Traceback" not in result.stderr


# -----------------------------------------------------------------------------
# The print font: shipped, embedded, the same on any machine
# -----------------------------------------------------------------------------


def fonts_of(pdf: Path) -> list[tuple[str, str]]:
    """(font name, embedded yes/no) of every font in a PDF, read by pdffonts."""
    lines = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout.splitlines()
    return [(line.split()[0], line.split()[-5]) for line in lines[2:]]


def in_print_font(fonts: list[tuple[str, str]]) -> bool:
    """Whether every font is the shipped one, embedded (subset prefixes and dashes aside)."""
    return bool(fonts) and all(
        name.split("+")[-1].replace("-", "").startswith(PRINT_FONT) and embedded == "yes"
        for name, embedded in fonts
    )


def test_every_pdf_embeds_the_shipped_print_font_and_no_other(site):
    pdfs = sorted(site.rglob("fiches/pdf/*.pdf"))
    assert len(pdfs) == len(SHEETS) * len(PAPERS) * len(LANGS)
    for pdf in pdfs:
        assert in_print_font(fonts_of(pdf)), (pdf, fonts_of(pdf))


# The sheets made again with no font but DejaVu: both languages, both papers, the packet and
# the longest exchange (in one process, with the code the build calls).
DEJAVU_SHEETS = [("fr", "trousse", "letter"), ("en", "trousse", "a4"), ("fr", "echange-2", "a4"), ("en", "echange-2", "letter")]


def test_the_pdfs_are_the_same_on_a_machine_with_no_font_but_dejavu(tmp_path, served_site):
    site, url = served_site
    dejavu = Path("/usr/share/fonts/truetype/dejavu")
    assert dejavu.is_dir(), "fonts-dejavu-core is needed for this test"
    config = tmp_path / "fonts.conf"
    config.write_text(f"""<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{dejavu}</dir><cachedir>{tmp_path / "cache"}</cachedir></fontconfig>""", encoding="utf-8")
    only_dejavu = {"FONTCONFIG_FILE": str(config), "SITE_URL": url}
    check = subprocess.run(["fc-list"], env={**os.environ, **only_dejavu}, capture_output=True, text=True)
    assert check.stdout.strip() and all("DejaVu" in line for line in check.stdout.splitlines())
    made = make_pdfs(tmp_path / "site", DEJAVU_SHEETS, env=only_dejavu)
    assert made.returncode == 0, made.stderr
    twins = made.stdout.split()
    assert len(twins) == len(DEJAVU_SHEETS)
    for relative in twins:
        twin, pdf = tmp_path / "site" / relative, site / relative
        assert pdf.is_file(), pdf
        assert len(PdfReader(twin).pages) == len(PdfReader(pdf).pages), twin
        assert in_print_font(fonts_of(twin)), (twin, fonts_of(twin))


@pytest.mark.browser
def test_the_screen_downloads_no_font_and_chromium_prints_in_the_shipped_font(page, base_url, tmp_path):
    page.goto(base_url + "fiches/echange-1/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in page.watch.requests if "/fonts/" in url]
    printed = tmp_path / "printed.pdf"
    printed.write_bytes(page.pdf(format="Letter"))
    assert in_print_font(fonts_of(printed)), fonts_of(printed)
