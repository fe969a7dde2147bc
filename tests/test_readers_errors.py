"""warta.ingest.readers: the exact limits, the exact error of each bad input, and that a batch
goes on after it (issue #20: tests that bite)."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warta.errors import InputError
from warta.ingest import readers
from warta.ingest.readers import bounded_lines, count_articles, read_file, read_inputs, read_jsonl
from warta.model import Article

ARTICLE = "Jakarta (ANTARA) - Menteri Luar Negeri bertemu dengan duta besar Jepang di Jakarta pada Senin.\n"
MB = 1024 * 1024


def _items(*inputs, stdin=None):
    return list(read_inputs([str(i) for i in inputs], stdin=stdin))


def _text_of(size: int) -> bytes:
    return (b"Presiden berpidato di depan DPR.\n" * (size // 33 + 1))[:size]


def _one(line) -> Article | InputError:
    [it] = list(read_jsonl([line if isinstance(line, bytes) else json.dumps(line).encode()], "b.jsonl"))
    return it


# -- sizes -------------------------------------------------------------------------------------

def test_readers_errors_limits_are_20_mb():
    assert readers.MAX_FILE_BYTES == readers.MAX_LINE_BYTES == 20 * MB


def test_readers_errors_file_of_exactly_20_mb_is_read_and_one_byte_more_is_refused(tmp_path):
    exact, over = tmp_path / "a.txt", tmp_path / "b.txt"
    exact.write_bytes(_text_of(20 * MB))
    over.write_bytes(_text_of(20 * MB + 1))
    a, e = _items(exact, over)
    assert isinstance(a, Article) and len(a.text) == 20 * MB
    assert isinstance(e, InputError) and e.source == str(over)
    assert e.reason == "file of 20 MB is larger than the 20 MB limit for one article"


def test_readers_errors_jsonl_line_just_over_20_mb_is_refused_by_its_number(tmp_path):
    p = tmp_path / "besar.jsonl"
    ok = json.dumps({"id": "a", "text": ARTICLE}).encode()
    p.write_bytes(ok + b"\n" + b'{"id": "b", "text": "' + b"x" * (20 * MB) + b'"}\n' + ok.replace(b'"a"', b'"c"') + b"\n")
    a, e, c = _items(p)
    assert (a.doc, c.doc) == ("a", "c")
    assert (e.source, e.reason) == (f"{p}:2", "line longer than 20 MB")


def test_readers_errors_line_at_the_limit_is_read_and_one_byte_more_is_not(monkeypatch):
    monkeypatch.setattr(readers, "MAX_LINE_BYTES", 64)
    line = json.dumps({"id": "a", "text": "x"}).encode()
    at_limit = line[:-1] + b" " * (64 - len(line)) + b"}"
    assert len(at_limit) == 64
    a, e = list(read_jsonl([at_limit, at_limit + b" "], "m.jsonl"))
    assert isinstance(a, Article) and a.doc == "a"
    assert e.source == "m.jsonl:2" and e.reason.startswith("line longer than")


def test_readers_errors_bounded_lines_gives_none_for_each_line_past_the_limit():
    data = b"pendek\n" + b"x" * 10 + b"\n" + b"y" * 11 + b"\n" + b"z" * 25 + b"\nakhir\n" + b"w" * 10
    assert list(bounded_lines(io.BytesIO(data), limit=10)) == [
        b"pendek\n", b"x" * 10 + b"\n", None, None, b"akhir\n", b"w" * 10]
    assert list(bounded_lines(io.BytesIO(b"k" * 11), limit=10)) == [None]
    # a line of megabytes is skipped a chunk at a time, the next line still read whole
    assert list(bounded_lines(io.BytesIO(b"m" * (3 * MB) + b"\nlagi\n"), limit=10)) == [None, b"lagi\n"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.binary(max_size=40).map(lambda b: b.replace(b"\n", b"")), max_size=6), st.integers(1, 30),
       st.booleans())
def test_readers_errors_bounded_lines_property(lines, limit, final_newline):
    data = b"\n".join(lines) + (b"\n" if final_newline and lines else b"")
    got = list(bounded_lines(io.BytesIO(data), limit=limit))
    want = [ln + b"\n" if i < len(lines) - 1 or final_newline else ln for i, ln in enumerate(lines)]
    if lines and not final_newline and lines[-1] == b"":
        want.pop()  # nothing after the last newline: no line
    assert got == [w if len(w.rstrip(b"\n")) <= limit else None for w in want]


def test_readers_errors_stdin_over_20_mb_is_refused_and_the_next_input_read(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    e, a = _items("-", f, stdin=io.BytesIO(_text_of(20 * MB + 1)))
    assert (e.source, e.reason) == (
        "-", "standard input holds more than the 20 MB limit for one article (send JSON Lines for many)")
    assert isinstance(a, Article) and a.doc == "a.txt"
    [whole] = _items("-", stdin=io.BytesIO(_text_of(20 * MB)))
    assert isinstance(whole, Article) and len(whole.text) == 20 * MB


def test_readers_errors_stdin_jsonl_longer_than_the_peek_is_read_whole(tmp_path):
    rows = [json.dumps({"id": f"s{i}", "text": f"Presiden berpidato ke-{i} di depan DPR."}) for i in range(3000)]
    data = ("\n".join(rows) + "\n").encode()
    assert len(data) > 2 * readers.STDIN_PEEK
    f = tmp_path / "b.txt"
    f.write_text(ARTICLE, encoding="utf-8")
    items = _items("-", f, stdin=io.BytesIO(data))
    assert [a.doc for a in items] == [f"s{i}" for i in range(3000)] + ["b.txt"]
    [a, b] = _items("-", f, stdin=io.BytesIO(ARTICLE.encode()))
    assert (a.origin, b.doc) == ("-", "b.txt")


# -- JSON Lines ----------------------------------------------------------------------------------

@pytest.mark.parametrize("line, reason", [
    (b'["a"]', "a JSON line must be an object with 'id' and 'text'"),
    (b'{"id": "a"}', "missing or empty 'text'"),
    (b'{"id": "a", "text": 5}', "missing or empty 'text'"),
    (b'{"id": "a", "text": " \\n "}', "missing or empty 'text'"),
    (b'{"id": "a", "text": "x", "published": "kemarin"}',
     "'published' must be YYYY, YYYY-MM or YYYY-MM-DD, not 'kemarin'"),
    (b'[' * 100_000, "invalid JSON (nested too deeply)"),
    (b'{"id": ', "invalid JSON (Expecting value, column 7)"),  # the line is stripped first
    (b'{"id": "caf\xe9"}', "not UTF-8 (invalid continuation byte at byte 11)"),
])
def test_readers_errors_jsonl_reasons(line, reason):
    e = _one(line)
    assert isinstance(e, InputError) and (e.source, e.reason) == ("b.jsonl:1", reason)


@pytest.mark.parametrize("key", ["text", "id", "title", "source", "url"])
def test_readers_errors_jsonl_unpaired_surrogate_is_named_in_any_field(key):
    obj = {"id": "a", "text": "Presiden berpidato.", "title": "t", "source": "s", "url": "u"}
    obj[key] = "ada \ud800 di sini"
    e = _one(json.dumps(obj).encode())
    assert isinstance(e, InputError)
    assert e.reason == f"'{key}' holds an unpaired surrogate (\\ud800): not valid Unicode"


def test_readers_errors_jsonl_line_ends_and_blank_lines():
    a = _one({"id": "a", "text": "Satu.\r\nDua.\rTiga."})
    assert a.text == "Satu.\nDua.\nTiga."
    items = list(read_jsonl([b"\n", b"   \n", json.dumps({"id": "b", "text": "Presiden."}).encode()], "k.jsonl"))
    assert [(i.doc, i.origin) for i in items] == [("b", "k.jsonl:3")]


def test_readers_errors_jsonl_empty_id_is_keyed_by_content_and_fields_are_kept():
    a = _one({"id": "", "text": ARTICLE, "title": "Judul", "source": "ANTARA", "url": "https://antaranews.com/1"})
    assert a.doc == a.doc_id
    assert (a.title, a.source, a.url, a.published) == ("Judul", "ANTARA", "https://antaranews.com/1", None)


@pytest.mark.parametrize("value, published", [
    (None, None), ("", None), ("2024", "2024"), ("2024-02", "2024-02"), ("2024-02-29", "2024-02-29"),
    ("2024-05-01T08:00:00+07:00", "2024-05-01"), ("2024-05-01 08:00:00", "2024-05-01"), (" 2024-05-01 ", "2024-05-01"),
])
def test_readers_errors_published_forms_that_are_accepted(value, published):
    a = _one({"id": "a", "text": ARTICLE, "published": value})
    assert isinstance(a, Article) and a.published == published


@pytest.mark.parametrize("value", ["2023-13-01", "2023-02-29", "2023-00", "1 September 2022", "2024-05-01X08:00",
                                   "Senin, 5 September 2022 pukul 10.00 WIB menurut kantor berita"])
def test_readers_errors_published_forms_that_are_refused(value):
    e = _one({"id": "a", "text": ARTICLE, "published": value})
    assert isinstance(e, InputError)
    # the value is quoted whole, or its first 40 characters when longer
    assert e.reason == f"'published' must be YYYY, YYYY-MM or YYYY-MM-DD, not {value[:40]!r}"


@settings(max_examples=150, deadline=None)
@given(st.dates(), st.sampled_from(["day", "month", "year"]), st.sampled_from(["", "T10:00:00Z", " 23:59"]))
def test_readers_errors_published_every_calendar_date_is_kept(d, grain, clock):
    value = {"day": d.isoformat(), "month": d.isoformat()[:7], "year": d.isoformat()[:4]}[grain]
    a = _one({"id": "a", "text": ARTICLE, "published": value + (clock if grain == "day" else "")})
    assert isinstance(a, Article) and a.published == value


def test_readers_errors_binary_stream_is_read_a_bounded_line_at_a_time():
    class Stream(io.BytesIO):
        asked: list = []

        def readline(self, size=-1):
            self.asked.append(size)
            return super().readline(size)

        def __iter__(self):
            raise AssertionError("a binary stream is read with readline(limit), never iterated whole")

    s = Stream(json.dumps({"id": "a", "text": ARTICLE}).encode() + b"\n" + b"x" * (MB + 10) + b"\n")
    a, e = list(read_jsonl(s, "s.jsonl"))
    assert isinstance(a, Article) and a.doc == "a"
    assert e.source == "s.jsonl:2" and e.reason.startswith("invalid JSON")
    assert s.asked and all(0 <= n <= readers.MAX_LINE_BYTES + 1 for n in s.asked)
