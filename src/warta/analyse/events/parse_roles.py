"""Actor and recipient of a trigger read from the dependency parse (see ``analyse/syntax.py``).

The coder's noun phrases (``Unit``: linked mentions merged by apposition, or pronouns) are mapped
onto parse nodes by character offsets; a role is the unit nearest (breadth first, not crossing
into clauses or coordinations) below the node the relation names:

=================  =====================================  ==========================================
trigger            actor                                  recipient
=================  =====================================  ==========================================
active verb        ``nsubj``; else the subject shared     ``obj``; else ``obl``/``nmod`` with
                   with the verb it is coordinated with   ``ke``/``kepada``/``terhadap``/``dengan``/
                   (``conj``), that controls it           ``atas``; the owner of the object
                   (``xcomp``), or the noun a relative    (``mengecam peluncuran rudal X``) is found
                   clause hangs on (``acl``)              under the object
``di-`` passive    ``obl:agent`` or ``oleh`` phrase, else ``nsubj:pass``/``nsubj``; the noun of a
                   the object right after the verb        relative clause
                   (``ditangkap polisi``)
nominal            ``oleh`` phrase; else the possessor    as for an active verb, ``obl``/``nmod``
                   (``nmod`` without a preposition)       with those prepositions
=================  =====================================  ==========================================

A first-person subject in a quote (``kami``, ``kita``, ``saya``) is the speaker of the quote: the
subject of the speech verb the quote depends on or that hangs on it (``..., kata X``).

**Which wins**: for a slot the parse fills, the parse wins; where it finds nothing for a slot (no
relation, or no unit under the node, or a unit the coder excluded such as a dateline or a
journalist), the coder's word-order rules keep that slot. Which slots the parse may fill at all is
:data:`PARSE_SLOTS`, chosen by cross-validation on the corpus folds.
"""
from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable

#: slots the parse decides, by cross-validation on the corpus folds (scripts/crossval.py);
#: ``$WARTA_PARSE_ROLES`` ("actor,recipient", "actor", "" ...) overrides it to measure
PARSE_SLOTS = frozenset({"actor", "recipient"})

SUBJ = {"nsubj", "nsubj:pass", "csubj"}
AGENT = {"obl:agent"}
OBJ = {"obj", "iobj"}
OBLIQUE = {"obl", "nmod", "obl:arg"}
RECIP_CASES = {"ke", "kepada", "terhadap", "dengan", "atas"}
#: relations the unit search below a role node does not cross: other clauses and coordinations,
#: and times (``nmod:tmod``: a time is no party to an event)
CLAUSAL = {"acl", "acl:relcl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "punct", "cc", "mark", "case",
           "dep", "list", "discourse", "vocative", "reparandum", "orphan", "nmod:tmod", "obl:tmod"}
#: relations along which a verb's subject is shared with the trigger
SHARES_SUBJECT = {"conj", "xcomp"}
TOPIC = {"soal", "tentang", "mengenai", "terkait", "seputar", "perihal"}
#: how many words after a ``di-`` verb its agent without ``oleh`` may begin (``ditangkap aparat
#: kepolisian``: the object's head is the next word, or the one after a title or number)
BARE_AGENT_REACH = 2
FIRST_PERSON = {"kami", "kita", "saya", "aku"}
SPEECH = {"kata", "ujar", "ucap", "tutur", "jelas", "imbuh", "tambah", "tegas", "sebut", "mengatakan",
          "menyatakan", "mengungkapkan", "menjelaskan", "menyebutkan", "menegaskan", "menambahkan",
          "berkata", "menuturkan", "mengaku", "ungkap", "terang", "papar", "katanya", "ujarnya"}


def slots() -> frozenset[str]:
    env = os.environ.get("WARTA_PARSE_ROLES")
    if env is None:
        return PARSE_SLOTS
    return frozenset(x.strip() for x in env.split(",") if x.strip())


class ParseView:
    """One sentence's parse, aligned with the coder's tokens and units."""

    def __init__(self, parse, sent_start: int, units, excluded: set[int]):
        self.p = parse
        self.by_char: dict[int, int] = {}
        for t in parse:
            for c in range(t.idx, t.idx + len(t.text)):
                self.by_char[sent_start + c] = t.i
        self.unit_of: dict[int, object] = {}
        self.units = units
        self.excluded = excluded

    def map_units(self, toks) -> None:
        """Each parse token a unit covers, for the units the coder may use (``unit_of``) and for all,
        the excluded speakers of ``..., kata X`` too (``any_unit_of``)."""
        self.any_unit_of: dict[int, object] = {}
        for u in self.units:
            for k in range(u.t0, u.t1):
                s, e, _ = toks[k]
                for c in (s, e - 1):
                    i = self.by_char.get(c)
                    if i is not None:
                        self.any_unit_of.setdefault(i, u)
                        if id(u) not in self.excluded:
                            self.unit_of.setdefault(i, u)

    def node(self, char: int):
        i = self.by_char.get(char)
        return None if i is None else self.p[i]

    def unit_below(self, node, speakers: bool = False):
        """The unit at ``node`` or nearest below it, not crossing clauses or coordinations."""
        units = self.any_unit_of if speakers else self.unit_of
        queue = deque([node])
        while queue:
            t = queue.popleft()
            u = units.get(t.i)
            if u is not None:
                return _both(units, t) or u
            # not into clauses, coordinations or prepositional phrases ("pertemuannya dengan X"
            # names no subject X); a bare genitive ("jet tempur Rusia") is the owner
            queue.extend(c for c in t.children if c.dep_ not in CLAUSAL and _case(c) is None)
        return None


#: modifiers before a noun that a misparse may hang the noun's preposition on (``terhadap 12
#: perusahaan``: ``terhadap`` under the numeral): their case marker is the noun's
LEFT_MODIFIERS = frozenset({"nummod", "det", "amod", "clf"})


def _left_modifiers(t) -> list:
    return [c for c in t.children if c.i < t.i and c.dep_ in LEFT_MODIFIERS]


def _both(units: dict, t):
    """The coder's "both" unit (``kedua`` of ``kedua menteri``) where it quantifies node ``t``: the
    noun phrase means the two parties the coder resolves it to, not the noun alone."""
    for c in _left_modifiers(t):
        u = units.get(c.i)
        if u is not None and getattr(u, "pron", None) == "both":
            return u
    return None


def _case(t) -> str | None:
    """The preposition of node ``t``, also where the parse hung it on a modifier before ``t``."""
    for c in t.children:
        if c.dep_ == "case":
            return c.lower_
    for c in _left_modifiers(t):
        for k in c.children:
            if k.dep_ == "case" and k.i < c.i:
                return k.lower_
    return None


def _children(t, deps) -> list:
    return [c for c in t.children if c.dep_ in deps]


def _subject(v: ParseView, t, depth: int = 0, speaker: bool = True):
    """The subject unit of verb node t, shared from a coordinated or controlling verb."""
    for c in _children(t, SUBJ):
        if c.lower_ == "yang" and t.dep_ in ("acl", "acl:relcl"):
            return v.unit_below(t.head)      # "X yang menyerang ...": the noun the clause hangs on
        if _case(c) is not None:
            return None                      # a "subject" behind a preposition is a misparse: rules decide
        u = v.unit_below(c)
        if u is not None:
            return (_speaker(v, t, c) if speaker else None) or u
        return None                          # a subject the coder has no unit for: rules decide
    if depth < 3 and t.dep_ in SHARES_SUBJECT and t.head is not t:
        return _subject(v, t.head, depth + 1, speaker)
    if t.dep_ in ("acl", "acl:relcl") and t.head is not t:
        return v.unit_below(t.head)
    return None


def _speaker(v: ParseView, t, subj):
    """A first-person subject in a quote: the speaker, from the speech verb around the quote."""
    if subj.lower_ not in FIRST_PERSON:
        return None
    k = t
    for _ in range(6):
        for c in k.children:
            if c.dep_ == "parataxis" and c.lower_ in SPEECH:
                for s in _children(c, SUBJ):
                    u = v.unit_below(s, speakers=True)
                    if u is not None and getattr(u, "pron", None) is None:
                        return u
        if k.head is k:
            break
        if k.head.lower_ in SPEECH:
            for s in _children(k.head, SUBJ):
                u = v.unit_below(s, speakers=True)
                if u is not None and getattr(u, "pron", None) is None:
                    return u
        k = k.head
    return None


def _agent(v: ParseView, t, passive: bool = False):
    for c in t.children:
        if c.dep_ in AGENT or (c.dep_ in OBLIQUE and _case(c) == "oleh"):
            u = v.unit_below(c)
            if u is not None:
                return u
    if passive:
        # the agent of a ``di-`` passive told without ``oleh`` stands right after the verb, which
        # the parser reads as its object (``ditangkap polisi Malaysia``, ``ditahan tentara Israel``)
        for c in _children(t, OBJ):
            if 0 < c.i - t.i <= BARE_AGENT_REACH and not _topic(c) and \
                    not any(v.p[k].dep_ == "punct" for k in range(t.i + 1, c.i)):
                u = v.unit_below(c)
                if u is not None:
                    return u
    return None


def _topic(c) -> bool:
    """What an act is about ("membahas soal Palestina"), not whom it involves."""
    return c.lower_ in TOPIC or _case(c) in TOPIC


def _oblique(v: ParseView, t):
    for c in t.children:
        if c.dep_ in OBLIQUE and _case(c) in RECIP_CASES:
            u = v.unit_below(c)
            if u is not None:
                return u
    return None


def _object(v: ParseView, t):
    for c in _children(t, OBJ):
        if _topic(c):
            continue
        u = v.unit_below(c)
        if u is not None:
            return u
    return _oblique(v, t)


def _possessor(v: ParseView, t):
    for c in t.children:
        if c.dep_ in ("nmod", "nmod:poss") and _case(c) is None and c.i > t.i:
            u = v.unit_below(c)
            if u is not None:
                return u
    return None


def roles(view: ParseView, trigger_char: int, voice: str) -> tuple[object | None, object | None]:
    """(actor unit, recipient unit) the parse gives the trigger at ``trigger_char``; None where it
    cannot decide."""
    t = view.node(trigger_char)
    if t is None:
        return None, None
    if voice == "passive":
        # the patient is the passive subject, shared like an active one; no speaker reading
        return _agent(view, t, passive=True), _subject(view, t, speaker=False)
    if voice == "nominal":
        return _agent(view, t) or _possessor(view, t), _oblique(view, t)
    return _subject(view, t), _object(view, t)


def refine(parse, sent, ti: int, voice: str, actors: list, recips: list, excluded: set[int],
           group: Callable[[object], list]) -> tuple[list, list]:
    """The coder's actor and recipient groups, with the parse's where it decides (see module doc)."""
    use = slots()
    if parse is None or not use:
        return actors, recips
    view = ParseView(parse, sent.start, sent.units, excluded)
    view.map_units(sent.toks)
    a, r = roles(view, sent.toks[ti][0], voice)
    if a is not None and a is r:
        return actors, recips
    if "actor" in use and a is not None:
        # (a speaker the coder set aside as a role filler comes back; the parse's recipient leaves
        # a comma "coordination" the word-order rules saw)
        actors = [u for u in group(a) if u is not r] or [a]
    if "recipient" in use and r is not None:
        recips = [u for u in group(r) if u not in actors]
    return actors, recips
