"""Revisions of the service directory and the scenarios: save a draft, submit for review,
publish (copy into the live rows the public site reads), history, restore.

Each service or scenario has a shared part ``"*"`` (a service's numbers, status and source; a
scenario's group and service) and a text part per language. Optimistic locking works as for
pages: a save names the revision it was based on, and a stale one raises :class:`EditConflict`.
The first edit of a part records the imported state as revision 1, so history starts there.
"""
from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from ..accounts.audit import record_action
from ..extensions import db
from ..models import Scenario, ScenarioText, Service, ServiceText, bump_content_version
from ..models.directory_revisions import SHARED, DirectoryRevision
from ..models.pages import DRAFT, PUBLISHED, REVIEW
from .flow import EditConflict
from .permissions import author_label

FIELDS = {
    ("service", True): {"status": "Status", "source_title": "Source", "source_url": "Source address",
                        "verified": "Verified on", "note": "Note for editors", "contacts": "Numbers and links"},
    ("service", False): {"name": "Name", "summary": "Summary", "when_to_use": "When to use it",
                         "when_not_to_use": "When not to use it", "hours": "Hours", "cost": "Cost",
                         "languages": "Languages", "review": "Review"},
    ("scenario", True): {"group_id": "Group", "service_id": "Service"},
    ("scenario", False): {"situation": "Situation", "reason": "Why that number", "review": "Review"},
}
VERBS = {DRAFT: "save-draft", REVIEW: "submit-for-review", PUBLISHED: "publish"}
MODELS = {"service": (Service, ServiceText, "service_id"), "scenario": (Scenario, ScenarioText, "scenario_id")}


def fields(kind: str, part: str) -> dict[str, str]:
    return FIELDS[(kind, part == SHARED)]


def _plain(value):
    return value.isoformat() if isinstance(value, date) else value


def live_data(kind: str, item_id: str, part: str) -> dict | None:
    """What the public site shows now for this part (None: no such text yet)."""
    model, text_model, key = MODELS[kind]
    item = db.session.get(model, item_id)
    if item is None:
        raise LookupError(item_id)
    row = item if part == SHARED else db.session.scalar(
        select(text_model).where(getattr(text_model, key) == item_id, text_model.locale == part))
    if row is None:
        return None
    return {name: _plain(getattr(row, name)) for name in fields(kind, part)}


def apply(kind: str, item_id: str, part: str, data: dict) -> None:
    """Copy ``data`` into the live rows (the public site's source)."""
    model, text_model, key = MODELS[kind]
    item = db.session.get(model, item_id)
    if part == SHARED:
        row = item
    else:
        row = db.session.scalar(select(text_model).where(getattr(text_model, key) == item_id,
                                                         text_model.locale == part))
        if row is None:
            row = text_model(locale=part, **{key: item_id})
            db.session.add(row)
    for name in fields(kind, part):
        value = data.get(name)
        if name == "verified":
            value = date.fromisoformat(value) if value else None
        setattr(row, name, value if value is not None or name in ("verified", "source_url") else "")


def history(kind: str, item_id: str, part: str) -> list[DirectoryRevision]:
    """Every revision of this part, newest first."""
    return list(db.session.scalars(
        select(DirectoryRevision).filter_by(kind=kind, item_id=item_id, part=part)
        .order_by(DirectoryRevision.number.desc())))


def latest(kind: str, item_id: str, part: str) -> DirectoryRevision | None:
    revisions = history(kind, item_id, part)
    return revisions[0] if revisions else None


def revision(kind: str, item_id: str, part: str, number: int) -> DirectoryRevision | None:
    return db.session.scalar(select(DirectoryRevision).filter_by(
        kind=kind, item_id=item_id, part=part, number=number))


def current(kind: str, item_id: str, part: str) -> tuple[dict | None, int]:
    """What the editor opens with: the newest revision (even a draft) or the live data, and its number."""
    newest = latest(kind, item_id, part)
    if newest is not None:
        return newest.data, newest.number
    return live_data(kind, item_id, part), 0


def changed_fields(kind: str, part: str, before: dict | None, after: dict) -> list[str]:
    before = before or {}
    return [label for name, label in fields(kind, part).items() if before.get(name) != after.get(name)]


def save(kind: str, item_id: str, part: str, data: dict, base: int, status: str, user,
         message: str = "") -> DirectoryRevision:
    """Add a revision after ``base`` and commit; publishing also updates the live rows."""
    newest = latest(kind, item_id, part)
    if (newest.number if newest else 0) != base:
        db.session.rollback()
        raise EditConflict(newest)
    number = base + 1
    live = live_data(kind, item_id, part)
    if newest is None and live is not None:       # history starts with what was imported
        db.session.add(DirectoryRevision(kind=kind, item_id=item_id, part=part, number=1, status=PUBLISHED,
                                         data=live, origin="import", author="content import",
                                         message="as imported from content/"))
        number = 2
    data = {name: data.get(name) for name in fields(kind, part)}
    revision_row = DirectoryRevision(kind=kind, item_id=item_id, part=part, number=number, status=status,
                                     data=data, origin="editor", author=author_label(user), message=message[:200])
    db.session.add(revision_row)
    changes = changed_fields(kind, part, live, data)          # compared with what readers see now
    record_action(f"{kind}.{VERBS[status]}", f"{kind}:{item_id}/{part}",
                  f"revision {number}" + (f": {', '.join(changes)}" if changes else "") +
                  (f" ({message})" if message else ""))
    if status == PUBLISHED:
        apply(kind, item_id, part, data)
        bump_content_version()
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        raise EditConflict(latest(kind, item_id, part)) from None
    return revision_row


def restore(kind: str, item_id: str, part: str, number: int, base: int, publish: bool, user) -> DirectoryRevision:
    old = revision(kind, item_id, part, number)
    if old is None:
        raise LookupError(number)
    return save(kind, item_id, part, dict(old.data), base, PUBLISHED if publish else DRAFT, user,
                message=f"restored revision {number}")


def kept_by_workspace(kind: str, item_id: str, part: str) -> bool:
    """True when the newest revision of this part was made in the workspace (import keeps it)."""
    newest = latest(kind, item_id, part)
    return newest is not None and newest.origin == "editor"


def record_import(kind: str, item_id: str, part: str) -> None:
    """After ``flask content import`` changed a part that has a history, add it to the history."""
    newest = latest(kind, item_id, part)
    if newest is None:
        return
    data = live_data(kind, item_id, part)
    if data != newest.data:
        db.session.add(DirectoryRevision(kind=kind, item_id=item_id, part=part, number=newest.number + 1,
                                         status=PUBLISHED, data=data, origin="import",
                                         author="content import", message="imported from content/"))
