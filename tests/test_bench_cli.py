"""``warta bench``: the corpus and the figures (fields present and sane; no timing assertions)."""
from __future__ import annotations

import json

from typer.testing import CliRunner

from warta import bench
from warta.cli import app


def test_corpus_is_deterministic_distinct_and_has_boilerplate():
    a = [x.text for x in bench.build_corpus(30, seed=7)]
    assert a == [x.text for x in bench.build_corpus(30, seed=7)]
    assert a != [x.text for x in bench.build_corpus(30, seed=8)]
    assert len(set(a)) == 30
    assert all("Copyright © ANTARA" in t and ("Pewarta:" in t or "Editor:" in t or "Penerjemah:" in t) for t in a)
    assert all(" - " in t.split("\n", 1)[0] or " -- " in t.split("\n", 1)[0] for t in a)  # a dateline
    assert len({x.doc for x in bench.build_corpus(30)}) == 30
    gen = bench.build_corpus(10**9)  # a generator: nothing is built before it is asked for
    assert next(gen).doc.endswith("000000.txt")


def test_bench_json_fields_are_present_and_sane(tmp_path):
    db = tmp_path / "bench.db"
    res = CliRunner().invoke(app, ["bench", "--articles", "20", "--json", "--db", str(db)])
    assert res.exit_code == 0, res.output
    r = json.loads(res.stdout.strip().splitlines()[-1])
    assert r["articles"] == 20 and r["stored"] == 20 and r["unchanged"] == 0 and r["db"] == "sqlite"
    assert r["chars"] > 0 and r["tokens"] > 0 and r["sentences"] >= 20 and r["events"] >= 0
    for key in ("total_s", "articles_per_s", "pipeline_articles_per_s", "tokenizer_s", "tokenizer_articles_per_s",
                "ratio_to_tokenizer", "pipeline_ratio_to_tokenizer", "peak_rss_mb", "build_s"):
        assert isinstance(r[key], (int, float)) and r[key] > 0, key
    stages = r["stages_ms"]
    for stage in ("clean", "sentences", "language", "entities", "events", "records", "store"):
        assert stage in stages and stages[stage] >= 0, stage
        assert stage in r["stages_ms_per_article"]
    assert abs(sum(stages.values()) / 1000 - r["total_s"]) <= 0.5 * r["total_s"] + 0.05
    assert r["rss_growth_mb"] is None or r["rss_growth_mb"] >= 0
    assert set(r["long_line_us_per_char"]) == {"5000", "50000"}  # time per character of a long line: measured
    assert all(v > 0 for v in r["long_line_us_per_char"].values())
    # the store holds the corpus; a second run into it stores nothing new
    from warta.store.store import Store

    with Store(db) as s:
        assert s.count()["documents"] == 20
    res = CliRunner().invoke(app, ["bench", "--articles", "20", "--json", "--db", str(db)])
    r2 = json.loads(res.stdout.strip().splitlines()[-1])
    assert (r2["stored"], r2["unchanged"]) == (0, 20)


def test_bench_text_report():
    res = CliRunner().invoke(app, ["bench", "--articles", "3"])
    assert res.exit_code == 0, res.output
    for words in ("articles/s", "per stage", "entities", "store", "tokenizer", "ratio", "peak memory",
                  "no full stop", "µs/character"):
        assert words in res.stdout, words


def test_bench_ingest_blocks_cover_every_article_and_the_store_holds_them(tmp_path):
    """``--block``: the synthetic corpus ingested into one store, measured per block of articles."""
    db = tmp_path / "grow.db"
    res = CliRunner().invoke(app, ["bench", "--articles", "12", "--block", "5", "--json", "--db", str(db)])
    assert res.exit_code == 0, res.output
    r = json.loads(res.stdout.strip().splitlines()[-1])
    assert [b["articles"] for b in r["blocks"]] == [5, 5, 2] and r["articles"] == r["stored"] == 12
    for b in r["blocks"]:
        assert b["seconds"] > 0 and b["articles_per_s"] > 0
        assert set(b["ms_per_article"]) == {"analysis", "writes", "linking", "other"}
        assert all(v >= 0 for v in b["ms_per_article"].values())
    assert 1 <= r["largest_event_articles"] <= 12 and 1 <= r["largest_story_articles"] <= 12
    assert r["largest_story_share"] == round(r["largest_story_articles"] / 12, 4)
    from warta.store.store import Store

    with Store(db) as store:  # the store was really written, as warta ingest writes it
        assert store.count()["documents"] == 12


def test_bench_ingest_reads_real_inputs(tmp_path):
    """``--input``: articles read as ``warta ingest`` reads them (here a JSON Lines file)."""
    src = tmp_path / "news.jsonl"
    arts = list(bench.build_corpus(4, seed=3))
    src.write_text("".join(json.dumps({"id": a.doc, "text": a.text}) + "\n" for a in arts), encoding="utf-8")
    res = CliRunner().invoke(app, ["bench", "--input", str(src), "--block", "3", "--json"])
    assert res.exit_code == 0, res.output
    r = json.loads(res.stdout.strip().splitlines()[-1])
    assert r["articles"] == 4 and [b["articles"] for b in r["blocks"]] == [3, 1]
    assert "last block at" in CliRunner().invoke(app, ["bench", "--input", str(src), "--block", "3"]).stdout
