"""The safety layer: signs of danger to life, in every language, found without any model.

A message matches when any pattern of any language's file matches (a resident may write in
English on the Tamil page). Matching is on a normalised form: NFKC, case-folded, accents
removed from Latin letters, Arabic letter variants folded to one form and Arabic vowel marks
dropped, so patterns can be written once per spelling.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_ARABIC_FOLD = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ۀ": "ه", "ة": "ه", "أ": "ا",
                              "إ": "ا", "آ": "ا", "ٱ": "ا", "ـ": None})
_ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670]")


def _fold(text: str) -> str:
    """NFKC, accents off Latin letters, Arabic variants folded, Arabic vowel marks dropped."""
    out = []
    base = ""
    for char in unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text)):
        if unicodedata.category(char) == "Mn":
            if base and base <= "\u024f":   # a mark on a Latin letter: an accent, drop it
                continue
        else:
            base = char
        out.append(char)
    text = unicodedata.normalize("NFC", "".join(out))
    return _ARABIC_MARKS.sub("", text).translate(_ARABIC_FOLD)


def normalise(text: str) -> str:
    """The form patterns are matched against (see the module docstring)."""
    text = _fold(text.casefold()).replace("\u2019", "'").replace("\u02bc", "'")
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class DangerSign:
    category: str    # fire | medical | violence | weapon | crime_in_progress | self_harm | …
    locale: str      # whose patterns matched


NEGATED = "negated"   # phrases that say there is NO danger ("no one is in danger"): removed first


def _alternation(patterns) -> re.Pattern | None:
    folded = [normalise_pattern(p) for p in patterns or ()]
    if not folded:
        return None
    return re.compile("|".join(f"(?:{p})" for p in folded), re.IGNORECASE)


class DangerSigns:
    """All languages' patterns, compiled once: one alternation per (locale, category)."""

    def __init__(self, signs_by_locale: dict):
        self._compiled = []
        self._negated = []
        for locale, categories in sorted(signs_by_locale.items()):
            for category, patterns in (categories or {}).items():
                regex = _alternation(patterns)
                if regex is None:
                    continue
                if category == NEGATED:
                    self._negated.append(regex)
                else:
                    self._compiled.append((locale, category, regex))

    def find(self, text: str, prefer: str | None = None) -> DangerSign | None:
        """The first sign of danger in ``text`` (the ``prefer`` locale's patterns first)."""
        plain = normalise(text)
        for regex in self._negated:
            plain = regex.sub(" ", plain)
        if not plain.strip():
            return None
        ordered = sorted(self._compiled, key=lambda entry: entry[0] != prefer)
        for locale, category, regex in ordered:
            if regex.search(plain):
                return DangerSign(category, locale)
        return None


def normalise_pattern(pattern: str) -> str:
    """Fold a pattern like the text; case is left to ``re.IGNORECASE`` (``\\W`` stays ``\\W``)."""
    return _fold(pattern)
