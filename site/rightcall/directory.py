"""Read the service directory and scenarios for one language, as plain view objects.

Everything a resident sees about a service — its name and the numbers as tap-to-call links —
is built here, from the one record in the database. Text missing in a language falls back to
English.
"""
from __future__ import annotations

import re
from urllib.parse import quote
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .extensions import db
from .locales import DEFAULT
from .models import Scenario, ScenarioGroup, Service


@dataclass(frozen=True)
class Contact:
    kind: str          # phone | sms | tty | web
    label: str         # main | toll-free | outside-toronto | tty | text | online | chat
    display: str       # what the resident reads
    href: str          # tel:, sms: or https: link
    status: str        # found | to-verify


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


def dial_digits(number: str) -> str:
    """The digits to dial: '416-808-2222' → '+14168082222', '911' → '911'."""
    digits = re.sub(r"\D", "", number)
    if len(digits) == 10:
        return "+1" + digits
    if len(digits) == 11 and digits.startswith("1"):
        return "+" + digits
    return digits


def contact_view(raw: dict, service_status: str) -> Contact:
    kind = raw.get("kind", "phone")
    status = raw.get("status", service_status)
    if kind == "web":
        url = raw.get("url") or ""
        return Contact(kind, raw.get("label", "online"), raw.get("display") or url, url, status)
    number = str(raw.get("number", ""))
    display = raw.get("display") or number
    if kind == "sms":
        href = "sms:" + dial_digits(number)
        if raw.get("body"):
            href += "?body=" + quote(str(raw["body"]))
    else:
        href = "tel:" + dial_digits(number)
    return Contact(kind, raw.get("label", "main"), display, href, status)


def _text_for(texts, locale: str):
    by_locale = {t.locale: t for t in texts}
    return by_locale.get(locale) or by_locale.get(DEFAULT)


def services(locale: str) -> dict[str, ServiceView]:
    """Every service, in directory order, with its text in ``locale`` (or English)."""
    rows = db.session.scalars(
        select(Service).options(selectinload(Service.texts)).order_by(Service.position)
    ).all()
    main_contacts = {row.id: row.contacts[0] for row in rows if row.contacts}
    views = {}
    for row in rows:
        text = _text_for(row.texts, locale)
        if text is None:
            continue
        contacts = []
        for raw in row.contacts or ():
            if "same_as" in raw:  # another service's main number, written only there
                if raw["same_as"] not in main_contacts:
                    continue
                contacts.append(contact_view(main_contacts[raw["same_as"]], "found"))
            else:
                contacts.append(contact_view(raw, row.status))
        views[row.id] = ServiceView(
            id=row.id, status=row.status, name=text.name, summary=text.summary,
            when_to_use=text.when_to_use, when_not_to_use=text.when_not_to_use,
            hours=text.hours, cost=text.cost, languages=text.languages,
            contacts=tuple(contacts), source_title=row.source_title, source_url=row.source_url,
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
