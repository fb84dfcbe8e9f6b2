"""French typography of prose.

Non-breaking spaces before « : ; ? ! » and inside « », and typographic
apostrophes, applied to the text of the built HTML only: tags, attributes,
entities, scripts, styles and code are left as they are.
"""

from __future__ import annotations

import re

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

NBSP = "\u00a0"

# A tag or comment, or the text between them.
TOKEN = re.compile(r"(<!--.*?-->|<[^>]*>)", re.S)

# Elements whose text is not prose.
RAW = ("script", "style", "pre", "code", "textarea", "kbd", "samp")

# Character references (&amp; &#160;) must survive intact.
ENTITY = re.compile(r"(&(?:#\d+|#x[0-9a-fA-F]+|\w+);)")

# Space (or none) between a word and a high punctuation mark.
BEFORE_MARK = re.compile(r"(?<=[\w»)\]…*.])[ \t\n\u00a0\u202f]*([:;?!]+)(?=[\s)»,.:;?!]|$)")
AFTER_OPEN = re.compile(r"«[ \t\n\u00a0\u202f]*")
BEFORE_CLOSE = re.compile(r"[ \t\n\u00a0\u202f]*»")
APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")

# -----------------------------------------------------------------------------
# Typesetting
# -----------------------------------------------------------------------------


# Return the HTML with French spacing in its prose.
def french(html: str) -> str:
    out, raw_depth = [], []
    for token in TOKEN.split(html):
        if token.startswith("<"):
            _track(token, raw_depth)
            out.append(token)
        elif raw_depth or not token.strip():
            out.append(token)
        else:
            out.append(prose(token))
    return "".join(out)


# Keep a stack of the raw elements the tokenizer is inside.
def _track(tag: str, stack: list[str]) -> None:
    match = re.match(r"<(/?)([a-zA-Z0-9]+)", tag)
    if not match or tag.endswith("/>"):
        return
    closing, name = match.group(1), match.group(2).lower()
    if name not in RAW:
        return
    if closing and stack and stack[-1] == name:
        stack.pop()
    elif not closing:
        stack.append(name)


# Space one run of text (no tags), leaving character references whole.
def prose(text: str) -> str:
    parts = ENTITY.split(text)
    for index in range(0, len(parts), 2):
        part = parts[index]
        part = APOSTROPHE.sub("\u2019", part)
        part = BEFORE_MARK.sub(NBSP + r"\1", part)
        part = AFTER_OPEN.sub("«" + NBSP, part)
        part = BEFORE_CLOSE.sub(NBSP + "»", part)
        parts[index] = part
    return "".join(parts)


# Text the site inserts (script strings, labels) gets the page's typography.
def typeset(text: str, lang: str) -> str:
    return prose(text) if lang == "fr" else text
