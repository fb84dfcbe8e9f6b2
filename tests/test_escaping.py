"""One escaping rule for the text of data/kit.yml: wherever it appears — the
worksheets, the packet, the preparation page, the list of worksheets, the
PDFs — HTML written in the data shows as text and never becomes markup. The
site is built once from the changed data of conftest.py (changed_data_site)."""

from __future__ import annotations

import html
import re

import pytest
from conftest import TAG
from pypdf import PdfReader

PAGES = ["fiches/echange-1/", "fiches/trousse/", "fiches/", "preparation/"]


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_html_in_the_data_shows_as_text_on_every_kit_page(changed_data_site, path, lang):
    source = (changed_data_site / ("" if lang == "fr" else "en/") / path / "index.html").read_text(encoding="utf-8")
    assert TAG not in source
    article = re.search(r"<article.*?</article>", source, re.S).group(0)
    assert html.escape(TAG, quote=False) in article or html.escape(TAG) in article


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_html_in_the_data_prints_as_text_in_the_pdfs(changed_data_site, lang):
    prefix = "" if lang == "fr" else "en/"
    for sheet in ("echange-1", "trousse"):
        text = "\n".join(page.extract_text() for page in PdfReader(changed_data_site / prefix / f"fiches/pdf/{sheet}-letter.pdf").pages)
        assert TAG in text, sheet
