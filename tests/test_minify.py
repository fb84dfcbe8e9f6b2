"""The published copies of our stylesheets and scripts: smaller, same meaning."""

from __future__ import annotations

import gzip

import pytest
from kitlib import minify
from mkdocs.exceptions import PluginError


def test_a_stylesheet_loses_its_comments_and_spaces_but_not_its_strings():
    source = '/* why */\n.a > .b ,\n.c {\n  content: counter(page) " / " counter(pages);\n  margin: 0 ;\n}\n'
    assert minify.css(source) == '.a>.b,.c{content: counter(page) " / " counter(pages);margin: 0}\n'


def test_a_script_loses_comment_lines_and_indentation_and_keeps_every_statement_on_its_line():
    source = "// why\nfunction f() {\n  // step\n  return `a ${b}`; // kept\n}\n"
    assert minify.js(source) == "function f() {\nreturn `a ${b}`; // kept\n}\n"


def test_a_template_literal_over_several_lines_stops_the_build():
    with pytest.raises(PluginError, match="template literal spans lines"):
        minify.js("const s = `one\n  two`;\n", "x.js")


def test_every_own_asset_of_the_published_site_is_smaller_and_the_sources_keep_their_comments(site):
    assets = minify.own_assets()
    assert "assets/stylesheets/site.css" in assets and "assets/javascripts/site.js" in assets
    for relative in assets:
        published, source = (site / relative).read_bytes(), (minify.ASSETS.parent / relative).read_bytes()
        assert len(gzip.compress(published)) < len(gzip.compress(source)), relative
        assert b"\n  " not in published, relative
