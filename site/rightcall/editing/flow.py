"""What every editor form shares: which button was pressed, who may press it, and a refused
save (someone saved first) that keeps the typed text in the form."""
from __future__ import annotations

from collections.abc import Callable

from flask import abort, request
from flask_login import current_user

from ..models.pages import DRAFT, PUBLISHED, REVIEW
from .forms import BaseForm
from .permissions import can_publish

SUBMIT_ACTIONS = {"draft": DRAFT, "review": REVIEW, "publish": PUBLISHED}


class EditConflict(Exception):
    """Someone saved since the editor was opened; ``latest`` is their revision (or None)."""

    def __init__(self, latest):
        super().__init__("edited by someone else")
        self.latest = latest


def restore_form():
    """The posted restore button, checked: CSRF and base revision (400), may publish (403)."""
    form = BaseForm()
    if not form.validate_on_submit():
        abort(400)
    if form.publish.data and not can_publish(current_user):
        abort(403)
    return form


def submit(form, save: Callable[[str], object]) -> tuple[str | None, object, int]:
    """Validate a posted editor form and call ``save(status)``.

    Returns (status saved or None, the conflicting revision or None, HTTP status to answer).
    After a conflict the form is rebased on the newer revision, so saving again replaces it.
    """
    status = SUBMIT_ACTIONS.get(request.form.get("action", ""))
    if status is None:
        abort(400)
    if status == PUBLISHED and not can_publish(current_user):
        abort(403)
    if not form.validate_on_submit():
        return None, None, 400
    try:
        save(status)
    except EditConflict as exc:
        form.base.data, form.base.raw_data = (exc.latest.number if exc.latest else 0), None
        return None, exc.latest, 409
    return status, None, 200
