"""One escaping rule for the text of data/kit.yml: wherever it appears — the
worksheets, the packet, the preparation page, the list of worksheets, the
PDFs — HTML written in the data shows as text and never becomes markup."""

from __future__ import annotations

import html
import re

import pytest
from conftest import TAG
from pypdf import PdfReader

PAGES = ["fiches/echange-1/", "fiches/trousse/", "fiches/", "preparation/"]


@pytest.fixture(scope="module")
def tagged(changed_data_site):
    """The site built from a kit.yml with HTML in an exchange title, a prompt,
    a reference reminder, a role, the packet's title and a label (conftest.py)."""
    return changed_data_site


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
