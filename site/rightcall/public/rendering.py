"""Render public pages: shared template context, Markdown bodies with service shortcodes, and
the per-(page, locale, content version) cache with ETags."""
from __future__ import annotations

from collections.abc import Callable

from flask import abort, current_app, g, get_template_attribute, make_response, render_template, request
from markupsafe import Markup

from .. import directory, locales, markdown
from ..bidi import bidi_html
from ..extensions import cache, db
from ..models import content_version
from ..page_content import MISSING, OUTDATED, PageContent, navigation, page_content
from .front_cache import mark_cacheable
from .locale_url import alternates, page_url, switch_url


def body_html(content: PageContent, services: dict[str, directory.ServiceView]) -> Markup:
    call_card = get_template_attribute("_macros.html", "call_card")
    number_link = get_template_attribute("_macros.html", "number_link")

    def card(service_id: str) -> str:
        service = services.get(service_id)
        return str(call_card(service)) if service else ""

    def number(service_id: str) -> str:
        service = services.get(service_id)
        return str(number_link(service)) if service else ""

    # bandit B704: Markdown rendered with raw HTML off and cleaned by nh3 (markdown.py); shortcodes from our templates.
    return Markup(bidi_html(markdown.render(content.body, card, number)))  # nosec B704


def load_page(page_id: str) -> PageContent:
    content = page_content(page_id, g.lang.tag)
    if content is None:
        abort(404)
    return content


def render_page(template: str, content: PageContent, **context) -> str:
    """Render a page template with everything the base layout needs."""
    services = context.pop("services", None) or directory.services(g.lang.tag)
    return render_template(
        template, page=content, body=body_html(content, services), services=services,
        content_lang=locales.get(content.locale), fallback=content.fallback,
        MISSING=MISSING, OUTDATED=OUTDATED, **context,
    )


def cached_response(page_id: str, build: Callable[[], str]):
    """Serve a public page from the cache, keyed by page, locale and content version.

    The same key is the ETag, so a browser or proxy revalidates with a cheap 304.
    """
    g.usage_page = page_id      # counted as a page view after the response (usage/__init__.py)
    version = content_version()
    etag = "-".join([current_app.config["BUILD_ID"], str(version), page_id, g.lang.tag])
    key = f"page:{request.host}:{etag}"
    html = cache.get(key)
    if html is None:
        html = build()
        cache.set(key, html, timeout=0)
    response = make_response(html)
    response.set_etag(etag)
    response.cache_control.public = True
    response.cache_control.max_age = current_app.config["PAGE_MAX_AGE"]
    mark_cacheable(version, page_id, g.lang.tag)
    return response.make_conditional(request)


def layout_context() -> dict:
    """Context every template gets: the language, its switcher and the navigation."""
    lang = g.get("lang") or locales.get(locales.DEFAULT)
    try:
        nav = navigation(lang.tag)
    except Exception:  # noqa: BLE001 — an error page must render even without the database
        db.session.rollback()
        nav = []
    return {"lang": lang, "languages": locales.LANGUAGES, "switch_url": switch_url,
            "page_url": page_url,
            "alternates": alternates(), "nav": nav, "usage_page": g.get("usage_page"),
            "preview": g.get("preview", False)}   # a workspace preview counts nothing
