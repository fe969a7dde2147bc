"""Merging keeps apart what happened in different places or on different days (issue #20).

Articles written for this test: the Israeli military striking Hezbollah positions. Two outlets
reporting the strike in Syria on Monday 6 March 2023 are one real-world event; a strike the
same day in Lebanon is another; a strike in Syria on Thursday 9 March is a third. The merge
pairs annotated on the dev articles (``tests/data/merge_pairs.jsonl``) are scored with
``scripts/eval_merge.py`` and gated on the precision and recall measured when they were made.
"""
from __future__ import annotations

import importlib.util
import json
import os
from pathlib import Path

import pytest

from warta.api import ingest
from warta.store.store import Store

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WARTA_SHARED", REPO.parent / "shared"))

SYRIA_MON_A = ("Yerusalem (ANTARA) - Militer Israel menyerang posisi Hizbullah di Suriah pada Senin (6/3/2023), "
               "kata juru bicara militer.")
SYRIA_MON_B = ("Damaskus (ANTARA) - Militer Israel menyerang posisi Hizbullah di Suriah pada Senin (6/3/2023), "
               "menurut kantor berita pemerintah.")
LEBANON_MON = ("Beirut (ANTARA) - Militer Israel menyerang posisi Hizbullah di Lebanon pada Senin (6/3/2023), "
               "kata seorang pejabat setempat.")
SYRIA_THU = ("Damaskus (ANTARA) - Militer Israel menyerang posisi Hizbullah di Suriah pada Kamis (9/3/2023), "
             "menurut kantor berita pemerintah.")


def _clusters(tmp_path, articles):
    """{article id: set of canonical event ids of its ASSAULT reports}, after ingesting them."""
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps({"id": k, "text": t, "published": p}) for k, t, p in articles),
                   encoding="utf-8")
    with Store(tmp_path / "m.db") as store:
        assert ingest([str(src)], store).ok
        out: dict[str, set] = {}
        for r in store.events(limit=None):
            if r["event"] == ["ASSAULT"]:
                out.setdefault(r["doc"], set()).add(r["cluster"])
    assert sorted(out) == sorted(k for k, _, _ in articles), out   # every article has its strike
    assert all(len(v) == 1 for v in out.values()), out
    return {k: next(iter(v)) for k, v in out.items()}


def test_merge_places_and_days_same_event_from_two_outlets_is_one(tmp_path):
    c = _clusters(tmp_path, [("a", SYRIA_MON_A, "2023-03-06"), ("b", SYRIA_MON_B, "2023-03-07")])
    assert c["a"] == c["b"]


def test_merge_places_and_days_same_day_different_countries_kept_apart(tmp_path):
    c = _clusters(tmp_path, [("syria", SYRIA_MON_A, "2023-03-06"), ("lebanon", LEBANON_MON, "2023-03-06")])
    assert c["syria"] != c["lebanon"]


def test_merge_places_and_days_same_place_different_days_kept_apart(tmp_path):
    c = _clusters(tmp_path, [("mon", SYRIA_MON_B, "2023-03-07"), ("thu", SYRIA_THU, "2023-03-10")])
    assert c["mon"] != c["thu"]


def test_merge_places_and_days_all_four_make_three_events(tmp_path):
    c = _clusters(tmp_path, [("a", SYRIA_MON_A, "2023-03-06"), ("b", SYRIA_MON_B, "2023-03-07"),
                             ("lebanon", LEBANON_MON, "2023-03-06"), ("thu", SYRIA_THU, "2023-03-10")])
    assert len(set(c.values())) == 3 and c["a"] == c["b"]


# the floors measured when the pairs were annotated (README, "One event, many reports")
MERGE_PRECISION_FLOOR = 1.0
MERGE_RECALL_FLOOR = 0.9


def test_merge_places_and_days_annotated_pairs_gate(tmp_path):
    dev = SHARED / "gold" / "dev-input.jsonl"
    if not dev.exists():
        pytest.skip("the shared dev articles are not beside the repository (set WARTA_SHARED)")
    spec = importlib.util.spec_from_file_location("eval_merge", REPO / "scripts" / "eval_merge.py")
    em = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(em)
    with Store(tmp_path / "dev.db") as store:
        assert ingest([str(dev)], store).ok
        res, wrong, _missing = em.score_pairs(store, REPO / "tests" / "data" / "merge_pairs.jsonl")
    assert res["pairs"] == sum(1 for _ in open(REPO / "tests" / "data" / "merge_pairs.jsonl"))
    assert res["precision"] >= MERGE_PRECISION_FLOOR, wrong
    assert res["recall"] >= MERGE_RECALL_FLOOR, wrong
    # every pair annotated "different" stays apart
    assert not [p for p in wrong if p["label"] == "different"]
