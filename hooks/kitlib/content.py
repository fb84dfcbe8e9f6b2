"""What the kit puts into pages: one table for the content hook.

A page asks for kit content in one of two ways:
- a key in its front matter (`worksheet: echange-1`, `checklist: auto-evaluation`,
  `synthesis: synthese`): a stub page, filled after Markdown;
- a marker in its Markdown (`<!-- kit:exchanges -->`): replaced in place.

Each entry names its template in overrides/partials/kit/ and builds the
template's context from data/kit.yml. Unknown values stop the build, and so
does an exchange without its worksheet stub in a built language.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from mkdocs.exceptions import PluginError
from mkdocs.structure.toc import AnchorLink
from mkdocs.utils.meta import get_data

from kitlib import checklist, kit, locales, sheets

# -----------------------------------------------------------------------------
# The table
# -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Filling:
    """A template and how to build its context: (data, lang, value) → dict."""

    template: str
    context: Callable[[dict, str, str], dict[str, Any]]
    # The values a front-matter key accepts (None for markers): (data) → ids.
    values: Callable[[dict], list[str]] | None = None
    # Whether the filling replaces the stub's body (else it follows it).
    replaces: bool = False
    # The sections it adds to the page's table of contents: (data, lang) →
    # [(anchor, title)], the anchors the template gives, the same in every language.
    toc: Callable[[dict, str], list[tuple[str, str]]] | None = None


def _worksheet(data: dict, lang: str, value: str) -> dict[str, Any]:
    return {"sheet_id": value, "exchange": kit.exchange(data, value)}


# The self-assessment's sections: each exchange's fieldset, the summary, the saving.
def _checklist_toc(data: dict, lang: str) -> list[tuple[str, str]]:
    strings = data["checklist"]["strings"]
    return ([(f"auto-{exchange['id']}", sheets.exchange_heading(exchange, lang)) for exchange in data["exchanges"]]
            + [("resume", kit.text(strings["summary"], lang)), ("garder", kit.text(strings["keep"], lang))])


FRONT_MATTER: dict[str, Filling] = {
    "worksheet": Filling(
        "partials/kit/worksheet.html", _worksheet,
        values=lambda data: [e["id"] for e in data["exchanges"]] + [sheets.PACKET],
        replaces=True,
    ),
    "checklist": Filling(
        "partials/kit/checklist.html",
        lambda data, lang, value: {"spec": checklist.checklist_spec(data, lang)},
        values=lambda data: ["auto-evaluation"],
        toc=_checklist_toc,
    ),
    "synthesis": Filling(
        "partials/kit/synthesis.html",
        lambda data, lang, value: {"spec": checklist.synthesis_spec(data, lang)},
        values=lambda data: ["synthese"],
    ),
}

# The list of what the site changes in the reference text (content/corrections.yml).
CHANGES_FILE = kit.ROOT / "content" / "corrections.yml"


# The changes, checked: each with an id (its address on the Sources page), a
# title and a text in every language, and a correction with both its `from`
# and its `to`.
def changes(path: Path = CHANGES_FILE) -> list[dict]:
    entries = kit.read_yaml(path)
    if not isinstance(entries, list):
        raise kit.KitDataError(path, "", "expected a list of changes")
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        where = f"[{index}]"
        if not isinstance(entry, dict):
            raise kit.KitDataError(path, where, "expected a mapping")
        change_id = entry.get("id")
        if not isinstance(change_id, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", change_id):
            raise kit.KitDataError(path, f"{where}.id", "expected an id of lowercase letters, digits and hyphens")
        if change_id in seen:
            raise kit.KitDataError(path, f"{where}.id", f"duplicate id '{change_id}' (first used at [{seen[change_id]}].id)")
        seen[change_id] = index
        for key in ("title", "text"):
            for lang in kit.LANGUAGES:
                if not isinstance(entry.get(key), dict) or not isinstance(entry[key].get(lang), str):
                    raise kit.KitDataError(path, f"{where}.{key}", f"missing translation '{lang}'")
        if ("from" in entry) != ("to" in entry):
            raise kit.KitDataError(path, where, "a correction needs both 'from' and 'to'")
    return entries


MARKERS: dict[str, Filling] = {
    "<!-- kit:exchanges -->": Filling("partials/kit/exchanges.html", lambda data, lang, value: {}),
    "<!-- kit:worksheets -->": Filling("partials/kit/worksheet-list.html", lambda data, lang, value: {}),
    "<!-- kit:changes -->": Filling("partials/kit/changes.html", lambda data, lang, value: {"changes": changes()}),
    "<!-- kit:source -->": Filling("partials/kit/source.html", lambda data, lang, value: {}),
}

# -----------------------------------------------------------------------------
# Pages
# -----------------------------------------------------------------------------


# The (key, value, filling) a stub page's front matter asks for, or None.
def stub(page) -> tuple[str, str, Filling] | None:
    asked = [key for key in FRONT_MATTER if key in page.meta]
    if not asked:
        return None
    if len(asked) > 1:
        raise PluginError(f"docs/{page.file.src_uri}: front matter: one of {', '.join(asked)}, not several")
    key = asked[0]
    value = str(page.meta[key])
    known = FRONT_MATTER[key].values(kit.load())
    if value not in known:
        raise PluginError(f"docs/{page.file.src_uri}: {key}: unknown {key} '{value}' (known: {', '.join(known)})")
    return key, value, FRONT_MATTER[key]


# The page's title when its stub names a worksheet (else None), as HTML: the
# theme prints page titles as they are.
def stub_title(page) -> str | None:
    asked = stub(page)
    if asked is None or asked[0] != "worksheet":
        return None
    data = kit.load()
    return html.escape(sheets.worksheet_title(data, kit.exchange(data, asked[1]), page.file.locale), quote=False)


# Render a filling for a page.
def render(config, page, filling: Filling, value: str = "") -> str:
    lang = page.file.locale
    return sheets.render(config, filling.template, lang, page.url,
                         **filling.context(kit.load(), lang, value))


# Add a filling's sections to the page's table of contents, under its title
# (the theme lists the title's children), as escaped text like Markdown's.
def add_toc(page, filling: Filling) -> None:
    if filling.toc is None:
        return
    first = page.toc.items[0] if page.toc.items else None
    under = first.children if first is not None and first.level == 1 else page.toc.items
    level = 2 if under is not page.toc.items else 1
    for anchor, title in filling.toc(kit.load(), page.file.locale):
        under.append(AnchorLink(html.escape(title, quote=False), anchor, level))


# Replace each marker in a page's Markdown; a marker used twice is an error.
def fill_markers(markdown: str, page, config) -> str:
    for marker, filling in MARKERS.items():
        count = markdown.count(marker)
        if count > 1:
            raise PluginError(f"docs/{page.file.src_uri}: marker {marker} used {count} times")
        if count:
            markdown = markdown.replace(marker, render(config, page, filling))
    return markdown


# -----------------------------------------------------------------------------
# Stubs
# -----------------------------------------------------------------------------


# Fail when a worksheet lacks its stub page in a built language, or a stub
# names an unknown worksheet: every exchange has a page in every language.
def check_worksheet_stubs(config) -> None:
    data = kit.load()
    known = FRONT_MATTER["worksheet"].values(data)
    docs = Path(config.docs_dir)
    found: dict[str, set[str]] = {lang: set() for lang, _ in locales.built(config)}
    for source in sorted(docs.rglob("*.md")):
        _, meta = get_data(source.read_text(encoding="utf-8"))
        if "worksheet" not in meta:
            continue
        relative = source.relative_to(docs).as_posix()
        value = str(meta["worksheet"])
        if value not in known:
            raise PluginError(f"docs/{relative}: worksheet: unknown worksheet '{value}' (known: {', '.join(known)})")
        lang = _language_of_source(relative, found, locales.default(config))
        if lang in found:
            found[lang].add(value)
    for lang, present in found.items():
        missing = [value for value in known if value not in present]
        if missing:
            names = ", ".join(f"docs/{sheets.WORKSHEETS}/{_stub_name(value, lang, config)}" for value in missing)
            raise PluginError(
                f"{kit.DATA_FILE}: worksheet stub missing in '{lang}' for {', '.join(missing)}: "
                f"create {names} with the front matter 'worksheet: <id>'"
            )


# The language of a source file (docs_structure: suffix): page.en.md is English,
# page.md is in the default language.
def _language_of_source(relative: str, languages, default: str) -> str:
    suffix = relative.removesuffix(".md").rpartition("/")[2].rpartition(".")[2]
    return suffix if suffix in languages else default


# The stub file a worksheet would have in a language.
def _stub_name(value: str, lang: str, config) -> str:
    return f"{value}.md" if lang == locales.default(config) else f"{value}.{lang}.md"
