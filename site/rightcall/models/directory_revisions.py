"""Immutable revisions of the service directory and the scenarios, as edited in the workspace.

A service or scenario has one *shared* part (``part == "*"``: numbers, source, status; or a
scenario's group and service) and one text part per language (``part == "fr"``, …). Each part
has its own numbered revisions, like a page translation. The live rows in ``services`` /
``scenarios`` (and their texts) are what the public site reads: publishing a revision copies
its ``data`` there. Drafts exist only here.
"""
from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import JSON, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db

SHARED = "*"
KINDS = ("service", "scenario")


class DirectoryRevision(db.Model):
    __tablename__ = "directory_revisions"
    __table_args__ = (UniqueConstraint("kind", "item_id", "part", "number"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))            # service | scenario
    item_id: Mapped[str] = mapped_column(String(64))
    part: Mapped[str] = mapped_column(String(16))            # "*" or a language tag
    number: Mapped[int]
    status: Mapped[str] = mapped_column(String(16))          # draft | review | published
    data: Mapped[dict] = mapped_column(JSON)
    origin: Mapped[str] = mapped_column(String(16), default="editor")   # editor | import
    author: Mapped[str] = mapped_column(String(120), default="")
    message: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(
        default=lambda: datetime.now(timezone.utc).replace(tzinfo=None))
