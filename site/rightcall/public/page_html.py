"""The HTML of a public page from its content: one function for the public routes and for the
workspace's preview, so a preview is exactly what readers will get (same sanitiser, same
templates, same layout)."""
from __future__ import annotations

from flask import g

from .. import directory
from ..page_content import PageContent
from .quiz import new_quiz_html
from .rendering import render_page


def build_page(page_id: str, content: PageContent) -> str:
    """Render ``content`` as page ``page_id`` in the current language (``g.lang``)."""
    services = directory.services(g.lang.tag)
    if page_id == "which-number":
        groups = directory.scenario_groups(g.lang.tag, services)
        return render_page("guide.html", content, services=services, groups=groups)
    if page_id == "card":
        return render_page("card.html", content, services=services)
    if page_id == "quiz":
        return new_quiz_html(content, services)
    return render_page("page.html", content, services=services, home=page_id == "home")
