"""Load the content files into the database, idempotently.

Pages: a file whose text differs from the newest revision becomes a new published revision,
unless that newest revision was saved in the workspace (``origin == "editor"``) — then the
file is *kept back* and reported, and only ``force=True`` overwrites it. Services and scenarios
are updated in place, by the same rule for each part (a service's numbers, or its text in one
language) that has a workspace history; a change to such a part is added to its history.
Any change bumps the content version (the page cache key).
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlalchemy import select

from ..extensions import db
from ..locales import DEFAULT, TAGS
from ..models import (Page, PageRevision, PageTranslation, Scenario, ScenarioGroup, ScenarioText,
                      Service, ServiceText, bump_content_version)
from ..models.pages import PUBLISHED
from ..editing import directory as directory_revisions
from ..models.directory_revisions import SHARED
from .files import ContentError, PageFile, page_ids, read_pages, read_yaml

SERVICE_TEXT_FIELDS = {
    "name": "name", "summary": "summary", "when": "when_to_use", "when_not": "when_not_to_use",
    "hours": "hours", "cost": "cost", "languages": "languages",
}


@dataclass
class ImportReport:
    new_revisions: int = 0
    unchanged: int = 0
    kept_back: list[str] = field(default_factory=list)
    services: int = 0
    scenarios: int = 0
    groups: int = 0
    changed: bool = False

    def summary(self) -> str:
        text = (f"{self.new_revisions} page revisions added, {self.unchanged} unchanged, "
                f"{len(self.kept_back)} kept back (newer edits in the workspace); "
                f"{self.services} services, {self.scenarios} scenarios in {self.groups} groups")
        return text


def import_all(root: Path, force: bool = False,
               progress: Callable[[Iterable], Iterable] = lambda items: items) -> ImportReport:
    """Import services, scenarios and pages from ``root``; commit once at the end."""
    report = ImportReport()
    try:
        _import_services(read_yaml(root / "services.yml"), report, force)
        _import_scenarios(read_yaml(root / "scenarios.yml"), report, force)
        positions = {pid: i for i, pid in enumerate(page_ids(root))}
        for page_file in progress(read_pages(root)):
            _import_page(page_file, positions, force, report)
    except Exception:
        db.session.rollback()  # all or nothing: a bad file changes nothing
        raise
    if report.changed:
        bump_content_version()
    db.session.commit()
    return report


def _import_page(pf: PageFile, positions: dict, force: bool, report: ImportReport) -> None:
    page = db.session.get(Page, pf.page_id)
    if page is None:
        page = Page(id=pf.page_id)
        db.session.add(page)
    page.position = positions[pf.page_id]
    translation = db.session.scalar(
        select(PageTranslation).filter_by(page_id=pf.page_id, locale=pf.locale)
    )
    if translation is None:
        translation = PageTranslation(page=page, locale=pf.locale)
        db.session.add(translation)
    latest = translation.latest_revision()
    if latest is not None and latest.content_hash == pf.fingerprint and (
        latest.review, latest.source_hash, latest.status) == (pf.review, pf.source_hash, PUBLISHED):
        report.unchanged += 1
        return
    if latest is not None and latest.origin == "editor" and not force:
        report.kept_back.append(f"{pf.page_id}/{pf.locale}")
        return
    translation.revisions.append(PageRevision(
        number=(latest.number + 1) if latest else 1, status=PUBLISHED, title=pf.title,
        description=pf.description, nav_title=pf.nav_title, body=pf.body, review=pf.review,
        source_hash=pf.source_hash if pf.locale != DEFAULT else None,
        content_hash=pf.fingerprint, origin="import", author="content import",
    ))
    report.new_revisions += 1
    report.changed = True


def _set(obj, values: dict, report: ImportReport) -> None:
    for key, value in values.items():
        if getattr(obj, key) != value:
            setattr(obj, key, value)
            report.changed = True


def _set_part(kind: str, item_id: str, part: str, obj, values: dict, report: ImportReport,
              force: bool) -> None:
    """Update one part of a service or scenario, unless the workspace holds newer edits of it."""
    if not any(getattr(obj, key) != value for key, value in values.items()):
        return
    if obj in db.session.new or not directory_revisions.kept_by_workspace(kind, item_id, part) or force:
        _set(obj, values, report)
        db.session.flush()
        directory_revisions.record_import(kind, item_id, part)
    else:
        report.kept_back.append(f"{kind}:{item_id}/{part}")


def _text_row(texts: list, locale: str, model, report: ImportReport):
    """The text row for ``locale`` in ``texts``, added when missing."""
    for row in texts:
        if row.locale == locale:
            return row
    row = model(locale=locale)
    texts.append(row)
    report.changed = True
    return row


def _check_locales(where: str, texts: dict) -> None:
    if not isinstance(texts, dict) or DEFAULT not in texts:
        raise ContentError(f"{where}: needs text in English ('{DEFAULT}')")
    unknown = set(texts) - set(TAGS)
    if unknown:
        raise ContentError(f"{where}: unknown languages {sorted(unknown)}")


def _parse_date(value) -> date | None:
    if value in (None, ""):
        return None
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _import_services(data: dict, report: ImportReport, force: bool) -> None:
    for position, item in enumerate(data.get("services") or []):
        sid = item.get("id")
        if not sid:
            raise ContentError(f"services.yml: entry {position + 1} has no id")
        _check_locales(f"services.yml: {sid}", item.get("text"))
        service = db.session.get(Service, sid)
        if service is None:
            service = Service(id=sid)
            db.session.add(service)
            report.changed = True
        source = item.get("source") or {}
        _set(service, {"position": position}, report)
        _set_part("service", sid, SHARED, service, {
            "status": item.get("status", "to-verify"),
            "source_title": source.get("title") or "", "source_url": source.get("url"),
            "verified": _parse_date(item.get("verified")), "note": item.get("note") or "",
            "contacts": [_json_safe(c) for c in item.get("contacts") or []],
        }, report, force)
        for locale, text in item["text"].items():
            row = _text_row(service.texts, locale, ServiceText, report)
            values = {col: str(text.get(key) or "") for key, col in SERVICE_TEXT_FIELDS.items()}
            values["review"] = text.get("review", "human")
            _set_part("service", sid, locale, row, values, report, force)
        report.services += 1


def _json_safe(contact: dict) -> dict:
    out = {}
    for key, value in contact.items():
        if isinstance(value, date):
            value = value.isoformat()
        elif isinstance(value, dict):
            value = _json_safe(value)
        out[key] = value
    return out


def _import_scenarios(data: dict, report: ImportReport, force: bool) -> None:
    for position, item in enumerate(data.get("groups") or []):
        _check_locales(f"scenarios.yml: group {item.get('id')}", item.get("title"))
        group = db.session.get(ScenarioGroup, item["id"])
        if group is None:
            group = ScenarioGroup(id=item["id"])
            db.session.add(group)
            report.changed = True
        _set(group, {"position": position, "titles": dict(item["title"])}, report)
        report.groups += 1
    db.session.flush()
    for position, item in enumerate(data.get("scenarios") or []):
        where = f"scenarios.yml: {item.get('id')}"
        _check_locales(where, item.get("text"))
        if db.session.get(Service, item.get("service")) is None:
            raise ContentError(f"{where}: unknown service '{item.get('service')}'")
        if db.session.get(ScenarioGroup, item.get("group")) is None:
            raise ContentError(f"{where}: unknown group '{item.get('group')}'")
        scenario = db.session.get(Scenario, item["id"])
        if scenario is None:
            scenario = Scenario(id=item["id"])
            db.session.add(scenario)
            report.changed = True
        _set(scenario, {"position": position}, report)
        _set_part("scenario", item["id"], SHARED, scenario,
                  {"group_id": item["group"], "service_id": item["service"]}, report, force)
        for locale, text in item["text"].items():
            row = _text_row(scenario.texts, locale, ScenarioText, report)
            _set_part("scenario", item["id"], locale, row, {"situation": str(text.get("situation") or ""),
                                                            "reason": str(text.get("reason") or ""),
                                                            "review": text.get("review", "human")},
                      report, force)
        report.scenarios += 1
