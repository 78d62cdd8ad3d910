"""Helpers for the workspace's editing tests: sign in as a role, read and post the editor forms."""
from __future__ import annotations

import re
from html.parser import HTMLParser

from test_accounts import csrf, sign_in

EMAILS = {role: f"{role}@example.org" for role in ("admin", "editor", "translator", "viewer")}


def client_as(app, role: str):
    client = app.test_client()
    assert sign_in(client, EMAILS[role]).status_code == 302
    return client


class _FormReader(HTMLParser):
    """Collects what a browser would submit from the form with the given id (or the page)."""

    def __init__(self, form_id: str | None):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.values = form_id, form_id is None, {}
        self._textarea = self._select = None
        self._first_option = None
        self.textareas = set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and self.form_id is not None:
            self.inside = a.get("id") == self.form_id
        if not self.inside or "form" in a:          # inputs tied to another form by form="…"
            return
        if tag == "input" and a.get("name") and a.get("type") not in ("submit", "radio"):
            if a.get("type") == "checkbox" and "checked" not in a:
                return
            self.values.setdefault(a["name"], a.get("value", ""))
        elif tag == "textarea":
            self._textarea = a.get("name")
            self.textareas.add(self._textarea)
            self.values[self._textarea] = ""
        elif tag == "select":
            self._select, self._first_option = a.get("name"), None
        elif tag == "option" and self._select:
            if self._first_option is None:
                self._first_option = a.get("value", "")
            if "selected" in a:
                self.values[self._select] = a.get("value", "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select:
            self.values.setdefault(self._select, self._first_option or "")
            self._select = None
        elif tag == "form" and self.form_id is not None:
            self.inside = False

    def handle_data(self, data):
        if self._textarea:
            self.values[self._textarea] += data


def form_values(html: str, form_id: str | None = None) -> dict:
    """The values a browser would send from the form ``form_id`` (default: every field on the page).

    A textarea's first newline is dropped, as browsers do."""
    reader = _FormReader(form_id)
    reader.feed(html)
    values = reader.values
    for name in reader.textareas:
        values[name] = re.sub(r"^\r?\n", "", values[name])
    return values


def base_of(html: str) -> int:
    return int(re.search(r'name="base" type="hidden" value="(\d+)"', html).group(1))


def open_and_post(client, path: str, action: str, **changes):
    """Open an editor, change some fields, press a button; return the response."""
    page = client.get(path)
    assert page.status_code == 200, page.status_code
    values = form_values(page.get_data(as_text=True))
    values.update(changes)
    values["action"] = action
    return client.post(path, data=values)


__all__ = ["client_as", "form_values", "base_of", "open_and_post", "csrf"]
