"""`flask content import` / `export`: idempotent, keeps workspace edits, round-trips."""
import shutil

from sqlalchemy import func, select

from rightcall.content.files import ContentError
from rightcall.content.importer import import_all
from rightcall.extensions import db
from rightcall.models import PageRevision, PageTranslation, content_version

from helpers import CONTENT


def _revisions(app):
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(PageRevision))


def test_import_twice_changes_nothing(app, runner):
    before, version = _revisions(app), None
    with app.app_context():
        version = content_version()
    result = runner.invoke(args=["content", "import"])
    assert result.exit_code == 0, result.output
    assert "0 page revisions added" in result.output
    assert _revisions(app) == before
    with app.app_context():
        assert content_version() == version


def test_import_adds_a_revision_for_a_changed_file_and_bumps_the_version(app, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    page = root / "pages" / "about" / "en.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    with app.app_context():
        version = content_version()
        report = import_all(root)
        assert report.new_revisions == 1
        assert content_version() == version + 1


def test_import_keeps_back_newer_workspace_edits_unless_forced(app, tmp_path, runner):
    with app.app_context():
        tr = db.session.scalar(select(PageTranslation).filter_by(page_id="about", locale="fr"))
        last = tr.latest_revision()
        tr.revisions.append(PageRevision(
            number=last.number + 1, status="published", title="Édité", body="Texte édité.\n",
            description="", nav_title="", content_hash="edited", origin="editor", author="ed"))
        db.session.commit()
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    page = root / "pages" / "about" / "fr.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nLigne.\n", encoding="utf-8")
    result = runner.invoke(args=["content", "import", "--path", str(root)])
    assert result.exit_code == 0
    assert "kept back: about/fr" in result.output
    assert "Texte édité." in app.test_client().get("/fr/about").get_data(as_text=True)
    result = runner.invoke(args=["content", "import", "--path", str(root), "--force"])
    assert "Ligne." in app.test_client().get("/fr/about").get_data(as_text=True)


def test_export_then_import_round_trips(app, runner, tmp_path):
    root = tmp_path / "exported"
    (root / "pages").mkdir(parents=True)
    result = runner.invoke(args=["content", "export", "--path", str(root)])
    assert result.exit_code == 0, result.output
    assert (root / "services.yml").exists() and (root / "scenarios.yml").exists()
    result = runner.invoke(args=["content", "import", "--path", str(root)])
    assert result.exit_code == 0, result.output
    assert "0 page revisions added" in result.output


def test_a_malformed_file_is_reported_by_name_and_nothing_is_lost(app, runner, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    (root / "pages" / "about" / "xx.md").write_text("---\ntitle: X\n---\nbody\n")
    before = _revisions(app)
    result = runner.invoke(args=["content", "import", "--path", str(root)])
    assert result.exit_code != 0
    assert "xx.md" in result.output and "not one of the site's languages" in result.output
    assert _revisions(app) == before


def test_a_scenario_pointing_to_an_unknown_service_is_refused(app, tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT, root)
    text = (root / "scenarios.yml").read_text(encoding="utf-8")
    (root / "scenarios.yml").write_text(
        text.replace("service: city-311", "service: no-such-service", 1), encoding="utf-8")
    with app.app_context():
        try:
            import_all(root)
        except ContentError as exc:
            assert "no-such-service" in str(exc)
        else:
            raise AssertionError("the import should refuse an unknown service")
