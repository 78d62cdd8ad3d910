"""Admins manage the team's accounts from the workspace: list, invite (a link that sets the
password once), edit role and languages, disable; nobody else may, and an admin cannot lock
themselves out."""
from __future__ import annotations

import re

import pytest

from rightcall.extensions import db
from rightcall.models.accounts import User

from test_accounts import PASSWORD, csrf, sign_in, team  # noqa: F401  (team is a fixture)


def admin_client(team):
    client = team.test_client()
    sign_in(client, "admin@example.org")
    return client


def post_form(client, path, **fields):
    token = csrf(client.get(path).get_data(as_text=True))
    return client.post(path, data={"csrf_token": token, **fields})


def account(team, email):
    with team.app_context():
        return db.session.scalar(db.select(User).where(User.email == email))


@pytest.mark.parametrize("role", ["editor", "translator", "viewer"])
def test_only_admins_reach_the_account_pages(team, role):
    client = team.test_client()
    sign_in(client, f"{role}@example.org")
    for path in ("/admin/users", "/admin/users/new", "/admin/users/1"):
        assert client.get(path).status_code == 403, path
    assert client.post("/admin/users/1/invitation").status_code in (400, 403)
    assert team.test_client().get("/admin/users").status_code == 302      # not signed in: sign in


def test_an_admin_invites_someone_who_sets_a_password_once_and_is_signed_in(team):
    client = admin_client(team)
    response = post_form(client, "/admin/users/new", email="New.Person@Example.org", name="New Person",
                         role="translator", locales=["ta", "pa"])
    assert response.status_code == 200
    link = re.search(r'value="(http://localhost/admin/welcome/[^"]+)"', response.get_data(as_text=True)).group(1)
    assert "new.person@example.org" in client.get("/admin/users").get_data(as_text=True)
    created = account(team, "new.person@example.org")
    assert (created.role, created.locales) == ("translator", ["ta", "pa"])

    invited = team.test_client()
    path = link.replace("http://localhost", "")
    short = post_form(invited, path, password="too short", confirm="too short")
    assert short.status_code == 400 and "at least 12 characters" in short.get_data(as_text=True)
    differ = post_form(invited, path, password="a long passphrase", confirm="another passphrase")
    assert differ.status_code == 400 and "The two passwords differ." in differ.get_data(as_text=True)
    done = post_form(invited, path, password="a long passphrase", confirm="a long passphrase")
    assert done.status_code == 302 and invited.get("/admin/").status_code == 200
    assert team.test_client().get(path).status_code == 400                 # the link worked once
    assert sign_in(team.test_client(), "new.person@example.org", "a long passphrase").status_code == 302


def test_a_duplicate_or_malformed_email_is_shown_next_to_the_field(team):
    client = admin_client(team)
    taken = post_form(client, "/admin/users/new", email="editor@example.org", name="X", role="viewer")
    assert taken.status_code == 400
    html = taken.get_data(as_text=True)
    assert 'id="email-error">This e-mail already has an account.' in html
    bad = post_form(client, "/admin/users/new", email="not-an-email", name="X", role="viewer")
    assert bad.status_code == 400 and 'id="email-error"' in bad.get_data(as_text=True)
    unknown_role = post_form(client, "/admin/users/new", email="x@example.org", name="X", role="overlord")
    assert unknown_role.status_code == 400 and 'id="role-error"' in unknown_role.get_data(as_text=True)
    assert account(team, "x@example.org") is None


def test_disabling_an_account_signs_it_out_everywhere(team):
    viewer = team.test_client()
    sign_in(viewer, "viewer@example.org")
    assert viewer.get("/admin/").status_code == 200
    target = account(team, "viewer@example.org")
    client = admin_client(team)
    response = post_form(client, f"/admin/users/{target.id}", email="viewer@example.org", name="Viewer",
                         role="viewer")                                  # "active" unticked
    assert response.status_code == 302
    assert viewer.get("/admin/").status_code == 302
    assert sign_in(team.test_client(), "viewer@example.org").status_code == 401


def test_an_admin_changes_a_role_and_languages(team):
    target = account(team, "translator@example.org")
    client = admin_client(team)
    post_form(client, f"/admin/users/{target.id}", email="translator@example.org", name="Translator",
              role="editor", locales=["fr", "ar"], active="y")
    changed = account(team, "translator@example.org")
    assert (changed.role, changed.locales, changed.active) == ("editor", ["fr", "ar"], True)


def test_an_admin_cannot_lock_themselves_out(team):
    me = account(team, "admin@example.org")
    client = admin_client(team)
    demoted = post_form(client, f"/admin/users/{me.id}", email="admin@example.org", name="Admin",
                        role="viewer", active="y")
    assert demoted.status_code == 400
    assert "You cannot disable your own account" in demoted.get_data(as_text=True)
    disabled = post_form(client, f"/admin/users/{me.id}", email="admin@example.org", name="Admin", role="admin")
    assert disabled.status_code == 400
    assert account(team, "admin@example.org").role == "admin" and account(team, "admin@example.org").active


def test_a_new_invitation_link_ends_the_accounts_sessions(team):
    editor = team.test_client()
    sign_in(editor, "editor@example.org")
    target = account(team, "editor@example.org")
    client = admin_client(team)
    token = csrf(client.get(f"/admin/users/{target.id}").get_data(as_text=True))
    response = client.post(f"/admin/users/{target.id}/invitation", data={"csrf_token": token})
    assert response.status_code == 200 and "/admin/welcome/" in response.get_data(as_text=True)
    assert editor.get("/admin/").status_code == 302
    assert client.post(f"/admin/users/{target.id}/invitation").status_code == 400    # no CSRF token


def test_a_forged_or_garbled_invitation_link_is_a_clear_400(team):
    response = team.test_client().get("/admin/welcome/not-a-real-token")
    assert response.status_code == 400
    assert "expired or was already used" in response.get_data(as_text=True)


def test_every_account_change_is_in_the_audit_log_with_who_and_what(team):
    client = admin_client(team)
    post_form(client, "/admin/users/new", email="ta@example.org", name="Ta", role="translator", locales=["ta"])
    target = account(team, "viewer@example.org")
    post_form(client, f"/admin/users/{target.id}", email="viewer@example.org", name="Viewer",
              role="editor", active="y")
    team.test_cli_runner().invoke(args=["users", "disable", "--email", "ta@example.org"])
    html = client.get("/admin/audit").get_data(as_text=True)
    rows = re.findall(r"<tr><td>[^<]+</td><td>([^<]+)</td><td>([^<]+)</td><td>([^<]+)</td><td>([^<]*)</td></tr>", html)
    assert rows[:3] == [
        ("(command line)", "account.edit", "account:ta@example.org", "active: True → False"),
        ("admin@example.org", "account.edit", "account:viewer@example.org", "role: viewer → editor"),
        ("admin@example.org", "account.invite", "account:ta@example.org", "role translator, languages ta"),
    ]
    other = team.test_client()
    sign_in(other, "editor@example.org")
    assert other.get("/admin/audit").status_code == 403
