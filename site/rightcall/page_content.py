"""Find the published content of a page in a language, falling back to English.

A translation that is missing, or whose English source changed since it was translated
(``outdated``), is replaced by the English page; the caller shows a note saying so.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from .extensions import db
from .locales import DEFAULT
from .models import Page, PageRevision, PageTranslation
from .models.pages import PUBLISHED

MISSING = "missing"
OUTDATED = "outdated"


@dataclass(frozen=True)
class PageContent:
    page_id: str
    locale: str              # the language the content is actually in
    title: str
    description: str
    nav_title: str
    body: str
    revision_id: int
    fallback: str | None     # None, MISSING or OUTDATED


def published_revisions(locales: tuple[str, ...], page_id: str | None = None) -> dict:
    """Newest published revision per (page id, locale) for the given locales."""
    query = (
        select(PageTranslation.page_id, PageTranslation.locale, PageRevision)
        .join(PageRevision, PageRevision.translation_id == PageTranslation.id)
        .where(PageTranslation.locale.in_(locales), PageRevision.status == PUBLISHED)
        .order_by(PageRevision.number)
    )
    if page_id is not None:
        query = query.where(PageTranslation.page_id == page_id)
    return {(pid, loc): rev for pid, loc, rev in db.session.execute(query)}  # newest wins


def _content(page_id: str, rev: PageRevision, locale: str, fallback: str | None) -> PageContent:
    return PageContent(page_id, locale, rev.title, rev.description, rev.nav_title or rev.title,
                       rev.body, rev.id, fallback)


def _choose(page_id: str, locale: str, revs: dict) -> PageContent | None:
    source = revs.get((page_id, DEFAULT))
    own = revs.get((page_id, locale))
    if own is not None and (
        locale == DEFAULT or source is None or own.source_hash in (None, source.content_hash)
    ):
        return _content(page_id, own, locale, None)
    if source is None:
        return None
    return _content(page_id, source, DEFAULT, MISSING if own is None else OUTDATED)


def page_content(page_id: str, locale: str) -> PageContent | None:
    """The page as a reader of ``locale`` should see it, or None when the page does not exist."""
    return _choose(page_id, locale, published_revisions((locale, DEFAULT), page_id))


def navigation(locale: str) -> list[tuple[str, str]]:
    """(page id, navigation label) for every published page, in site order."""
    revs = published_revisions((locale, DEFAULT))
    page_ids = db.session.scalars(select(Page.id).order_by(Page.position)).all()
    items = []
    for page_id in page_ids:
        chosen = _choose(page_id, locale, revs)
        if chosen is not None:
            items.append((page_id, chosen.nav_title))
    return items
