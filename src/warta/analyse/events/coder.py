"""Code PLOVER events in one Indonesian sentence.

``code_sentence`` finds lexicon triggers, then assigns actor and recipient from Indonesian
clause structure (subject before the verb, object after it, ``di-`` passives with ``oleh``,
nominalised triggers with a genitive actor, apposition, coordination, relative ``yang``,
reported speech), and decides the modality (asserted/future/hypothetical/negated/historical).

The concerns live beside it: ``words`` (word classes, ``data/words.txt``), ``sentence``
(clause structure), ``triggers`` (which triggers are coded), ``discourse`` (speakers, pronouns),
``roles`` (actor and recipient), ``modality``, ``places``.
"""
from __future__ import annotations

from .discourse import _Ctx
from . import parse_roles
from .lexicon import Lexicon, Match
from .modality import _Modality
from .morphology import analyse, tokenize
from .places import _Places
from .roles import _Roles
from .sentence import ActorMention, CodedEvent, Sentence, Unit, _uniq
from .triggers import (
    _comp_end, _cooperation_as_aid, _drop_protest_demands, _in_names, _merge, _suppressed, _trigger_voice,
    _verbish, _vows,
)
from .words import (
    AIM_ROOTS, AMOUNT_WORDS, BACKGROUND, CONJ, CONTEXT_WORDS, COPULA, DEMONSTR, FUTURE_TO_AGREE,
    NEEDS_RECIPIENT, PLAN_VERBS, PLEDGE, PREPS, PROMISE, PURPOSE, RECEIVE, RECIP_PREPS, SETTING_VERBS,
    THREAT_MODE, TIME_UNITS, TOPIC_ROOTS, TOPIC_VERBS, VERBAL_CONFLICT, WARN_CONSEQUENCE,
)

__all__ = ["ActorMention", "CodedEvent", "code_sentence"]

LEX: Lexicon | None = None


class _Coder(_Roles, _Modality, _Places):
    def __init__(self, ctx: _Ctx):
        self.c = ctx
        self.s = ctx.s

    def _coordinated_topic(self, ti: int) -> bool:
        """Token ti is a later conjunct of a noun phrase that is the topic of talks or the aim
        of a purpose clause: walk left over the coordination to the governing verb."""
        s = self.s
        k = ti - 1
        seen_conj = False
        while k >= 0 and ti - k <= 8:
            w = s.lower[k]
            if w in ("dan", "serta", "maupun", "atau"):
                seen_conj = True
            elif _verbish(w) or w in TOPIC_VERBS:
                if not seen_conj:
                    return False
                if w in TOPIC_VERBS or any(r in TOPIC_ROOTS for r, _, _ in analyse(w)):
                    return True
                return k > 0 and s.lower[k - 1] in PURPOSE and any(r in AIM_ROOTS for r, _, _ in analyse(w))
            elif w in ("tentang", "mengenai", "soal", "terkait", "seputar"):
                return seen_conj
            elif w in PREPS or w in CONJ or w == "yang" or (s.hard_before[k + 1] if k + 1 < len(s.toks) else False):
                return False
            elif s.punct_before[k + 1] and s.text[s.toks[k][1]:s.toks[k + 1][0]].strip() != ",":
                return False
            k -= 1
        return False

    def code(self, m: Match, sent_events: list[CodedEvent], forced_modality: str | None = None,
             forced_type: tuple[str, str | None] | None = None) -> CodedEvent | None:
        s, e = self.s, m.entry
        ti, tj = m.tokens[0], m.tokens[-1]
        word = s.toks[ti][2]
        v = _trigger_voice(m, word)
        if e.type == "NONE":
            return None
        if self._not_an_event(m, v, forced_type):
            return None
        units = self._argument_units(m, v)
        if units is None:
            return None
        actors, recips = units
        roles = self._roles(m, v, actors, recips, sent_events)
        if roles is None:
            return None
        act, rec, conf, loc, mode = roles
        modality, fut = self.modality(ti, tj, e.type)
        if forced_modality == "promise":
            # a promised act is future (a promise told as background keeps its modality)
            modality, fut = ("future" if modality == "asserted" else modality), True
        elif forced_modality is not None:
            modality, fut = forced_modality, True
        typ = e.type
        # the same visit or meeting told again ("Kunjungannya ke X ...", "Dia tiba di X ...",
        # "kunjungan Y ke X ini"): a nominal or an arrival adds no new event
        if typ == "CONSULT" and (v == "nominal" or s.lower[ti] == "tiba") and not self._dated() and \
                self._restated(act, rec, modality):
            return None
        typ, mode, planned, modality = self._retype(m, typ, mode, modality, fut, forced_type)
        ctx = list(e.contexts)
        for w in s.lower:
            c = CONTEXT_WORDS.get(w)
            if c and c not in ctx:
                ctx.append(c)
        # countries acting are their governments (militaries when fighting)
        act = [self._sector(a, typ) for a in act]
        rec = [self._sector(r, None) for r in rec]
        tense = "future" if (modality == "future" or fut) else "past" if (
            modality == "historical" or any(w in ("telah", "sudah", "pernah", "lalu") for w in s.lower[max(0, ti - 4):tj + 6])) else None
        if not act and not rec:
            return None
        trig = (s.toks[ti][0], s.toks[tj][1], self.s.text[s.toks[ti][0]:s.toks[tj][1]])
        return CodedEvent(type=typ, mode=mode, context=ctx, actors=act, recipients=rec, modality=modality,
                          trigger=trig, location=loc, attribution=self.c.attribution(ti), planned=planned,
                          confidence=round(conf if act else conf * 0.7, 2), tense=tense)

    def _not_an_event(self, m: Match, v: str, forced_type: tuple[str, str | None] | None) -> bool:
        """The trigger at ``m`` reports no event: inside a name or an attribution phrase, an anaphoric
        or predicate nominal, a topic or aim of talks, a purpose clause."""
        s, e = self.s, m.entry
        ti, tj = m.tokens[0], m.tokens[-1]
        flags = e.flags
        # a trigger word inside a name ("Asosiasi Bantuan untuk Tahanan Politik") is no trigger
        # (the mention itself, not its unit: a unit's leftward titles may be the trigger's own
        # words, "serangan udara militer Myanmar")
        t_char = s.toks[ti][0]
        if any(mm.start <= t_char < mm.end for u in s.units for mm in u.mentions):
            return True
        # inside an attribution phrase "Menurut perjanjian yang dinegosiasikan ..., "
        k = ti - 1
        while k >= 0 and not s.punct_before[k + 1]:
            if s.lower[k] in ("menurut", "dikutip", "dilansir", "mengutip"):
                return True
            k -= 1
        # nominal anaphora: "Kunjungan itu", "pertemuan tersebut" refer back to a coded event
        if v == "nominal" and tj + 1 < len(s.toks) and s.lower[tj + 1] in DEMONSTR:
            return True
        if v == "nominal" and tj + 2 < len(s.toks) and s.lower[tj + 2] in DEMONSTR and s.lower[tj + 1] in ("pertama", "kedua", "terbaru", "terakhir", "ini"):
            return True
        # ... also after its own arguments: "kunjungan Min ke Rusia ini" (not "pekan ini", "kali ini")
        if v == "nominal":
            for k in range(tj + 2, min(tj + 6, len(s.toks))):
                if s.punct_before[k] or _verbish(s.lower[k]):
                    break
                if s.lower[k] in DEMONSTR:
                    # (kept when the sentence goes on to say where or when it took place: that
                    # sentence gives the story its place)
                    nxt = s.lower[k + 1] if k + 1 < len(s.lower) else ""
                    if s.lower[k - 1] not in TIME_UNITS | {"kali", "saat", "hari", "sekarang", "masa"} and \
                            nxt not in SETTING_VERBS:
                        return True
                    break
        # a predicate nominal ("X adalah kunjungan pribadi") describes X, it reports no new event
        if v == "nominal" and ti > 0 and s.lower[ti - 1] in COPULA:
            return True
        # cooperation named as the topic of talks or the aim of an action ("membahas kerja sama",
        # "diskusi tentang kerja sama", "untuk meningkatkan kerja sama") is no act of cooperation
        # trade counted in money ("triliunan dolar perdagangan") is a figure, not an act
        if v == "nominal" and e.type == "COOPERATE" and ti > 0 and s.lower[ti - 1] in AMOUNT_WORDS:
            return True
        if v == "nominal" and e.type in ("COOPERATE", "AID") and ti > 0:
            p = ti - 1
            if s.lower[p] in ("tentang", "mengenai", "soal", "terkait", "seputar") and p > 0:
                p -= 1
            if s.lower[p] in TOPIC_VERBS or any(r in TOPIC_ROOTS for r, _, _ in analyse(s.lower[p])):
                return True
            if s.lower[p] in ("tentang", "mengenai", "soal", "terkait", "seputar"):
                return True
            if p > 0 and s.lower[p - 1] in PURPOSE and any(r in AIM_ROOTS for r, _, _ in analyse(s.lower[p])):
                return True
            # ... also as a later member of a coordinated topic ("membahas kerja sama maritim dan
            # perdagangan", "membahas investasi, energi, dan perdagangan")
            if self._coordinated_topic(ti):
                return True
        # purpose clauses ("untuk menghadiri ...") are intentions, not events
        p = ti - 1
        while p >= 0 and s.lower[p] in ("segera", "dapat", "bisa", "lebih", "ikut", "turut", "kembali"):
            p -= 1
        if p >= 0 and s.lower[p] in PURPOSE and "comp" not in flags and forced_type is None:
            q = p - 1
            if not (q >= 0 and s.lower[q] in PLAN_VERBS | PROMISE):
                return True
        return False

    def _argument_units(self, m: Match, v: str) -> tuple[list[Unit], list[Unit]] | None:
        """Actor and recipient noun phrases by the trigger's voice (None: a bare background nominal)."""
        s, e = self.s, m.entry
        ti, tj = m.tokens[0], m.tokens[-1]
        flags = e.flags
        actors: list[Unit] = []
        recips: list[Unit] = []
        bare_nominal_bg = v == "nominal" and ti > 0 and s.lower[ti - 1] in BACKGROUND
        receive = v == "nominal" and any(w in RECEIVE for w in s.lower[max(0, ti - 3):ti])
        if v == "passive" or receive:
            # the agent: an ``oleh`` phrase, or the party right after the verb or noun
            actors = self.oleh(tj) or self.bare_agent(tj)
            recips = self.subject(ti)
        elif "host" in flags:
            recips = self.subject(ti)
            actors = self.after(tj, {"dari"} | RECIP_PREPS)
        elif v == "nominal":
            gen = self.after(tj, set(), limit=2) if tj + 1 < len(s.toks) else []
            gen = [u for u in gen if u.t0 - tj <= 2]
            by = self.oleh(tj)
            if "antara" in s.lower[tj + 1:tj + 3]:
                actors = self.after(tj, {"antara"}, limit=3)
            elif by:
                actors = by
            elif gen:
                actors = gen
            if bare_nominal_bg and not actors:
                return None
            if not actors:
                actors = self.subject(ti)
            recips = self.after(tj, RECIP_PREPS, allow_bare=False)
            recips = [u for u in recips if u not in actors]
        else:
            actors = self.subject(ti)
            recips = self.after(tj, RECIP_PREPS)
            # "memperingatkan bahwa aparat akan ...": the subject of the warned clause carries
            # out the threat, it is not the one warned
            if "warn" in flags and tj + 1 < len(s.toks) and s.lower[tj + 1] == "bahwa":
                recips = []
        # --- parse hook: where the dependency parse finds an actor or recipient, it wins over the
        # word-order rules above; where it finds none, the rules' choice stays (parse_roles.py)
        if self.c.parse is not None and not receive and "host" not in flags:
            actors, recips = parse_roles.refine(self.c.parse, s, ti, v, actors, recips, self.c.excluded,
                                                self._group)
        return actors, recips

    def _roles(self, m: Match, v: str, actors: list[Unit], recips: list[Unit],
               sent_events: list[CodedEvent]) -> tuple[list, list, float, ActorMention | None, str | None] | None:
        """Actors and recipients as mentions, with the fallbacks (speakers, dropped subjects, visits,
        recipients by frame); the confidence, place and mode they give. None: a one-sided meeting."""
        s, e = self.s, m.entry
        ti, tj = m.tokens[0], m.tokens[-1]
        flags = e.flags
        # resolve units to mentions
        act = _uniq([m_ for u in actors for m_ in self.c.resolve(u, sent_events)])
        rec = _uniq([m_ for u in recips for m_ in self.c.resolve(u, sent_events)])
        if "nya" == s.lower[tj][-3:] and v == "nominal" and not act:
            act = _uniq([m_ for u in self.subject(ti) for m_ in self.c.resolve(u, sent_events)])
            if not act:
                act = self.c.resolve(Unit(tj, tj + 1, pron="sg"), sent_events)
        # a subjectless reason clause of a judgement ("menjatuhkan sanksi terhadap X karena membantu Y",
        # "memuji X karena ...", "X ditangkap karena menyerang Y"): the judged party did the act
        judged = self._reason_of_judgement(ti, sent_events) if v in ("active", "bare") else None
        if judged:
            act = judged
            rec = [x for x in rec if (x.name, x.code) not in {(a.name, a.code) for a in act}]
        # a speech act with no subject in the quote: the quoted speaker is the actor
        if not act and e.type in ("ACCUSE", "REJECT", "REQUEST", "SUPPORT", "AGREE", "THREATEN"):
            for u, k_, _ in self.c.speakers:
                if u.head is not None and u.head.sector != "JRN":
                    act = [u.head]
                    if not rec:
                        rec = _uniq([m_ for g in self.oleh(tj) for m_ in self.c.resolve(g, sent_events)])
                    break
        # dropped subject: continue the last actor of the discourse (not one the act is aimed at:
        # "Bertemu dengan X" after "Min mengunjungi X")
        conf = e.confidence
        if not act:
            aimed = {(x.name, x.code) for x in rec}
            for ev in list(sent_events[::-1]) + list(self.c.previous[::-1]):
                if ev.actors and not aimed & {(a.name, a.code) for a in ev.actors}:
                    act = list(ev.actors)
                    conf *= 0.7
                    break
        visit = "visit" in flags
        loc = self.location(ti, tj, visit)
        mode = e.mode
        if visit and not rec:
            if loc is not None:
                rec = [loc]
            else:
                for ev in list(sent_events[::-1]) + list(self.c.previous[::-1]):
                    if (ev.mode == "visit" or ev.planned == "CONSULT") and ev.recipients:
                        rec = list(ev.recipients[:1])
                        break
        if visit and act and rec:
            act = self._foreign_visitor(ti, act, rec, loc, sent_events)
        if e.type == "CONSULT" and not mode and loc is not None and act and rec:
            ac = {a.code for a in act}
            if loc.code and loc.code not in ac and loc.code in {r.code for r in rec}:
                mode = "visit"
        if e.type in ("ASSAULT", "COERCE", "MOBILIZE") and not rec and loc is not None and act:
            if loc.code and loc.code not in {a.code for a in act} and loc.type == "GPE":
                rec = [loc]
        if e.type in NEEDS_RECIPIENT and not rec:
            subj = [m_ for u in self.subject(ti) for m_ in self.c.resolve(u, sent_events)]
            rec = [x for x in subj if x not in act]
        if "recip" in flags and e.type not in ("CONSULT",) and rec and e.type in ("AGREE", "SUPPORT", "ASSAULT", "COOPERATE"):
            pass
        rec = [x for x in rec if (x.name, x.code) not in {(a.name, a.code) for a in act}]
        if not rec and act:
            rec = self._fallback_recipient(m, v, act, actors, sent_events)
        # a meeting needs two parties: a bare "pertemuan"/"membahas" with one side is not coded
        if e.type == "CONSULT" and "recip" in flags and not mode and len(act) + len(rec) < 2:
            return None
        return act, rec, conf, loc, mode

    def _retype(self, m: Match, typ: str, mode: str | None, modality: str, fut: bool,
                forced_type: tuple[str, str | None] | None) -> tuple[str, str | None, str | None, str]:
        """Type and mode as modality and the sentence's words change them (a planned cooperation is
        AGREE, a negated AGREE a REJECT, ...): ``(type, mode, planned, modality)``."""
        s, e = self.s, m.entry
        planned = None
        if fut and typ in FUTURE_TO_AGREE and modality != "negated":
            planned, typ = typ, "AGREE"
            mode = None
        elif fut and typ == "RETREAT" and modality != "negated":
            typ, mode = "CONCEDE", None
        if forced_type is not None:
            typ, mode = forced_type
            planned = None
        if typ == "AGREE" and modality == "asserted" and s.lower[m.tokens[0]] in PLEDGE:
            modality = "future"   # `siap membantu`, `berjanji menuntaskan`: the act is to come
        if typ == "AGREE" and modality == "negated":
            typ, modality, mode = "REJECT", "asserted", None
        if typ == "CONSULT" and e.mode == "multilateral" and mode is None:
            mode = "multilateral"
        # MOBILIZE: weapons rather than troops when only hardware is named
        if typ == "MOBILIZE" and mode == "troops":
            ws = set(s.lower)
            if ws & {"kapal", "rudal", "tank", "jet", "pesawat", "kapal-kapal"} and not ws & {"pasukan", "tentara", "prajurit", "personel"}:
                mode = "weapons"
        if typ == "ASSAULT" and mode in (None, "explosives"):
            ws = set(s.lower)
            if ws & {"udara", "jet", "pesawat", "helikopter"}:
                mode = "aerial"
            elif ws & {"nirawak", "drone"}:
                mode = "drone"
        return typ, mode, planned, modality


def code_sentence(text: str, start: int, end: int, mentions: list[ActorMention],
                  previous: list[CodedEvent] | None = None, anchor_country: str | None = None,
                  published: str | None = None, parse=None) -> list[CodedEvent]:
    """PLOVER events stated in ``text[start:end]``.

    ``mentions``: linked actor/place mentions inside the sentence (article offsets).
    ``previous``: events of the preceding sentences, oldest first, for pronouns and ellipsis.
    ``anchor_country``: the article's main country, given to unnamed domestic groups.
    ``published``: the publication date (ISO), used to tell old background events (historical).
    ``parse``: the sentence's dependency parse (``doc._.parses``), or None for rules alone.
    """
    global LEX
    if LEX is None:
        LEX = Lexicon.default()
    toks = tokenize(text, start, end)
    keys_of = LEX.keys_of
    if not any(keys_of(t[2]) for t in toks):
        return []
    sent = Sentence(text, start, end, [m for m in mentions if m.end > start and m.start < end])
    matches = LEX.find(sent.toks, text)
    if not matches:
        return []
    # a unit's leftward titles stop at a trigger's words ("serangan udara | militer Myanmar")
    for m in matches:
        last = m.tokens[-1]
        for u in sent.units:
            if u.mentions and u.t0 <= last < u.t1 and all(sent.toks[last][1] <= mm.start for mm in u.mentions):
                u.t0 = last + 1
    ctx = _Ctx(sent, previous, anchor_country, published, parse)
    coder = _Coder(ctx)
    drop = _suppressed(sent, matches) | _in_names(sent, matches)
    forced = _forced(sent, matches, drop)
    # "Jepang berjanji memberikan bantuan ...": a promise of cooperation is coded through the
    # promised act (future cooperation -> AGREE, planned AID) so that it keeps the act's recipient
    promised = {i: j for i, j in _vows(sent, matches, cooperative=True) if i >= 0 and i not in drop}
    aid_content = _cooperation_as_aid(sent, matches, drop)
    drop |= set(aid_content.values())
    events = _code_matches(coder, matches, drop, forced, promised, aid_content)
    return _merge(_drop_protest_demands(sent, events))


def _forced(sent: Sentence, matches: list[Match], drop: set[int]) -> dict[int, tuple]:
    """Modality and type forced on triggers by a vow or a warning (adds the vow words and
    warnings with no coercive content to ``drop``)."""
    forced: dict[int, tuple] = {}
    for i, j in _vows(sent, matches):
        # "berjanji untuk meminta ...": a promised conflictual act is that act, future; a vowed
        # attack or sanction is a threat (PLOVER: AGREE covers promises to cooperate only)
        typ = matches[j].entry.type
        if i >= 0:
            drop.add(i)
        drop.discard(j)
        if typ in VERBAL_CONFLICT:
            forced[j] = ("future", None)
        else:
            mode = THREAT_MODE.get(typ)
            if typ == "COERCE" and matches[j].entry.mode in ("arrest", "restrict"):
                mode = matches[j].entry.mode
            elif typ == "SANCTION":
                mode = "relations" if matches[j].entry.mode == "discontinue" else None
            forced[j] = ("asserted", ("THREATEN", mode))
    # "memperingatkan (bahwa) ...": a warning is a THREATEN only with coercive content, a
    # conflictual act or its repercussions (PLOVER: "coercive or forceful warnings"); the warned
    # act gives the mode ("... aparat akan membubarkan unjuk rasa" -> THREATEN restrict)
    for i, m in enumerate(matches):
        if i in drop or m.entry.type != "THREATEN" or "warn" not in m.entry.flags:
            continue
        end = _comp_end(sent, m.tokens[-1])
        inner = [o for o in matches[i + 1:] if o.tokens[0] < end and o.entry.type in THREAT_MODE]
        if inner:
            o = inner[0]
            mode = THREAT_MODE.get(o.entry.type)
            if o.entry.type == "COERCE" and o.entry.mode in ("arrest", "restrict"):
                mode = o.entry.mode
            elif o.entry.type == "SANCTION":
                mode = "relations" if o.entry.mode == "discontinue" else "expel" if o.entry.mode == "expel" else None
            forced[i] = (None, ("THREATEN", mode))
        elif not any(w in WARN_CONSEQUENCE for w in sent.lower[m.tokens[-1] + 1:end]):
            drop.add(i)
    return forced


def _code_matches(coder: _Coder, matches: list[Match], drop: set[int], forced: dict[int, tuple],
                  promised: dict[int, int], aid_content: dict[int, int]) -> list[CodedEvent]:
    """Code each trigger not dropped, promises through the promised act, cooperation as aid."""
    events: list[CodedEvent] = []
    for i, m in enumerate(matches):
        if i in drop:
            continue
        if i in promised:
            j = promised[i]
            ev = coder.code(matches[j], events, forced_modality="promise")
            drop.add(j)
            if ev is not None:
                events.append(ev)
                continue
        f = forced.get(i)
        ev = coder.code(m, events, forced_modality=f[0] if f else None, forced_type=f[1] if f else None)
        if ev is not None and i in aid_content and ev.type == "COOPERATE":
            aid = matches[aid_content[i]].entry
            ev.type, ev.mode = "AID", aid.mode
            ev.context = list(dict.fromkeys(list(aid.contexts) + ev.context))
        if ev is not None:
            events.append(ev)
    return events


def trigger_modality(text: str, start: int, end: int, trigger: tuple[int, int],
                     published: str | None = None, typ: str | None = None) -> str:
    """The rules' modality of an act whose trigger spans ``text[trigger[0]:trigger[1]]`` in the
    sentence ``text[start:end]`` (negation, future, hypothetical cues and historical framing
    around the trigger, as :meth:`_Modality.modality` decides them for a lexicon trigger);
    "asserted" when the trigger is not a word of the sentence; ``typ``: the act's PLOVER type."""
    sent = Sentence(text, start, end, [])
    ti = next((k for k, (s, e, _) in enumerate(sent.toks) if s <= trigger[0] < e), None)
    if ti is None:
        return "asserted"
    tj = max(ti, next((k for k, (s, e, _) in enumerate(sent.toks) if s < trigger[1] <= e), ti))
    return _Coder(_Ctx(sent, None, None, published, None)).modality(ti, tj, typ)[0]
