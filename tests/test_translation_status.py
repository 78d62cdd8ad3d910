"""The translations matrix: the status of every page in every language, as readers get it."""
from __future__ import annotations

import re

from sqlalchemy import delete, select, update

from rightcall.extensions import db
from rightcall.models import PageRevision, PageTranslation
from rightcall.translation_status import matrix

from helpers import PAGE_IDS
from test_accounts import sign_in, team  # noqa: F401  (team is a fixture)


def statuses(app) -> dict:
    with app.app_context():
        _, rows, _ = matrix()
    return {(c.page_id, c.locale): c.status for row in rows for c in row}


def test_after_import_english_is_current_and_the_machine_translations_await_review(team):
    seen = statuses(team)
    assert len(seen) == len(PAGE_IDS) * 13
    assert {s for (p, loc), s in seen.items() if loc == "en"} == {"current"}
    assert {s for (p, loc), s in seen.items() if loc != "en"} == {"machine"}


def test_an_english_change_makes_translations_outdated_and_a_deleted_one_missing(team):
    with team.app_context():
        english = db.session.scalar(select(PageTranslation.id).where(
            PageTranslation.page_id == "about", PageTranslation.locale == "en"))
        db.session.execute(update(PageRevision).where(PageRevision.translation_id == english)
                           .values(content_hash="changed-in-english"))
        french = db.session.scalar(select(PageTranslation.id).where(
            PageTranslation.page_id == "quiz", PageTranslation.locale == "fr"))
        db.session.execute(delete(PageRevision).where(PageRevision.translation_id == french))
        db.session.commit()
    seen = statuses(team)
    assert {seen[("about", loc)] for loc in ("fr", "zh-Hans", "ar")} == {"outdated"}
    assert seen[("about", "en")] == "current"
    assert seen[("quiz", "fr")] == "missing" and seen[("quiz", "es")] == "machine"
    # … and readers of those pages indeed get English, with the note (the same rule).
    assert 'class="fallback-note"' in team.test_client().get("/fr/about").get_data(as_text=True)
    assert 'class="fallback-note"' in team.test_client().get("/fr/quiz").get_data(as_text=True)
    assert 'class="fallback-note"' not in team.test_client().get("/es/quiz").get_data(as_text=True)


def test_the_matrix_links_each_cell_to_its_editor_for_those_who_may_edit_it(team):
    assert team.test_client().get("/admin/pages").status_code == 302
    editor = team.test_client()
    sign_in(editor, "editor@example.org")
    html = editor.get("/admin/pages").get_data(as_text=True)
    cells = re.findall(r'<td class="status status--(\w+)"><a href="([^"]+)">', html)
    assert len(cells) == len(PAGE_IDS) * 13
    assert ("machine", "/admin/pages/which-number/fr") in cells and ("current", "/admin/pages/home/en") in cells
    assert editor.get("/admin/translations").headers["Location"].endswith("/admin/pages")
    translator = team.test_client()                      # French only: the other cells are plain text
    sign_in(translator, "translator@example.org")
    cells = re.findall(r'<td class="status status--(\w+)"><a href="([^"]+)">',
                       translator.get("/admin/pages").get_data(as_text=True))
    assert len(cells) == len(PAGE_IDS) and all(link.endswith("/fr") for _, link in cells)
