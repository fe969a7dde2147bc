"""A sentence in its article: the dateline, who is speaking, attribution, and what pronouns
and unnamed groups refer back to."""
from __future__ import annotations

import re

from .morphology import roots, tokenize
from .sentence import ActorMention, CodedEvent, Sentence, Unit, _uniq
from .words import POSTPOSED_SPEECH, SKIP_ADV, SPEECH_VERBS, TITLES


class _Ctx:
    def __init__(self, sent: Sentence, previous, anchor, published, parse=None):
        self.s = sent
        self.parse = parse                                # spaCy parse of the sentence, or None
        self.previous = previous or []
        self.anchor = anchor
        self.pub_year = int(published[:4]) if published and published[:4].isdigit() else None
        self.speakers: list[tuple[Unit, int, str]] = []   # (unit, verb token, frame text)
        self.excluded: set[int] = set()                   # unit ids not to be used as roles
        self.embedded_from: dict[int, Unit] = {}         # token index after a speech verb -> speaker
        self.addressee: Unit | None = None               # "mengatakan kepada X"
        self._channels()
        self._speech()
        self._dateline()

    def _dateline(self):
        """Units before a dateline dash ("London (ANTARA) - ...", "X.com | ...") are no actors."""
        s = self.s
        head = s.text[s.start:min(s.end, s.start + 70)]
        m = re.search(r"\s[-\u2013\u2014|]|[-\u2013\u2014|]\s", head)
        if m and len(tokenize(head[:m.start()])) <= 7:
            cut = s.start + m.start()
            for u in s.units:
                if s.toks[u.t0][0] < cut:
                    self.excluded.add(id(u))
        for u in s.units:
            if u.head is not None and u.head.sector == "JRN":
                self.excluded.add(id(u))

    def _channels(self):
        """A firm named as the channel of an act ("melalui Twitter", "lewat akun Instagram") is
        no party to it, nor the speaker of what is said through it."""
        for u in self.s.units:
            if u.head is not None and u.head.sector == "BUS" \
                    and named_as_channel(self.s.text, self.s.toks[u.t0][0], self.s.start):
                self.excluded.add(id(u))

    def _speech(self):
        s = self.s
        n = len(s.toks)
        for i, u in enumerate(s.units):
            if u.pron or id(u) in self.excluded:
                continue
            p = u.t0 - 1
            # postposed: "..., kata X" / "menurut X" / "dilansir X"
            if p >= 0 and s.lower[p] in POSTPOSED_SPEECH or (p >= 1 and s.lower[p - 1] in ("dikutip", "dilansir", "mengutip") ):
                if p >= 0 and (s.lower[p] in POSTPOSED_SPEECH and (s.lower[p] in ("menurut", "mengutip", "dilansir", "dikutip") or s.punct_before[p])):
                    self.speakers.append((u, p, f"{s.toks[p][2]} {u.head.text if u.head else ''}".strip()))
                    self.excluded.add(id(u))
                    continue
            # preposed: "X mengatakan (bahwa) ..."
            k = u.t1
            while k < n and s.lower[k] in SKIP_ADV | {"dalam", "pada"} and k - u.t1 < 3:
                k += 1
            if k < n and s.lower[k] in SPEECH_VERBS:
                self.speakers.append((u, k, f"{u.head.text if u.head else ''} {s.toks[k][2]}".strip()))
                nxt = k + 1
                if nxt < n and s.lower[nxt] == "kepada":
                    for v in s.units:
                        if v.t0 == nxt + 1 or (v.t0 > nxt and all(s.lower[j] in TITLES for j in range(nxt + 1, v.t0))):
                            self.addressee = v
                            break
                if nxt < n and s.lower[nxt] == "bahwa":
                    nxt += 1
                self.embedded_from[nxt] = u

    def attribution(self, ti: int) -> dict | None:
        for u, k, frame in self.speakers:
            if u.head is None:
                continue
            if k < ti or u.t0 > ti:
                return {"speaker": u.head.name, "text": frame}
        return None

    # -- pronoun resolution -------------------------------------------------
    def resolve(self, u: Unit, sent_events: list[CodedEvent]) -> list[ActorMention]:
        if not u.pron:
            return [m for m in (u.head,) if m] if u.head else []
        spk = self.embedded_from.get(u.t0)
        if spk is not None and spk.head is not None:
            if u.pron == "spk" or (u.pron == "sg" and spk.head.type == "PER") or \
                    (u.pron == "pl" and spk.head.type != "PER"):
                return [spk.head]
        history = list(sent_events[::-1]) + list(self.previous[::-1])
        if u.pron == "both":
            for ev in history:
                ms = _uniq(ev.actors + ev.recipients)
                if len({m.code for m in ms if m.code}) >= 2:
                    return ms
            return []
        if u.pron == "sg":
            for ev in history:
                for m in ev.actors + ev.recipients:
                    if m.type == "PER":
                        return [m]
            for ev in history:
                if ev.actors:
                    return ev.actors[:1]
            return []
        for ev in history:                                 # mereka / pihaknya
            if ev.actors:
                return list(ev.actors)
        return []


#: the words before a firm named as the channel of an act: "melalui Twitter", "lewat akun
#: Instagram", "via WhatsApp", "di media sosial Facebook"
_CHANNEL = re.compile(r"\b(?:melalui|lewat|via|menggunakan|memakai|di)\s+"
                      r"(?:(?:akun|aplikasi|situs|laman|media\s+sosial)\s+)?$", re.I)


def named_as_channel(text: str, start: int, lo: int = 0) -> bool:
    """Whether the name at ``start`` in ``text`` is named as a medium (the words before it, from
    ``lo`` on at most, end in :data:`_CHANNEL`)."""
    return bool(_CHANNEL.search(text[max(lo, start - 30):start]))


#: an act named again by a demonstrative right after the trigger: "mengecam tindakan tersebut",
#: "menolak usulan penambahan staf itu", "menyambut baik putusan tersebut"
_ACT_REFERRED = re.compile(
    r"\s*(?:\w+\s+){0,2}?(?:tindakan|keputusan|putusan|langkah|kebijakan|serangan|pernyataan|rencana|"
    r"resolusi|usulan|aksi|permintaan|tuduhan|tudingan|klaim|sikap|upaya|ancaman|peluncuran|uji\s+coba|"
    r"kesepakatan|perjanjian)\b[^.,;]{0,40}?\b(?:tersebut|itu|ini)\b", re.I)
#: the noun right after a trigger (``mengutuk peluncuran``, ``mengecam atas serangan``) when it
#: is a nominalised act (pe-/per-/ke- ... -an)
_NOMINAL_OBJECT = re.compile(r"\s+(?:atas\s+|terhadap\s+)?((?:pe|ke)\w{3,}an)\b", re.I)


def referred_act_recipients(text: str, ev: CodedEvent, sent_end: int, previous) -> list[ActorMention]:
    """The recipients of an event whose object is an earlier act named again (``Pyongyang mengecam
    tindakan tersebut``): the actors of the latest earlier event with a coded actor, the act's
    authors. On the corpus folds' output, 7 of the 8 such events the annotators gave a recipient
    were given these."""
    if ev.recipients:
        return []
    own = {(m.entity_id, m.name) for m in ev.actors}
    if _ACT_REFERRED.match(text, ev.trigger[1], sent_end):
        prior = next((e for e in reversed(previous) if any(m.code for m in e.actors)), None)
        return [] if prior is None else _authors(prior, own)
    # "mengutuk peluncuran rudal" after "Korea Utara meluncurkan rudal": the act named by its
    # noun is the earlier event of the same root
    m = _NOMINAL_OBJECT.match(text, ev.trigger[1], sent_end)
    if m is None:
        return []
    noun = {r for r in roots(m.group(1)) if len(r) >= 4}
    for prior in reversed(previous):
        head = prior.trigger[2].split()[0] if prior.trigger[2] else ""
        if head and noun & {r for r in roots(head) if len(r) >= 4}:
            return _authors(prior, own)
    return []


def _authors(prior: CodedEvent, own: set) -> list[ActorMention]:
    """The coded actors of the earlier act ``prior``, none when they are all the event's own
    actors (``own``: their entity ids and names)."""
    coded = [m for m in prior.actors if m.code]
    return [] if not coded or {(m.entity_id, m.name) for m in coded} <= own else coded
