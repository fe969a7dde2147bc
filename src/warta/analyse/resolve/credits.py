"""The outlet and the wire an article credits, as mentions: the dateline's outlet (``Jakarta
(ANTARA) -``, ``Rimanews -``) and its place, and a final ``(Antara)`` or ``Sumber: Reuters``
(:mod:`warta.ingest.clean` finds them as boilerplate). They work on the linker's builder."""
from __future__ import annotations

import re

from .kb import KnowledgeBase, slug


def credited_outlets(doc, b, kb: KnowledgeBase, seg, text: str) -> None:
    """The dateline's outlet (and place), and the wire an article credits at its end (``(Antara)``,
    ``Sumber: Reuters``), as mentions: the knowledge base's entries, else news organisations."""
    for sp in seg.boilerplate:
        if sp.kind == "wire" and sp.value and b.free(sp.start, sp.end):
            _wire_mention(b, kb, text, sp)
        if sp.kind != "dateline" or not sp.value:
            continue
        for part in re.finditer(r"[^,()\-—–|]+", sp.text):
            ps, pe = sp.start + part.start(), sp.start + part.end()
            while ps < pe and text[ps].isspace():
                ps += 1
            while pe > ps and text[pe - 1].isspace():
                pe -= 1
            surface = text[ps:pe]
            if not surface or not b.free(ps, pe):
                continue
            if seg.dateline and surface.lower() == seg.dateline.lower():
                continue
            code = "IDN" if doc._.language is None or doc._.language.code == "id" else None
            _outlet(b, kb, ps, pe, (surface, sp.value), sp.value, code, "dateline")


def _wire_mention(b, kb: KnowledgeBase, text: str, sp) -> None:
    """The credited wire or outlet as a mention: the knowledge base's entry, else a news
    organisation of its own (sector JRN)."""
    name = re.search(r"[A-Za-z][\w. ]*[\w.]", text[sp.start:sp.end].split(":", 1)[-1])
    if name is None:
        return
    s = sp.start + (sp.text.index(":") + 1 if ":" in sp.text else 0) + name.start()
    e = s + len(name.group(0))
    _outlet(b, kb, s, e, (sp.value, name.group(0)), sp.value, None, "wire")


def _outlet(b, kb: KnowledgeBase, s: int, e: int, forms: tuple[str, ...], value: str, code: str | None,
            source: str) -> None:
    """``text[s:e]`` as the knowledge base's entry of the first of ``forms`` it knows, else as a
    news organisation ``value`` of its own (sector JRN, country ``code``)."""
    hits = next((h for h in map(kb.lookup, forms) if h), None)
    if hits:
        h = hits[0]
        b.add(s, e, h.id, h.name, h.type, h.code, h.sector, h.wikidata)
    else:
        b.add(s, e, f"org/{slug(value)}", value, "ORG", code, "JRN", source=source)
