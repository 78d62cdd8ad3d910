"""Bad input gets a clear 4xx page, never a 500; security headers are on every response."""
import pytest

from rightcall.locales import TAGS

from helpers import Document


def test_unknown_language_is_an_english_404_with_every_language(client):
    response = client.get("/xx/about")
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert Document(html).first("html")["lang"] == "en"
    assert "Page not found" in html
    for tag in TAGS:
        assert f'href="/{tag}/"' in html


def test_unknown_page_is_a_translated_404(client):
    english = client.get("/en/no-such-page")
    french = client.get("/fr/no-such-page")
    deeper = client.get("/fr/no/such/page")
    assert english.status_code == french.status_code == deeper.status_code == 404
    assert Document(french.get_data(as_text=True)).first("html")["lang"] == "fr"
    assert "Page not found" in english.get_data(as_text=True)
    assert "Page not found" not in french.get_data(as_text=True)
    assert "Page not found" not in deeper.get_data(as_text=True)


def test_over_long_query_string_is_414(client):
    response = client.get("/en/about?q=" + "x" * 5000)
    assert response.status_code == 414
    assert "too long" in response.get_data(as_text=True)


def test_wrong_method_is_405_page_not_500(client):
    assert client.post("/en/about").status_code == 405
    assert client.delete("/en/quiz").status_code == 405


def test_an_unexpected_error_is_a_500_page_without_a_stack_trace(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    assert response.status_code == 500
    body = response.get_data(as_text=True)
    assert "Something went wrong" in body
    assert "secret internals" not in body and "Traceback" not in body


@pytest.mark.parametrize("path", ["/", "/en/", "/ar/quiz", "/en/which-number", "/en/nope",
                                  "/xx/", "/sitemap.xml", "/api/services", "/robots.txt"])
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "default-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "no-referrer"
    assert headers["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_script_or_style(client):
    html = client.get("/en/quiz").get_data(as_text=True)
    assert "<script>" not in html and "<style" not in html and " style=" not in html
    assert " onclick=" not in html


def test_no_cookie_is_set_for_readers(client):
    for path in ("/", "/en/", "/en/quiz"):
        assert "Set-Cookie" not in client.get(path).headers


def test_a_huge_form_post_is_413_not_500(client):
    response = client.post("/en/quiz", data={"questions": "x" * (200 * 1024)})
    assert response.status_code == 413
    assert "too large" in response.get_data(as_text=True)


@pytest.mark.parametrize("path", ["/en/%FF%FE", "/%FF/", "/fr/%00", "/en/" + "a" * 3000])
def test_odd_paths_are_404_not_500(client, path):
    assert client.get(path).status_code == 404


def test_invalid_utf8_in_a_form_is_a_clear_400(client):
    response = client.post("/en/quiz", data=b"questions=%FF%FE&answer-x=%C3%28",
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "This quiz could not be read" in response.get_data(as_text=True)
