"""One sentence's clause structure: tokens, noun-phrase units (mentions merged by apposition,
pronouns), coordination groups; and the records the coder fills (``ActorMention``, ``CodedEvent``)."""
from __future__ import annotations

from dataclasses import dataclass, field

from .morphology import tokenize
from .words import HARD_PUNCT, PRON_PL, PRON_SG, PUNCT_BOUNDARY, RECIPROCAL_HEADS, TITLES


@dataclass
class ActorMention:
    start: int
    end: int
    text: str
    name: str
    type: str            # PER | ORG | GPE | LOC | GROUP
    code: str | None
    sector: str | None
    wikidata: str | None = None
    entity_id: str | None = None


@dataclass
class CodedEvent:
    type: str
    mode: str | None
    context: list[str]
    actors: list[ActorMention]
    recipients: list[ActorMention]
    modality: str
    trigger: tuple[int, int, str]
    location: ActorMention | None
    attribution: dict | None
    planned: str | None = None
    confidence: float = 0.5
    tense: str | None = None


@dataclass
class Unit:
    """A noun phrase: mentions merged by apposition, or a pronoun."""
    t0: int
    t1: int                      # token range [t0, t1)
    mentions: list[ActorMention] = field(default_factory=list)
    pron: str | None = None      # "sg" | "pl" | "both" | "poss"
    group: int = -1              # index of its coordination group

    @property
    def head(self) -> ActorMention | None:
        if not self.mentions:
            return None
        rank = {"PER": 0, "ORG": 1, "GROUP": 2, "GPE": 3, "LOC": 4}
        return min(self.mentions, key=lambda m: rank.get(m.type, 5))


class Sentence:
    def __init__(self, text: str, start: int, end: int, mentions: list[ActorMention]):
        self.text, self.start, self.end = text, start, end
        self.toks = tokenize(text, start, end)
        self.lower = [t[2].lower() for t in self.toks]
        n = len(self.toks)
        # boundary[k]: a clause boundary falls before token k
        self.punct_before = [False] * n
        self.hard_before = [False] * n
        for k in range(n):
            gap = text[self.toks[k - 1][1]:self.toks[k][0]] if k else text[start:self.toks[0][0]] if n else ""
            self.punct_before[k] = bool(PUNCT_BOUNDARY.search(gap)) if k else True
            self.hard_before[k] = bool(HARD_PUNCT.search(gap)) if k else True
        self.units = self._units(mentions)
        self.groups = self._groups()

    def tok_index(self, char: int) -> int:
        for k, (s, e, _) in enumerate(self.toks):
            if e > char:
                return k
        return len(self.toks)

    def _units(self, mentions):
        n = len(self.toks)
        owner: list[int | None] = [None] * n
        raw: list[Unit] = []
        for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
            t0 = self.tok_index(m.start)
            t1 = t0
            while t1 < n and self.toks[t1][0] < m.end:
                t1 += 1
            if t1 == t0 or any(owner[k] is not None for k in range(t0, t1)):
                continue
            for k in range(t0, t1):
                owner[k] = len(raw)
            raw.append(Unit(t0, t1, [m]))
        # pronouns and reciprocal expressions
        k = 0
        while k < n:
            w = self.lower[k]
            if owner[k] is None:
                if w in PRON_SG:
                    raw.append(Unit(k, k + 1, pron="sg"))
                elif w in PRON_PL:
                    raw.append(Unit(k, k + 1, pron="spk" if w == "pihaknya" else "pl"))
                elif w == "keduanya" or (w == "kedua" and k + 1 < n and self.lower[k + 1] in RECIPROCAL_HEADS
                                         and not self._ordinal(k)):
                    j = k + 1
                    while j < n and (self.lower[j] in RECIPROCAL_HEADS or (
                            j > k + 1 and self.lower[j] in TITLES - {"dan", "para", "sang"})) and owner[j] is None:
                        j += 1
                    raw.append(Unit(k, j, pron="both"))
                    k = j
                    continue
            k += 1
        raw.sort(key=lambda u: u.t0)
        # apposition: adjacent mentions separated only by titles/capitalised words
        units: list[Unit] = []
        for u in raw:
            if units and not u.pron and not units[-1].pron and self._apposed(units[-1], u):
                units[-1].mentions.extend(u.mentions)
                units[-1].t1 = u.t1
            else:
                units.append(u)
        # extend each unit leftwards over titles ("Presiden", "Menteri Luar Negeri")
        for u in units:
            while u.t0 > 0 and not self.punct_before[u.t0] and (
                    self.lower[u.t0 - 1] in TITLES - {"dan"}) and not self._owned(u.t0 - 1, units):
                u.t0 -= 1
        return units

    def _ordinal(self, k: int) -> bool:
        """"kedua" after a noun is the ordinal 'second' ("kunjungan kedua presiden"), not 'both'."""
        if k == 0 or self.punct_before[k]:
            return False
        p = self.lower[k - 1]
        return (p.endswith("an") and len(p) > 5) or p in ("hari", "kali", "masa", "tahap", "putaran", "periode",
                                                           "gelombang", "jilid", "babak", "tahun", "ke")

    def _owned(self, k, units):
        return any(v.t0 <= k < v.t1 for v in units)

    def _apposed(self, a: Unit, b: Unit) -> bool:
        gap_toks = range(a.t1, b.t0)
        if len(gap_toks) > 4:
            return False
        gap_text = self.text[self.toks[a.t1 - 1][1]:self.toks[b.t0][0]]
        if any(self.lower[k] in ("dan", "serta", "atau", "maupun") for k in gap_toks):
            return False
        if gap_text.strip() == "(" and not gap_toks:
            return True                                  # "Perserikatan Bangsa-Bangsa (PBB)"
        if any(c in gap_text for c in "()\"") or HARD_PUNCT.search(gap_text) or "--" in gap_text:
            return False   # no apposition across a dash: "Jakarta - Presiden Joko Widodo" (a dateline)
        ta, tb = a.head.type, b.head.type
        if "," in gap_text:
            # "Moskow, Rusia" / "Min Aung Hlaing, panglima ..." but not lists of countries
            if len(gap_toks) == 0 and ((ta == "PER") != (tb == "PER") or
                                       (ta in ("GPE", "LOC") and tb in ("GPE", "LOC") and a.head.code == b.head.code)):
                return True
            return False
        for k in gap_toks:
            w = self.toks[k][2]
            if not (self.lower[k] in TITLES or w[:1].isupper()):
                return False
        if ta in ("GPE", "LOC") and tb in ("GPE", "LOC") and a.head.code != b.head.code and not gap_toks:
            return False
        return True

    def _groups(self):
        """Coordination: units joined by dan/serta/','/maupun form one group."""
        groups: list[list[Unit]] = []
        for u in self.units:
            if groups:
                prev = groups[-1][-1]
                gap = range(prev.t1, u.t0)
                gap_words = [self.lower[k] for k in gap]
                gap_text = self.text[self.toks[prev.t1 - 1][1]:self.toks[u.t0][0]]
                if (not prev.pron and not u.pron and len(gap_words) <= 2 and
                        all(w in ("dan", "serta", "maupun", "atau", "bersama", "juga") for w in gap_words) and
                        not any(c in gap_text for c in ";()\u2014") and (gap_words or "," in gap_text)):
                    groups[-1].append(u)
                    u.group = len(groups) - 1
                    continue
            groups.append([u])
            u.group = len(groups) - 1
        return groups

    def group_of(self, u: Unit) -> list[Unit]:
        return self.groups[u.group]


def _uniq(ms: list[ActorMention]) -> list[ActorMention]:
    seen, out = set(), []
    for m in ms:
        k = (m.name, m.code)
        if k not in seen:
            seen.add(k)
            out.append(m)
    return out
