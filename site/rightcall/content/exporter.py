"""Write the live (published) content back to ``content/`` so it can be reviewed and translated."""
from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..locales import DEFAULT, TAGS
from ..models import PageTranslation, Scenario, ScenarioGroup, Service
from .files import PageFile, write_page, write_yaml
from .importer import SERVICE_TEXT_FIELDS

SERVICES_HEADER = """\
# The service directory: every phone number on the site is written here, once.
# status: found = read in the named source on the `verified` date; to-verify = widely
# published but not confirmed in a source here: the communications team must confirm it
# before launch (the workspace shows it as "check before use").
# Written by `flask content export`; comments other than this header are not kept.
"""
SCENARIOS_HEADER = """\
# Everyday situations, each pointing to one service. They feed the "Which number?" guide,
# the quiz and the assistant. Written by `flask content export`.
"""


def _locale_order(items: dict) -> dict:
    return {loc: items[loc] for loc in TAGS if loc in items}


def export_pages(root: Path) -> int:
    count = 0
    translations = db.session.scalars(select(PageTranslation)).all()
    for tr in translations:
        rev = tr.published_revision()
        if rev is None:
            continue
        write_page(root, PageFile(
            page_id=tr.page_id, locale=tr.locale, title=rev.title, description=rev.description,
            nav_title=rev.nav_title, body=rev.body, review=rev.review,
            source_hash=rev.source_hash if tr.locale != DEFAULT else None,
        ))
        count += 1
    return count


def export_services(root: Path) -> int:
    rows = db.session.scalars(
        select(Service).options(selectinload(Service.texts)).order_by(Service.position)
    ).all()
    out = []
    for s in rows:
        texts = {}
        for t in s.texts:
            entry = {key: getattr(t, col) for key, col in SERVICE_TEXT_FIELDS.items()
                     if getattr(t, col)}
            if t.locale != DEFAULT:
                entry = {"review": t.review, **entry}
            texts[t.locale] = entry
        item = {"id": s.id, "status": s.status,
                "source": {"title": s.source_title, "url": s.source_url},
                "verified": s.verified, "contacts": s.contacts, "text": _locale_order(texts)}
        if s.note:
            item["note"] = s.note
        out.append(item)
    write_yaml(root / "services.yml", {"services": out}, SERVICES_HEADER)
    return len(out)


def export_scenarios(root: Path) -> int:
    groups = [{"id": g.id, "title": _locale_order(g.titles)}
              for g in db.session.scalars(select(ScenarioGroup).order_by(ScenarioGroup.position))]
    rows = db.session.scalars(
        select(Scenario).options(selectinload(Scenario.texts)).order_by(Scenario.position)
    ).all()
    scenarios = []
    for s in rows:
        texts = {}
        for t in s.texts:
            entry = {"situation": t.situation, "reason": t.reason}
            if t.locale != DEFAULT:
                entry["review"] = t.review
            texts[t.locale] = entry
        scenarios.append({"id": s.id, "group": s.group_id, "service": s.service_id,
                          "text": _locale_order(texts)})
    write_yaml(root / "scenarios.yml", {"groups": groups, "scenarios": scenarios},
               SCENARIOS_HEADER)
    return len(scenarios)


def export_all(root: Path) -> str:
    pages = export_pages(root)
    services = export_services(root)
    scenarios = export_scenarios(root)
    return f"{pages} page files, {services} services, {scenarios} scenarios written to {root}"
