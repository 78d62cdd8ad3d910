"""The team's accounts: sign in and out, one generic failure message, throttling, CSRF,
roles, sign-out everywhere when a password changes, and the ``flask users`` commands."""
from __future__ import annotations

import re

import pytest
from flask import Blueprint

from rightcall import create_app
from rightcall.accounts.roles import role_required
from rightcall.extensions import db
from rightcall.models.accounts import User

from helpers import make_account

PASSWORD = "correct horse battery"


@pytest.fixture
def team(database_url):
    """An app with CSRF on (as in production), one account per role, and a page per role set."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "TESTING": True, "USAGE_FLUSH_SECONDS": 0,
                      "WTF_CSRF_ENABLED": True})
    probe = Blueprint("probe", __name__)

    @probe.get("/admin/probe/editors")
    @role_required("admin", "editor")
    def editors_only():
        return "editors' page"

    app.register_blueprint(probe)
    for role in ("admin", "editor", "translator", "viewer"):
        make_account(app, f"{role}@example.org", role, PASSWORD, locales=("fr",) if role == "translator" else ())
    return app


def csrf(html: str) -> str:
    return re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', html).group(1)


def sign_in(client, email, password=PASSWORD, **kwargs):
    token = csrf(client.get("/admin/login").get_data(as_text=True))
    return client.post("/admin/login", data={"email": email, "password": password, "csrf_token": token},
                       **kwargs)


def test_sign_in_shows_the_workspace_and_sign_out_ends_it(team):
    client = team.test_client()
    assert client.get("/admin/").status_code == 302                      # to the sign-in page
    response = sign_in(client, "Editor@Example.org", follow_redirects=True)
    assert response.status_code == 200
    assert "Signed in as Editor (editor@example.org)" in response.get_data(as_text=True)
    token = csrf(response.get_data(as_text=True))
    assert client.post("/admin/logout", data={"csrf_token": token}).status_code == 302
    assert client.get("/admin/").status_code == 302


def test_a_wrong_password_and_an_unknown_account_get_the_same_message(team):
    wrong = sign_in(team.test_client(), "editor@example.org", "not the password")
    unknown = sign_in(team.test_client(), "nobody@example.org", "not the password")
    assert wrong.status_code == unknown.status_code == 401
    message = "That e-mail and password do not match an active account."
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)


def test_five_wrong_passwords_are_throttled(team):
    client = team.test_client()
    statuses = [sign_in(client, "viewer@example.org", "guess number %d" % i).status_code for i in range(6)]
    assert statuses == [401] * 5 + [429]
    assert sign_in(client, "viewer@example.org").status_code == 429        # even the right one, for now


def test_a_sign_in_without_the_csrf_token_is_refused(team):
    response = team.test_client().post("/admin/login", data={"email": "admin@example.org", "password": PASSWORD})
    assert response.status_code == 400
    assert "expired" in response.get_data(as_text=True)


def test_a_sign_out_without_the_csrf_token_is_refused(team):
    client = team.test_client()
    sign_in(client, "admin@example.org")
    assert client.post("/admin/logout").status_code == 400
    assert client.get("/admin/").status_code == 200                        # still signed in


@pytest.mark.parametrize("role, status", [("admin", 200), ("editor", 200), ("translator", 403), ("viewer", 403)])
def test_each_role_is_checked_on_the_server(team, role, status):
    client = team.test_client()
    sign_in(client, f"{role}@example.org")
    response = client.get("/admin/probe/editors")
    assert response.status_code == status
    if status == 403:
        assert "editors' page" not in response.get_data(as_text=True)


def test_a_new_password_signs_the_account_out_everywhere(team):
    laptop, phone = team.test_client(), team.test_client()
    sign_in(laptop, "translator@example.org")
    sign_in(phone, "translator@example.org")
    with team.app_context():
        user = db.session.scalar(db.select(User).where(User.email == "translator@example.org"))
        user.set_password("a brand new passphrase")
        db.session.commit()
    assert laptop.get("/admin/").status_code == 302 and phone.get("/admin/").status_code == 302


def test_the_session_cookie_is_http_only_and_same_site_lax(team):
    client = team.test_client()
    response = sign_in(client, "admin@example.org")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_next_page_is_only_ever_inside_the_workspace(team):
    client = team.test_client()
    token = csrf(client.get("/admin/login").get_data(as_text=True))
    response = client.post("/admin/login?next=https://evil.example/", data={
        "email": "admin@example.org", "password": PASSWORD, "csrf_token": token})
    assert response.headers["Location"].endswith("/admin/")


def test_the_users_commands(team):
    runner = team.test_cli_runner()
    created = runner.invoke(args=["users", "create", "--email", "New@Example.org", "--name", "New",
                                  "--role", "translator", "--locale", "ta", "--password", "twelve chars!!"])
    assert created.exit_code == 0 and "Account created: new@example.org (translator)." in created.output
    short = runner.invoke(args=["users", "create", "--email", "x@example.org", "--name", "X",
                                "--role", "viewer", "--password", "short"])
    assert short.exit_code != 0 and "at least 12 characters" in short.output
    again = runner.invoke(args=["users", "create", "--email", "new@example.org", "--name", "New",
                                "--role", "viewer", "--password", "twelve chars!!"])
    assert again.exit_code != 0 and "already has an account" in again.output
    assert "new@example.org  translator [ta]  active" in runner.invoke(args=["users", "list"]).output
    assert runner.invoke(args=["users", "disable", "--email", "new@example.org"]).exit_code == 0
    assert sign_in(team.test_client(), "new@example.org", "twelve chars!!").status_code == 401
