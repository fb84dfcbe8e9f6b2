"""Material's stylesheets cut down to the rules this site can use.

Material ships one stylesheet for every feature it has (tabs, admonitions,
Mermaid, blog, tags…) and one with every colour palette: 25 KB gzip on every
page, a third of a page's weight. Once every page is written, a rule is kept
when every class it needs is used: written in a page's class attribute, or
anywhere in a script (the theme's and ours, where a class may be put on an
element later, or built from a prefix such as `md-tag--`). A class inside
`:not()` needs nothing; `:is()`, `:where()` and `:has()` need one of their
alternatives. A palette rule is kept for the colours the pages name; a custom
property or an animation for what still uses it. What is unsure is kept.

The trimmed file gets a name from its content, so that a browser holding the
theme's file under its usual name never mixes the two, and every page is
rewritten to link it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable
from pathlib import Path

import tinycss2
from mkdocs.exceptions import PluginError

from . import kit

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

# Material's stylesheets, as it names them: main.<hash>.min.css…
THEME_CSS = re.compile(r"^(main|palette)\.[0-9a-f]{8}\.min\.css$")

CLASS_ATTRIBUTE = re.compile(r'\sclass="([^"]*)"')
COLOR_ATTRIBUTE = re.compile(r'\s(data-md-color-(?:primary|accent|scheme))="([^"]*)"')
WORD = re.compile(r"-*[A-Za-z_][\w-]*")
PREFIX = re.compile(r"([A-Za-z_][\w-]*)(?:\$\{|[\"']\s*\+)")
SELECTOR_CLASS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
SELECTOR_COLOR = re.compile(r"\[(data-md-color-(?:primary|accent|scheme))=[\"']?([\w-]+)[\"']?\]")
FUNCTION = re.compile(r":(not|is|where|has|matches|-webkit-any|-moz-any)\(", re.I)
VARIABLE = re.compile(r"var\(\s*(--[\w-]+)")
INLINE_CODE = re.compile(r"<script(?![^>]*\ssrc=)[^>]*>(.*?)</script>|<style[^>]*>(.*?)</style>|\sstyle=\"([^\"]*)\"", re.S)
KEPT_BUILDS = 6  # trimmed results remembered on this machine
SOURCE_MAP = re.compile(r"/\*#\s*sourceMappingURL=[^*]*\*/")

# -----------------------------------------------------------------------------
# What the site uses
# -----------------------------------------------------------------------------


class Usage:
    """The classes, colours, class prefixes and words the site's pages and scripts use."""

    def __init__(self, pages: Iterable[str], scripts: Iterable[str]):
        self.classes: set[str] = set()
        self.colors: dict[str, set[str]] = {}
        code: list[str] = []
        for html in pages:
            for value in CLASS_ATTRIBUTE.findall(html):
                self.classes.update(value.split())
            for name, value in COLOR_ATTRIBUTE.findall(html):
                self.colors.setdefault(name, set()).add(value)
            code.extend("".join(parts) for parts in INLINE_CODE.findall(html))
        code.extend(scripts)
        text = "\n".join(code)
        self.words = set(WORD.findall(text))
        self.classes.update(word.lstrip("-") for word in self.words)
        self.prefixes = tuple(sorted(prefix for prefix in set(PREFIX.findall(text)) if len(prefix) > 3))

    # Whether an element may carry this class.
    def has_class(self, name: str) -> bool:
        return name in self.classes or name.startswith(self.prefixes)

    # Whether a palette attribute may take this value (only what the pages name).
    def has_color(self, attribute: str, value: str) -> bool:
        return value in self.colors.get(attribute, set())


# -----------------------------------------------------------------------------
# Selectors
# -----------------------------------------------------------------------------


# Split at the commas outside brackets, parentheses and strings.
def split_list(text: str) -> list[str]:
    parts, depth, start, quote = [], 0, 0, ""
    for position, char in enumerate(text):
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:position])
            start = position + 1
    parts.append(text[start:])
    return [part.strip() for part in parts]


# The end of the parenthesis opened just before `start`.
def closing(text: str, start: int) -> int:
    depth = 1
    for position in range(start, len(text)):
        depth += {"(": 1, ")": -1}.get(text[position], 0)
        if depth == 0:
            return position
    raise ValueError(f"unbalanced parenthesis in selector {text!r}")


# Whether a selector can match an element of this site.
def can_match(selector: str, usage: Usage) -> bool:
    rest, position = [], 0
    for match in FUNCTION.finditer(selector):
        if match.start() < position:
            continue  # inside a function already handled
        end = closing(selector, match.end())
        rest.append(selector[position:match.start()])
        position = end + 1
        if match.group(1).lower() == "not":
            continue
        if not any(can_match(alternative, usage) for alternative in split_list(selector[match.end():end])):
            return False
    rest.append(selector[position:])
    plain = "".join(rest)
    for attribute, value in SELECTOR_COLOR.findall(plain):
        if not usage.has_color(attribute, value):
            return False
    outside_brackets = re.sub(r"\[[^\]]*\]", "", plain)
    return all(usage.has_class(name) for name in SELECTOR_CLASS.findall(outside_brackets))


# -----------------------------------------------------------------------------
# Stylesheets
# -----------------------------------------------------------------------------


class Rule:
    """A style rule kept: its selectors and its declarations, as (name, text)."""

    def __init__(self, selectors: list[str], content):
        self.selectors = selectors
        self.declarations = []
        for node in tinycss2.parse_declaration_list(content, skip_whitespace=True, skip_comments=True):
            if node.type != "declaration":
                raise ValueError(f"a rule of the theme's stylesheet holds more than declarations ({node.type}): {','.join(selectors)}")
            self.declarations.append((node.name, node.serialize()))

    def text(self, unread: set[str]) -> str:
        kept = [text for name, text in self.declarations if name not in unread]
        return ",".join(self.selectors) + "{" + ";".join(kept) + "}" if kept else ""


class Block:
    """An at-rule holding rules (@media, @supports…), with the rules kept in it."""

    def __init__(self, head: str, children: list):
        self.head, self.children = head, children

    def text(self, unread: set[str]) -> str:
        inner = "".join(child.text(unread) for child in self.children)
        return self.head + "{" + inner + "}" if inner else ""


class Other:
    """Any other at-rule, kept as it is (@keyframes named for its animation)."""

    def __init__(self, node):
        self.source = tinycss2.serialize([node]).strip()
        self.animation = tinycss2.serialize(node.prelude).strip() if node.lower_at_keyword.endswith("keyframes") else ""

    def text(self, unread: set[str]) -> str:
        return "" if self.animation in unread else self.source


# The rules of a rule list that can match.
def _rules(nodes, usage: Usage) -> list:
    kept = []
    for node in nodes:
        if node.type == "qualified-rule":
            selectors = [s for s in split_list(tinycss2.serialize(node.prelude)) if can_match(s, usage)]
            if selectors:
                kept.append(Rule(selectors, node.content))
        elif node.type == "at-rule" and node.lower_at_keyword in ("media", "supports", "container", "layer") \
                and node.content is not None:
            children = _rules(tinycss2.parse_rule_list(node.content, skip_whitespace=True, skip_comments=True), usage)
            if children:
                kept.append(Block(f"@{node.at_keyword}{tinycss2.serialize(node.prelude).rstrip()}", children))
        elif node.type == "at-rule":
            kept.append(Other(node))
        elif node.type == "error":
            raise ValueError(f"the theme's stylesheet does not parse: {node.message}")
    return kept


# Every rule kept, nested rules included.
def _flat(kept: list) -> list:
    return [leaf for item in kept for leaf in (_flat(item.children) if isinstance(item, Block) else [item])]


# Custom properties nothing reads and animations nothing runs, until none is left.
def _unread(kept: list, outside: set[str]) -> set[str]:
    leaves = _flat(kept)
    rules = [item for item in leaves if isinstance(item, Rule)]
    animations = {item.animation for item in leaves if isinstance(item, Other) and item.animation}
    unread: set[str] = set()
    while True:
        values = [text.split(":", 1)[1] for rule in rules for name, text in rule.declarations if name not in unread]
        words = outside | {word for value in values for word in WORD.findall(value)}
        gone = {
            name for rule in rules for name, _ in rule.declarations
            if name.startswith("--") and name not in words and name not in unread
        } | {name for name in animations - unread if name not in words}
        if not gone:
            return unread
        unread |= gone


# A theme stylesheet cut down to what the site can use (elsewhere: the site's other stylesheets).
def stylesheet(css: str, usage: Usage, elsewhere: str = "") -> str:
    nodes = tinycss2.parse_stylesheet(SOURCE_MAP.sub("", css), skip_whitespace=True, skip_comments=True)
    kept = _rules(nodes, usage)
    unread = _unread(kept, usage.words | set(WORD.findall(elsewhere)))
    return "".join(item.text(unread) for item in kept) + "\n"


# -----------------------------------------------------------------------------
# The site
# -----------------------------------------------------------------------------


# The theme's stylesheets of a built site, trimmed: {file name: text}.
def trimmed_styles(pages: list[str], scripts: list[str], theme: dict[str, str], own: str) -> dict[str, str]:
    usage = Usage(pages, scripts)
    trimmed = {}
    for name, css in theme.items():
        others = own + "".join(text for other, text in theme.items() if other != name)
        try:
            trimmed[name] = stylesheet(css, usage, others)
        except ValueError as error:
            raise PluginError(f"kitlib/trim.py: {name}: {error}") from error
    return trimmed


# The same, remembered on this machine for the very same files (a build is a new process).
def remembered_styles(pages: list[str], scripts: list[str], theme: dict[str, str], own: str) -> dict[str, str]:
    key = hashlib.sha256(Path(__file__).read_bytes())
    for text in [*pages, "\0", *scripts, "\0", json.dumps(theme, sort_keys=True), own]:
        key.update(text.encode())
    cached = kit.cache_folder("trim") / key.hexdigest()
    try:
        remembered = json.loads(cached.read_text(encoding="utf-8"))
        os.utime(cached)  # used lately: kept
        return remembered
    except FileNotFoundError:  # never made, or let go by a build beside this one
        pass
    trimmed = trimmed_styles(pages, scripts, theme, own)
    kit.write_whole(cached, json.dumps(trimmed))
    _let_go(cached.parent)
    return trimmed


# Keep the results of the last few sites only (the site and its offline copy, each as edited
# lately); a file another build is still writing (hidden, not yet named) is left alone.
def _let_go(folder: Path) -> None:
    def used(file: Path) -> float:
        try:
            return file.stat().st_mtime
        except FileNotFoundError:
            return 0.0

    results = [file for file in folder.iterdir() if not file.name.startswith(".")]
    for old in sorted(results, key=used, reverse=True)[KEPT_BUILDS:]:
        old.unlink(missing_ok=True)


# Trim the theme's stylesheets in a built site and link the trimmed files; return bytes saved.
def site(folder: Path) -> int:
    pages = {path: path.read_text(encoding="utf-8") for path in sorted(folder.rglob("*.html"))}
    scripts = [path.read_text(encoding="utf-8") for path in sorted((folder / "assets" / "javascripts").glob("*.js"))]
    styles = folder / "assets" / "stylesheets"
    theme = {path.name: path.read_text(encoding="utf-8") for path in sorted(styles.glob("*.css"))
             if THEME_CSS.match(path.name)}
    if not theme:
        raise PluginError(f"kitlib/trim.py: no theme stylesheet (main.<hash>.min.css) in {styles}")
    own = "\n".join(path.read_text(encoding="utf-8") for path in sorted(styles.rglob("*.css")) if path.name not in theme)
    renames, saved = {}, 0
    for name, trimmed in remembered_styles(list(pages.values()), scripts, theme, own).items():
        renames[name] = f"{name.split('.')[0]}.{hashlib.sha256(trimmed.encode()).hexdigest()[:8]}.min.css"
        (styles / renames[name]).write_text(trimmed, encoding="utf-8")
        saved += len(theme[name].encode()) - len(trimmed.encode())
    for name, new_name in renames.items():
        if new_name != name:
            (styles / name).unlink()
            (styles / f"{name}.map").unlink(missing_ok=True)
    link = re.compile(r"(assets/stylesheets/)(" + "|".join(map(re.escape, renames)) + r")(?=[\"'?#])")
    for path, html in pages.items():
        changed = link.sub(lambda match: match.group(1) + renames[match.group(2)], html)
        if changed != html:
            path.write_text(changed, encoding="utf-8")
    return saved
