"""Read and write the content files: page Markdown with front matter, services and scenarios YAML."""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import frontmatter
import yaml

from ..locales import DEFAULT, TAGS

# Site order of the pages; a page folder not listed here comes after them, alphabetically.
PAGE_ORDER = (
    "home", "which-number", "police-non-emergency", "crisis-support", "calling-911",
    "quiz", "card", "about", "privacy",
)


class ContentError(ValueError):
    """A content file is malformed; the message names the file and the problem."""


@dataclass
class PageFile:
    page_id: str
    locale: str
    title: str
    description: str
    nav_title: str
    body: str
    review: str = "human"
    source_hash: str | None = None

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.title, self.description, self.nav_title, self.body)


def fingerprint(*parts: str) -> str:
    """Short content hash: what ``source_hash`` in a translation's front matter refers to."""
    digest = hashlib.sha256("\x1f".join(p.strip() for p in parts).encode("utf-8"))
    return digest.hexdigest()[:12]


def page_ids(root: Path) -> list[str]:
    found = sorted(p.name for p in (root / "pages").iterdir() if p.is_dir())
    return [p for p in PAGE_ORDER if p in found] + [p for p in found if p not in PAGE_ORDER]


def read_page(path: Path) -> PageFile:
    page_id, locale = path.parent.name, path.stem
    if locale not in TAGS:
        raise ContentError(f"{path}: '{locale}' is not one of the site's languages")
    try:
        post = frontmatter.load(path)
    except Exception as exc:  # YAML or encoding errors: report the file, not a traceback
        raise ContentError(f"{path}: cannot read front matter ({exc})") from exc
    title = str(post.get("title") or "").strip()
    if not title:
        raise ContentError(f"{path}: front matter needs a title")
    review = str(post.get("review") or ("human" if locale == DEFAULT else "machine"))
    if review not in ("human", "machine"):
        raise ContentError(f"{path}: review must be 'human' or 'machine'")
    return PageFile(
        page_id=page_id, locale=locale, title=title,
        description=str(post.get("description") or "").strip(),
        nav_title=str(post.get("nav_title") or title).strip(),
        body=post.content.strip() + "\n", review=review,
        source_hash=(str(post["source_hash"]) if post.get("source_hash") else None),
    )


def read_pages(root: Path) -> list[PageFile]:
    files = []
    for page_id in page_ids(root):
        for path in sorted((root / "pages" / page_id).glob("*.md")):
            files.append(read_page(path))
    return files


def write_page(root: Path, page: PageFile) -> Path:
    meta = {"title": page.title, "description": page.description, "nav_title": page.nav_title}
    if page.locale != DEFAULT:
        meta["review"] = page.review
        if page.source_hash:
            meta["source_hash"] = page.source_hash
    path = root / "pages" / page.page_id / f"{page.locale}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    post = frontmatter.Post(page.body.strip() + "\n", **meta)
    path.write_text(frontmatter.dumps(post, sort_keys=False, allow_unicode=True) + "\n",
                    encoding="utf-8")
    return path


def read_yaml(path: Path) -> dict:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ContentError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise ContentError(f"{path}: expected a mapping at the top")
    return data


def write_yaml(path: Path, data: dict, header: str) -> None:
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)
    path.write_text(header + text, encoding="utf-8")
