"""Render campaign Markdown to safe HTML, then expand the service shortcodes.

Markdown is rendered by markdown-it-py with raw HTML disabled and the result is sanitised by
nh3 (Ammonia), so nothing typed into content can reach a page as markup or script. The
shortcodes ``{{call SERVICE-ID}}`` (a call card, alone on a line) and ``{{number SERVICE-ID}}``
(an inline tap-to-call link) are expanded afterwards from trusted templates, so a phone number
is only ever written in the service directory.
"""
from __future__ import annotations

import re
from collections.abc import Callable

import nh3
from markdown_it import MarkdownIt

_md = MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable(
    "table"
)

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "em", "b", "i", "ul", "ol", "li", "a",
    "blockquote", "code", "table", "thead", "tbody", "tr", "th", "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto", "tel", "sms"}

CALL_BLOCK = re.compile(r"<p>\s*\{\{\s*call\s+([a-z0-9-]+)\s*\}\}\s*</p>")
CALL_INLINE = re.compile(r"\{\{\s*call\s+([a-z0-9-]+)\s*\}\}")
NUMBER_INLINE = re.compile(r"\{\{\s*number\s+([a-z0-9-]+)\s*\}\}")
ANY_SHORTCODE = re.compile(r"\{\{\s*(call|number)\s+([a-z0-9-]+)\s*\}\}")


def to_safe_html(text: str) -> str:
    """Markdown → sanitised HTML (no shortcodes expanded)."""
    html = _md.render(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


def render(text: str, call_card: Callable[[str], str], number_link: Callable[[str], str]) -> str:
    """Render Markdown safely and expand shortcodes with the given (trusted) renderers.

    Each renderer takes a service id and returns HTML, or "" for an unknown service.
    """
    html = to_safe_html(text)
    html = CALL_BLOCK.sub(lambda m: call_card(m.group(1)), html)
    html = CALL_INLINE.sub(lambda m: call_card(m.group(1)), html)  # e.g. inside a list item
    return NUMBER_INLINE.sub(lambda m: number_link(m.group(1)), html)


def shortcode_service_ids(text: str) -> set[str]:
    """Every service id the text refers to through a shortcode."""
    return {m.group(2) for m in ANY_SHORTCODE.finditer(text or "")}
