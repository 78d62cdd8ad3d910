"""What may be learnt from a request — and then forgotten.

The user agent is read only to tell a phone from a tablet from a desktop and a person from a
crawler; the address only feeds the daily-salted visitor hash. Neither is returned or kept.
``DNT: 1`` or ``Sec-GPC: 1`` means the request is not counted at all.

Each function reads the WSGI environ (``request.environ`` in Flask), so the front cache
(public/front_cache.py) counts a page view without building a request object.
"""
from __future__ import annotations

import hashlib
import re
import secrets
from urllib.parse import parse_qs, urlsplit

from crawlerdetect import CrawlerDetect
from user_agents import parse as parse_user_agent

_UTM_VALUE = re.compile(r"^[a-z0-9][a-z0-9._+-]{0,63}$")
_HOST = re.compile(r"^[a-z0-9.-]{1,100}$")
_crawlers = CrawlerDetect()

# Parsing a user agent is the slowest part of counting a page view, and the same few hundred
# phones ask again and again: what was learnt is kept per process under a keyed hash of the
# string (a random key made at start-up), never under the string itself.
_FACTS_KEY = secrets.token_bytes(16)
_FACTS_LIMIT = 4096
_facts: dict[bytes, tuple[bool, str]] = {}


def opted_out(environ: dict) -> bool:
    """Do Not Track or Global Privacy Control: the request is not counted."""
    return environ.get("HTTP_DNT", "").strip() == "1" or environ.get("HTTP_SEC_GPC", "").strip() == "1"


def counted_by_mirror(environ: dict) -> bool:
    """nginx (deploy/nginx.conf) passes every page view on to the site in a mirror request, even
    one it answers from its own cache, and marks the request it proxies: that one is not
    counted again. A reader who sends the mark themselves is simply not counted, as with DNT."""
    return environ.get("HTTP_X_RIGHTCALL_PAGEVIEW") == "mirrored"


def user_agent(environ: dict) -> str:
    return environ.get("HTTP_USER_AGENT", "")


def _host(environ: dict) -> str:
    """The host the request was sent to, as werkzeug's ``request.host`` gives it."""
    return environ.get("HTTP_HOST") or environ.get("SERVER_NAME", "")


def user_agent_facts(user_agent: str) -> tuple[bool, str]:
    """(is it a crawler?, phone | tablet | desktop) for a user agent string."""
    key = hashlib.blake2b(user_agent.encode("utf-8", "replace"), key=_FACTS_KEY, digest_size=16).digest()
    facts = _facts.get(key)
    if facts is None:
        facts = (_is_crawler(user_agent), _device_class(user_agent))
        if len(_facts) >= _FACTS_LIMIT:
            _facts.clear()
        _facts[key] = facts
    return facts


def _is_crawler(user_agent: str) -> bool:
    if not user_agent.strip():
        return True     # real browsers always send one; scripts often send none
    return _crawlers.isCrawler(user_agent) or parse_user_agent(user_agent).is_bot


def is_crawler(user_agent: str) -> bool:
    return user_agent_facts(user_agent)[0]


def countable(environ: dict) -> bool:
    """A person who has not opted out (known bots and crawlers are not counted)."""
    return not opted_out(environ) and not is_crawler(user_agent(environ))


def device_class(user_agent: str) -> str:
    return user_agent_facts(user_agent)[1]


def _device_class(user_agent: str) -> str:
    agent = parse_user_agent(user_agent)
    if agent.is_tablet:
        return "tablet"
    return "phone" if agent.is_mobile else "desktop"


def referrer_host(environ: dict) -> str | None:
    """The referring site's host name, or None for none, our own site or anything odd."""
    try:
        host = (urlsplit(environ.get("HTTP_REFERER", "")).hostname or "").lower()
    except ValueError:
        return None
    if not host or host == _host(environ).split(":")[0].lower() or not _HOST.match(host):
        return None
    return host


def utm(environ: dict) -> dict[str, str | None]:
    """Campaign tags from the query string; anything that is not a plain tag becomes "other"."""
    tags = {}
    query = environ.get("QUERY_STRING", "")
    if not query:
        return {"utm_campaign": None, "utm_source": None, "utm_medium": None}
    args = parse_qs(query.encode("latin-1").decode("utf-8", "replace"))
    for name in ("campaign", "source", "medium"):
        value = (args.get(f"utm_{name}") or [""])[0].strip().lower()
        tags[f"utm_{name}"] = (value if _UTM_VALUE.match(value) else "other") if value else None
    return tags


def visitor_hash(salt: bytes, environ: dict) -> str:
    """Same visitor, same day → same hash; a new salt tomorrow makes it unlinkable."""
    material = "|".join([_host(environ), environ.get("REMOTE_ADDR", ""), user_agent(environ)])
    return hashlib.blake2b(material.encode(), key=salt, digest_size=8).hexdigest()
