"""Where each translation stands, for the pages × languages matrix of the workspace.

- ``current``: published and made from the English page as it is now;
- ``machine``: current, but machine-translated and not yet reviewed by a person;
- ``outdated``: the English page changed after this translation was made (readers get English);
- ``missing``: never published in this language (readers get English).
The same rule decides what readers see (page_content.py), so the matrix cannot disagree.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from .extensions import db
from .locales import DEFAULT, TAGS
from .models import Page, PageRevision, PageTranslation
from .models.pages import PUBLISHED
from .page_content import published_revisions

CURRENT, MACHINE, OUTDATED, MISSING = "current", "machine", "outdated", "missing"
ORDER = (MISSING, OUTDATED, MACHINE, CURRENT)


@dataclass(frozen=True)
class Cell:
    page_id: str
    locale: str
    status: str
    pending: str | None = None     # "draft" or "review" when a newer unpublished revision waits


def status(page_id: str, locale: str, revisions: dict) -> str:
    own, source = revisions.get((page_id, locale)), revisions.get((page_id, DEFAULT))
    if own is None:
        return MISSING
    if locale != DEFAULT and source is not None and own.source_hash not in (None, source.content_hash):
        return OUTDATED
    return MACHINE if own.review == "machine" else CURRENT


def latest_statuses() -> dict[tuple[str, str], tuple[str, int]]:
    """(page id, locale) → (status, number) of the newest revision, whatever its status."""
    query = (select(PageTranslation.page_id, PageTranslation.locale, PageRevision.status, PageRevision.number)
             .join(PageRevision, PageRevision.translation_id == PageTranslation.id)
             .order_by(PageRevision.number))
    return {(p, loc): (st, n) for p, loc, st, n in db.session.execute(query)}   # newest wins


def matrix() -> tuple[list[str], list[list[Cell]], dict[str, dict[str, int]]]:
    """Page ids, one row of cells per page (every language), and counts per language."""
    revisions = published_revisions(tuple(TAGS))
    latest = latest_statuses()
    page_ids = list(db.session.scalars(select(Page.id).order_by(Page.position)))

    def pending(page_id: str, locale: str) -> str | None:
        st = latest.get((page_id, locale), (PUBLISHED, 0))[0]
        return None if st == PUBLISHED else st

    rows = [[Cell(p, t, status(p, t, revisions), pending(p, t)) for t in TAGS] for p in page_ids]
    counts = {t: {s: 0 for s in ORDER} for t in TAGS}
    for row in rows:
        for cell in row:
            counts[cell.locale][cell.status] += 1
    return page_ids, rows, counts
