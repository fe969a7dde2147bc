"""Which lexicon triggers of a sentence are coded, and how: a trigger's voice, triggers
suppressed inside another's complement, promises and vows, cooperation read as aid, and the
merging and dropping of events coded twice."""
from __future__ import annotations

from .lexicon import Match
from .morphology import analyse, voice
from .sentence import CodedEvent, Sentence, _uniq
from .words import (
    CLAUSE_MARKERS, DEMONSTR, FUTURE_TO_AGREE, HARD_CONJ, LIGHT_VERBS, NOT_VERBS, NOUN_ROOTS, PROMISE,
    PURPOSE, SPEECH_VERBS, STAGE_VERBS, THREAT_MODE, VERBAL_CONFLICT,
)


def _trigger_voice(match: Match, word: str) -> str:
    el = match.entry.elements[0]
    if el.root is None:
        return "nominal" if word.lower() in ("ktt", "safari", "latihan", "sambungan", "panggilan",
                                             "konferensi", "pertemuan", "permintaan", "nota") else "bare"
    best = None
    for r, pre, suf in analyse(word):
        if r == el.root:
            v = voice(pre, suf)
            if best is None or (v != "bare" and best == "bare"):
                best = v
    if best in (None, "bare") and el.root in NOUN_ROOTS:
        return "nominal"
    return best or "bare"


def _verbish(w: str) -> bool:
    """An active or stative verb form (meN-, ber-, ter-): a predicate, not part of a noun phrase."""
    return len(w) >= 5 and w.startswith(("me", "ber", "ter")) and w not in NOT_VERBS


def _comp_end(s: Sentence, end: int) -> int:
    """Where the complement of the comp trigger ending at token ``end`` stops.

    A complement clause runs to a hard boundary ("mendesak X untuk A dan B").  A nominal
    object ("mengutuk serangan itu", "menolak tuntutan mereka") is no clause: a following
    "dan/serta + verb" coordinates a new predicate of the same subject
    ("mengutuk serangan itu dan mendesak ...").
    """
    n = len(s.toks)
    k = end + 1
    # an anaphoric noun ("Menanggapi kesepakatan itu, ...") takes no complement
    if k < n and s.lower[k] in DEMONSTR:
        return k
    clausal = False
    while k < n and not s.hard_before[k] and s.lower[k] not in HARD_CONJ and not (
            s.punct_before[k] and k > end + 1 and s.lower[k] in SPEECH_VERBS | {"yang"}):
        w = s.lower[k]
        if w in ("dan", "serta") and not clausal and k > end + 1:
            j = k + 1
            while j < n and s.lower[j] in ("juga", "lalu", "kemudian", "turut", "ikut", "sekaligus", "pun"):
                j += 1
            if j < n and _verbish(s.lower[j]):
                return k
        if w in CLAUSE_MARKERS or (_verbish(w) and k > end) or w.startswith("di") and w.endswith(("kan", "i")) and len(w) > 6:
            clausal = True
        k += 1
    return k


def _suppressed(s: Sentence, matches: list[Match]) -> set[int]:
    """Triggers inside the complement of a comp trigger (mendesak X untuk ..., menuduh X melakukan ...)."""
    out: set[int] = set()
    for i, m in enumerate(matches):
        if "comp" not in m.entry.flags or i in out:
            continue
        end = m.tokens[-1]
        k = _comp_end(s, end)
        for j, other in enumerate(matches):
            if j != i and end < other.tokens[0] < k:
                out.add(j)
    return out


def _in_names(s: Sentence, matches: list[Match]) -> set[int]:
    """Triggers written capitalised inside a run of capitalised words, not at the sentence's start:
    words of a name or a title (``Bantuan Likuiditas Bank Indonesia``, ``Direktur Penyidikan KPK``,
    ``Surat Pemberitahuan Dimulainya Penyidikan``, a headline ``Petugas Dilempari Batu``), not an
    act. A meeting stays: a summit is named (``Konferensi Tingkat Tinggi ASEAN``). On the corpus
    folds' output such triggers were right 9 times of 44, 4 of them meetings."""
    out: set[int] = set()
    toks = s.toks
    for i, m in enumerate(matches):
        first, last = m.tokens[0], m.tokens[-1]
        if m.entry.type == "CONSULT" or first == 0 or not toks[first][2][:1].isupper():
            continue
        opened = any(c in s.text[toks[first - 1][1]:toks[first][0]] for c in '"“(:[')
        if opened and last + 1 < len(toks) and s.text[toks[last][1]:toks[last + 1][0]].strip():
            continue  # a capitalised word starting a quote or a bracket, then punctuation
        before = "" if opened else toks[first - 1][2]  # after a quote or a bracket a sentence begins
        after = toks[last + 1][2] if last + 1 < len(toks) else ""
        if before[:1].isupper() or after[:1].isupper():
            out.add(i)
    return out


def _vows(s: Sentence, matches: list[Match], cooperative: bool = False) -> list[tuple[int, int]]:
    """(promise, promised act) pairs: "berjanji/bersumpah (untuk) <conflictual trigger>", or with
    ``cooperative`` "berjanji (untuk) (memberikan) <cooperative trigger>"."""
    out = []
    for tj, w in enumerate(s.lower):
        if w not in PROMISE:
            continue
        i = next((n for n, m in enumerate(matches) if m.tokens == [tj]), -1)
        k = tj + 1
        while k < len(s.toks) and s.lower[k] in PURPOSE | {"akan", "segera", "terus", "tidak", "kembali"} and k - tj <= 3:
            k += 1
        if cooperative and k < len(s.toks) and s.lower[k] in LIGHT_VERBS:
            k += 1
            if k < len(s.toks) and s.lower[k] in ("lebih", "lagi", "tambahan"):
                k += 1
        for j, o in enumerate(matches):
            if o.tokens[0] != k:
                continue
            if cooperative and o.entry.type in FUTURE_TO_AGREE:
                out.append((i, j))
            elif not cooperative and (o.entry.type in VERBAL_CONFLICT or o.entry.type in THREAT_MODE):
                out.append((i, j))
    return out


def _cooperation_as_aid(s: Sentence, matches: list[Match], drop: set[int]) -> dict[int, int]:
    """{cooperation: aid} for "bekerja sama dengan X untuk memasok peralatan militer": cooperation
    whose stated purpose is to give aid is that aid (PLOVER AID), between the cooperating parties."""
    out: dict[int, int] = {}
    for i, m in enumerate(matches):
        if i in drop or m.entry.type != "COOPERATE":
            continue
        end = m.tokens[-1]
        for j, o in enumerate(matches):
            k = o.tokens[0]
            if o.entry.type != "AID" or j in drop or not end < k <= end + 8:
                continue
            p = k - 1
            while p > end and s.lower[p] in ("dapat", "bisa", "segera", "terus", "lebih"):
                p -= 1
            if s.lower[p] in PURPOSE and not any(s.hard_before[q] for q in range(end + 1, k + 1)):
                out[i] = j
                break
    return out


def _merge(events: list[CodedEvent]) -> list[CodedEvent]:
    out: list[CodedEvent] = []
    for ev in events:
        for o in out:
            if o.type != ev.type or o.modality != ev.modality:
                continue
            oc = {a.code for a in o.actors}
            ec = {a.code for a in ev.actors}
            if not oc or not ec or oc & ec:
                keys = {(a.name, a.code) for a in o.actors + o.recipients}
                o.actors = _uniq(o.actors + [a for a in ev.actors if (a.name, a.code) not in keys])
                keys = {(a.name, a.code) for a in o.actors + o.recipients}
                o.recipients = _uniq(o.recipients + [a for a in ev.recipients if (a.name, a.code) not in keys])
                o.mode = o.mode or ev.mode
                o.location = o.location or ev.location
                break
        else:
            out.append(ev)
    return out


def _drop_protest_demands(s: Sentence, events: list[CodedEvent]) -> list[CodedEvent]:
    """PLOVER: the topic of a protest (typically a REQUEST) is not coded apart from the PROTEST.
    "Ribuan buruh berunjuk rasa ... menuntut kenaikan upah": the demand made by the protesters in
    the same clause is the protest's content."""
    protests = []
    for ev in events:
        if ev.type != "PROTEST" or not ev.actors:
            continue
        k = s.tok_index(ev.trigger[0])
        w = s.lower[k] if k < len(s.lower) else ""
        if w.startswith("ber") or w in ("mogok", "turun") or (k > 0 and s.lower[k - 1] in STAGE_VERBS):
            protests.append((k, {(a.name, a.code) for a in ev.actors}))
    if not protests:
        return events
    out = []
    for ev in events:
        if ev.type == "REQUEST" and ev.actors:
            k = s.tok_index(ev.trigger[0])
            keys = {(a.name, a.code) for a in ev.actors}
            same = False
            for pk, pkeys in protests:
                lo, hi = min(pk, k), max(pk, k)
                if keys <= pkeys and not any(s.hard_before[j] or s.lower[j] in HARD_CONJ for j in range(lo + 1, hi + 1)):
                    same = True
            if same:
                continue
        out.append(ev)
    return out
