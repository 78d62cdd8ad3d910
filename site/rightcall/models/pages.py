"""Pages, their translations and the immutable revisions of each translation."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db

PUBLISHED = "published"
DRAFT = "draft"
REVIEW = "review"        # a translator's draft, submitted for an editor to publish
STATUSES = (DRAFT, REVIEW, PUBLISHED)


def _now() -> datetime:
    return datetime.now(timezone.utc)


class Page(db.Model):
    """A page of the site, the same in every language (``home``, ``which-number``, …)."""

    __tablename__ = "pages"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    translations: Mapped[list[PageTranslation]] = relationship(
        back_populates="page", cascade="all, delete-orphan"
    )


class PageTranslation(db.Model):
    """One page in one language; its content lives in its revisions."""

    __tablename__ = "page_translations"
    __table_args__ = (UniqueConstraint("page_id", "locale"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    page_id: Mapped[str] = mapped_column(ForeignKey("pages.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(16))
    page: Mapped[Page] = relationship(back_populates="translations")
    revisions: Mapped[list[PageRevision]] = relationship(
        back_populates="translation", cascade="all, delete-orphan",
        order_by="PageRevision.number",
    )

    def published_revision(self) -> PageRevision | None:
        """The newest published revision, which is what the public site shows."""
        return db.session.scalars(
            select(PageRevision)
            .where(PageRevision.translation_id == self.id, PageRevision.status == PUBLISHED)
            .order_by(PageRevision.number.desc())
            .limit(1)
        ).first()

    def latest_revision(self) -> PageRevision | None:
        return self.revisions[-1] if self.revisions else None


class PageRevision(db.Model):
    """An immutable snapshot of a page translation; a change is always a new revision."""

    __tablename__ = "page_revisions"
    __table_args__ = (UniqueConstraint("translation_id", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    translation_id: Mapped[int] = mapped_column(
        ForeignKey("page_translations.id", ondelete="CASCADE"), index=True
    )
    number: Mapped[int]
    status: Mapped[str] = mapped_column(String(16), default=DRAFT)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(String(300), default="")
    nav_title: Mapped[str] = mapped_column(String(80), default="")
    body: Mapped[str] = mapped_column(Text)
    # "machine" until a native speaker reviewed the translation; "human" afterwards.
    review: Mapped[str] = mapped_column(String(16), default="human")
    # For translations: content hash of the English revision this one translates.
    source_hash: Mapped[str | None] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))
    # "import" when loaded from content/, "editor" when saved in the workspace.
    origin: Mapped[str] = mapped_column(String(16), default="import")
    author: Mapped[str | None] = mapped_column(String(120))
    # What this revision did, in words: "restored revision 3", "marked reviewed", …
    message: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(default=_now)
    translation: Mapped[PageTranslation] = relationship(back_populates="revisions")
