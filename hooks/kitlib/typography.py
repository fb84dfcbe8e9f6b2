"""French typography of prose, following the language of each piece of text.

The rules (Office québécois de la langue française): a no-break space before
the colon and inside « »; no space before ; ? ! (the OQLF allows a thin
no-break space or none; the reference text uses none, and the print font has
no thin space); typographic apostrophes. They apply to text whose language is
French — the page's, or an element's own `lang` — and to the words of its
aria-label, title, alt and placeholder attributes; English fragments of a
French page are left alone, French fragments of an English page are typeset.
Text in English gets typographic apostrophes, and French guillemets quoted in
it keep their no-break spaces.
Scripts, styles, code and character references are never touched.
"""

from __future__ import annotations

import functools
import re

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

NBSP = "\u00a0"

# A tag or comment, or the text between them.
TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)

# Elements whose text is not prose.
RAW = ("script", "style", "pre", "code", "textarea", "kbd", "samp")

# Elements that never have content or an end tag.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")
LANG_ATTRIBUTE = re.compile(r'\slang="([a-zA-Z-]+)"')
# Attributes whose value is words people read or hear.
WORD_ATTRIBUTES = re.compile(r'(\s(?:aria-label|title|alt|placeholder)=")([^"]*)(")')
# And the words of the meta tags that describe a document (a PDF's properties).
META_WORDS = re.compile(r'^(<meta\s+name="(?:description|author|keywords)"\s+content=")([^"]*)(")')

# Text without any of these characters has nothing to typeset.
PROSE_MARKS = re.compile(r"[:;?!«»'&]")

# The same, in text of another language (an escaped apostrophe included).
OTHER_MARKS = re.compile(r"['«»]|&#39;|&#x27;|&apos;")

# Character references (&amp; &#160;) must survive intact.
ENTITY = re.compile(r"(&(?:#\d+|#x[0-9a-fA-F]+|\w+);)")

# Space (or none) between a word and a colon; spaces before ; ? ! (removed).
BEFORE_COLON = re.compile(r"(?<=[\w»)\]…*.])[ \t\n\u00a0\u202f]*(:)(?=[\s)»,.:;?!]|$)")
BEFORE_MARK = re.compile(r"(?<=[\w»)\]…*.])[ \t\n\u00a0\u202f]+([;?!]+)(?=[\s)»,.:;?!]|$)")
AFTER_OPEN = re.compile(r"«[ \t\n\u00a0\u202f]*")
BEFORE_CLOSE = re.compile(r"[ \t\n\u00a0\u202f]*»")
APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
# In French, a letter and an apostrophe ending a run of text is an elision
# before a link or an emphasis: "l'<a>auto-évaluation</a>".
ELISION = re.compile(r"(?<=\w)'$")
# In English, any apostrophe after a letter: "don't", "users' rights".
CLOSING_APOSTROPHE = re.compile(r"(?<=\w)'")
# An apostrophe after a letter as escaped templates write it.
ESCAPED_APOSTROPHE = re.compile(r"(?<=\w)&(?:#39|#x27|apos);")

# -----------------------------------------------------------------------------
# Typesetting
# -----------------------------------------------------------------------------


# Return the HTML of a French document with French spacing in its prose.
def french(html: str) -> str:
    return typeset_html(html, "fr")


# Return the HTML with French typography wherever its text is French; `lang`
# is the document's language, which elements' own `lang` attributes override.
# A pure function of its input, remembered for the pages a `mkdocs serve`
# rebuild makes again unchanged.
@functools.lru_cache(maxsize=128)
def typeset_html(html: str, lang: str) -> str:
    out, raw_depth, open_elements = [], [], []
    for token in TOKEN.split(html):
        current = open_elements[-1][1] if open_elements else lang
        if token.startswith("<"):
            out.append(_tag(token, current, open_elements, raw_depth))
        elif raw_depth or not token.strip():
            out.append(token)
        elif current != "fr":
            out.append(other_language(token))
        else:
            out.append(prose(token))
    return "".join(out)


# Follow one tag: its element's language (its own lang, else its parent's),
# kept on a stack of open elements, and the raw elements (script, code…) it
# opens or closes; a French tag's words in attributes typeset.
def _tag(tag: str, current: str, open_elements: list[tuple[str, str]], raw_depth: list[str]) -> str:
    match = TAG_NAME.match(tag)
    if not match:
        return tag
    closing, name = match.group(1), match.group(2).lower()
    if closing:
        if raw_depth and raw_depth[-1] == name:
            raw_depth.pop()
        for index in range(len(open_elements) - 1, -1, -1):
            if open_elements[index][0] == name:
                del open_elements[index:]
                break
        return tag
    own = LANG_ATTRIBUTE.search(tag) if "lang=" in tag else None
    element_lang = own.group(1).split("-")[0].lower() if own else current
    if element_lang == "fr" and "=" in tag:
        tag = WORD_ATTRIBUTES.sub(lambda m: m.group(1) + prose(m.group(2)) + m.group(3), tag)
        if name == "meta":
            tag = META_WORDS.sub(lambda m: m.group(1) + prose(m.group(2)) + m.group(3), tag)
    if name not in VOID and not tag.endswith("/>"):
        open_elements.append((name, element_lang))
        if name in RAW:
            raw_depth.append(name)
    return tag


# Space one run of text (no tags), leaving character references whole.
def prose(text: str) -> str:
    if not PROSE_MARKS.search(text):
        return text
    return _between_references(text, _french)


def _french(part: str) -> str:
    part = ELISION.sub("\u2019", APOSTROPHE.sub("\u2019", part))
    part = BEFORE_MARK.sub(r"\1", BEFORE_COLON.sub(NBSP + r"\1", part))
    return _guillemets(part)


# Text in another language: typographic apostrophes, and French guillemets,
# when it quotes French words, kept with their words by no-break spaces.
def other_language(text: str) -> str:
    if not OTHER_MARKS.search(text):
        return text
    return _between_references(text, lambda part: _guillemets(CLOSING_APOSTROPHE.sub("\u2019", part)))


# No-break spaces inside « ».
def _guillemets(text: str) -> str:
    return BEFORE_CLOSE.sub(NBSP + "»", AFTER_OPEN.sub("«" + NBSP, text))


# Apply a change to the text between character references (an escaped
# apostrophe after a letter first becomes a typographic one).
def _between_references(text: str, change) -> str:
    parts = ENTITY.split(ESCAPED_APOSTROPHE.sub("\u2019", text))
    parts[::2] = [change(part) for part in parts[::2]]
    return "".join(parts)


# Text the site inserts (script strings, labels) gets the page's typography.
def typeset(text: str, lang: str) -> str:
    return prose(text) if lang == "fr" else text
