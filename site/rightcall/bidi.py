"""Keep numbers readable in right-to-left pages.

In Arabic, Persian or Urdu text, the Unicode bidi algorithm turns "9-1-1" into "1-1-9" and
"416-808-2222" into "2222-808-416" (digits after Arabic letters become Arabic numbers, and a
hyphen between Arabic numbers does not bind them). Every number in a right-to-left page is
therefore wrapped in a left-to-right isolate: ``<span dir="ltr">9-1-1</span>``.
"""
from __future__ import annotations

import re

from flask import g
from markupsafe import Markup, escape

# "9-1-1", "416-808-2222", "1-844-POISON-X", "$5,000", "24", "2-1-1" — not digits inside
# an HTML entity such as "&#39;".
NUMBER = re.compile(r"(?<![&#\w])\$?\d(?:[\d,.]*\d)?(?:-[0-9A-Z]+)*(?![\w;])")
TAG = re.compile(r"(<[^>]*>)")


def _wrap(text: str) -> str:
    return NUMBER.sub(lambda m: f'<span dir="ltr">{m.group(0)}</span>', text)


def isolate_in_html(html: str) -> str:
    """Wrap numbers found in the text (never inside tags) of trusted HTML."""
    parts = TAG.split(html)
    return "".join(part if part.startswith("<") else _wrap(part) for part in parts)


def _rtl() -> bool:
    lang = g.get("lang")
    return bool(lang and lang.rtl)


def bidi_filter(value) -> Markup:
    """Jinja filter: escape ``value`` and, on right-to-left pages, isolate its numbers."""
    html = str(value) if isinstance(value, Markup) else str(escape(value))
    # bandit B704: ``html`` is escaped or already-sanitised markup: this only adds direction isolates.
    return Markup(isolate_in_html(html) if _rtl() else html)  # nosec B704


def bidi_text_filter(value) -> str:
    """Jinja filter for plain-text places (``<title>``, meta description): on right-to-left
    pages, numbers are wrapped in the Unicode isolates LRI … PDI (U+2066, U+2069)."""
    text = str(value)
    return NUMBER.sub(lambda m: f"\u2066{m.group(0)}\u2069", text) if _rtl() else text


def bidi_html(html: str) -> str:
    """Same for HTML built by the site (rendered Markdown)."""
    return isolate_in_html(html) if _rtl() else html
