"""The addresses promised to other resources (content/promised-urls.yml)
exist in every build, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from sitepages import read

PROMISED = yaml.safe_load((Path(__file__).resolve().parent.parent / "content/promised-urls.yml").read_text(encoding="utf-8"))
LANGUAGES = {"fr": "", "en": "en/"}


def test_the_contract_lists_pages_anchors_and_files():
    assert len(PROMISED["pages"]) >= 10
    assert sum(len(anchors) for anchors in PROMISED["pages"].values()) >= 60
    assert len(PROMISED["files"]) == 8


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_promised_page_and_anchor_exists(site, lang):
    missing = []
    for path, anchors in PROMISED["pages"].items():
        page = site / LANGUAGES[lang] / path / "index.html"
        if not page.is_file():
            missing.append(f"{LANGUAGES[lang]}{path} (page)")
            continue
        ids = read(site, f"{LANGUAGES[lang]}{path}index.html").ids
        missing += [f"{LANGUAGES[lang]}{path}#{anchor}" for anchor in anchors if anchor not in ids]
    assert not missing, "promised addresses lost:\n" + "\n".join(missing)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_promised_file_exists(site, lang):
    missing = [f for f in PROMISED["files"] if not (site / LANGUAGES[lang] / f).is_file()]
    assert not missing, missing
