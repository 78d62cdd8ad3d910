"""``/admin/translations``: the pages × languages status matrix, for everyone in the team."""
from __future__ import annotations

from flask import render_template
from flask_login import login_required

from .. import translation_status
from ..locales import LANGUAGES
from ..public.locale_url import page_url
from . import bp


@bp.get("/translations")
@login_required
def translations():
    page_ids, rows, counts = translation_status.matrix()
    return render_template("admin/translations.html", rows=rows, counts=counts, languages=LANGUAGES,
                           order=translation_status.ORDER, page_url=page_url)
