"""Generated documentation: the README's check-type table comes from the registry itself.

`python -m storeops.render.docs` rewrites the section between the README's markers; a test
fails when the README and the registry disagree, so the documentation cannot drift.
"""

from __future__ import annotations

import sys
from pathlib import Path

START = "<!-- check-types:start -->"
END = "<!-- check-types:end -->"


def check_types_markdown() -> str:
    """A Markdown table: every check type, the bundled items that use it, what it finds."""
    from storeops.checklists.loader import load_checklists
    from storeops.checks.registry import all_check_types

    users: dict[str, list[str]] = {}
    for _area, item in load_checklists().items():
        if item.check is not None:
            users.setdefault(item.check.type, []).append(item.id)
    lines = ["| Check type | Bundled item | What it finds |", "| --- | --- | --- |"]
    for name, cls in all_check_types().items():
        summary = (cls.__doc__ or cls.title).strip().splitlines()[0]
        items = ", ".join(users.get(name, [])) or "(yours to use)"
        lines.append(f"| `{name}` | {items} | {summary} |")
    return "\n".join(lines)


def rewrite(readme: Path) -> bool:
    """Replace the generated section of `readme`; True when the file changed."""
    text = readme.read_text(encoding="utf-8")
    head, _, rest = text.partition(START)
    _, _, tail = rest.partition(END)
    updated = f"{head}{START}\n{check_types_markdown()}\n{END}{tail}"
    if updated != text:
        readme.write_text(updated, encoding="utf-8")
        return True
    return False


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("README.md")
    print("README updated" if rewrite(target) else "README already up to date")
