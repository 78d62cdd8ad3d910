"""The service directory for the action server: the site's JSON, else ``content/services.yml``.

The site's ``GET /api/services?locale=`` is the live directory (editors change numbers there);
answers are cached for a minute. When the site cannot be reached, the reviewed file in the
repository is used, so the assistant never answers without numbers.
"""
from __future__ import annotations

import json
import logging
import time
import urllib.parse
import urllib.request
from dataclasses import asdict
from pathlib import Path

import yaml

from ..contacts import resolve_contacts
from .catalogue import CONTENT_DIR, DEFAULT_LOCALE

log = logging.getLogger(__name__)
TEXT_FIELDS = ("name", "summary")


def services_from_file(path: Path, locale: str) -> dict[str, dict]:
    """``content/services.yml`` in the shape of ``/api/services`` (the fields replies use)."""
    with open(path, encoding="utf-8") as handle:
        rows = (yaml.safe_load(handle) or {}).get("services", [])
    main_contacts = {row["id"]: row["contacts"][0] for row in rows if row.get("contacts")}
    services = {}
    for row in rows:
        texts = row.get("text", {})
        text = texts.get(locale) or texts.get(DEFAULT_LOCALE) or {}
        contacts = resolve_contacts(row.get("contacts"), row.get("status", "to-verify"), main_contacts)
        services[row["id"]] = {"id": row["id"], **{f: text.get(f, "") for f in TEXT_FIELDS},
                               "contacts": [asdict(c) for c in contacts]}
    return services


class ServiceDirectory:
    """Services per locale, from the site when it answers, cached for ``ttl`` seconds."""

    def __init__(self, site_url: str | None, file: Path | None = None, ttl: float = 60.0,
                 timeout: float = 2.0):
        self.site_url = (site_url or "").rstrip("/")
        self.file = file or CONTENT_DIR / "services.yml"
        self.ttl = ttl
        self.timeout = timeout
        self._cache: dict[str, tuple[float, dict]] = {}

    def get(self, locale: str) -> dict[str, dict]:
        cached = self._cache.get(locale)
        if cached and time.monotonic() - cached[0] < self.ttl:
            return cached[1]
        services = self._from_site(locale) if self.site_url else None
        if services is None:
            services = services_from_file(self.file, locale)
        self._cache[locale] = (time.monotonic(), services)
        return services

    def _from_site(self, locale: str) -> dict[str, dict] | None:
        url = f"{self.site_url}/api/services?{urllib.parse.urlencode({'locale': locale})}"
        try:
            # bandit B310: the site's own http(s) address from our configuration, never user input
            with urllib.request.urlopen(url, timeout=self.timeout) as response:  # nosec B310
                body = json.load(response)
            return {service["id"]: service for service in body["services"]}
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("service directory: site unreachable (%s), using %s", type(error).__name__,
                        self.file.name)
            return None
