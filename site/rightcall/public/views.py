"""Public routes: language negotiation at ``/``, the content pages, the guide, the card, the sitemap."""
from __future__ import annotations

from flask import Response, abort, current_app, redirect, render_template, request, url_for

from .. import locales
from ..models import Page
from ..extensions import db
from . import bp
from .locale_url import PAGE_ENDPOINTS, page_url
from .page_html import build_page
from .rendering import cached_response, layout_context, load_page


@bp.app_context_processor
def inject_layout():
    return layout_context()


@bp.route("/")
def negotiate():
    """Send the reader to their language's home page, chosen from Accept-Language."""
    tag = locales.negotiate(request.accept_languages)
    response = redirect(url_for("public.home", locale=tag), code=302)
    response.vary.add("Accept-Language")
    return response


@bp.route("/<lang:locale>/")
def home():
    return cached_response("home", lambda: build_page("home", load_page("home")))


@bp.route("/<lang:locale>/which-number")
def which_number():
    return cached_response("which-number", lambda: build_page("which-number", load_page("which-number")))


@bp.route("/<lang:locale>/card")
def card():
    return cached_response("card", lambda: build_page("card", load_page("card")))


@bp.route("/<lang:locale>/<slug:page_id>")
def page(page_id: str):
    if page_id in PAGE_ENDPOINTS:  # served at their own URLs
        abort(404)
    return cached_response(page_id, lambda: build_page(page_id, load_page(page_id)))


@bp.route("/sitemap.xml")
def sitemap():
    base = current_app.config.get("SITE_URL") or request.host_url.rstrip("/")
    page_ids = db.session.scalars(db.select(Page.id).order_by(Page.position)).all()
    urls = []
    for page_id in page_ids:
        links = {lang.tag: base + page_url(page_id, lang.tag) for lang in locales.LANGUAGES}
        urls.extend((links[tag], links) for tag in locales.TAGS)
    xml = render_template("sitemap.xml", urls=urls, default=locales.DEFAULT)
    return Response(xml, mimetype="application/xml")


@bp.route("/robots.txt")
def robots():
    base = current_app.config.get("SITE_URL") or request.host_url.rstrip("/")
    return Response(f"User-agent: *\nAllow: /\nSitemap: {base}/sitemap.xml\n",
                    mimetype="text/plain")
