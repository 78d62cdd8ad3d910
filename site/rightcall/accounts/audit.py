"""Write to the audit trail in the same transaction as the change it describes."""
from __future__ import annotations

from flask_login import current_user

from ..extensions import db
from ..models.audit import AuditEntry


def record_action(action: str, item: str, detail: str = "") -> None:
    """Who (the signed-in person) did ``action`` to ``item``; committed with the change."""
    user_id = current_user.id if current_user and current_user.is_authenticated else None
    db.session.add(AuditEntry(user_id=user_id, action=action, item=item[:200], detail=detail[:500]))
