"""One escaping rule for the text of data/kit.yml: wherever it appears — the
worksheets, the packet, the preparation page, the list of worksheets, the
PDFs — HTML written in the data shows as text and never becomes markup."""

from __future__ import annotations

import html
import re

import pytest
import yaml
from conftest import ROOT, build_site
from pypdf import PdfReader

TAG = "<b>x</b>"
PAGES = ["fiches/echange-1/", "fiches/trousse/", "fiches/", "preparation/"]


@pytest.fixture(scope="module")
def tagged(tmp_path_factory):
    """The site built from a kit.yml with HTML in an exchange title, a prompt,
    a reference reminder, a role, the packet's title and a label."""
    data = yaml.safe_load((ROOT / "data/kit.yml").read_text(encoding="utf-8"))
    exchange = data["exchanges"][0]
    texts = [exchange["title"], exchange["prompts"][0]["text"], data["references"][0]["reminder"],
             data["roles"][0]["label"], data["roles"][0]["short"], data["packet"]["title"], data["labels"]["prompts"]]
    for text in texts:
        for lang in text:
            text[lang] = f"{text[lang]} {TAG}"
    folder = tmp_path_factory.mktemp("tagged-kit")
    (folder / "kit.yml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = build_site(folder / "site", env={"KIT_DATA": str(folder / "kit.yml"), "KIT_DOWNLOADS": "1"})
    assert result.returncode == 0, result.stderr
    return folder / "site"


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_html_in_the_data_shows_as_text_on_every_kit_page(tagged, path, lang):
    source = (tagged / ("" if lang == "fr" else "en/") / path / "index.html").read_text(encoding="utf-8")
    assert TAG not in source
    article = re.search(r"<article.*?</article>", source, re.S).group(0)
    assert html.escape(TAG, quote=False) in article or html.escape(TAG) in article


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_html_in_the_data_prints_as_text_in_the_pdfs(tagged, lang):
    prefix = "" if lang == "fr" else "en/"
    for sheet in ("echange-1", "trousse"):
        text = "\n".join(page.extract_text() for page in PdfReader(tagged / prefix / f"fiches/pdf/{sheet}-letter.pdf").pages)
        assert TAG in text, sheet
