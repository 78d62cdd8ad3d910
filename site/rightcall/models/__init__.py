"""Database models: pages with revisions, and the service directory with scenarios."""
from .directory import Scenario, ScenarioGroup, ScenarioText, Service, ServiceText
from .pages import Page, PageRevision, PageTranslation
from .state import SiteState, bump_content_version, content_version

__all__ = [
    "Page", "PageRevision", "PageTranslation",
    "Scenario", "ScenarioGroup", "ScenarioText", "Service", "ServiceText",
    "SiteState", "bump_content_version", "content_version",
]
