"""Where an event took place: the place named in its clause."""
from __future__ import annotations

from .sentence import ActorMention
from .words import TITLES


class _Places:
    """The place of the act. Mixed into the coder (``self.s``: the sentence, ``self.c``: its context)."""

    def location(self, ti: int, tj: int, visit: bool) -> ActorMention | None:
        s = self.s
        best = None
        for u in s.units:
            if u.pron or not u.mentions:
                continue
            places = [m for m in u.mentions if m.type in ("GPE", "LOC")]
            if not places:
                continue
            p = u.t0 - 1
            while p >= 0 and s.lower[p] in TITLES | {"ibu", "kota", "desa", "wilayah", "provinsi", "negara", "kawasan"}:
                p -= 1
            w = s.lower[p] if p >= 0 else ""
            if w == "di" or (visit and w in ("ke", "menuju")):
                if best is None or abs(u.t0 - tj) < abs(best[0] - tj):
                    best = (u.t0, places[0])
        return best[1] if best else None
