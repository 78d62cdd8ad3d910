"""Page revisions as the workspace writes them: save a draft, submit for review, publish,
restore an old revision, mark a translation reviewed — each one a new, numbered revision.

Optimistic locking: every save names the revision it was based on (``base``). If someone saved
since, :class:`EditConflict` is raised and nothing is written; the caller keeps the typed text.
The unique (translation, number) constraint makes the same check hold between two processes
that save at the same instant.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..accounts.audit import record_action
from ..content.files import fingerprint
from ..extensions import db
from ..locales import DEFAULT
from ..models import Page, PageRevision, PageTranslation, bump_content_version
from ..models.pages import DRAFT, PUBLISHED, REVIEW
from .flow import EditConflict
from .permissions import author_label

FIELD_LABELS = {"title": "Title", "description": "Description (search results, link previews)",
                "nav_title": "Navigation label", "body": "Body (Markdown)"}
ACTIONS = {DRAFT: "page.save-draft", REVIEW: "page.submit-for-review", PUBLISHED: "page.publish"}


@dataclass
class PageFields:
    title: str
    description: str
    nav_title: str
    body: str

    @classmethod
    def of(cls, revision: PageRevision) -> PageFields:
        return cls(revision.title, revision.description, revision.nav_title, revision.body)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.title, self.description, self.nav_title, self.body)


def translation(page_id: str, locale: str) -> PageTranslation | None:
    return db.session.scalar(select(PageTranslation).filter_by(page_id=page_id, locale=locale))


def english_published(page_id: str) -> PageRevision | None:
    english = translation(page_id, DEFAULT)
    return english.published_revision() if english else None


def english_source(page_id: str, source_hash: str | None) -> PageRevision | None:
    """The English revision a translation was made from (the newest with that content)."""
    if not source_hash:
        return None
    return db.session.scalar(
        select(PageRevision).join(PageTranslation)
        .where(PageTranslation.page_id == page_id, PageTranslation.locale == DEFAULT,
               PageRevision.content_hash == source_hash)
        .order_by(PageRevision.number.desc()).limit(1))


def save(page_id: str, locale: str, fields: PageFields, base: int, status: str, user, *,
         message: str = "", reviewed: bool = False, source_hash: str | None = None,
         review: str | None = None) -> PageRevision:
    """Add revision ``base + 1`` with ``fields``; commit. Raises :class:`EditConflict`.

    A translation is stamped with the English page it was made from: the current published
    English page, unless ``source_hash`` is given (a restore keeps the one it had). It stays
    "machine" until someone ticks ``reviewed``.
    """
    page = db.session.get(Page, page_id)
    if page is None:
        raise LookupError(page_id)
    tr = translation(page_id, locale)
    if tr is None:
        tr = PageTranslation(page=page, locale=locale)
        db.session.add(tr)
    latest = tr.latest_revision()
    if (latest.number if latest else 0) != base:
        db.session.rollback()
        raise EditConflict(latest)
    if locale == DEFAULT:
        stamp, review_flag = None, "human"
    else:
        english = english_published(page_id)
        stamp = source_hash or (english.content_hash if english else None)
        review_flag = "human" if reviewed else (review or (latest.review if latest else "human"))
    revision = PageRevision(
        number=base + 1, status=status, title=fields.title.strip(),
        description=fields.description.strip(), nav_title=fields.nav_title.strip() or fields.title.strip(),
        body=fields.body.replace("\r\n", "\n").strip() + "\n", review=review_flag, source_hash=stamp,
        origin="editor", author=author_label(user), message=message[:200],
    )
    revision.content_hash = PageFields.of(revision).fingerprint
    tr.revisions.append(revision)
    item = f"page:{page_id}/{locale}"
    record_action(ACTIONS[status], item, f"revision {revision.number}" + (f" ({message})" if message else ""))
    if reviewed and latest is not None and latest.review == "machine":
        record_action("page.mark-reviewed", item, f"revision {revision.number}")
    if status == PUBLISHED:
        bump_content_version()
    try:
        db.session.commit()
    except IntegrityError:          # another process took the same number a moment ago
        db.session.rollback()
        raise EditConflict(translation(page_id, locale).latest_revision()) from None
    return revision


def restore(page_id: str, locale: str, number: int, base: int, publish: bool, user) -> PageRevision:
    """A new revision with the content of revision ``number`` (as a draft, or published)."""
    old = revision(page_id, locale, number)
    if old is None:
        raise LookupError(number)
    return save(page_id, locale, PageFields.of(old), base, PUBLISHED if publish else DRAFT, user,
                message=f"restored revision {number}", source_hash=old.source_hash, review=old.review)


def mark_reviewed(page_id: str, locale: str, base: int, user) -> PageRevision:
    """Record that a person checked the published translation against the current English:
    it becomes current and human-reviewed, with the same text."""
    published = translation(page_id, locale).published_revision()
    return save(page_id, locale, PageFields.of(published), base, PUBLISHED, user,
                message="marked reviewed", reviewed=True)


def revision(page_id: str, locale: str, number: int) -> PageRevision | None:
    return db.session.scalar(
        select(PageRevision).join(PageTranslation)
        .where(PageTranslation.page_id == page_id, PageTranslation.locale == locale,
               PageRevision.number == number))


def as_dict(fields: PageFields) -> dict:
    return asdict(fields)
