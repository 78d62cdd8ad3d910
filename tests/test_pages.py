"""Every page in every language: language, direction, the 9-1-1 bar, alternates, caching."""
import re

import pytest

from rightcall.locales import LANGUAGES, TAGS

from helpers import ALL_PAGE_PATHS, PAGE_IDS, Document, page_path


@pytest.mark.parametrize("header, target", [
    ("fr-CA,fr;q=0.9", "/fr/"), ("zh-TW", "/zh-Hant/"), ("ar", "/ar/"), ("de", "/en/"), (None, "/en/"),
])
def test_root_redirects_to_the_readers_language(client, header, target):
    headers = {"Accept-Language": header} if header else {}
    response = client.get("/", headers=headers)
    assert response.status_code == 302
    assert response.headers["Location"].endswith(target)
    assert "Accept-Language" in response.headers["Vary"]


@pytest.mark.parametrize("page_id, locale, path", ALL_PAGE_PATHS,
                         ids=[p for _, _, p in ALL_PAGE_PATHS])
def test_every_page_renders_in_every_language(client, page_id, locale, path):
    response = client.get(path)
    assert response.status_code == 200
    doc = Document(response.get_data(as_text=True))
    html = doc.first("html")
    assert html["lang"] == locale
    assert html["dir"] == ("rtl" if locale in ("fa", "ur", "ar") else "ltr")
    # The 9-1-1 call-to-action comes first in the body (inside the page header), a tel: link.
    tags = doc.body_tags()
    assert tags[0][0] == "header"
    assert (tags[1][0], tags[1][1].get("href"), tags[1][1].get("class")) == ("a", "tel:911", "call-911")
    # hreflang alternates for every language plus x-default
    alternates = {a["hreflang"] for a in doc.find_all("link", rel="alternate")}
    assert alternates == set(TAGS) | {"x-default"}
    # the content is in the reader's language (no English fallback note)
    assert "fallback-note" not in response.get_data(as_text=True)


def test_the_911_bar_is_translated(client):
    english = _bar_text(client, "en")
    for lang in LANGUAGES:
        if lang.tag != "en":
            assert _bar_text(client, lang.tag) != english, lang.tag


def _bar_text(client, locale):
    html = client.get(f"/{locale}/").get_data(as_text=True)
    return re.search(r'<a class="call-911" href="tel:911"[^>]*>(.*?)</a>', html).group(1)


def test_language_switcher_lists_each_language_in_its_own_name_and_keeps_the_page(client):
    doc = Document(client.get("/fr/calling-911").get_data(as_text=True))
    switcher = {a["hreflang"]: a["href"] for a in doc.find_all("a") if a.get("hreflang") and a.get("lang")}
    assert switcher == {tag: f"/{tag}/calling-911" for tag in TAGS}
    html = client.get("/fr/calling-911").get_data(as_text=True)
    for lang in LANGUAGES:
        assert f'lang="{lang.tag}" hreflang="{lang.tag}"' in html and f">{lang.name}</a>" in html


def test_sitemap_lists_every_page_in_every_language(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200 and response.mimetype == "application/xml"
    xml = response.get_data(as_text=True)
    locs = re.findall(r"<loc>(.*?)</loc>", xml)
    assert len(locs) == len(PAGE_IDS) * len(TAGS)
    for page_id in PAGE_IDS:
        for tag in TAGS:
            assert f"http://localhost{page_path(page_id, tag)}" in locs
    assert xml.count('hreflang="x-default"') == len(locs)


def test_pages_carry_etag_and_cache_control_and_answer_304(client):
    first = client.get("/en/about")
    assert first.headers["ETag"] and "public" in first.headers["Cache-Control"]
    assert "max-age=" in first.headers["Cache-Control"]
    again = client.get("/en/about", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert client.get("/fr/about").headers["ETag"] != first.headers["ETag"]


def test_numbers_come_from_the_service_directory(client, app):
    """A number changed once in the directory changes on every page that shows it."""
    from rightcall.extensions import db
    from rightcall.models import Service, bump_content_version

    before = client.get("/en/police-non-emergency").get_data(as_text=True)
    assert "tel:+14168082222" in before
    with app.app_context():
        service = db.session.get(Service, "police-non-emergency")
        contacts = [dict(c) for c in service.contacts]
        contacts[0]["number"] = "416-555-0199"
        service.contacts = contacts
        bump_content_version()
        db.session.commit()
    for path in ("/en/police-non-emergency", "/fr/police-non-emergency", "/en/card", "/en/which-number"):
        html = client.get(path).get_data(as_text=True)
        assert "tel:+14165550199" in html and "tel:+14168082222" not in html, path


def test_static_assets_are_versioned_and_cached_for_a_year(client):
    html = client.get("/en/").get_data(as_text=True)
    css = re.search(r'href="(/static/css/site\.css\?v=[0-9a-f]+)"', html).group(1)
    response = client.get(css)
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]
    assert "max-age=31536000" in response.headers["Cache-Control"]


def test_numbers_in_rtl_titles_are_isolated_left_to_right(client):
    rtl = client.get("/ar/calling-911").get_data(as_text=True)
    title = re.search(r"<title>(.*?)</title>", rtl).group(1)
    assert "\u20669-1-1\u2069" in title
    assert '<a class="call-911" href="tel:911" data-service="emergency-911">' in rtl and '<span dir="ltr">9-1-1</span>' in rtl
    ltr = client.get("/en/calling-911").get_data(as_text=True)
    assert "\u2066" not in ltr and '<span dir="ltr">9-1-1</span>' not in ltr
