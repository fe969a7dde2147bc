"""Connected components of string keys (union-find), as canonical events and stories grow."""
from __future__ import annotations


class Components:
    """Union-find over string keys; each component's root is its smallest key."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        """The root of ``x``'s component (``x`` joins as its own component when new)."""
        parent = self.parent
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def groups(self) -> dict[str, set[str]]:
        """Every component: root -> its keys."""
        out: dict[str, set[str]] = {}
        for x in list(self.parent):
            out.setdefault(self.find(x), set()).add(x)
        return out
