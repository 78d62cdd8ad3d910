"""Editing the service directory and the scenarios in the workspace: numbers and links are
validated, drafts stay private, publishing changes every page that shows the service, history
with diff and restore, optimistic locking, roles, the audit trail, and `flask content import`
leaving workspace edits alone unless forced."""
from __future__ import annotations

from sqlalchemy import select

from rightcall.extensions import db
from rightcall.models import AuditEntry, DirectoryRevision, Scenario, Service, ServiceText

from helpers import CONTENT
from test_accounts import team  # noqa: F401  (fixture)
from workspace_helpers import client_as, form_values, open_and_post

NUMBERS = "/admin/services/police-non-emergency/shared"


def text(response) -> str:
    return response.get_data(as_text=True)


def service(app, sid="police-non-emergency") -> tuple[list, dict]:
    with app.app_context():
        row = db.session.get(Service, sid)
        return row.contacts, {t.locale: t.hours for t in row.texts}


def test_a_published_number_reaches_every_page_and_a_draft_does_not(team):
    editor, reader = client_as(team, "editor"), team.test_client()
    assert "tel:+14168082222" in text(reader.get("/en/which-number"))
    assert open_and_post(editor, NUMBERS, "draft", **{"contacts-0-number": "416-808-2223"}).status_code == 302
    assert "tel:+14168082223" not in text(reader.get("/en/which-number"))
    response = open_and_post(editor, NUMBERS, "publish", **{"contacts-0-number": "416-808-2223",
                                                            "message": "new line"})
    assert response.status_code == 302
    for path in ("/en/which-number", "/fr/police-non-emergency", "/ar/card"):
        html = text(reader.get(path))
        assert "tel:+14168082223" in html and "tel:+14168082222" not in html, path
    # The online-report service borrows this number (same_as), so it changed there too, once.
    assert {"same_as": "police-non-emergency"} in service(team, "police-online-report")[0]
    history = text(editor.get(NUMBERS + "/history"))
    assert "revision 1 · published · content import" in history and "“new line”" in history
    with team.app_context():
        entries = [(e.action, e.item, e.detail) for e in db.session.scalars(select(AuditEntry))]
    assert ("service.publish", "service:police-non-emergency/*", "revision 3: Numbers and links (new line)") in entries


def test_a_number_that_cannot_be_dialled_or_an_unsafe_link_is_refused_next_to_the_field(team):
    editor = client_as(team, "editor")
    before = service(team)
    for field, value, message in [
        ("contacts-0-number", "416-808-222", "Not a North American phone number"),
        ("contacts-0-number", "123", "Not a North American phone number"),
        ("contacts-0-number", "call 416 808 2222", "Write the number in digits"),
        ("source_url", "http://www.tps.ca/", "must start with https://"),
        ("source_url", "javascript:alert(1)", "must start with https://"),
    ]:
        response = open_and_post(editor, NUMBERS, "publish", **{field: value})
        assert response.status_code == 400, value
        html = text(response)
        assert f'id="{field}-error">' in html and message in html.split(f'id="{field}-error">')[1][:200], value
        assert form_values(html)[field] == value                   # what was typed is still there
    # A new web contact must be https too; a short code is fine for a text line.
    response = open_and_post(editor, NUMBERS, "publish", **{"contacts-1-kind": "web",
                                                            "contacts-1-url": "javascript:alert(1)"})
    assert response.status_code == 400 and 'id="contacts-1-url-error"' in text(response)
    response = open_and_post(editor, NUMBERS, "publish", **{"contacts-1-same_as": "no-such-service"})
    assert response.status_code == 400 and "No service has this id." in text(response)
    assert service(team) == before
    ok = open_and_post(editor, NUMBERS, "publish", **{"contacts-1-kind": "sms", "contacts-1-label": "text",
                                                      "contacts-1-number": "274637"})
    assert ok.status_code == 302
    assert service(team)[0][-1] == {"kind": "sms", "label": "text", "number": "274637"}


def test_a_translator_edits_the_hours_in_their_language_and_submits_them_for_review(team):
    translator = client_as(team, "translator")
    path = "/admin/services/community-211/fr"
    assert translator.get("/admin/services/community-211/shared").status_code == 403
    assert translator.get("/admin/services/community-211/es").status_code == 403
    assert open_and_post(translator, path, "publish", hours="Jour et nuit").status_code == 403
    assert open_and_post(translator, path, "review", hours="Jour et nuit").status_code == 302
    assert service(team, "community-211")[1]["fr"] != "Jour et nuit"          # not public yet
    editor = client_as(team, "editor")
    assert 'pending">review' in text(editor.get("/admin/services"))
    assert form_values(text(editor.get(path)))["hours"] == "Jour et nuit"     # the editor sees the submission
    assert open_and_post(editor, path, "publish").status_code == 302
    assert service(team, "community-211")[1]["fr"] == "Jour et nuit"
    assert '<p class="call-card__hours">Jour et nuit</p>' in text(team.test_client().get("/fr/"))


def test_two_saves_of_the_same_service_text_the_second_is_refused_and_kept(team):
    first, second = client_as(team, "editor"), client_as(team, "admin")
    path = "/admin/services/city-311/en"
    a, b = form_values(text(first.get(path))), form_values(text(second.get(path)))
    assert first.post(path, data={**a, "hours": "Always", "action": "publish"}).status_code == 302
    refused = second.post(path, data={**b, "hours": "Around the clock", "action": "publish"})
    assert refused.status_code == 409
    assert "Not saved: Editor &lt;editor@example.org&gt; saved revision 2" in text(refused)
    assert form_values(text(refused))["hours"] == "Around the clock"
    assert service(team, "city-311")[1]["en"] == "Always"


def test_history_diffs_and_restores_a_service(team):
    editor = client_as(team, "editor")
    open_and_post(editor, NUMBERS, "publish", **{"contacts-0-number": "416-808-2223"})
    history = text(editor.get(NUMBERS + "/history?a=1&b=2"))
    assert "416-808-<del>2222</del>" in history and "416-808-<ins>2223</ins>" in history
    token = form_values(history)["csrf_token"]
    assert editor.post(NUMBERS + "/restore/1", data={"csrf_token": token, "base": 2, "publish": "y"}).status_code == 302
    assert "tel:+14168082222" in text(team.test_client().get("/en/which-number"))
    assert editor.post(NUMBERS + "/restore/1", data={"csrf_token": token, "base": 2, "publish": "y"}).status_code == 409
    assert editor.get(NUMBERS + "/history?a=1&b=99").status_code == 404


def test_a_scenario_can_point_to_another_service_and_be_reworded(team):
    editor = client_as(team, "editor")
    assert open_and_post(editor, "/admin/scenarios/pothole/shared", "publish",
                         service_id="community-211").status_code == 302
    with team.app_context():
        assert db.session.get(Scenario, "pothole").service_id == "community-211"
    response = open_and_post(editor, "/admin/scenarios/pothole/shared", "publish", service_id="no-such")
    assert response.status_code == 400 and "Not a valid choice" in text(response)
    assert open_and_post(editor, "/admin/scenarios/pothole/fr", "publish",
                         situation="Un énorme nid-de-poule dans ma rue").status_code == 302
    assert "Un énorme nid-de-poule dans ma rue" in text(team.test_client().get("/fr/which-number"))
    assert open_and_post(editor, "/admin/scenarios/pothole/fr", "publish", situation="").status_code == 400


def test_import_keeps_workspace_edits_of_the_directory_unless_forced(team, tmp_path):
    editor = client_as(team, "editor")
    open_and_post(editor, "/admin/services/city-311/en", "publish", hours="Always open")
    runner = team.test_cli_runner()
    result = runner.invoke(args=["content", "import", "--path", str(CONTENT)])
    assert result.exit_code == 0, result.output
    assert "service:city-311/en" in result.output
    assert service(team, "city-311")[1]["en"] == "Always open"
    result = runner.invoke(args=["content", "import", "--path", str(CONTENT), "--force"])
    assert result.exit_code == 0, result.output
    assert service(team, "city-311")[1]["en"] != "Always open"
    with team.app_context():
        last = db.session.scalars(select(DirectoryRevision).filter_by(item_id="city-311", part="en")
                                  .order_by(DirectoryRevision.number.desc())).first()
        assert (last.origin, last.status) == ("import", "published")
    # Export writes the published directory back to files that import again unchanged.
    open_and_post(editor, "/admin/services/city-311/en", "publish", hours="Always open")
    assert runner.invoke(args=["content", "export", "--path", str(tmp_path)]).exit_code == 0
    assert "hours: Always open" in (tmp_path / "services.yml").read_text(encoding="utf-8")
    with team.app_context():
        assert db.session.scalar(select(ServiceText.hours).filter_by(service_id="city-311", locale="en")) == "Always open"
