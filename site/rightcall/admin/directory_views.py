"""``/admin/services`` and ``/admin/scenarios``: edit the service directory and the scenarios
with validation, drafts, review, publishing, history with diffs, and restore.

A service's or scenario's shared part (numbers and links; group and service) is edited by
editors and admins; its text in a language by them and by that language's translators.
"""
from __future__ import annotations

from datetime import date

from flask import abort, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from .. import locales
from ..accounts.roles import role_required
from ..editing import directory as editing
from ..editing.diff import diff_fields
from ..editing.flow import EditConflict, restore_form, submit
from ..editing.forms import (BaseForm, ContactForm, ScenarioSharedForm, ScenarioTextForm, ServiceSharedForm,
                             ServiceTextForm)
from ..editing.permissions import EDITORS, can_edit, can_publish
from ..extensions import db
from ..locales import DEFAULT, LANGUAGES
from ..models import Scenario, ScenarioGroup, Service
from ..models.directory_revisions import SHARED, DirectoryRevision
from ..models.pages import PUBLISHED
from . import bp

KINDS = {"services": "service", "scenarios": "scenario"}
EXTRA_CONTACT_ROWS = 1


def _pending() -> dict[tuple[str, str, str], str]:
    """(kind, item, part) → status of the newest revision, when it is not published."""
    rows = db.session.execute(select(DirectoryRevision.kind, DirectoryRevision.item_id, DirectoryRevision.part,
                                     DirectoryRevision.status).order_by(DirectoryRevision.number))
    latest = {(k, i, p): s for k, i, p, s in rows}
    return {key: s for key, s in latest.items() if s != PUBLISHED}


def _texts_by_locale(texts) -> dict:
    return {t.locale: t for t in texts}


def _directory_list(kinds: str, title: str, items: list[tuple[str, dict, str]]):
    return render_template("admin/directory_list.html", kinds=kinds, title=title, items=items,
                           pending=_pending(), languages=LANGUAGES, may_publish=can_publish(current_user),
                           mine={l.tag for l in LANGUAGES if can_edit(current_user, l.tag)})


@bp.get("/services")
@role_required(*EDITORS)
def services():
    rows = db.session.scalars(select(Service).options(selectinload(Service.texts)).order_by(Service.position))
    return _directory_list("services", "Service directory", [(s.id, _texts_by_locale(s.texts), s.status) for s in rows])


@bp.get("/scenarios")
@role_required(*EDITORS)
def scenarios():
    rows = db.session.scalars(select(Scenario).options(selectinload(Scenario.texts)).order_by(Scenario.position))
    return _directory_list("scenarios", "Scenarios", [(s.id, _texts_by_locale(s.texts), s.service_id) for s in rows])


def _resolve(kinds: str, item_id: str, part_name: str) -> tuple[str, str]:
    """(kind, part) after checking the item exists and the signed-in person may edit that part."""
    kind = KINDS[kinds]
    part = SHARED if part_name == "shared" else part_name
    if part != SHARED and part not in locales.TAGS:
        abort(404)
    model = Service if kind == "service" else Scenario
    if db.session.get(model, item_id) is None:
        abort(404)
    allowed = can_publish(current_user) if part == SHARED else can_edit(current_user, part)
    if not allowed:
        abort(403)
    return kind, part


def _form_class(kind: str, part: str):
    return {("service", True): ServiceSharedForm, ("service", False): ServiceTextForm,
            ("scenario", True): ScenarioSharedForm, ("scenario", False): ScenarioTextForm}[(kind, part == SHARED)]


def _form_data(kind: str, part: str, data: dict) -> dict:
    data = dict(data or {})
    if kind == "service" and part == SHARED:
        data["contacts"] = [ContactForm.data_of(c) for c in data.get("contacts") or []]
        if data.get("verified"):
            data["verified"] = date.fromisoformat(str(data["verified"]))
    return data


def _prepare(form, kind: str, part: str) -> None:
    """Choices and lookups the form needs from the database."""
    if kind == "service" and part == SHARED:
        ids = tuple(db.session.scalars(select(Service.id)))
        if request.method == "GET":
            for _ in range(EXTRA_CONTACT_ROWS):
                form.contacts.append_entry()
        for entry in form.contacts:
            entry.form.service_ids = ids
    elif kind == "scenario" and part == SHARED:
        form.group_id.choices = list(db.session.scalars(select(ScenarioGroup.id).order_by(ScenarioGroup.position)))
        form.service_id.choices = list(db.session.scalars(select(Service.id).order_by(Service.position)))


def _submitted_data(form, kind: str, part: str, previous: dict | None) -> dict:
    if kind == "service" and part == SHARED:
        return form.to_data()
    data = {name: (getattr(form, name).data or "").strip() for name in form.TEXT}
    if part != SHARED:
        if part == DEFAULT or form.reviewed.data:
            data["review"] = "human"
        else:
            data["review"] = (previous or {}).get("review") or "machine"
    return data


def _label(kind: str, item_id: str, part: str) -> str:
    where = "numbers, links and source" if kind == "service" else "group and number"
    return f"{item_id} · " + (where if part == SHARED else locales.get(part).name)


@bp.route("/<any(services,scenarios):kinds>/<slug:item_id>/<part_name>", methods=["GET", "POST"])
@role_required(*EDITORS)
def directory_edit(kinds: str, item_id: str, part_name: str):
    kind, part = _resolve(kinds, item_id, part_name)
    data, base = editing.current(kind, item_id, part)
    if data is None and part != SHARED:                  # a new translation starts from English
        data = editing.current(kind, item_id, DEFAULT)[0]
        data = {**(data or {}), "review": "machine"}
    form_class = _form_class(kind, part)
    if request.method == "GET":
        form = form_class(formdata=None, data={**_form_data(kind, part, data), "base": base})
    else:
        form = form_class()
    _prepare(form, kind, part)
    status, conflict = 200, None
    if request.method == "POST":
        def save(action: str):
            editing.save(kind, item_id, part, _submitted_data(form, kind, part, data), form.base.data,
                         action, current_user, message=form.message.data or "")

        saved, conflict, status = submit(form, save)
        if saved:
            return redirect(url_for("admin.directory_edit", kinds=kinds, item_id=item_id, part_name=part_name,
                                    saved=saved))
    newest = editing.latest(kind, item_id, part)
    return render_template("admin/directory_edit.html", form=form, kind=kind, kinds=kinds, item_id=item_id,
                           part=part, part_name=part_name, label=_label(kind, item_id, part),
                           language=None if part == SHARED else locales.get(part), newest=newest,
                           conflict=conflict, saved=request.args.get("saved"),
                           may_publish=can_publish(current_user)), status


def readable(kind: str, part: str, data: dict | None) -> dict[str, str]:
    """A revision's data as text, field by field, for the diff (contacts one per line)."""
    out = {}
    for name in editing.fields(kind, part):
        value = (data or {}).get(name)
        if name == "contacts":
            value = "\n".join(_describe_contact(c) for c in value or [])
        out[name] = "" if value is None else str(value)
    return out


def _describe_contact(contact: dict) -> str:
    if "same_as" in contact:
        return f"same number as {contact['same_as']}"
    target = contact.get("url") if contact.get("kind") == "web" else contact.get("number")
    extras = [f"shown as {contact['display']}"] if contact.get("display") else []
    extras += [f"text “{contact['body']}”"] if contact.get("body") else []
    extras += [contact["status"]] if contact.get("status") else []
    extras += [f"source {contact['source'].get('url')}"] if contact.get("source") else []
    return f"{contact.get('kind', 'phone')} · {contact.get('label', 'main')} · {target}" + (
        f" ({'; '.join(extras)})" if extras else "")


@bp.get("/<any(services,scenarios):kinds>/<slug:item_id>/<part_name>/history")
@role_required(*EDITORS)
def directory_history(kinds: str, item_id: str, part_name: str):
    kind, part = _resolve(kinds, item_id, part_name)
    revisions = editing.history(kind, item_id, part)
    changes, pair = None, None
    if "a" in request.args or "b" in request.args:
        numbers = [request.args.get(n, "") for n in ("a", "b")]
        if not all(n.isdigit() for n in numbers):
            return render_template("admin/error.html", message="Choose two revisions to compare."), 400
        a, b = sorted(int(n) for n in numbers)
        old, new = (editing.revision(kind, item_id, part, n) for n in (a, b))
        if old is None or new is None:
            return render_template("admin/error.html", message="There is no such revision."), 404
        changes = diff_fields(readable(kind, part, old.data), readable(kind, part, new.data),
                              editing.fields(kind, part))
        pair = (old, new)
    return render_template("admin/directory_history.html", kinds=kinds, item_id=item_id, part_name=part_name,
                           label=_label(kind, item_id, part), revisions=revisions, changes=changes, pair=pair,
                           latest=revisions[0] if revisions else None, may_publish=can_publish(current_user),
                           restore_url={r.number: url_for("admin.directory_restore", kinds=kinds, item_id=item_id,
                                                          part_name=part_name, number=r.number) for r in revisions},
                           action_form=BaseForm(formdata=None, base=revisions[0].number if revisions else 0))


@bp.post("/<any(services,scenarios):kinds>/<slug:item_id>/<part_name>/restore/<int:number>")
@role_required(*EDITORS)
def directory_restore(kinds: str, item_id: str, part_name: str, number: int):
    kind, part = _resolve(kinds, item_id, part_name)
    form = restore_form()
    try:
        editing.restore(kind, item_id, part, number, form.base.data, form.publish.data, current_user)
    except LookupError:
        abort(404)
    except EditConflict as exc:
        return render_template("admin/error.html", message=(
            f"Not done: {exc.latest.author if exc.latest else 'someone'} saved a newer revision in the meantime."),
            back=url_for("admin.directory_history", kinds=kinds, item_id=item_id, part_name=part_name)), 409
    return redirect(url_for("admin.directory_edit", kinds=kinds, item_id=item_id, part_name=part_name,
                            saved=PUBLISHED if form.publish.data else "draft"))
