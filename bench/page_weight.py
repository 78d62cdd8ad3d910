"""Print the weight of each language's home page: requests and gzip bytes of HTML, CSS and JS.

Budget (issue #2): HTML + CSS + JS ≤ 30 KB gzip in total and ≤ 6 requests. Counts every
resource the page references (stylesheets of every media, scripts, images, icons), fetched
through the app itself on a fresh database loaded from content/.

    .venv/bin/python bench/page_weight.py [--page which-number]
"""
from __future__ import annotations

import argparse
import gzip
import re
import sys
import tempfile
from pathlib import Path

from rightcall import create_app
from rightcall.content.importer import import_all
from rightcall.extensions import db
from rightcall.locales import TAGS

BUDGET_BYTES = 30 * 1024
BUDGET_REQUESTS = 6
RESOURCE = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon|preload)"[^>]*href|script[^>]+src|img[^>]+src)="([^"]+)"')


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default="", help="page path after the locale (default: home)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.db", "USAGE_ENABLED": False})
        with app.app_context():
            from flask_migrate import upgrade
            upgrade()
            import_all(Path(app.config["CONTENT_DIR"]))
        client = app.test_client()
        print(f"{'locale':8} {'requests':>8} {'html':>7} {'css':>7} {'js':>7} {'total':>7}  budget")
        worst = 0
        for tag in TAGS:
            response = client.get(f"/{tag}/{args.page}")
            html = response.get_data()
            sizes = {"html": gz(html), "css": 0, "js": 0, "other": 0}
            urls = RESOURCE.findall(html.decode("utf-8"))
            for url in urls:
                body = client.get(url).get_data()
                kind = "css" if ".css" in url else "js" if ".js" in url else "other"
                sizes[kind] += gz(body)
            total = sum(sizes.values())
            requests = 1 + len(urls)
            ok = total <= BUDGET_BYTES and requests <= BUDGET_REQUESTS
            worst = max(worst, total)
            print(f"{tag:8} {requests:8d} {sizes['html']:7d} {sizes['css']:7d} {sizes['js']:7d} "
                  f"{total:7d}  {'ok' if ok else 'OVER'}")
        print(f"largest: {worst} bytes gzip of {BUDGET_BYTES} allowed "
              f"({100 * worst / BUDGET_BYTES:.0f}% of the budget)")
        with app.app_context():
            db.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())
