"""robots.txt as RFC 9309 reads it: the longest matching rule wins, Allow wins a tie.

A 4xx answer means no rules (everything allowed); a 5xx or an unreachable server means
"assume everything is disallowed" until it answers again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit


@dataclass
class Robots:
    """The rules of one host for our user agent."""

    rules: list[tuple[str, bool]] = field(default_factory=list)  # (pattern, allowed)
    disallow_all: bool = False
    sitemaps: list[str] = field(default_factory=list)

    def allows(self, url: str) -> bool:
        """Whether our crawler may fetch `url`."""
        if self.disallow_all:
            return False
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        best_length = -1
        allowed = True
        for pattern, allow in self.rules:
            if _matches(pattern, path):
                length = len(pattern)
                if length > best_length or (length == best_length and allow):
                    best_length, allowed = length, allow
        return allowed


def _matches(pattern: str, path: str) -> bool:
    if "*" not in pattern and not pattern.endswith("$"):
        return path.startswith(pattern)
    regex = re.escape(pattern).replace(r"\*", ".*")
    if regex.endswith(r"\$"):
        regex = regex[:-2] + "$"
    return re.match(regex, path) is not None


def parse_robots(text: str, agent: str = "storeops") -> Robots:
    """The rules of the group for `agent` (or `*` when no group names it)."""
    groups: dict[str, list[tuple[str, bool]]] = {}
    sitemaps: list[str] = []
    current: list[str] = []
    in_rules = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (part.strip() for part in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            if in_rules:
                current, in_rules = [], False
            current.append(value.lower())
            for name in current:
                groups.setdefault(name, [])
        elif key in ("allow", "disallow") and current:
            in_rules = True
            if value:
                for name in current:
                    groups[name].append((value, key == "allow"))
        elif key == "sitemap":
            sitemaps.append(value)
    agent = agent.lower()
    mine = next((rules for name, rules in groups.items() if name != "*" and name in agent), None)
    return Robots(rules=mine if mine is not None else groups.get("*", []), sitemaps=sitemaps)


def robots_from_answer(status: int | None, text: str) -> Robots:
    """The robots rules for an answer to /robots.txt (RFC 9309 section 2.3.1)."""
    if status is None or status >= 500:
        return Robots(disallow_all=True)
    if status >= 400:
        return Robots()
    return parse_robots(text)
