"""The ``warta`` CLI's store commands (search, events, show, entities, entity, export, kb add)
on a store filled with hand-made documents: no analysis pipeline involved."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from warta.cli import app
from warta.export.formats import CSV_COLUMNS
from warta.store.store import Store

runner = CliRunner()

TEXT_A = ("Mesir mengundang Sudan ke perundingan di Kairo. Sudan menolak tuduhan Mesir soal perbatasan. "
          "Mesir dan Sudan akan menandatangani perjanjian damai bulan depan.")
TEXT_B = "Presiden Mesir menelepon pemimpin Sudan tentang bendungan. Kedua pihak membahas Sungai Nil."


@pytest.fixture
def db(tmp_path, make_document):
    path = tmp_path / "q.db"
    with Store(path) as s:
        s.add(make_document("a.txt", TEXT_A, title="Perundingan Kairo",
                            entity_aliases={"country/egy": ["Republik Arab Mesir"]}))
        s.add(make_document("berita-7", TEXT_B, event_types=("MOBILIZE",), dates=("2021-06-01",),
                            modalities=("asserted",)))
    return str(path)


def _flat(s: str) -> str:
    return " ".join(s.split())


def test_cli_search_finds_a_word(db):
    res = runner.invoke(app, ["search", "bendungan", "--db", db])
    assert res.exit_code == 0, res.output
    assert "1 article(s)" in res.stdout and "berita-7" in res.stdout
    assert "a.txt" not in res.stdout


@pytest.mark.parametrize("q", ["'; DROP TABLE documents; --", "NEAR(", "\"", "*", "Mesir OR"])
def test_cli_search_hostile_query(db, q):
    res = runner.invoke(app, ["search", q, "--db", db])
    assert res.exit_code == 0, res.output
    with Store(db) as s:
        assert s.count()["documents"] == 2


def test_cli_events_json_and_filters(db):
    res = runner.invoke(app, ["events", "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    recs = [json.loads(line) for line in res.stdout.splitlines()]
    assert len(recs) == 5
    assert [r["date"] for r in recs] == sorted(r["date"] for r in recs)

    def ids(*args):
        r = runner.invoke(app, ["events", "--db", db, "--json", *args])
        assert r.exit_code == 0, r.output
        return [json.loads(line)["event"][0] for line in r.stdout.splitlines()]

    assert ids("--type", "consult") == ["CONSULT"]
    assert ids("--actor", "EGY", "--type", "MOBILIZE") == ["MOBILIZE", "MOBILIZE"]
    assert ids("--actor", "Egypt", "--modality", "negated") == ["ACCUSE"]
    assert ids("--actor", "Sudan") == []
    assert ids("--since", "2022-10-01") == ["ACCUSE", "AGREE"]
    assert ids("--until", "2021") == ["MOBILIZE", "MOBILIZE"]
    assert ids("--doc", "a.txt", "--limit", "1") == ["CONSULT"]


def test_cli_events_table(db):
    res = runner.invoke(app, ["events", "--db", db, "--type", "AGREE"])
    assert res.exit_code == 0, res.output
    assert "1 event(s)" in res.stdout and "AGREE" in res.stdout and "future" in res.stdout


def test_cli_show_doc(db):
    res = runner.invoke(app, ["show", "a.txt", "--db", db])
    assert res.exit_code == 0, res.output
    out = _flat(res.stdout)
    assert "source: ANTARA" in out and "wire: Reuters" in out and "dateline: Kairo" in out
    assert "[0] Mesir mengundang Sudan" in out
    assert "CONSULT" in out and "ACCUSE" in out and "AGREE" in out
    assert "entities" in out


def test_cli_show_unknown_doc_exits_1(db):
    res = runner.invoke(app, ["show", "tidak-ada.txt", "--db", db])
    assert res.exit_code == 1
    assert "tidak-ada.txt" in res.stderr


def test_cli_entities_and_entity(db):
    res = runner.invoke(app, ["entities", "--db", db])
    assert res.exit_code == 0, res.output
    assert "2 entities" in res.stdout and "Mesir" in res.stdout and "SDN" in res.stdout
    res = runner.invoke(app, ["entity", "Republik Arab Mesir", "--db", db])
    assert res.exit_code == 0, res.output
    out = _flat(res.stdout)
    assert out.startswith("Mesir GPE code EGY")
    assert "in 2 document(s)" in out and "a.txt" in out and "berita-7" in out
    res = runner.invoke(app, ["entity", "Atlantis", "--db", db])
    assert res.exit_code == 1 and "Atlantis" in res.stderr


@pytest.mark.parametrize("fmt", ["plover", "csv", "parquet", "documents"])
def test_cli_export_formats(tmp_path, db, fmt):
    out = tmp_path / f"out.{fmt}"
    res = runner.invoke(app, ["export", "--db", db, "--format", fmt, "-o", str(out)])
    assert res.exit_code == 0, res.output
    with Store(db) as s:
        texts = {d["doc"]: s.document(d["doc"])["text"] for d in s.documents()}
    if fmt == "plover":
        recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert len(recs) == 5 and "5 record(s) written" in res.stderr
        for r in recs:
            ti = r["text_info"]
            assert texts[r["doc"]][ti["start"]:ti["end"]] == ti["sentence"]
    elif fmt == "csv":
        with open(out, newline="", encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        assert list(rows[0]) == CSV_COLUMNS and len(rows) == 5
        assert {r["doc"] for r in rows} == {"a.txt", "berita-7"}
    elif fmt == "parquet":
        pq = pytest.importorskip("pyarrow.parquet")
        t = pq.read_table(out)
        assert t.column_names == CSV_COLUMNS and t.num_rows == 5
        assert sorted(set(t.column("doc").to_pylist())) == ["a.txt", "berita-7"]
    else:
        recs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [r["doc"] for r in recs] == ["a.txt", "berita-7"]
        assert recs[0]["title"] == "Perundingan Kairo"


def test_cli_export_parquet_to_stdout_is_an_error(db):
    res = runner.invoke(app, ["export", "--db", db, "--format", "parquet", "-o", "-"])
    assert res.exit_code == 2 and "Parquet" in res.stderr


def test_cli_kb_add(tmp_path):
    good = tmp_path / "tokoh.jsonl"
    good.write_text(json.dumps({"id": "person/budi-uji", "name": "Budi Uji", "type": "PER", "code": "IDN",
                                "sector": "GOV", "aliases": ["Pak Budi"]}) + "\n", encoding="utf-8")
    res = runner.invoke(app, ["kb", "add", str(good)])
    assert res.exit_code == 0, res.output
    dest = os.path.join(os.environ["WARTA_KB_DIR"], "tokoh.jsonl")
    assert os.path.exists(dest)
    bad = tmp_path / "rusak.jsonl"
    bad.write_text('{"id": "x", "name": "X", "type": "ALIEN"}\n', encoding="utf-8")
    res = runner.invoke(app, ["kb", "add", str(bad)])
    assert res.exit_code == 1 and f"{bad}:1" in _flat(res.stderr)
    assert not os.path.exists(os.path.join(os.environ["WARTA_KB_DIR"], "rusak.jsonl"))


def test_cli_subprocess_export_plover_to_stdout(db):
    proc = subprocess.run([sys.executable, "-m", "warta.cli", "export", "--db", db, "--format", "plover", "-o", "-"],
                          capture_output=True, text=True, timeout=120, env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 5
    assert "export: 5 record(s) written" in proc.stderr


def test_cli_search_shows_the_searched_words_and_bracketed_text(tmp_path, make_document):
    """The matched words are styled, not bracketed: ``[Serangan]`` would be read as rich markup
    (the word lost) and an article holding ``[/b]`` made rich raise MarkupError."""
    path = str(tmp_path / "s.db")
    with Store(path) as s:
        s.add(make_document("u.txt", "Serangan udara menghantam desa [/b] itu. Warga [bold] mengungsi.",
                            title="Judul [/i] aneh"))
    res = runner.invoke(app, ["search", "serangan udara", "--db", path])
    assert res.exit_code == 0, res.output
    flat = _flat(res.stdout)
    assert "Serangan udara" in flat and "[Serangan]" not in flat
    assert "[/b]" in flat and "Judul [/i] aneh" in flat
    res = runner.invoke(app, ["search", "warga", "--db", path])
    assert res.exit_code == 0, res.output
    assert "[bold]" in res.stdout


def test_cli_show_and_stories_print_article_text_verbatim(tmp_path, make_document):
    path = str(tmp_path / "s.db")
    with Store(path) as s:
        s.add(make_document("m[/dim].txt", "Mesir [/b] mengecam Sudan. Sudan [red]menolak[/red] tuduhan Mesir.",
                            title="Kecaman [/dim] Mesir"))
    res = runner.invoke(app, ["show", "m[/dim].txt", "--db", path])
    assert res.exit_code == 0, res.output
    assert "Mesir [/b] mengecam Sudan." in res.stdout and "[red]menolak[/red]" in res.stdout
    res = runner.invoke(app, ["stories", "--db", path])
    assert res.exit_code == 0, res.output
    assert "m[/dim].txt" in res.stdout


@pytest.mark.parametrize("args", [["--since", "yesterday"], ["--type", "FOO"], ["--until", "2023-13"],
                                  ["--modality", "maybe"], ["--since", "2023", "--until", "2022"]])
def test_cli_events_refuses_bad_filters(db, args):
    res = runner.invoke(app, ["events", "--db", db, *args])
    assert res.exit_code == 2
    assert "event(s)" not in res.stdout
    assert args[-1] in res.stderr
    res = runner.invoke(app, ["events-merged", "--db", db, *args]) if args[0] != "--modality" else res
    assert res.exit_code == 2


@pytest.mark.parametrize("cmd", [["events"], ["search", "Mesir"], ["entities"], ["export"], ["show", "a.txt"],
                                 ["timeline", "Mesir"], ["stories"], ["graph"], ["events-merged"]])
def test_cli_reading_commands_on_a_missing_store_say_so(tmp_path, monkeypatch, cmd):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("WARTA_DB", raising=False)
    res = runner.invoke(app, cmd)
    assert res.exit_code == 2
    assert "no store at" in res.stderr and "warta.db" in res.stderr
    assert not (tmp_path / "warta.db").exists()
    res = runner.invoke(app, [*cmd, "--db", str(tmp_path / "other.db")])
    assert res.exit_code == 2 and not (tmp_path / "other.db").exists()


def test_cli_export_into_a_closed_pipe_exits_quietly(tmp_path, make_document):
    """``warta export | head -1``: the reader goes away after one line; no 'Broken pipe', exit 0."""
    path = str(tmp_path / "big.db")
    filler = "yang membahas bendungan, sungai dan perbatasan " * 20  # ~1 kB a sentence, 200 kB in all
    text = " ".join(f"Mesir mengecam Sudan pada rapat ke-{i} {filler}." for i in range(200))
    with Store(path) as s:
        s.add(make_document("big.txt", text))
    proc = subprocess.Popen([sys.executable, "-m", "warta.cli", "export", "--db", path, "--format", "plover"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=dict(os.environ, PYTHONIOENCODING="utf-8"))
    first = proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, stderr
    assert json.loads(first)["doc"] == "big.txt"
    assert "Broken pipe" not in stderr and "Error" not in stderr


def test_cli_tables_in_a_pipe_are_not_cut_to_80_columns(tmp_path, make_document):
    path = str(tmp_path / "w.db")
    long_doc = "laporan-" + "panjang-" * 20 + "sekali.txt"  # 174 characters
    with Store(path) as s:
        s.add(make_document(long_doc, TEXT_A))
    res = runner.invoke(app, ["events", "--db", path])  # CliRunner's stdout is not a terminal
    assert res.exit_code == 0
    assert any(long_doc in line for line in res.stdout.splitlines())


def test_cli_events_merged_shows_the_reports_sources_not_an_empty_doc_column(db):
    res = runner.invoke(app, ["events", "--merged", "--db", db])
    assert res.exit_code == 0, res.output
    assert "sources" in res.stdout and "a.txt@" in res.stdout
    assert "canonical event(s)" in res.stdout


def test_cli_messages_say_story_or_stories(db):
    res = runner.invoke(app, ["stories", "--db", db])
    assert res.exit_code == 0 and "stor(y/ies)" not in res.stdout
    assert " stories" in res.stdout or "1 story" in res.stdout
    res = runner.invoke(app, ["rebuild", "--db", db])
    assert res.exit_code == 0 and "stor(y/ies)" not in res.stderr


@pytest.mark.parametrize("cmd", [["events"], ["extract"], ["ingest"], ["export"], ["timeline"], ["stories"], ["graph"]])
def test_cli_help_prints_no_type_beside_flags(cmd):
    res = runner.invoke(app, [*cmd, "--help"])
    assert res.exit_code == 0
    assert "<bool>" not in res.stdout and "--help" in res.stdout


def test_cli_evaluate_warns_when_gold_articles_have_no_prediction(tmp_path):
    gold_path = os.path.join(os.path.dirname(__file__), "data", "gold_examples.jsonl")
    gold = [json.loads(line) for line in open(gold_path, encoding="utf-8") if line.strip()]
    assert len(gold) >= 3
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps({"doc": g["doc"], "events": [], "entities": [{"name": "x", "type": "PER"}]}) + "\n"
                            for g in gold[:1]), encoding="utf-8")
    res = runner.invoke(app, ["evaluate", gold_path, str(pred)])
    assert res.exit_code == 0, res.output
    warn = _flat(res.stderr)
    assert f"{len(gold) - 1} of {len(gold)} gold article(s)" in warn and gold[1]["doc"] in warn
