"""Database models: pages with revisions, the service directory with scenarios, usage events,
the team's accounts."""
from .accounts import ROLES, User
from .audit import AuditEntry
from .directory import Scenario, ScenarioGroup, ScenarioText, Service, ServiceText
from .pages import Page, PageRevision, PageTranslation
from .usage import UsageDaily, UsageEvent, UsageRolledDay, UsageSalt
from .state import SiteState, bump_content_version, content_version

__all__ = [
    "ROLES", "User", "AuditEntry",
    "Page", "PageRevision", "PageTranslation",
    "Scenario", "ScenarioGroup", "ScenarioText", "Service", "ServiceText",
    "UsageDaily", "UsageEvent", "UsageRolledDay", "UsageSalt",
    "SiteState", "bump_content_version", "content_version",
]
