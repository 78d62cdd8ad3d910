"""Who may edit and publish what (the views check these on the server, every time).

- admin, editor: edit and publish every language, and the shared parts of the directory;
- translator: edit and submit for review in their assigned languages only;
- viewer: the usage figures only.
"""
from __future__ import annotations

PUBLISHERS = ("admin", "editor")
EDITORS = ("admin", "editor", "translator")


def can_publish(user) -> bool:
    return user.is_authenticated and user.role in PUBLISHERS


def can_edit(user, locale: str) -> bool:
    """May ``user`` save drafts of content in ``locale`` ("*" = a language-independent part)?"""
    if not user.is_authenticated:
        return False
    if user.role in PUBLISHERS:
        return True
    return user.role == "translator" and locale in (user.locales or [])


def author_label(user) -> str:
    return f"{user.name} <{user.email}>"[:120]
