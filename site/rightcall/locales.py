"""The site's languages: URL tags, Babel locale ids, native names and text direction.

This is the one place that maps a URL tag (BCP 47, e.g. ``zh-Hans``) to the Babel/gettext
locale identifier (``zh_Hans``) and back.
"""
from __future__ import annotations

from dataclasses import dataclass

from babel import Locale as BabelLocale


@dataclass(frozen=True)
class Language:
    tag: str          # BCP 47 tag used in URLs and <html lang>
    babel_id: str     # identifier Babel and the gettext catalogs use
    name: str         # the language's name in itself
    rtl: bool = False

    @property
    def dir(self) -> str:
        return "rtl" if self.rtl else "ltr"

    @property
    def babel(self) -> BabelLocale:
        return BabelLocale.parse(self.babel_id)


LANGUAGES: tuple[Language, ...] = (
    Language("en", "en", "English"),
    Language("fr", "fr", "Français"),
    Language("zh-Hans", "zh_Hans", "简体中文"),
    Language("zh-Hant", "zh_Hant", "繁體中文"),
    Language("pa", "pa", "ਪੰਜਾਬੀ"),
    # Babel has no "tl" locale; Filipino ("fil") carries the same formats.
    Language("tl", "fil", "Tagalog"),
    Language("es", "es", "Español"),
    Language("pt", "pt", "Português"),
    Language("it", "it", "Italiano"),
    Language("ta", "ta", "தமிழ்"),
    Language("fa", "fa", "فارسی", rtl=True),
    Language("ur", "ur", "اردو", rtl=True),
    Language("ar", "ar", "العربية", rtl=True),
)

DEFAULT = "en"
TAGS: tuple[str, ...] = tuple(lang.tag for lang in LANGUAGES)
BY_TAG: dict[str, Language] = {lang.tag: lang for lang in LANGUAGES}
BY_BABEL_ID: dict[str, Language] = {lang.babel_id: lang for lang in LANGUAGES}


def get(tag: str) -> Language:
    """Return the language for a URL tag (KeyError when the site has no such language)."""
    return BY_TAG[tag]


def translation_dirname(lang: Language) -> str:
    """Folder name under ``translations/`` for a language (the gettext locale id)."""
    return lang.babel_id


def negotiate(accept_languages) -> str:
    """Pick the best URL tag for a werkzeug ``Accept-Language`` header value.

    Matches full tags first (``zh-Hant``, ``zh-TW``), then the primary language; Chinese
    without a script is mapped by region (TW, HK, MO → traditional) and defaults to
    simplified. Falls back to English.
    """
    for value, _quality in accept_languages:
        choice = _match(value)
        if choice:
            return choice
    return DEFAULT


_TRADITIONAL_REGIONS = {"tw", "hk", "mo"}
_ALIASES = {"fil": "tl", "pa-guru": "pa", "pa-in": "pa"}


def _match(value: str) -> str | None:
    value = value.strip().lower().replace("_", "-")
    if not value or value == "*":
        return None
    for tag in TAGS:
        if value == tag.lower():
            return tag
    parts = value.split("-")
    primary = parts[0]
    if primary == "zh":
        rest = set(parts[1:])
        if "hant" in rest or rest & _TRADITIONAL_REGIONS:
            return "zh-Hant"
        return "zh-Hans"
    if value in _ALIASES:
        return _ALIASES[value]
    if primary in _ALIASES:
        return _ALIASES[primary]
    if primary in BY_TAG:
        return primary
    return None
