"""Editing pages in the workspace: drafts, review, publish, history with a readable diff,
restore, mark reviewed, optimistic locking, validation next to the field, and sanitised output.
The public site only ever shows published revisions."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from sqlalchemy import func, select

from rightcall.extensions import db
from rightcall.models import AuditEntry, PageRevision, PageTranslation

from test_accounts import team  # noqa: F401  (fixture)
from workspace_helpers import base_of, client_as, form_values, open_and_post

FR_HOME = "/admin/pages/home/fr"


def text(response) -> str:
    return response.get_data(as_text=True)


def revisions(app, page_id="home", locale="fr") -> list[PageRevision]:
    with app.app_context():
        return list(db.session.scalars(
            select(PageRevision).join(PageTranslation)
            .where(PageTranslation.page_id == page_id, PageTranslation.locale == locale)
            .order_by(PageRevision.number)))


def audit(app) -> list[tuple[str, str, str]]:
    with app.app_context():
        return [(e.action, e.item, e.user.email if e.user else "")
                for e in db.session.scalars(select(AuditEntry).order_by(AuditEntry.id))]


def test_a_draft_stays_private_and_publishing_shows_it_in_that_language_only(team):
    editor, reader = client_as(team, "editor"), team.test_client()
    before = {loc: text(reader.get(f"/{loc}/")) for loc in ("fr", "es", "en")}
    response = open_and_post(editor, FR_HOME, "draft", body="Brouillon secret : **appelez**.\n")
    assert response.status_code == 302
    assert "Brouillon secret" not in text(reader.get("/fr/"))
    assert "Saved as a draft" in text(editor.get(response.headers["Location"]))
    response = open_and_post(editor, FR_HOME, "publish", body="Texte publié : **appelez le bon numéro**.\n",
                             message="new intro")
    assert response.status_code == 302
    french = text(reader.get("/fr/"))
    assert "Texte publié : <strong>appelez le bon numéro</strong>." in french
    assert "Brouillon secret" not in french
    assert text(reader.get("/es/")) == before["es"] and text(reader.get("/en/")) == before["en"]
    latest = revisions(team)[-1]
    assert (latest.status, latest.author, latest.origin, latest.message) == \
        ("published", "Editor <editor@example.org>", "editor", "new intro")
    assert latest.created_at is not None
    assert ("page.publish", "page:home/fr", "editor@example.org") in audit(team)
    assert ("page.save-draft", "page:home/fr", "editor@example.org") in audit(team)


def test_a_translator_submits_for_review_in_their_language_but_cannot_publish(team):
    translator = client_as(team, "translator")
    page = text(translator.get(FR_HOME))
    assert 'value="review"' in page and 'value="publish"' not in page
    assert open_and_post(translator, FR_HOME, "review", body="Relu par une personne.\n").status_code == 302
    assert revisions(team)[-1].status == "review"
    assert "Relu par une personne" not in text(team.test_client().get("/fr/"))
    assert open_and_post(translator, FR_HOME, "publish", body="Je publie.\n").status_code == 403
    assert translator.get("/admin/pages/home/es").status_code == 403
    assert translator.get("/admin/pages/home/en").status_code == 403
    # The editor finds it waiting, publishes it as it is, and readers get it.
    editor = client_as(team, "editor")
    assert 'href="/admin/pages/home/fr"' in text(editor.get("/admin/pages")).split("Waiting for review")[1][:400]
    assert open_and_post(editor, FR_HOME, "publish").status_code == 302
    assert "Relu par une personne." in text(team.test_client().get("/fr/"))


def test_the_second_of_two_simultaneous_saves_is_refused_and_keeps_its_text(team):
    first, second = client_as(team, "editor"), client_as(team, "admin")
    first_form = form_values(text(first.get(FR_HOME)), "page-editor")
    second_form = form_values(text(second.get(FR_HOME)), "page-editor")
    assert first.post(FR_HOME, data={**first_form, "body": "Version A.\n", "action": "publish"}).status_code == 302
    refused = second.post(FR_HOME, data={**second_form, "body": "Version B, typed with care.\n",
                                          "action": "publish"})
    assert refused.status_code == 409
    page = text(refused)
    assert "Not saved: Editor &lt;editor@example.org&gt; saved revision" in page
    assert "Version B, typed with care." in form_values(page, "page-editor")["body"]
    assert "Version A." in text(team.test_client().get("/fr/"))          # nothing of A was lost
    # Saving again (now based on A's revision) replaces A; A stays in the history.
    again = second.post(FR_HOME, data={**form_values(page, "page-editor"), "action": "publish"})
    assert again.status_code == 302
    bodies = [r.body for r in revisions(team)]
    assert bodies[-2:] == ["Version A.\n", "Version B, typed with care.\n"]


def test_history_compares_any_two_revisions_word_by_word_and_restores_one(team):
    editor = client_as(team, "editor")
    original = revisions(team)[-1]
    open_and_post(editor, FR_HOME, "publish", title="Le bon numéro", body="Appelez le 3-1-1 pour un nid-de-poule.\n")
    open_and_post(editor, FR_HOME, "publish", body="Appelez le 3-1-1 pour un lampadaire.\n")
    history = text(editor.get(FR_HOME + "/history"))
    assert history.count("Restore and publish") == 2                 # every revision but the newest
    compare = text(editor.get(FR_HOME + f"/compare?a={original.number + 2}&b={original.number + 1}"))
    assert "<del>nid-de-poule</del>" in compare and "<ins>lampadaire</ins>" in compare
    assert "<h3>Title</h3>" not in compare                            # unchanged fields are not listed
    compare = text(editor.get(FR_HOME + f"/compare?a={original.number}&b={original.number + 2}"))
    assert "<h3>Title</h3>" in compare and "<del>appel</del>" in compare and "<ins>numéro</ins>" in compare
    assert editor.get(FR_HOME + "/compare?a=1&b=999").status_code == 404
    assert editor.get(FR_HOME + "/compare?a=x&b=1").status_code == 400
    # One click restores the original, as a new published revision.
    token = form_values(history)["csrf_token"]
    response = editor.post(FR_HOME + f"/restore/{original.number}",
                           data={"csrf_token": token, "base": original.number + 2, "publish": "y"})
    assert response.status_code == 302
    restored = revisions(team)[-1]
    assert (restored.number, restored.body, restored.message) == \
        (original.number + 3, original.body, f"restored revision {original.number}")
    assert "nid-de-poule" not in text(team.test_client().get("/fr/"))
    assert original.title in text(team.test_client().get("/fr/"))


def test_a_translator_restores_only_as_a_draft(team):
    translator, base = client_as(team, "translator"), revisions(team)[-1].number
    open_and_post(client_as(team, "editor"), FR_HOME, "publish", body="Nouveau.\n")
    history = text(translator.get(FR_HOME + "/history"))
    assert "Restore as a draft" in history and "Restore and publish" not in history
    token = form_values(history)["csrf_token"]
    assert translator.post(FR_HOME + f"/restore/{base}", data={"csrf_token": token, "base": base + 1,
                                                               "publish": "y"}).status_code == 403
    assert translator.post(FR_HOME + f"/restore/{base}", data={"csrf_token": token,
                                                               "base": base + 1}).status_code == 302
    assert revisions(team)[-1].status == "draft"
    assert "Nouveau." in text(team.test_client().get("/fr/"))


def test_an_error_is_shown_next_to_its_field_and_nothing_typed_is_lost(team):
    editor = client_as(team, "editor")
    count = len(revisions(team))
    response = open_and_post(editor, FR_HOME, "publish", title="  ", body="Mon texte, à garder.\n")
    assert response.status_code == 400
    page = text(response)
    assert re.search(r'id="title"[^>]*aria-describedby="title-error"', page) or \
        re.search(r'aria-describedby="title-error"[^>]*id="title"', page)
    assert '<span class="field-error" id="title-error">A page needs a title.</span>' in page
    assert form_values(page, "page-editor")["body"] == "Mon texte, à garder.\n"
    assert len(revisions(team)) == count
    assert open_and_post(editor, FR_HOME, "launch").status_code == 400          # no such button
    huge = open_and_post(editor, FR_HOME, "draft", body="x" * 70_000)
    assert huge.status_code == 400 and "At most 60,000 characters." in text(huge)
    stale = editor.post(FR_HOME, data={"title": "T", "body": "B", "base": "1", "action": "draft"})
    assert stale.status_code == 400 and "This form has expired" in text(stale)


XSS = ('<script>alert("x")</script>\n\n[Click](javascript:alert(1)) <img src=x onerror=alert(2)>\n\n'
       '<a href="javascript:alert(3)">link</a> [data](data:text/html;base64,PHNjcmlwdD4=)\n')


def test_script_and_javascript_links_typed_in_the_editor_never_reach_a_page(team):
    editor = client_as(team, "editor")
    assert open_and_post(editor, FR_HOME, "publish", title='<script>alert("t")</script>', body=XSS).status_code == 302
    page = text(team.test_client().get("/fr/"))
    preview = text(editor.post(FR_HOME + "/preview", data={**form_values(text(editor.get(FR_HOME)), "page-editor"),
                                                             "body": XSS}))
    for html in (page, preview, text(editor.get(FR_HOME))):
        assert dangerous_markup(html) == []
        assert "&lt;script&gt;alert(" in html                      # shown as text, harmlessly
    assert dangerous_markup('<p><a href="javascript:x">a</a><script>alert(1)</script></p>') == [
        "link to javascript:x", "inline script"]                  # the check itself can fail


class _Markup(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found, self._script = [], False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name} handler")
            if name in ("href", "src", "action", "formaction") and value and \
                    value.strip().lower().startswith(("javascript:", "data:", "vbscript:")):
                self.found.append(f"link to {value}")
        self._script = tag == "script" and not dict(attrs).get("src")

    def handle_data(self, data):
        if self._script and data.strip():
            self.found.append("inline script")

    def handle_endtag(self, tag):
        self._script = False


def dangerous_markup(html: str) -> list[str]:
    """Script a browser would run: inline <script>, on* handlers, javascript:/data: links."""
    parser = _Markup()
    parser.feed(html)
    return parser.found


def test_the_preview_is_the_public_template_with_the_typed_text_and_saves_nothing(team):
    editor = client_as(team, "editor")
    count = len(revisions(team))
    values = form_values(text(editor.get("/admin/pages/which-number/fr")), "page-editor")
    response = editor.post("/admin/pages/which-number/fr/preview",
                           data={**values, "body": "Aperçu : **pas encore publié**.\n"})
    assert response.status_code == 200
    html = text(response)
    assert '<html lang="fr"' in html and 'class="call-911"' in html          # the public layout
    assert "Aperçu : <strong>pas encore publié</strong>." in html
    assert 'href="tel:' in html and "scenario" in html                      # the guide's own template
    assert "data-events" not in html                                         # a preview counts nothing
    assert "frame-ancestors 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN" and "no-store" in response.headers["Cache-Control"]
    assert len(revisions(team)) == count
    assert "pas encore publié" not in text(team.test_client().get("/fr/which-number"))
    assert editor.post("/admin/pages/which-number/fr/preview", data={"body": "x"}).status_code == 400  # no CSRF


def test_an_english_change_shows_translators_what_changed_and_mark_reviewed_is_recorded(team):
    editor = client_as(team, "editor")
    english = revisions(team, "about", "en")[-1]
    new_body = english.body.replace("9-1-1", "9-1-1 (police, fire, ambulance)", 1)
    assert open_and_post(editor, "/admin/pages/about/en", "publish", body=new_body).status_code == 302
    matrix = text(editor.get("/admin/pages"))
    assert '<td class="status status--outdated"><a href="/admin/pages/about/fr">outdated</a>' in matrix
    page = text(client_as(team, "translator").get("/admin/pages/about/fr"))
    assert "The English page changed since this translation was made" in page
    assert "<ins> (police, fire, ambulance)</ins>" in page
    assert "Mark reviewed" not in page                                  # translators submit for review
    page = text(editor.get("/admin/pages/about/fr"))
    token = form_values(page)["csrf_token"]
    base = base_of(page)
    assert editor.post("/admin/pages/about/fr/reviewed", data={"csrf_token": token, "base": base}).status_code == 302
    assert '<td class="status status--current"><a href="/admin/pages/about/fr">current</a>' in \
        text(editor.get("/admin/pages"))
    assert 'class="fallback-note"' not in text(team.test_client().get("/fr/about"))
    assert ("page.mark-reviewed", "page:about/fr", "editor@example.org") in audit(team)
    assert revisions(team, "about", "fr")[-1].review == "human"


def test_a_missing_translation_starts_from_the_english_text(team):
    with team.app_context():
        tr = db.session.scalar(select(PageTranslation).filter_by(page_id="card", locale="it"))
        db.session.delete(tr)
        db.session.commit()
    editor = client_as(team, "editor")
    values = form_values(text(editor.get("/admin/pages/card/it")), "page-editor")
    assert values["base"] == "0" and values["title"] == revisions(team, "card", "en")[-1].title
    assert editor.post("/admin/pages/card/it", data={**values, "title": "Scheda dei numeri",
                                                     "action": "publish"}).status_code == 302
    assert "Scheda dei numeri" in text(team.test_client().get("/it/card"))


def test_unknown_pages_languages_and_roles(team):
    editor = client_as(team, "editor")
    assert editor.get("/admin/pages/no-such-page/fr").status_code == 404
    assert editor.get("/admin/pages/home/xx").status_code == 404
    viewer = client_as(team, "viewer")
    for path in ("/admin/pages", FR_HOME, FR_HOME + "/history", "/admin/services"):
        assert viewer.get(path).status_code == 403
    assert team.test_client().get(FR_HOME).status_code == 302             # to the sign-in page
    with team.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == 0
