"""Timelines: an actor's canonical events in date order, with their sources and date precision."""
from __future__ import annotations

from typing import Any, Iterable

from .merge import period


def involves(rec: dict[str, Any], who: str) -> bool:
    """Does the canonical event have ``who`` (a name, alias text, code or entity id) as actor or recipient?"""
    low = who.lower()
    for a in (rec.get("actor") or []) + (rec.get("recipient") or []):
        if a.get("entity_id") == who or (a.get("code") or "") == who.upper() and len(who) == 3:
            return True
        for k in ("identifier_text", "entity_text"):
            if a.get(k) and low in a[k].lower():
                return True
    return False


def sort_key(rec: dict[str, Any]) -> tuple:
    p = period(rec.get("date"))
    if p is None:
        return (1, "", "", rec.get("cluster") or "")
    # a coarser date sorts at its start, before the finer dates inside it
    return (0, p[0].isoformat(), rec.get("date"), rec.get("cluster") or "")


def timeline(canonical: Iterable[dict[str, Any]], actor: str, other: str | None = None) -> list[dict[str, Any]]:
    out = [r for r in canonical if involves(r, actor) and (other is None or involves(r, other))]
    return sorted(out, key=sort_key)


def precision(rec: dict[str, Any]) -> str:
    info = rec.get("date_info") or {}
    if not rec.get("date"):
        return "undated"
    g = info.get("granularity") or "?"
    rf = info.get("resolved_from")
    return f"{g} ({rf})" if rf else g


def describe(rec: dict[str, Any]) -> str:
    def names(role):
        return ", ".join(a.get("identifier_text") or a.get("entity_text") or "?" for a in rec.get(role) or []) or "—"

    what = rec["event"][0]
    if rec.get("planned"):
        what += f">{rec['planned']}"
    if rec.get("mode"):
        what += f" ({rec['mode'][0]})"
    loc = rec.get("event_loc") or {}
    where = loc.get("placename") or loc.get("country_code3") or "—"
    return f"{what}  {names('actor')} → {names('recipient')}  @ {where}  [{rec.get('modality')}]"
