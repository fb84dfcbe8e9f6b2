"""Content-Security-Policy for every page, as a <meta> tag.

Scripts run only from this site plus the inline scripts the theme emits,
allowed by their SHA-256 hashes computed from the final HTML; nothing may be
loaded from another host. Runs after every other hook that changes the page.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re

from kitlib import order, run
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# -----------------------------------------------------------------------------
# Constants
# -----------------------------------------------------------------------------

# Inline scripts that execute: no src, and a JavaScript type (or none).
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)([^>]*)>(.*?)</script>", re.S | re.I)
DATA_TYPE = re.compile(r"""\btype=["']?(application/(ld\+)?json|text/template)""", re.I)

# The offline copy runs from file://, where 'self' matches nothing reliably;
# its inline scripts (the theme's) are allowed by their hashes, as online.
OFFLINE_POLICY = [
    ("default-src", "'self' file: data:"),
    ("script-src", "'self' file: {hashes}"),
    ("style-src", "'self' file:"),
    ("img-src", "'self' file: data:"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'none'"),
]

POLICY = [
    ("default-src", "'self'"),
    ("script-src", "'self' {hashes}"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
]

# -----------------------------------------------------------------------------
# Hooks
# -----------------------------------------------------------------------------


# Add the policy to every page, after every other hook.
@event_priority(order.POLICY)
def on_post_page(output: str, page, config) -> str:
    return with_policy(output, page.file.src_uri)


# Add the policy to the theme's own pages (404.html).
@event_priority(order.POLICY)
def on_post_template(output: str, template_name: str, config) -> str:
    if not template_name.endswith(".html"):
        return output
    return with_policy(output, template_name)


# -----------------------------------------------------------------------------
# Helpers
# -----------------------------------------------------------------------------


# Return the page with its Content-Security-Policy meta tag first in <head>.
def with_policy(html: str, name: str) -> str:
    if 'http-equiv="Content-Security-Policy"' in html:
        raise PluginError(f"hooks/csp.py: {name}: already has a Content-Security-Policy")
    head = re.search(r'<meta charset="utf-8">\s*', html) or re.search(r"<head>\s*", html)
    if head is None:
        raise PluginError(f"hooks/csp.py: {name}: no <head> to put the policy in")
    tag = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">\n    '
    return html[: head.end()] + tag + html[head.end():]


# The policy for this HTML: the fixed directives plus its inline scripts' hashes.
def policy(html: str) -> str:
    hashes = " ".join(sorted({f"'sha256-{digest}'" for digest in script_hashes(html)}))
    if os.environ.get("KIT_OFFLINE") == "true":
        return "; ".join(f"{name} {value.format(hashes=hashes)}".strip() for name, value in OFFLINE_POLICY)
    if run.serving():
        # `mkdocs serve` adds a live-reload script to every page, different at
        # every request: no hash can name it. Published builds keep the hashes.
        hashes = "'unsafe-inline'"
    return "; ".join(
        f"{name} {value.format(hashes=hashes)}".strip() for name, value in POLICY
    )


# Base64 SHA-256 of every inline script that the browser would run.
def script_hashes(html: str) -> list[str]:
    return [
        base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        for attributes, body in INLINE_SCRIPT.findall(html)
        if not DATA_TYPE.search(attributes)
    ]
