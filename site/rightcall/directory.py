"""Read the service directory and scenarios for one language, as plain view objects.

Everything a resident sees about a service — its name and the numbers as tap-to-call links —
is built here, from the one record in the database. Text missing in a language falls back to
English.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .contacts import Contact, resolve_contacts
from .extensions import db
from .locales import DEFAULT
from .models import Scenario, ScenarioGroup, Service, content_version


@dataclass(frozen=True)
class ServiceView:
    id: str
    status: str
    name: str
    summary: str
    when_to_use: str
    when_not_to_use: str
    hours: str
    cost: str
    languages: str
    contacts: tuple[Contact, ...]
    source_title: str = ""
    source_url: str | None = None

    @property
    def main(self) -> Contact | None:
        return self.contacts[0] if self.contacts else None

    @property
    def needs_check(self) -> bool:
        return self.status != "found" or any(c.status != "found" for c in self.contacts)


@dataclass(frozen=True)
class ScenarioView:
    id: str
    group_id: str
    service: ServiceView
    situation: str
    reason: str


@dataclass
class GroupView:
    id: str
    title: str
    scenarios: list[ScenarioView] = field(default_factory=list)


def _text_for(texts, locale: str):
    by_locale = {t.locale: t for t in texts}
    return by_locale.get(locale) or by_locale.get(DEFAULT)


_views: dict[tuple[str, int, str], dict[str, ServiceView]] = {}   # (database, version, locale) → views


def services(locale: str) -> dict[str, ServiceView]:
    """Every service, in directory order, with its text in ``locale`` (or English).

    Kept per process for the current content version (every change to the directory bumps it),
    so a chat turn or a quiz does not read 16 services and their texts from the database.
    """
    key = (str(db.engine.url), content_version(), locale)
    if key not in _views:
        if len(_views) > 200:
            _views.clear()
        _views[key] = _load_services(locale)
    return dict(_views[key])


def _load_services(locale: str) -> dict[str, ServiceView]:
    rows = db.session.scalars(
        select(Service).options(selectinload(Service.texts)).order_by(Service.position)
    ).all()
    main_contacts = {row.id: row.contacts[0] for row in rows if row.contacts}
    views = {}
    for row in rows:
        text = _text_for(row.texts, locale)
        if text is None:
            continue
        contacts = resolve_contacts(row.contacts, row.status, main_contacts)
        views[row.id] = ServiceView(
            id=row.id, status=row.status, name=text.name, summary=text.summary,
            when_to_use=text.when_to_use, when_not_to_use=text.when_not_to_use,
            hours=text.hours, cost=text.cost, languages=text.languages,
            contacts=contacts, source_title=row.source_title, source_url=row.source_url,
        )
    return views


def scenario_groups(locale: str, service_views: dict[str, ServiceView]) -> list[GroupView]:
    """Scenario groups in order, each with its scenarios in ``locale`` (or English)."""
    groups = {
        g.id: GroupView(g.id, g.titles.get(locale) or g.titles.get(DEFAULT, g.id))
        for g in db.session.scalars(select(ScenarioGroup).order_by(ScenarioGroup.position))
    }
    rows = db.session.scalars(
        select(Scenario).options(selectinload(Scenario.texts)).order_by(Scenario.position)
    ).all()
    for row in rows:
        text = _text_for(row.texts, locale)
        service = service_views.get(row.service_id)
        if text is None or service is None or row.group_id not in groups:
            continue
        groups[row.group_id].scenarios.append(
            ScenarioView(row.id, row.group_id, service, text.situation, text.reason)
        )
    return [g for g in groups.values() if g.scenarios]


def scenarios(locale: str, service_views: dict[str, ServiceView]) -> dict[str, ScenarioView]:
    """Every scenario by id, in order."""
    return {s.id: s for g in scenario_groups(locale, service_views) for s in g.scenarios}
