"""The service directory (who to call) and the scenarios (everyday situations) that point to it."""
from __future__ import annotations

from datetime import date

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db


class Service(db.Model):
    """A service a resident can contact; its numbers are written only here."""

    __tablename__ = "services"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    status: Mapped[str] = mapped_column(String(16))          # found | to-verify
    source_title: Mapped[str] = mapped_column(String(300), default="")
    source_url: Mapped[str | None] = mapped_column(String(500))
    verified: Mapped[date | None]
    note: Mapped[str] = mapped_column(Text, default="")   # for editors, never shown publicly
    # List of {kind, label, number|url, display?, body?, status?, source?, verified?}.
    contacts: Mapped[list] = mapped_column(JSON, default=list)
    texts: Mapped[list[ServiceText]] = relationship(
        back_populates="service", cascade="all, delete-orphan"
    )


class ServiceText(db.Model):
    """What a service is for, in one language."""

    __tablename__ = "service_texts"
    __table_args__ = (UniqueConstraint("service_id", "locale"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    service_id: Mapped[str] = mapped_column(ForeignKey("services.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(300), default="")
    when_to_use: Mapped[str] = mapped_column(Text, default="")
    when_not_to_use: Mapped[str] = mapped_column(Text, default="")
    hours: Mapped[str] = mapped_column(String(200), default="")
    cost: Mapped[str] = mapped_column(String(200), default="")
    languages: Mapped[str] = mapped_column(String(300), default="")
    review: Mapped[str] = mapped_column(String(16), default="human")
    service: Mapped[Service] = relationship(back_populates="texts")


class ScenarioGroup(db.Model):
    """A heading in the "Which number?" guide; titles per locale in one JSON mapping."""

    __tablename__ = "scenario_groups"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    titles: Mapped[dict] = mapped_column(JSON, default=dict)


class Scenario(db.Model):
    """An everyday situation that points to exactly one service."""

    __tablename__ = "scenarios"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    position: Mapped[int] = mapped_column(default=0)
    group_id: Mapped[str] = mapped_column(ForeignKey("scenario_groups.id"))
    service_id: Mapped[str] = mapped_column(ForeignKey("services.id"))
    group: Mapped[ScenarioGroup] = relationship()
    service: Mapped[Service] = relationship()
    texts: Mapped[list[ScenarioText]] = relationship(
        back_populates="scenario", cascade="all, delete-orphan"
    )


class ScenarioText(db.Model):
    """A scenario's situation and reason in one language."""

    __tablename__ = "scenario_texts"
    __table_args__ = (UniqueConstraint("scenario_id", "locale"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    scenario_id: Mapped[str] = mapped_column(ForeignKey("scenarios.id", ondelete="CASCADE"))
    locale: Mapped[str] = mapped_column(String(16))
    situation: Mapped[str] = mapped_column(String(300))
    reason: Mapped[str] = mapped_column(String(500), default="")
    review: Mapped[str] = mapped_column(String(16), default="human")
    scenario: Mapped[Scenario] = relationship(back_populates="texts")
