"""A missing or outdated translation falls back to English with a visible note."""
from sqlalchemy import delete, select

from rightcall.content.files import fingerprint
from rightcall.extensions import db
from rightcall.models import PageRevision, PageTranslation, bump_content_version

from helpers import Document


def _publish_english_change(app, page_id, new_body):
    with app.app_context():
        tr = db.session.scalar(select(PageTranslation).filter_by(page_id=page_id, locale="en"))
        last = tr.latest_revision()
        tr.revisions.append(PageRevision(
            number=last.number + 1, status="published", title=last.title,
            description=last.description, nav_title=last.nav_title, body=new_body,
            content_hash=fingerprint(last.title, last.description, last.nav_title, new_body),
            origin="editor", author="test"))
        bump_content_version()
        db.session.commit()


def test_missing_translation_shows_english_with_a_note(app, client):
    with app.app_context():
        tr = db.session.scalar(select(PageTranslation).filter_by(page_id="about", locale="ta"))
        db.session.execute(delete(PageRevision).where(PageRevision.translation_id == tr.id))
        db.session.delete(tr)
        bump_content_version()
        db.session.commit()
    response = client.get("/ta/about")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    doc = Document(html)
    assert doc.first("html")["lang"] == "ta"            # the interface stays in Tamil
    assert doc.first("article")["lang"] == "en"          # the content is the English page
    assert 'class="fallback-note"' in html
    english_title = client.get("/en/about").get_data(as_text=True).split("<h1>")[1].split("</h1>")[0]
    assert f"<h1>{english_title}</h1>" in html


def test_outdated_translation_shows_current_english_with_a_note(app, client):
    _publish_english_change(app, "calling-911", "## Updated\n\nA brand new English paragraph.\n")
    html = client.get("/fr/calling-911").get_data(as_text=True)
    assert "A brand new English paragraph." in html
    assert 'class="fallback-note"' in html
    assert Document(html).first("article")["lang"] == "en"
    # other pages in French are untouched
    other = client.get("/fr/about").get_data(as_text=True)
    assert 'class="fallback-note"' not in other


def test_stored_script_and_javascript_links_never_reach_a_page(app, client):
    _publish_english_change(
        app, "about",
        "Hello <script>alert('x')</script> [click](javascript:alert(1)) "
        "<img src=x onerror=alert(2)> <a href=\"javascript:alert(3)\">raw</a>\n",
    )
    html = client.get("/en/about").get_data(as_text=True)
    article = Document("<article" + html.split("<article", 1)[1].split("</article>", 1)[0])
    tags = [tag for tag, _ in article.tags]
    assert "script" not in tags and "img" not in tags
    for _, attrs in article.tags:
        assert not any(name.startswith("on") for name in attrs)
        assert not (attrs.get("href") or "").lower().startswith("javascript:")
    assert "Hello" in html  # the harmless text is kept
