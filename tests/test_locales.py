"""Language negotiation and the URL-tag ↔ Babel mapping."""
import pytest
from werkzeug.datastructures import LanguageAccept
from werkzeug.http import parse_accept_header

from rightcall import locales


@pytest.mark.parametrize("header, expected", [
    ("fr-CA,fr;q=0.9,en;q=0.8", "fr"),
    ("zh-TW,zh;q=0.9", "zh-Hant"),
    ("zh-HK", "zh-Hant"),
    ("zh-Hant-TW", "zh-Hant"),
    ("zh-CN,zh;q=0.9", "zh-Hans"),
    ("zh", "zh-Hans"),
    ("pa-IN", "pa"),
    ("fil-PH", "tl"),
    ("tl", "tl"),
    ("ar-EG,ar;q=0.9", "ar"),
    ("fa-IR", "fa"),
    ("ur-PK", "ur"),
    ("ta-LK", "ta"),
    ("pt-BR", "pt"),
    ("de-DE,es;q=0.5", "es"),
    ("de-DE,ru;q=0.5", "en"),
    ("", "en"),
    ("*", "en"),
])
def test_negotiate_picks_the_best_site_language(header, expected):
    assert locales.negotiate(parse_accept_header(header, LanguageAccept)) == expected


def test_thirteen_languages_three_of_them_right_to_left():
    assert len(locales.LANGUAGES) == 13
    assert {lang.tag for lang in locales.LANGUAGES if lang.rtl} == {"fa", "ur", "ar"}


def test_every_language_maps_to_a_babel_locale():
    for lang in locales.LANGUAGES:
        assert lang.babel.language  # parses without error
    assert locales.get("zh-Hant").babel_id == "zh_Hant"
