"""warta.ingest.readers: every kind of input, and every kind of bad input as an InputError item."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from warta.errors import InputError
from warta.ingest import readers
from warta.ingest.readers import read_inputs, read_jsonl
from warta.model import Article

ARTICLE = "Jakarta (ANTARA) - Menteri Luar Negeri bertemu dengan duta besar Jepang di Jakarta pada Senin.\n"


def _items(*inputs, stdin=None):
    return list(read_inputs([str(i) for i in inputs], stdin=stdin))


def _errors(items):
    return [i for i in items if isinstance(i, InputError)]


def _articles(items):
    return [i for i in items if isinstance(i, Article)]


def test_readers_txt_file_is_one_article_keyed_by_base_name(tmp_path):
    p = tmp_path / "berita_01.txt"
    p.write_text(ARTICLE, encoding="utf-8")
    [a] = _items(p)
    assert isinstance(a, Article)
    assert a.doc == "berita_01.txt"
    assert a.text == ARTICLE
    assert a.origin == str(p)


def test_readers_crlf_and_bom_are_normalised(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(b"\xef\xbb\xbf" + ARTICLE.replace("\n", "\r\n").encode("utf-8"))
    [a] = _items(p)
    assert a.text == ARTICLE


def test_readers_latin1_file_is_decoded(tmp_path):
    p = tmp_path / "latin.txt"
    text = "Menteri Luar Negeri Prancis mengunjungi kafé di Jakarta pada Senin bersama duta besar négara itu.\n"
    p.write_bytes(text.encode("latin-1"))
    [a] = _items(p)
    assert isinstance(a, Article)
    assert "Menteri Luar Negeri Prancis" in a.text


def test_readers_folder_is_read_recursively_in_order_skipping_hidden_and_unknown(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Dua " + ARTICLE, encoding="utf-8")
    (tmp_path / "1.txt").write_text("Satu " + ARTICLE, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Rahasia " + ARTICLE, encoding="utf-8")
    (tmp_path / "gambar.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text(ARTICLE, encoding="utf-8")
    items = _items(tmp_path)
    assert [a.doc for a in items] == ["1.txt", "2.txt"]
    assert all(isinstance(a, Article) for a in items)


def test_readers_jsonl_lines_become_articles_keyed_by_id(tmp_path):
    p = tmp_path / "batch.jsonl"
    rows = [
        {"id": "a-1", "text": ARTICLE, "title": "Judul", "published": "2024-05-01T08:00:00+07:00",
         "source": "ANTARA", "url": "https://example.org/a1"},
        {"id": 7, "text": "Presiden berpidato di depan DPR pada Selasa.", "published": "2024-05"},
    ]
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")
    a, b = _items(p)
    assert (a.doc, a.title, a.published, a.source, a.url) == ("a-1", "Judul", "2024-05-01", "ANTARA", "https://example.org/a1")
    assert a.origin == f"{p}:1"
    assert (b.doc, b.published, b.title) == ("7", "2024-05", None)


def test_readers_jsonl_without_id_is_keyed_by_content_hash(tmp_path):
    p = tmp_path / "noid.jsonl"
    p.write_text(json.dumps({"text": ARTICLE}) + "\n", encoding="utf-8")
    [a] = _items(p)
    assert a.doc == a.doc_id and len(a.doc_id) == 16


def test_readers_jsonl_bad_lines_name_the_line_and_the_rest_goes_on(tmp_path):
    p = tmp_path / "mixed.jsonl"
    p.write_bytes(
        json.dumps({"id": "ok1", "text": ARTICLE}).encode() + b"\n"
        + b'{"id": "broken", "text": \n'
        + b'["not", "an", "object"]\n'
        + json.dumps({"id": "kosong", "text": "   "}).encode() + b"\n"
        + b'{"id": "latin", "text": "caf\xe9"}\n'
        + json.dumps({"id": "ok2", "text": ARTICLE + "lagi"}).encode() + b"\n"
    )
    items = _items(p)
    assert [a.doc for a in _articles(items)] == ["ok1", "ok2"]
    errs = _errors(items)
    assert [e.source for e in errs] == [f"{p}:2", f"{p}:3", f"{p}:4", f"{p}:5"]
    assert "invalid JSON" in errs[0].reason
    assert "object" in errs[1].reason
    assert "text" in errs[2].reason
    assert "UTF-8" in errs[3].reason
    # one line, naming the input and the problem
    for e in errs:
        assert "\n" not in str(e) and str(e).startswith(f"{p}:")


def test_readers_empty_file_is_an_input_error(tmp_path):
    p = tmp_path / "kosong.txt"
    p.write_bytes(b"")
    ws = tmp_path / "spasi.txt"
    ws.write_bytes(b"  \n\t\n")
    items = _items(p, ws)
    assert [(e.source, e.reason) for e in items] == [(str(p), "empty input"), (str(ws), "empty input")]


def test_readers_binary_file_is_an_input_error(tmp_path):
    p = tmp_path / "data.txt"
    p.write_bytes(bytes(range(256)) * 40)
    [e] = _items(p)
    assert isinstance(e, InputError)
    assert e.source == str(p)
    assert "binary" in e.reason


def test_readers_file_of_50_mb_is_refused_with_a_clear_message(tmp_path):
    big = tmp_path / "besar.txt"
    with open(big, "wb") as f:  # sparse: fast to make, 50 MB to stat
        f.truncate(50 * 1024 * 1024)
    small = tmp_path / "kecil.txt"
    small.write_text(ARTICLE, encoding="utf-8")
    items = _items(big, small)
    assert isinstance(items[0], InputError)
    assert items[0].source == str(big)
    assert "50 MB" in items[0].reason and "limit" in items[0].reason
    assert isinstance(items[1], Article) and items[1].doc == "kecil.txt"


def test_readers_jsonl_of_50_mb_with_one_huge_line_reports_the_line(tmp_path):
    big = tmp_path / "besar.jsonl"
    with open(big, "wb") as f:
        f.write(json.dumps({"id": "first", "text": ARTICLE}).encode() + b"\n")
        f.seek(50 * 1024 * 1024)
        f.write(b"\n" + json.dumps({"id": "last", "text": ARTICLE}).encode() + b"\n")
    items = _items(big)
    assert [a.doc for a in _articles(items)] == ["first", "last"]
    [e] = _errors(items)
    assert e.source == f"{big}:2" and "MB" in e.reason


def test_readers_html_without_article_is_an_input_error(tmp_path):
    p = tmp_path / "kosong.html"
    p.write_text("<!DOCTYPE html><html><head><title>Judul</title><script>var a = 1;</script></head>"
                 "<body><div></div></body></html>", encoding="utf-8")
    good = tmp_path / "z.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    e, a = _items(p, good)
    assert isinstance(e, InputError)
    assert e.source == str(p)
    assert "no article" in e.reason
    assert isinstance(a, Article)


def test_readers_html_with_only_navigation_is_an_input_error(tmp_path):
    p = tmp_path / "menu.html"
    p.write_text("<!DOCTYPE html><html><head><title>Portal</title></head><body><nav><a href='/'>Beranda</a> "
                 "<a href='/politik'>Politik</a></nav></body></html>", encoding="utf-8")
    [e] = _items(p)
    assert isinstance(e, InputError) and e.source == str(p)


def test_readers_html_article_is_extracted(tmp_path):
    body = " ".join(
        ["Menteri Luar Negeri Indonesia bertemu dengan Menteri Luar Negeri Malaysia di Jakarta pada Senin "
         "untuk membahas perbatasan kedua negara dan kerja sama maritim."] * 4)
    p = tmp_path / "berita.html"
    p.write_text(
        "<!DOCTYPE html><html><head><title>Menlu bertemu</title></head><body>"
        f"<article><h1>Menlu bertemu</h1><p>{body}</p><p>{body}</p></article></body></html>",
        encoding="utf-8",
    )
    [a] = _items(p)
    assert isinstance(a, Article)
    assert a.doc == "berita.html"
    assert "Menteri Luar Negeri Indonesia" in a.text


def test_readers_missing_path_is_an_input_error_and_the_batch_goes_on(tmp_path):
    good = tmp_path / "ada.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    missing = tmp_path / "tidak-ada.txt"
    items = _items(missing, good)
    assert isinstance(items[0], InputError)
    assert (items[0].source, items[0].reason) == (str(missing), "no such file or folder")
    assert isinstance(items[1], Article)


def test_readers_empty_folder_is_an_input_error(tmp_path):
    d = tmp_path / "kosong"
    d.mkdir()
    [e] = _items(d)
    assert isinstance(e, InputError) and e.source == str(d) and "no .txt" in e.reason


def test_readers_unreadable_file_is_an_input_error(tmp_path, monkeypatch):
    # Tests run as root, where chmod 000 does not stop reads: make the read itself fail.
    locked = tmp_path / "terkunci.txt"
    locked.write_text(ARTICLE, encoding="utf-8")
    good = tmp_path / "zbaik.txt"
    good.write_text(ARTICLE + "lagi", encoding="utf-8")
    real = Path.read_bytes

    def read_bytes(self):
        if self.name == "terkunci.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    items = _items(tmp_path)
    assert isinstance(items[0], InputError)
    assert items[0].source == str(locked)
    assert "Permission denied" in items[0].reason
    assert isinstance(items[1], Article) and items[1].doc == "zbaik.txt"


def test_readers_unreadable_jsonl_is_an_input_error(tmp_path, monkeypatch):
    p = tmp_path / "terkunci.jsonl"
    p.write_text(json.dumps({"id": "x", "text": ARTICLE}) + "\n", encoding="utf-8")
    real_open = open

    def fake_open(file, *a, **k):
        if str(file) == str(p):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *a, **k)

    monkeypatch.setattr(readers, "open", fake_open, raising=False)
    [e] = _items(p)
    assert isinstance(e, InputError) and e.source == str(p) and "Permission denied" in e.reason


def test_readers_stdin_plain_text_is_one_article():
    [a] = _items("-", stdin=io.BytesIO(ARTICLE.encode()))
    assert isinstance(a, Article)
    assert a.doc == f"stdin-{a.doc_id}"
    assert a.text == ARTICLE
    assert a.origin == "-"


def test_readers_stdin_jsonl_is_read_line_by_line():
    data = (json.dumps({"id": "s1", "text": ARTICLE}) + "\nnot json\n").encode()
    a, e = _items("-", stdin=io.BytesIO(data))
    assert isinstance(a, Article) and a.doc == "s1"
    assert isinstance(e, InputError) and e.source == "-:2"


def test_readers_stdin_empty_is_an_input_error():
    [e] = _items("-", stdin=io.BytesIO(b""))
    assert isinstance(e, InputError) and e.source == "-" and e.reason == "empty input"


def test_readers_read_jsonl_accepts_text_lines():
    items = list(read_jsonl(['{"id": "t", "text": "Presiden berpidato."}', "", "{"], "mem"))
    assert isinstance(items[0], Article) and items[0].doc == "t"
    assert isinstance(items[1], InputError) and items[1].source == "mem:3"


def test_readers_jsonl_deeply_nested_line_is_an_input_error():
    items = list(read_jsonl([b"[" * 100_000, b'{"id": "a", "text": "Presiden berpidato."}'], "deep.jsonl"))
    assert isinstance(items[0], InputError) and items[0].source == "deep.jsonl:1"
    assert isinstance(items[1], Article)


def test_readers_jsonl_lone_surrogate_without_id_does_not_raise():
    # a lone surrogate is not a character: the line is refused, naming it, and nothing raises
    items = list(read_jsonl([b'{"text": "Presiden \\ud800 berpidato."}'], "sur.jsonl"))
    assert len(items) == 1 and isinstance(items[0], InputError)
    assert items[0].source == "sur.jsonl:1" and "surrogate" in items[0].reason


@pytest.mark.parametrize("value", ["2022-13-45", "kemarin", "2022/09", "20220905"])
def test_readers_jsonl_invalid_published_is_refused(value):
    # not a calendar date in YYYY, YYYY-MM or YYYY-MM-DD: the line is refused, naming the field
    [it] = list(read_jsonl([json.dumps({"id": "a", "text": ARTICLE, "published": value}).encode()], "p.jsonl"))
    assert isinstance(it, InputError)
    assert it.source == "p.jsonl:1" and "published" in it.reason and repr(value) in it.reason


def test_readers_html_outlet_is_not_a_social_network_url(tmp_path):
    body = " ".join(["Menteri Luar Negeri Indonesia bertemu dengan Menteri Luar Negeri Malaysia di Jakarta pada "
                     "Senin untuk membahas perbatasan kedua negara dan kerja sama maritim."] * 4)
    page = ("<!DOCTYPE html><html><head><title>Menlu bertemu</title>"
            '<meta property="og:site_name" content="{site}">'
            '<link rel="canonical" href="https://bola.kompas.com/read/2022/09/05/menlu">'
            f"</head><body><article><h1>Menlu bertemu</h1><p>{body}</p><p>{body}</p></article></body></html>")
    p = tmp_path / "fb.html"
    p.write_text(page.format(site="https://www.facebook.com/Bola.Kompascom"), encoding="utf-8")
    [a] = _items(p)
    assert a.source == "bola.kompas.com"
    q = tmp_path / "named.html"
    q.write_text(page.format(site="KOMPAS.com"), encoding="utf-8")
    [b] = _items(q)
    assert b.source == "KOMPAS.com"
