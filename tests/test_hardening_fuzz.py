"""Fuzzing the whole ingest path: read_inputs -> analyze_article -> Store -> documents/plover exports.

Arbitrary Unicode (control characters, RTL marks, emoji, lone combining marks, non-Latin
scripts), JSON Lines, HTML, wrong encodings, very long lines and deep nesting: reading never
raises (a bad input is an InputError item), analysis never raises, and every accepted article
round-trips through the store and both exports unchanged, its offsets slicing back to its
sentences and evidence.
"""
from __future__ import annotations

import io
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import warta
from warta.errors import InputError

# no shrinking: analysing an example takes ~0.1 s, and shrinking one failure could take minutes;
# the failing example is printed whole (print_blob) and derandomize makes every run the same
FUZZ = settings(max_examples=30, deadline=None, derandomize=True, print_blob=True, database=None,
                phases=[Phase.explicit, Phase.generate],
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                       HealthCheck.data_too_large])

WORDS = ["Presiden", "Joko Widodo", "bertemu", "Perdana Menteri", "Australia", "di", "Jakarta", "pada", "Senin",
         "mengecam", "serangan", "Israel", "terhadap", "Gaza", "Polisi", "menangkap", "lima", "orang", "(ANTARA)",
         "-", ".", ",", "\n\n", "Baca juga:", "Editor:", "Rp50 miliar", "(12/10/2022)", "Kamis", "TNI", "ASEAN"]
ODD = ["\u202e", "\u200f", "\u200b", "\u0301", "\u0300", "\ufeff", "\x00", "\x07", "\x1b", "\x7f", "\u2028",
       "\u0627\u0644\u0642\u062f\u0633", "\u05e9\u05dc\u05d5\u05dd", "\U0001f600", "\U0001f1ee\U0001f1e9",
       "\u65e5\u672c", "\ud7ff", "\uffff", "\t", "\r\n", "\r", "<script>", "&amp;", "%s", "{}", "\\"]

pieces = st.one_of(st.sampled_from(WORDS), st.sampled_from(ODD),
                   st.text(st.characters(exclude_categories=("Cs",)), max_size=12))
texts = st.lists(pieces, min_size=1, max_size=60).map(" ".join)


@pytest.fixture(scope="module")
def fuzz_store():
    from warta.store.store import Store

    with tempfile.TemporaryDirectory(prefix="warta-fuzz-") as d:
        s = Store(Path(d) / "fuzz.db")
        yield s
        s.close()


def _check_document(doc, art) -> None:
    text = doc.text
    assert text == art.text
    assert 0 <= doc.body[0] <= doc.body[1] <= len(text)
    for s in doc.sentences:
        assert 0 <= s.start <= s.end <= len(text)
        assert text[s.start:s.end] == s.text
    for e in doc.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text
    for ev in doc.events:
        ti = ev["text_info"]
        assert text[ti["start"]:ti["end"]] == ti["sentence"]


def _round_trip(store, doc) -> None:
    """Stored and exported (documents and plover formats): the same text, offsets and events."""
    from warta.export.formats import write_documents, write_plover

    if not store.add(doc):  # the same text was stored before under another name: only the text to check
        assert store.document(doc.doc_id)["text"] == doc.text
        return
    rec = next(r for r in store.document_records() if r["doc_id"] == doc.doc_id)
    buf = io.StringIO()
    write_documents([rec], buf)
    back = json.loads(buf.getvalue().split("\n")[0])
    stored = store.document(doc.doc_id)
    assert stored["text"] == doc.text
    assert [(s["start"], s["end"]) for s in back["sentences"]] == [(s.start, s.end) for s in doc.sentences]
    for s in back["sentences"]:
        assert stored["text"][s["start"]:s["end"]] == doc.text[s["start"]:s["end"]]
    for b in back["boilerplate"]:
        assert b["text"] == doc.text[b["start"]:b["end"]]
    assert [e["id"] for e in back["events"]] == [e["id"] for e in doc.events]
    for e in back["entities"]:
        for m in e["mentions"]:
            assert doc.text[m["start"]:m["end"]] == m["text"]
    buf = io.StringIO()
    write_plover([rec], buf)
    evs = [json.loads(line) for line in buf.getvalue().split("\n") if line.strip()]
    assert [e["id"] for e in evs] == [e["id"] for e in doc.events]
    for e in evs:
        ti = e["text_info"]
        assert doc.text[ti["start"]:ti["end"]] == ti["sentence"]


def _ingest_file(path: Path, store) -> list:
    """read_inputs + analyze_article + store round trip (in a fresh store: event ids are made from
    the doc key, so articles of the same file name would collide, see the test at the end);
    returns the items read."""
    from warta.store.store import Store

    items = list(warta.read_inputs([str(path)]))
    store = Store(path.parent / "fuzz.db")
    for it in items:
        if isinstance(it, InputError):
            assert it.reason and it.source
            continue
        doc = warta.analyze_article(it)
        _check_document(doc, it)
        _round_trip(store, doc)
    store.close()
    return items


@FUZZ
@given(text=texts, suffix=st.sampled_from([".txt", ".html"]))
def test_hardening_fuzz_text_and_html_files(text, suffix, tmp_path_factory, fuzz_store):
    d = tmp_path_factory.mktemp("fz")
    p = d / f"a{suffix}"
    p.write_bytes(text.encode("utf-8", "surrogatepass"))
    items = _ingest_file(p, fuzz_store)
    assert len(items) == 1
    if suffix == ".txt" and not isinstance(items[0], InputError):
        # the text is kept as written (line ends made \n, a leading BOM dropped)
        want = text.replace("\r\n", "\n").replace("\r", "\n")
        assert items[0].text in (want, want.lstrip("\ufeff"))


@FUZZ
@given(records=st.lists(st.fixed_dictionaries(
    {"id": st.text(max_size=20), "text": texts},
    optional={"title": st.one_of(st.none(), texts), "published": st.sampled_from(["2023-01-02", "2023", "bukan", "", None]),
              "url": st.sampled_from(["https://contoh.id/a", "javascript:alert(1)", "", None])}),
    min_size=1, max_size=3), junk=st.sampled_from(["", "{", "[1,2]", "null", "\"x\"", "{\"text\": 5}"]))
def test_hardening_fuzz_jsonl(records, junk, tmp_path_factory, fuzz_store):
    d = tmp_path_factory.mktemp("fz")
    p = d / "a.jsonl"
    lines = [json.dumps(r, ensure_ascii=bool(i % 2)) for i, r in enumerate(records)] + [junk]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = _ingest_file(p, fuzz_store)
    assert len(items) >= len(records)


@FUZZ
@given(text=texts, enc=st.sampled_from(["cp1252", "latin-1", "utf-16", "utf-8-sig"]))
def test_hardening_fuzz_wrong_encodings(text, enc, tmp_path_factory, fuzz_store):
    raw = ("Menteri Luar Negeri Perancis Jean-Yves Le Drian — café, déjà vu, « señor » bertemu "
           "Presiden pada Senin. " + text)
    try:
        data = raw.encode(enc)
    except UnicodeEncodeError:
        data = raw.encode(enc, "replace")
    d = tmp_path_factory.mktemp("fz")
    p = d / "a.txt"
    p.write_bytes(data)
    items = _ingest_file(p, fuzz_store)
    assert len(items) == 1
    if enc in ("utf-16", "utf-8-sig"):
        assert not isinstance(items[0], InputError), items[0]
        assert "Jean-Yves Le Drian — café" in items[0].text  # a BOM names the encoding: decoded right


def test_hardening_ten_megabyte_jsonl_line_is_read_whole(tmp_path):
    p = tmp_path / "big.jsonl"
    body = ("Presiden bertemu menteri di Jakarta pada Senin. " * 220_000)[:10 * 1024 * 1024]
    ok = {"id": "kecil", "text": "Jakarta - Presiden bertemu menteri di Istana pada Senin."}
    p.write_text(json.dumps({"id": "besar", "text": body}) + "\n" + json.dumps(ok) + "\n", encoding="utf-8")
    items = list(warta.read_inputs([str(p)]))
    assert len(items) == 2
    big, small = items
    # under the 20 MB line limit (readers.MAX_LINE_BYTES): read whole; length limits are the analyser's
    assert not isinstance(big, InputError), big
    assert big.text == body
    assert not isinstance(small, InputError) and small.doc == "kecil"  # the batch goes on
    # one 10 MB line without a line break, as plain text
    q = tmp_path / "big.txt"
    q.write_text("x" * (10 * 1024 * 1024), encoding="utf-8")
    (it,) = list(warta.read_inputs([str(q)]))
    assert not isinstance(it, InputError), it
    assert len(it.text) == 10 * 1024 * 1024


def test_hardening_deeply_nested_html_is_read_without_crashing(tmp_path, fuzz_store):
    para = "<p>Presiden Joko Widodo bertemu Perdana Menteri Australia di Jakarta pada Senin untuk membahas kerja sama.</p>"
    html = ("<!doctype html><html><head><title>Uji</title></head><body>" + "<div>" * 10_000 + para * 3
            + "</div>" * 10_000 + "</body></html>")
    p = tmp_path / "deep.html"
    p.write_text(html, encoding="utf-8")
    items = _ingest_file(p, fuzz_store)
    assert len(items) == 1
    # and unclosed: 10,000 open divs, never closed
    q = tmp_path / "open.html"
    q.write_text("<html><body>" + "<div>" * 10_000 + para * 3, encoding="utf-8")
    assert len(_ingest_file(q, fuzz_store)) == 1


LONG_SENTENCE = ("warta.analyse (events/coder.py EventCoder.code -> subject/_in_pp/_prep, and "
                 "link/linker.py _titles): analysis time grows quadratically with a sentence's length "
                 "(10k chars 1.6 s, 40k 24 s, 200k > 5 min), so one long line without a full stop, "
                 "which the readers accept up to 20 MB, stalls a batch; expected: near-linear, or the "
                 "input refused/split")

_SLOW = r"""
import sys, time, warta
warta.analyze("Jakarta - Presiden bertemu menteri.")
s = "Presiden Joko Widodo bertemu Perdana Menteri Australia di Jakarta pada Senin untuk membahas kerja sama "
t = time.perf_counter()
warta.analyze((s * 1000)[:60000])
print(time.perf_counter() - t)
"""


def test_hardening_a_long_line_is_analysed_in_bounded_time():
    try:
        r = subprocess.run([sys.executable, "-c", _SLOW], capture_output=True, text=True, timeout=25)
    except subprocess.TimeoutExpired:
        pytest.fail("analysing one 60,000-character sentence took more than ~20 s")
    assert r.returncode == 0, r.stderr[-2000:]
    assert float(r.stdout.strip()) < 10.0


SAME_NAME = ("warta.analyse.records.event_id: an event's id hashes the doc key (the file's base name), the "
             "sentence span, type and trigger, not the content; two different articles with the same file name "
             "(a/berita.txt and b/berita.txt, or an edited berita.txt) whose first sentences match get the same "
             "event id, and the second fails to store (IntegrityError: UNIQUE constraint failed: events.id; "
             "`warta ingest` reports 'could not be stored'); expected: both stored (hash the doc_id too)")


def test_hardening_two_articles_with_one_file_name_are_both_stored(tmp_path):
    from warta.store.store import Store

    first = "Polisi menangkap lima orang di Bogor pada Senin.\n\n"
    for sub, rest in (("a", "Kedua pemimpin membahas kerja sama ekonomi.\n"), ("b", "Warga menyambut baik langkah itu.\n")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "berita.txt").write_text(first + rest, encoding="utf-8")
    with Store(tmp_path / "x.db") as store:
        report = warta.ingest([str(tmp_path / "a"), str(tmp_path / "b")], store)
        assert report.failures == [] and report.stored == 2, [str(f) for f in report.failures]


def test_hardening_an_article_over_the_length_limit_is_refused_with_warta_s_message(tmp_path, monkeypatch):
    from warta.analyse.pipeline import build, max_chars
    from warta.api import analyze_inputs
    from warta.model import Report

    assert build().max_length >= max_chars() > 1_000_000  # spaCy's E088 cannot come first
    monkeypatch.setenv("WARTA_MAX_CHARS", "2000")
    p = tmp_path / "panjang.txt"
    p.write_text("Presiden bertemu menteri di Jakarta, " * 100, encoding="utf-8")
    report = Report()
    assert list(analyze_inputs([str(p)], None, report)) == []
    [f] = report.failures
    assert "2,000" in str(f) and "WARTA_MAX_CHARS" in str(f) and "E088" not in str(f)
