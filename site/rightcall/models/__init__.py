"""Database models: pages with revisions, the service directory with scenarios, usage events,
the team's accounts, the directory's revisions."""
from .accounts import ROLES, User
from .audit import AuditEntry
from .directory import Scenario, ScenarioGroup, ScenarioText, Service, ServiceText
from .directory_revisions import DirectoryRevision
from .pages import Page, PageRevision, PageTranslation
from .usage import UsageDaily, UsageEvent, UsageRolledDay, UsageSalt
from .state import SiteState, bump_content_version, content_version

__all__ = [
    "ROLES", "User", "AuditEntry",
    "Page", "PageRevision", "PageTranslation",
    "Scenario", "ScenarioGroup", "ScenarioText", "Service", "ServiceText", "DirectoryRevision",
    "UsageDaily", "UsageEvent", "UsageRolledDay", "UsageSalt",
    "SiteState", "bump_content_version", "content_version",
]
