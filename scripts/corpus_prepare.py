#!/usr/bin/env python3
"""Draw the annotation corpus from IndoSum and undo its tokenisation.

usage: python3 scripts/corpus_prepare.py [--indosum ../shared/corpora/indosum/articles.jsonl]

Writes `corpus/texts/<upstream id>.txt` (detokenised body), `corpus/input.jsonl` (warta input
lines with the publication date taken from the id's Unix time, in Asia/Jakarta), and
`corpus/selection.json` (which articles, why, and the frozen splits). The draw is seeded and
stratified by topic so that domestic politics, law and police, international relations,
protest, Papua, disasters and terrorism are all present, plus articles of the sport, showbiz,
technology and lifestyle categories, which should hold no political event.

The test split and the double-annotation sample are drawn here, once, before any model or
rule is tuned on the corpus; re-running with the same inputs reproduces them exactly.
"""
from __future__ import annotations

import argparse
import json
import random
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261129
WIB = timezone(timedelta(hours=7))

# (name, pattern over the upstream text, how many political articles to draw)
TOPICS = [
    ("law", r"\b(KPK|korupsi|polisi|Polri|Polda|Polres|jaksa|Kejaksaan|Kejagung|pengadilan|hakim|"
            r"ditangkap|tersangka|terdakwa|vonis|Bareskrim|Densus|BNN|suap|Tipikor)\b", 90),
    ("politics", r"\b(DPR|DPRD|Pilkada|partai|Pemilu|KPU|Bawaslu|gubernur|bupati|wali kota|"
                 r"Jokowi|Ketua Umum|menteri|Istana)\b", 70),
    ("international", r"\b(Amerika Serikat|Rusia|China|Tiongkok|PBB|Korea Utara|Suriah|Israel|"
                      r"Palestina|Myanmar|Rohingya|Trump|Iran|Arab Saudi|Filipina|Malaysia)\b", 50),
    ("protest", r"\b(demo|unjuk rasa|demonstran|pengunjuk rasa|buruh|mogok|aksi massa)\b", 25),
    ("papua", r"\b(Papua|KKB|OPM|separatis|Poso|kelompok bersenjata)\b", 15),
    ("disaster", r"\b(gempa|banjir|longsor|bencana|BNPB|BPBD|erupsi|tsunami)\b", 15),
    ("terror", r"\b(teroris|terorisme|bom|ISIS|radikal)\b", 15),
    ("other", r".", 10),
]
NONPOLITICAL = [("olahraga", 30), ("teknologi", 22), ("showbiz", 15), ("hiburan", 13), ("inspirasi", 5)]
EXTRA_POLITICAL = (70, 20, 6)  # later draws (training split only), added while the corpus fell short of 2,000 events
MIN_CHARS, MAX_CHARS = 1800, 6500
TEST_SHARE = 0.2      # frozen test split: 20 % of each stratum
DOUBLE_SHARE = 0.2    # annotated a second time, independently
DOUBLE_EXTRA = 20     # a second double-annotation sample, over the later draws too, to keep 20 % of all
EXTRA_LATE = 90       # a last draw from all headline news (2026-11-30; training split only, annotated once)
# and then by topic, where the corpus was thinnest against unseen news (2026-11-30; training only, annotated once)
EXTRA_TOPICAL = (("international", 57), ("law", 48), ("politics", 15))  # all 57 international ones left
EXTRA_REST = 96       # and a last one from the headline news left (2026-11-30; training only, annotated once)
# then short headline news (SHORT_CHARS up to MIN_CHARS characters), which the length range had left out
# (2026-12-02; training only, annotated once)
EXTRA_SHORT = 160
SHORT_CHARS = 800
# and last, every headline-news article left in the length range, with more short ones to make up
# eight batches of twenty (2026-12-02; training only, annotated once)
EXTRA_LAST = 97
EXTRA_SHORT_LAST = 63


def detokenise(text: str) -> str:
    """Undo IndoSum's tokenisation: `Senin ( 27 / 3 ) .` -> `Senin (27/3).`"""
    out = []
    for para in text.split("\n"):
        out.append(_detok_line(para))
    return "\n".join(out)


def _detok_line(s: str) -> str:
    s = re.sub(r"(\d) ([/:.,]) (\d)", r"\1\2\3", s)          # 27 / 3, 10 : 00, 1 . 000
    s = re.sub(r" ([,.;:?!%)\]}])", r"\1", s)
    s = re.sub(r"([(\[{]) ", r"\1", s)
    s = s.replace("“ ", "“").replace(" ”", "”").replace("‘ ", "‘").replace(" ’", "’")
    s = re.sub(r"- -", "--", s)
    s = _pair_quotes(s, '"')
    s = _pair_quotes(s, "'")
    return s


def _pair_quotes(s: str, q: str) -> str:
    """Alternate a free-standing quote between opening (glued right) and closing (glued left)."""
    toks = s.split(" ")
    out: list[str] = []
    opening, glue_next = True, False
    for tok in toks:
        if tok == q:
            if opening:
                out.append(q)
                glue_next = True
            elif out:
                out[-1] += q
            else:
                out.append(q)
            opening = not opening
            continue
        if glue_next and out:
            out[-1] += tok
        else:
            out.append(tok)
        glue_next = False
    return " ".join(out)


def published(upstream_id: str) -> str:
    return datetime.fromtimestamp(int(upstream_id.split("-")[0]), WIB).date().isoformat()


def _by_id(articles) -> list[dict]:
    return sorted(articles, key=lambda a: a["id"])


def _draw(rng: random.Random, pool: list[dict], n: int, stratum: str, kind: str, taken: set[str],
          chosen: list[tuple[str, str, dict]]) -> None:
    """``n`` articles of ``pool`` at random, into ``chosen`` under ``stratum`` and ``kind``."""
    for a in rng.sample(pool, n):
        taken.add(a["id"])
        chosen.append((stratum, kind, a))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--indosum", default=str(ROOT.parent / "shared/corpora/indosum/articles.jsonl"))
    args = ap.parse_args()
    arts = [json.loads(line) for line in open(args.indosum, encoding="utf-8")]
    rng = random.Random(SEED)
    taken: set[str] = set()
    chosen: list[tuple[str, str, dict]] = []   # (stratum, kind, article)
    headline = [a for a in arts if a["category"] == "tajuk utama" and MIN_CHARS <= len(a["text"]) <= MAX_CHARS]
    for name, pattern, n in TOPICS:
        pool = [a for a in headline if a["id"] not in taken and re.search(pattern, a["text"])]
        _draw(rng, pool, min(n, len(pool)), name, "political", taken, chosen)
    for cat, n in NONPOLITICAL:
        pool = [a for a in arts if a["category"] == cat and a["id"] not in taken and 800 <= len(a["text"]) <= MAX_CHARS]
        _draw(rng, pool, min(n, len(pool)), cat, "nonpolitical", taken, chosen)

    test, double = set(), set()
    strata: dict[str, list[str]] = {}
    for stratum, _, a in chosen:
        strata.setdefault(stratum, []).append(a["id"])
    for ids in strata.values():
        ids = sorted(ids)
        test.update(rng.sample(ids, round(len(ids) * TEST_SHARE)))
        double.update(rng.sample(ids, round(len(ids) * DOUBLE_SHARE)))

    # drawn after the splits, so the first draw and the frozen test split stay exactly as they were
    for n in EXTRA_POLITICAL:
        _draw(rng, _by_id(a for a in headline if a["id"] not in taken), n, "extra", "political", taken, chosen)

    pool = sorted(a["id"] for _, _, a in chosen if a["id"] not in double)
    double.update(rng.sample(pool, DOUBLE_EXTRA))

    # drawn after everything above, so that every earlier draw, split and sample stays as it was
    _draw(rng, _by_id(a for a in headline if a["id"] not in taken), EXTRA_LATE, "late", "political", taken, chosen)
    patterns = {name: pattern for name, pattern, _ in TOPICS}
    for name, n in EXTRA_TOPICAL:
        pool = _by_id(a for a in headline if a["id"] not in taken and re.search(patterns[name], a["text"]))
        _draw(rng, pool, n, f"late-{name}", "political", taken, chosen)
    _draw(rng, _by_id(a for a in headline if a["id"] not in taken), EXTRA_REST, "late-rest", "political", taken, chosen)
    short = [a for a in arts if a["category"] == "tajuk utama" and SHORT_CHARS <= len(a["text"]) < MIN_CHARS]
    _draw(rng, _by_id(a for a in short if a["id"] not in taken), EXTRA_SHORT, "late-short", "political", taken, chosen)
    _draw(rng, _by_id(a for a in headline if a["id"] not in taken), EXTRA_LAST, "late-last", "political", taken, chosen)
    _draw(rng, _by_id(a for a in short if a["id"] not in taken), EXTRA_SHORT_LAST, "late-short-last", "political", taken,
          chosen)

    texts = ROOT / "corpus" / "texts"
    texts.mkdir(parents=True, exist_ok=True)
    rows = []
    with open(ROOT / "corpus" / "input.jsonl", "w", encoding="utf-8") as inp:
        for stratum, kind, a in sorted(chosen, key=lambda c: c[2]["id"]):
            doc = a["id"] + ".txt"
            body = detokenise(a["text"])
            (texts / doc).write_text(body + "\n", encoding="utf-8")
            inp.write(json.dumps({"id": doc, "text": body + "\n", "published": published(a["id"]),
                                  "source": a["source"], "url": a["source_url"]}, ensure_ascii=False) + "\n")
            rows.append({"doc": doc, "upstream_id": a["id"], "source": a["source"], "category": a["category"],
                         "stratum": stratum, "kind": kind, "published": published(a["id"]),
                         "split": "test" if a["id"] in test else "train", "double": a["id"] in double})
    (ROOT / "corpus" / "selection.json").write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
    print(f"{len(rows)} articles: {sum(r['kind'] == 'political' for r in rows)} political, "
          f"{sum(r['split'] == 'test' for r in rows)} test, {sum(r['double'] for r in rows)} double")


if __name__ == "__main__":
    main()
