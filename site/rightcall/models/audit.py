"""The workspace's audit trail: who did what, when, to which item. Rows are only ever added."""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from .accounts import User


class AuditEntry(db.Model):
    __tablename__ = "audit_entries"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=lambda: datetime.now(timezone.utc).replace(tzinfo=None))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    action: Mapped[str] = mapped_column(String(40))        # e.g. account.invite, page.publish
    item: Mapped[str] = mapped_column(String(200))         # e.g. account:editor@example.org
    detail: Mapped[str] = mapped_column(String(500), default="")
    user: Mapped[User | None] = relationship()

    __table_args__ = (Index("ix_audit_entries_at", "at"),)
