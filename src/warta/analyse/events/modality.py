"""Modality of an event: asserted, future, hypothetical, negated or historical (told as
older background), and events restated rather than new."""
from __future__ import annotations

import re

from ..temporal import TIME_WORDS
from .words import (
    AUX, BACKGROUND, CARRIER_VERBS, COMPLEMENT_IF, DATE_RX, DAY_WORDS, EPOCH_NOUNS, FUT, FUT_AFTER, HARD_CONJ, HYPO,
    HYPO_NEAR, KNOWING_VERBS, LONG_UNITS, MONTHS, NEG, NUMBER_WORDS, PLAN_VERBS, PRESENT, SPEECH_VERBS, TIME_UNITS,
    VERBAL_ACTS, YEAR,
)

#: what comes before a year that numbers a regulation: "Nomor 20 Tahun ", "No 31/", "PP 99/" (not
#: a date's "12/3/")
_REGULATION_YEAR = re.compile(
    r"(?i:\b(?:nomor|no\.?|nmr\.?)\s*\d+[\w.-]*\s*(?:tahun|thn\.?|th\.?|/)\s*"
    r"|\b(?:uu|pp|perppu|perpres|permen\w*|perda|perkap|perma|keppres|inpres|kepmen\w*|pergub|perbup|perwali)"
    r"\)?\s+\d+\s*/\s*)$")   # "PP 99/2012", "Peraturan Pemerintah (PP) 99/2012"


class _Modality:
    """What is said of the act: did it happen, will it, might it. Mixed into the coder (``self.s``: the sentence, ``self.c``: its context)."""

    # -- modality ---------------------------------------------------------------
    def modality(self, ti: int, tj: int, typ: str | None = None) -> tuple[str, bool]:
        """(modality, future_marked); ``typ``: the trigger's type in the lexicon, where known."""
        s = self.s
        # negation directly before the trigger, across auxiliaries, plans (``belum berencana
        # memeriksa``) and a verb whose object the trigger is (``tak mengajukan banding``) only
        k = ti - 1
        negated = False
        while k >= 0 and ti - k <= 4:
            w = s.lower[k]
            if w in NEG:
                negated = True
                break
            if w not in AUX and w not in FUT and not (k == ti - 1 and w in CARRIER_VERBS):
                break
            k -= 1
        near = s.lower[max(0, ti - 3):ti]
        fut = any(w in FUT for w in s.lower[max(0, ti - 6):ti]) or \
            any(w in FUT_AFTER and (w != "depan" or s.lower[k - 1] in TIME_UNITS)
                for k, w in enumerate(s.lower[tj + 1:tj + 8], tj + 1)) or self._future_span(tj)
        hypo = any(w in HYPO and self._conditional_over(k, ti, typ) for k, w in enumerate(s.lower[:ti])) or \
            any(w in HYPO_NEAR and not (w in ("dapat", "bisa") and "tidak" in near) for w in near)
        if any(w in ("kemungkinan", "diperkirakan") for w in near) and "akan" in near and "apakah" not in s.lower[:ti]:
            hypo = False
        if negated:
            return "negated", fut
        if hypo:
            return "hypothetical", fut
        if fut and typ == "THREATEN":
            # a threat is a conditional act to come said now: PLOVER codes the single category,
            # not THREATEN + future (corpus training folds: 73 of 86 gold threats asserted, 1 future)
            return ("historical" if self.historical(ti, tj) else "asserted"), True
        if fut:
            return "future", True
        if self.historical(ti, tj):
            return "historical", False
        return "asserted", False

    def _conditional_over(self, k: int, ti: int, typ: str | None) -> bool:
        """Whether the cue ``jika``/``apakah``/... at token k makes the trigger at ti a condition or
        its consequence. Not when the cue reads "that" after a verb of saying or knowing
        (``menegaskan bila hal itu tidak benar``), nor when the trigger is a verbal act (a threat, an
        appeal, an accusation) said in the main clause after the condition has closed, with no
        plan or possibility of its own (``Jika tetap mangkir, polisi mengancam ...``: the threat
        was made; ``menegaskan jika X, dirinya akan ...`` is still a condition). Corpus training
        folds: 13 of the 14 gold events of sentences whose every such cue follows a verb of saying
        or knowing are asserted, and 17 of the 24 verbal acts of sentences that open with one."""
        s = self.s
        if s.lower[k] not in COMPLEMENT_IF:
            return True
        # the condition's clause ends at the first comma or "maka" after the cue
        end = next((j for j in range(k + 2, ti + 1)
                    if s.lower[j] == "maka" or (s.punct_before[j] and s.text[s.toks[j - 1][1]:s.toks[j][0]].strip() == ",")),
                   None)
        if end is None:   # the trigger is in the cue's clause: a condition, unless the cue reads "that"
            return not (k > 0 and not s.punct_before[k] and (
                s.lower[k - 1] in SPEECH_VERBS or s.lower[k - 1] in KNOWING_VERBS))
        if typ not in VERBAL_ACTS:
            return True
        between = s.lower[end:ti]
        return any(w in FUT or w in HYPO_NEAR or w in PLAN_VERBS or w in HYPO for w in between)

    def _future_span(self, tj: int) -> bool:
        """A time span ahead follows the trigger in its clause: "dalam waktu dua bulan",
        "dalam waktu dekat", "tiga hari lagi", "lima tahun ke depan"."""
        s = self.s
        n = len(s.toks)
        hi = min(n, tj + 16)
        for k in range(tj + 1, hi):
            if k > tj + 1 and s.hard_before[k]:
                break
            w = s.lower[k]
            if w == "waktu" and k > 0 and s.lower[k - 1] == "dalam" and k + 1 < n:
                nxt = s.lower[k + 1]
                if nxt == "dekat":
                    return True
                if (nxt in NUMBER_WORDS or nxt.isdigit()) and k + 2 < n and s.lower[k + 2] in TIME_UNITS:
                    return True
            if w in TIME_UNITS and k > 0 and (s.lower[k - 1] in NUMBER_WORDS or s.lower[k - 1].isdigit()):
                if k + 1 < n and s.lower[k + 1] == "lagi":
                    return True
                if k + 2 < n and s.lower[k + 1] == "ke" and s.lower[k + 2] == "depan":
                    return True
        return False

    def _duration_before(self, k: int) -> bool:
        """Tokens before k measure a span of a year or more ("dua tahun", "lebih dari satu dekade")."""
        s = self.s
        if k < 1:
            return False
        u = s.lower[k - 1]
        if u in ("setahun", "sedekade", "sewindu"):
            return True
        if u in LONG_UNITS and k >= 2 and (s.lower[k - 2] in NUMBER_WORDS or s.lower[k - 2].isdigit()):
            return True
        # "tiga bulan setelah": three months or more is background to the news of the day
        if u == "bulan" and k >= 2:
            q = s.lower[k - 2]
            if q in ("tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas",
                     "beberapa", "puluhan", "belasan") or (q.isdigit() and int(q) >= 3):
                return True
        return False

    def _landmark_anchor(self, ti: int) -> bool:
        """The clause is told relative to an epoch-making event with no date of its own:
        "setelah kudeta", "pascainvasi", "usai meluncurkan kudeta" (and no present marker)."""
        s = self.s
        n = len(s.toks)
        lm = None
        if not any(w in EPOCH_NOUNS or w.startswith("pasca") for w in s.lower):
            return False
        for k, w in enumerate(s.lower):
            if w.startswith("pasca") and len(w) > 5:
                rest = w[5:].lstrip("-")
                if rest in EPOCH_NOUNS:
                    lm = (k, k)
                    break
            if w in ("setelah", "pasca", "usai", "sesudah", "seusai"):
                for j in range(k + 1, min(n, k + 4)):
                    if j > k + 1 and s.punct_before[j]:
                        break
                    if s.lower[j] in EPOCH_NOUNS:
                        lm = (k, j)
                        break
                if lm:
                    break
        if lm is None or lm[0] <= ti <= lm[1]:
            return False
        py = self.c.pub_year
        if any(w in PRESENT or w in ("kemarin", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu")
               or (YEAR.match(w) and (py is None or int(w) >= py)) for w in s.lower):
            return False
        return not any(s.lower[k] == "ini" and s.lower[k - 1] in ("hari", "pekan", "minggu", "bulan", "tahun")
                       for k in range(1, n))

    def historical(self, ti: int, tj: int) -> bool:
        s = self.s
        # the trigger sits inside a "sejak ..." phrase, an epoch noun inside "setelah ..." /
        # "pascakudeta", or a phrase dated by a long span ("dua tahun setelah ...")
        k = ti - 1
        if s.lower[ti].startswith("pasca") and len(s.lower[ti]) > 5:
            return True
        while k >= 0 and not s.punct_before[k + 1]:
            if s.lower[k] == "sejak":
                return True
            if s.lower[k] in BACKGROUND:
                if self._duration_before(k):
                    return True
                if any(w in EPOCH_NOUNS for w in s.lower[ti:tj + 1]):
                    return True
                break
            if s.lower[k] in HARD_CONJ:
                break
            k -= 1
        if self._landmark_anchor(ti):
            return True
        # "Selama satu dekade terakhir, X telah ..." / "dalam dua tahun terakhir"
        for k in range(1, ti):
            if s.lower[k] == "terakhir" and (s.lower[k - 1] in LONG_UNITS or s.lower[k - 1] in ("beberapa",)):
                j = k - 1
                while j > 0 and k - j < 6 and s.lower[j] not in ("selama", "dalam", "sepanjang"):
                    j -= 1
                if s.lower[j] in ("selama", "dalam", "sepanjang") and (
                        self._duration_before(k) or s.lower[k - 2] in ("beberapa",) or s.lower[k - 1] == "beberapa"):
                    return True
        if "silam" in s.lower or ("pertama" in s.lower and "kali" in s.lower):
            return True
        n = len(s.toks)
        for k in range(n - 1):
            if s.lower[k] == "tahun" and s.lower[k + 1] == "lalu" and not self._in_background(k, ti):
                return True
        if self.c.pub_year:
            for k, w in enumerate(s.lower):
                if YEAR.match(w) and int(w) < self.c.pub_year and not self._in_background(k, ti):
                    if k > 0 and s.lower[k - 1] in ("pemilu", "pemilihan") or self._names_a_thing(k):
                        continue
                    return True
        return False

    def _names_a_thing(self, k: int) -> bool:
        """The year token k is part of a name, not a time: a regulation's number (``UU Nomor 20
        Tahun 2001``, ``UU No 31/1999``, ``PP 99/2012``) or a budget year (``tahun anggaran 2007``,
        ``TA 2016``). A law cited or a budget named in a report of today's arrest does not make the
        arrest old (corpus folds: 12 of 15 such events matched to gold are asserted there)."""
        s = self.s
        before = s.text[max(s.start, s.toks[k][0] - 40):s.toks[k][0]]
        budget = k > 0 and (s.lower[k - 1] == "anggaran" or s.toks[k - 1][2] == "TA")
        return budget or bool(_REGULATION_YEAR.search(before)) or self._span_of_a_thing(k)

    def _span_of_a_thing(self, k: int) -> bool:
        """The year token k is one end of a span of years right after a noun, with no word of time
        before it (``korupsi pembangunan pasar 2009 - 2012``): that thing's period."""
        s = self.s
        j = k - 1 if k > 0 and YEAR.match(s.lower[k - 1]) else k   # the span's first year
        if j + 1 >= len(s.toks) or not YEAR.match(s.lower[j + 1]) or j == 0:
            return False
        gap = s.text[s.toks[j][1]:s.toks[j + 1][0]].strip().lower()
        return gap in ("-", "–", "sampai", "hingga", "s/d") and s.lower[j - 1].isalpha() \
            and s.lower[j - 1] not in TIME_WORDS

    def _in_background(self, k: int, ti: int) -> bool:
        """Token k lies in a sejak/setelah/... phrase that does not hold the trigger ti."""
        s = self.s
        j = k
        while j > 0 and not s.punct_before[j]:
            if s.lower[j - 1] in BACKGROUND:
                lo = j - 1
                hi = k
                while hi < len(s.toks) - 1 and not s.punct_before[hi + 1]:
                    hi += 1
                return not (lo <= ti <= hi)
            if s.lower[j - 1] in HARD_CONJ:
                break
            j -= 1
        return False

    # -- one trigger ---------------------------------------------------------------
    def _dated(self) -> bool:
        """The sentence names a day or a date of its own (then a retelling adds the date)."""
        s = self.s
        if DATE_RX.search(s.text, s.start, s.end):
            return True
        n = len(s.lower)
        return any(w in DAY_WORDS or w in MONTHS or YEAR.match(w) or
                   (w in ("lalu", "silam") and k and s.lower[k - 1] in TIME_UNITS) for k, w in enumerate(s.lower)) \
            and n > 0

    def _restated(self, act, rec, modality) -> bool:
        an = {a.name for a in act}
        ac = {a.code for a in act if a.code}
        rc = {r.code for r in rec if r.code}
        for ev in self.c.previous:
            if ev.type != "CONSULT" or ev.modality != modality:
                continue
            ean = {a.name for a in ev.actors}
            eac = {a.code for a in ev.actors if a.code}
            erc = {r.code for r in ev.recipients if r.code}
            same_actor = bool(an & ean) or (not act) or (bool(ac & eac) and not (ac & erc))
            if same_actor and rc and rc & (erc | {ev.location.code} if ev.location else erc):
                return True
        return False
