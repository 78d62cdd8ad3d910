"""The ``<lang:locale>`` URL part: only the site's languages match, and it lands in ``g.lang``.

Flask's "internationalized blueprint URLs" pattern: the preprocessor pops the locale from the
view arguments into ``g``, and ``url_for`` puts it back, so views and templates never pass it.
"""
from __future__ import annotations

import re

from flask import current_app, g, request, url_for
from werkzeug.routing import BaseConverter

from .. import locales
from . import bp


class LocaleConverter(BaseConverter):
    """Matches exactly one of the site's language tags; anything else is a 404."""

    regex = "|".join(re.escape(tag) for tag in sorted(locales.TAGS, key=len, reverse=True))


class SlugConverter(BaseConverter):
    """A page id: lower-case letters, digits and hyphens. Anything else (a NUL byte, a long or
    odd string) never reaches the database: the URL simply matches no page."""

    regex = r"[a-z0-9][a-z0-9-]{0,63}"


@bp.url_value_preprocessor
def pull_locale(endpoint, values):
    if values and "locale" in values:
        g.lang = locales.get(values.pop("locale"))


@bp.url_defaults
def add_locale(endpoint, values):
    if "locale" not in values and g.get("lang") is not None:
        values["locale"] = g.lang.tag


def switch_url(tag: str) -> str:
    """The current page in another language (that language's home page when there is none)."""
    rule = request.url_rule
    if rule is not None and "locale" in rule.arguments:
        return url_for(request.endpoint, **{**(request.view_args or {}), "locale": tag})
    return url_for("public.home", locale=tag)


def alternates() -> list[tuple[str, str]]:
    """(hreflang, absolute URL) of the current page in every language."""
    return [(lang.tag, _external(switch_url(lang.tag))) for lang in locales.LANGUAGES]


def _external(path: str) -> str:
    return (current_app.config.get("SITE_URL") or request.host_url.rstrip("/")) + path


# Pages that have a view of their own; every other page is served by ``public.page``.
PAGE_ENDPOINTS = {"home": "public.home", "which-number": "public.which_number",
                  "quiz": "public.quiz", "card": "public.card"}


def page_url(page_id: str, tag: str | None = None) -> str:
    """URL of a page in a language (the current one by default)."""
    tag = tag or g.lang.tag
    endpoint = PAGE_ENDPOINTS.get(page_id)
    if endpoint:
        return url_for(endpoint, locale=tag)
    return url_for("public.page", locale=tag, page_id=page_id)
