"""Every admin view × every role: the server refuses (403) whatever a role may not do, and
nothing under /admin is reachable without a session. The table must name every admin route,
so a new view cannot be added without deciding who may use it."""
from __future__ import annotations

import re

import pytest

from rightcall.extensions import db
from rightcall.models.accounts import User

from test_accounts import team  # noqa: F401  (fixture)
from workspace_helpers import client_as

EVERYONE = {"admin", "editor", "translator", "viewer"}
WRITERS = {"admin", "editor", "translator"}          # the translator only in French (their language)
PUBLISHERS = {"admin", "editor"}
ADMINS = {"admin"}
PUBLIC = "public"                                     # reachable without a session, by design

# endpoint: [(method, path, roles allowed, form fields)]
VIEWS = {
    "admin.login": [("GET", "/admin/login", PUBLIC, {})],
    "admin.welcome": [("GET", "/admin/welcome/not-a-token", PUBLIC, {})],
    "admin.logout": [("POST", "/admin/logout", EVERYONE, {})],
    "admin.home": [("GET", "/admin/", EVERYONE, {})],
    "admin.usage": [("GET", "/admin/usage", EVERYONE, {})],
    "admin.usage_csv": [("GET", "/admin/usage/pages.csv", EVERYONE, {})],
    "admin.usage_json": [("GET", "/admin/usage.json", EVERYONE, {})],
    "admin.users": [("GET", "/admin/users", ADMINS, {})],
    "admin.user_new": [("GET", "/admin/users/new", ADMINS, {}),
                       ("POST", "/admin/users/new", ADMINS, {"email": "new@example.org", "name": "N", "role": "viewer"})],
    "admin.user_edit": [("GET", "/admin/users/{viewer_id}", ADMINS, {}),
                        ("POST", "/admin/users/{viewer_id}", ADMINS, {"email": "viewer@example.org", "name": "V",
                                                                       "role": "viewer", "active": "y"})],
    "admin.user_invitation": [("POST", "/admin/users/{viewer_id}/invitation", ADMINS, {})],
    "admin.audit": [("GET", "/admin/audit", ADMINS, {})],
    "admin.pages": [("GET", "/admin/pages", WRITERS, {})],
    "admin.translations": [("GET", "/admin/translations", WRITERS, {})],
    "admin.page_edit": [("GET", "/admin/pages/home/fr", WRITERS, {}),
                        ("GET", "/admin/pages/home/en", PUBLISHERS, {}),
                        ("GET", "/admin/pages/home/es", PUBLISHERS, {}),
                        ("POST", "/admin/pages/home/fr", WRITERS, {"action": "draft", "title": "T", "body": "B", "base": "1"}),
                        ("POST", "/admin/pages/home/fr", PUBLISHERS, {"action": "publish", "title": "T", "body": "B", "base": "1"})],
    "admin.page_preview": [("POST", "/admin/pages/home/fr/preview", WRITERS, {"title": "T", "body": "B", "base": "1"}),
                           ("POST", "/admin/pages/home/es/preview", PUBLISHERS, {"title": "T", "body": "B", "base": "1"})],
    "admin.page_history": [("GET", "/admin/pages/home/fr/history", WRITERS, {}),
                           ("GET", "/admin/pages/home/ar/history", PUBLISHERS, {})],
    "admin.page_compare": [("GET", "/admin/pages/home/fr/compare?a=1&b=1", WRITERS, {}),
                           ("GET", "/admin/pages/home/en/compare?a=1&b=1", PUBLISHERS, {})],
    "admin.page_restore": [("POST", "/admin/pages/home/fr/restore/1", WRITERS, {"base": "1"}),
                           ("POST", "/admin/pages/home/fr/restore/1", PUBLISHERS, {"base": "1", "publish": "y"}),
                           ("POST", "/admin/pages/home/es/restore/1", PUBLISHERS, {"base": "1"})],
    "admin.page_reviewed": [("POST", "/admin/pages/home/fr/reviewed", PUBLISHERS, {"base": "1"})],
    "admin.services": [("GET", "/admin/services", WRITERS, {})],
    "admin.scenarios": [("GET", "/admin/scenarios", WRITERS, {})],
    "admin.directory_edit": [("GET", "/admin/services/city-311/shared", PUBLISHERS, {}),
                             ("GET", "/admin/services/city-311/fr", WRITERS, {}),
                             ("GET", "/admin/scenarios/pothole/shared", PUBLISHERS, {}),
                             ("GET", "/admin/scenarios/pothole/fr", WRITERS, {}),
                             ("GET", "/admin/scenarios/pothole/es", PUBLISHERS, {}),
                             ("POST", "/admin/services/city-311/fr", WRITERS, {"action": "review", "name": "3-1-1", "base": "0"}),
                             ("POST", "/admin/services/city-311/fr", PUBLISHERS, {"action": "publish", "name": "3-1-1", "base": "0"}),
                             ("POST", "/admin/services/city-311/shared", PUBLISHERS, {"action": "draft", "status": "found", "base": "0"})],
    "admin.directory_history": [("GET", "/admin/services/city-311/shared/history", PUBLISHERS, {}),
                                ("GET", "/admin/scenarios/pothole/fr/history", WRITERS, {})],
    "admin.directory_restore": [("POST", "/admin/services/city-311/shared/restore/1", PUBLISHERS, {"base": "0"}),
                                ("POST", "/admin/scenarios/pothole/fr/restore/1", WRITERS, {"base": "0"}),
                                ("POST", "/admin/scenarios/pothole/fr/restore/1", PUBLISHERS, {"base": "0", "publish": "y"})],
}
CASES = [(endpoint, method, path, allowed, fields)
         for endpoint, cases in VIEWS.items() for method, path, allowed, fields in cases]


def test_the_table_names_every_admin_route(team):
    routes = {rule.endpoint for rule in team.url_map.iter_rules()
              if rule.rule.startswith("/admin") and rule.endpoint.startswith("admin.")}
    assert routes == set(VIEWS)


@pytest.fixture
def ids(team):
    with team.app_context():
        return {"viewer_id": db.session.scalar(db.select(User.id).where(User.email == "viewer@example.org"))}


def _request(client, method, path, fields):
    if method == "GET":
        return client.get(path)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"',
                      client.get("/admin/login" if "logout" in path else "/admin/").get_data(as_text=True))
    return client.post(path, data={**fields, "csrf_token": token.group(1) if token else ""})


@pytest.mark.parametrize("role", sorted(EVERYONE))
def test_each_role_gets_exactly_the_views_it_may_use(team, ids, role):
    client = client_as(team, role)
    for endpoint, method, path, allowed, fields in CASES:
        if allowed == PUBLIC:
            continue
        # Signing out gets a session of its own, so the others go on signed in.
        session = client_as(team, role) if endpoint == "admin.logout" else client
        response = _request(session, method, path.format(**ids), fields)
        assert response.status_code < 500, (endpoint, path, role, response.status_code)
        if role in allowed:
            assert response.status_code != 403, (endpoint, method, path, role)
        else:
            assert response.status_code == 403, (endpoint, method, path, role, response.status_code)
            assert "Not allowed: your role (" + role + ") cannot do this" in response.get_data(as_text=True)


def test_nothing_under_admin_answers_without_a_session(team, ids):
    for endpoint, method, path, allowed, fields in CASES:
        response = _request(team.test_client(), method, path.format(**ids), fields)
        if allowed == PUBLIC:
            assert response.status_code in (200, 400)
        else:
            assert response.status_code in (302, 401), (endpoint, path, response.status_code)
            if response.status_code == 302:
                assert "/admin/login" in response.headers["Location"]
