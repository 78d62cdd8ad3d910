"""A readable diff between two revisions: field by field, line by line, with the changed
words inside a changed line marked, and unchanged stretches folded to a little context."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

CONTEXT = 2
_WORDS = re.compile(r"\s+|\w+|[^\w\s]", re.UNICODE)


@dataclass
class Line:
    op: str                                    # same | del | add | gap
    segments: list[tuple[str, str]] = field(default_factory=list)   # (same|del|add, text)

    @property
    def text(self) -> str:
        return "".join(text for _, text in self.segments)


@dataclass
class FieldDiff:
    name: str
    label: str
    lines: list[Line]

    @property
    def changed(self) -> bool:
        return any(line.op in ("del", "add") for line in self.lines)


def _words(a: str, b: str) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """The two versions of a changed line, with the words that differ marked."""
    wa, wb = _WORDS.findall(a), _WORDS.findall(b)
    old, new = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op == "equal":
            old.append(("same", "".join(wa[i1:i2])))
            new.append(("same", "".join(wb[j1:j2])))
        else:
            if i2 > i1:
                old.append(("del", "".join(wa[i1:i2])))
            if j2 > j1:
                new.append(("add", "".join(wb[j1:j2])))
    return old, new


def diff_lines(before: str, after: str, context: int = CONTEXT) -> list[Line]:
    a, b = (before or "").splitlines(), (after or "").splitlines()
    lines: list[Line] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            same = [Line("same", [("same", text)]) for text in a[i1:i2]]
            if len(same) > 2 * context + 1:
                head = same[:context] if lines else []
                tail = same[-context:] if i2 < len(a) or j2 < len(b) else []
                same = head + [Line("gap", [("same", f"… {len(same) - len(head) - len(tail)} lines unchanged …")])] + tail
            lines.extend(same)
        elif op == "replace" and i2 - i1 == j2 - j1:
            for old_text, new_text in zip(a[i1:i2], b[j1:j2]):
                old, new = _words(old_text, new_text)
                lines += [Line("del", old), Line("add", new)]
        else:
            lines += [Line("del", [("del", text)]) for text in a[i1:i2]]
            lines += [Line("add", [("add", text)]) for text in b[j1:j2]]
    return lines


def diff_fields(before: dict, after: dict, labels: dict[str, str]) -> list[FieldDiff]:
    """One :class:`FieldDiff` per field in ``labels`` (key → label shown to the team)."""
    return [FieldDiff(key, label, diff_lines(str(before.get(key) or ""), str(after.get(key) or "")))
            for key, label in labels.items()]
