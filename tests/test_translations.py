"""Interface strings: every catalog translates every string and keeps its placeholders."""
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from rightcall.config import REPO_ROOT
from rightcall.locales import LANGUAGES

PLACEHOLDER = re.compile(r"%\(\w+\)s")
POT = read_po((REPO_ROOT / "translations" / "messages.pot").open("rb"))


@pytest.mark.parametrize("lang", [l for l in LANGUAGES if l.tag != "en"], ids=lambda l: l.tag)
def test_catalog_is_complete_and_keeps_placeholders(lang):
    path = REPO_ROOT / "translations" / lang.babel_id / "LC_MESSAGES" / "messages.po"
    catalog = read_po(path.open("rb"))
    for message in POT:
        if not message.id:
            continue
        translated = catalog.get(message.id)
        assert translated is not None and translated.string, f"{lang.tag}: {message.id!r}"
        assert not translated.fuzzy, f"{lang.tag}: fuzzy {message.id!r}"
        assert sorted(PLACEHOLDER.findall(translated.string)) == sorted(PLACEHOLDER.findall(message.id))
    if lang.tag != "en":
        bar = catalog.get("Emergency? Call 9-1-1").string
        assert "9-1-1" in bar, "the 9-1-1 bar must show the number as 9-1-1"


def test_the_template_is_up_to_date_with_the_code():
    """Every string the templates and code use is in messages.pot (run `flask translate update`)."""
    import subprocess
    import sys
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "fresh.pot"
        subprocess.run([sys.executable, "-m", "babel.messages.frontend", "extract", "-F",
                        str(REPO_ROOT / "babel.cfg"), "-k", "_l", "-k", "lazy_gettext",
                        "-o", str(out), str(REPO_ROOT / "site" / "rightcall")], check=True, capture_output=True)
        fresh = {m.id for m in read_po(out.open("rb")) if m.id}
    assert fresh == {m.id for m in POT if m.id}
