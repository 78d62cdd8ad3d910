"""``/admin/pages``: the pages × languages table, the editor with its live preview, the history
with diffs, restore and "mark reviewed".

Server-side checks on every request: a viewer never gets here; a translator only opens and
saves the languages assigned to them and can submit for review but not publish; editors and
admins publish. A refused save keeps what was typed in the form.
"""
from __future__ import annotations

from flask import abort, g, make_response, redirect, render_template, request, url_for
from flask_login import current_user

from .. import locales, translation_status
from ..accounts.roles import role_required
from ..editing import pages as editing
from ..editing.diff import diff_fields
from ..editing.flow import EditConflict, restore_form, submit
from ..editing.forms import BaseForm, PageForm
from ..editing.permissions import EDITORS, can_edit, can_publish
from ..extensions import db
from ..locales import DEFAULT, LANGUAGES
from ..models import Page
from ..models.pages import PUBLISHED, REVIEW
from ..page_content import PageContent
from ..public.locale_url import page_url
from ..public.page_html import build_page
from . import bp

PREVIEW_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " \
              "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'self'"


def _editable(page_id: str, locale: str) -> Page:
    """The page, if it exists and the signed-in person may edit it in ``locale`` (else 404/403)."""
    if locale not in locales.TAGS:
        abort(404)
    page = db.session.get(Page, page_id) or abort(404)
    if not can_edit(current_user, locale):
        abort(403)
    return page


@bp.get("/pages")
@role_required(*EDITORS)
def pages():
    page_ids, rows, counts = translation_status.matrix()
    mine = [l for l in LANGUAGES if can_edit(current_user, l.tag)]
    return render_template("admin/pages.html", rows=rows, counts=counts, languages=LANGUAGES,
                           order=translation_status.ORDER, mine={l.tag for l in mine},
                           waiting=[c for row in rows for c in row if c.pending == REVIEW])


@bp.get("/translations")
@role_required(*EDITORS)
def translations():
    return redirect(url_for("admin.pages"), 301)


def _editor_context(page_id: str, locale: str, latest) -> dict:
    tr = editing.translation(page_id, locale)
    published = tr.published_revision() if tr else None
    english = editing.english_published(page_id) if locale != DEFAULT else None
    source = editing.english_source(page_id, published.source_hash) if published and english else None
    english_changes = None
    if english is not None and published is not None and published.source_hash != english.content_hash:
        before = editing.as_dict(editing.PageFields.of(source)) if source else {}
        english_changes = diff_fields(before, editing.as_dict(editing.PageFields.of(english)),
                                      editing.FIELD_LABELS)
    return {"page_id": page_id, "language": locales.get(locale), "latest": latest,
            "published": published, "english": english, "english_changes": english_changes,
            "may_publish": can_publish(current_user), "public_url": page_url(page_id, locale),
            "action_form": BaseForm(formdata=None, base=latest.number if latest else 0)}


@bp.route("/pages/<slug:page_id>/<locale>", methods=["GET", "POST"])
@role_required(*EDITORS)
def page_edit(page_id: str, locale: str):
    _editable(page_id, locale)
    tr = editing.translation(page_id, locale)
    latest = tr.latest_revision() if tr else None
    start = latest or editing.english_published(page_id)     # a new translation starts from English
    form = PageForm(obj=start, base=latest.number if latest else 0) if request.method == "GET" else PageForm()
    status, conflict = 200, None
    if request.method == "POST":
        def save(action: str):
            fields = editing.PageFields(form.title.data, form.description.data or "",
                                        form.nav_title.data or "", form.body.data)
            editing.save(page_id, locale, fields, form.base.data, action, current_user,
                         message=form.message.data or "", reviewed=form.reviewed.data)

        saved, conflict, status = submit(form, save)
        if saved:
            return redirect(url_for("admin.page_edit", page_id=page_id, locale=locale,
                                    saved=saved))
        latest = conflict or latest
    context = _editor_context(page_id, locale, latest)
    return render_template("admin/page_edit.html", form=form, conflict=conflict,
                           saved=request.args.get("saved"), **context), status


@bp.post("/pages/<slug:page_id>/<locale>/preview")
@role_required(*EDITORS)
def page_preview(page_id: str, locale: str):
    """The page as readers would get it with the text in the form (nothing is saved)."""
    _editable(page_id, locale)
    form = PageForm()
    if not form.validate_on_submit() and (form.csrf_token.errors or form.body.errors):
        message = "This form has expired. Reload the editor." if form.csrf_token.errors else form.body.errors[0]
        return render_template("admin/error.html", message=message), 400
    g.lang, g.preview = locales.get(locale), True
    content = PageContent(page_id, locale, form.title.data or "", form.description.data or "",
                          form.nav_title.data or form.title.data or "", form.body.data or "", 0, None)
    response = make_response(build_page(page_id, content))
    response.headers["Content-Security-Policy"] = PREVIEW_CSP
    response.headers["X-Frame-Options"] = "SAMEORIGIN"
    response.cache_control.no_store = True
    return response


@bp.get("/pages/<slug:page_id>/<locale>/history")
@role_required(*EDITORS)
def page_history(page_id: str, locale: str):
    _editable(page_id, locale)
    tr = editing.translation(page_id, locale) or abort(404)
    revisions = list(reversed(tr.revisions))
    latest = tr.latest_revision()
    return render_template("admin/page_history.html", page_id=page_id, language=locales.get(locale),
                           revisions=revisions, latest=latest, may_publish=can_publish(current_user),
                           restore_url={r.number: url_for("admin.page_restore", page_id=page_id, locale=locale,
                                                          number=r.number) for r in revisions},
                           action_form=BaseForm(formdata=None, base=latest.number if latest else 0))


@bp.get("/pages/<slug:page_id>/<locale>/compare")
@role_required(*EDITORS)
def page_compare(page_id: str, locale: str):
    _editable(page_id, locale)
    numbers = []
    for name in ("a", "b"):
        value = request.args.get(name, "")
        if not value.isdigit():
            return render_template("admin/error.html", message="Choose two revisions to compare."), 400
        numbers.append(int(value))
    a, b = sorted(numbers)
    old, new = editing.revision(page_id, locale, a), editing.revision(page_id, locale, b)
    if old is None or new is None:
        return render_template("admin/error.html", message="There is no such revision of this page."), 404
    changes = diff_fields(editing.as_dict(editing.PageFields.of(old)),
                          editing.as_dict(editing.PageFields.of(new)), editing.FIELD_LABELS)
    return render_template("admin/page_compare.html", page_id=page_id, language=locales.get(locale),
                           old=old, new=new, changes=changes)


def _refused_conflict(page_id: str, locale: str, exc: EditConflict):
    who = exc.latest.author if exc.latest else "someone"
    return render_template("admin/error.html", message=(
        f"Not done: {who} saved revision {exc.latest.number if exc.latest else 0} of this page in the "
        "meantime. Open the history again to see it."),
        back=url_for("admin.page_history", page_id=page_id, locale=locale)), 409


@bp.post("/pages/<slug:page_id>/<locale>/restore/<int:number>")
@role_required(*EDITORS)
def page_restore(page_id: str, locale: str, number: int):
    _editable(page_id, locale)
    form = restore_form()
    try:
        editing.restore(page_id, locale, number, form.base.data, form.publish.data, current_user)
    except LookupError:
        abort(404)
    except EditConflict as exc:
        return _refused_conflict(page_id, locale, exc)
    saved = PUBLISHED if form.publish.data else "draft"
    return redirect(url_for("admin.page_edit", page_id=page_id, locale=locale, saved=saved))


@bp.post("/pages/<slug:page_id>/<locale>/reviewed")
@role_required("admin", "editor")
def page_reviewed(page_id: str, locale: str):
    """One click: the published translation was checked by a person against the current English."""
    _editable(page_id, locale)
    form = BaseForm()
    if not form.validate_on_submit() or locale == DEFAULT:
        abort(400)
    tr = editing.translation(page_id, locale)
    latest = tr.latest_revision() if tr else None
    if latest is None or latest.status != PUBLISHED:
        return render_template("admin/error.html", message=(
            "Publish or replace the newer draft first: only the published translation can be marked reviewed."),
            back=url_for("admin.page_edit", page_id=page_id, locale=locale)), 409
    try:
        editing.mark_reviewed(page_id, locale, form.base.data, current_user)
    except EditConflict as exc:
        return _refused_conflict(page_id, locale, exc)
    return redirect(url_for("admin.page_edit", page_id=page_id, locale=locale, saved="reviewed"))
