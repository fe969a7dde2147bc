"""warta.ingest.readers: which files are read and how (suffixes, HTML pages and their outlet),
what cannot be read, and counting articles before reading them (issue #20: tests that bite)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import trafilatura

from warta.errors import InputError
from warta.ingest import readers
from warta.ingest.readers import count_articles, read_file, read_inputs
from warta.model import Article

ARTICLE = "Jakarta (ANTARA) - Menteri Luar Negeri bertemu dengan duta besar Jepang di Jakarta pada Senin.\n"
BODY = ("Menteri Luar Negeri Indonesia bertemu dengan Menteri Luar Negeri Malaysia di Jakarta pada Senin "
        "untuk membahas perbatasan kedua negara dan kerja sama maritim. ")
PAGE = "<!DOCTYPE html><html><head><title>Menlu</title></head><body><article><p>{}</p></article></body></html>"


def _items(*inputs, stdin=None):
    return list(read_inputs([str(i) for i in inputs], stdin=stdin))


@pytest.fixture
def extracted(monkeypatch):
    """Make trafilatura find the given fields in any page: the reader's own decisions are tested."""
    found: dict = {}

    def bare_extraction(html, **kw):
        assert kw.get("with_metadata") is True  # the title, date and site come with the metadata
        if isinstance(found.get("raise"), Exception):
            raise found["raise"]
        return dict(found)

    monkeypatch.setattr(trafilatura, "bare_extraction", bare_extraction)
    return found


def _page(tmp_path, name="p.html") -> Path:
    p = tmp_path / name
    p.write_text(PAGE.format(BODY), encoding="utf-8")
    return p


def test_readers_files_every_known_suffix_is_read_from_a_folder(tmp_path, extracted):
    extracted.update(text=BODY)
    line = json.dumps({"id": "j", "text": ARTICLE})
    files = {"a.text": ARTICLE, "b": ARTICLE, "c.ndjson": line.replace('"j"', '"c"'),
             "d.json": line.replace('"j"', '"d"'), "e.jsonl": line.replace('"j"', '"e"'),
             "f.htm": PAGE.format(BODY), "g.xhtml": PAGE.format(BODY), "h.HTML": PAGE.format(BODY),
             "i.txt": ARTICLE, "k.csv": "id,text\n"}
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    items = _items(tmp_path)
    assert all(isinstance(i, Article) for i in items)
    assert [i.doc for i in items] == ["a.text", "b", "c", "d", "e", "f.htm", "g.xhtml", "h.HTML", "i.txt"]
    assert [i.text == BODY for i in items] == [False] * 5 + [True] * 3 + [False]


def test_readers_files_html_is_known_by_its_start_unless_the_suffix_says_text(tmp_path, extracted):
    extracted.update(text=BODY)
    (tmp_path / "a.php").write_text("  <!DOCTYPE HTML>" + PAGE[15:].format(BODY), encoding="utf-8")
    (tmp_path / "b.asp").write_text("<html><body><p>" + BODY + "</p></body></html>", encoding="utf-8")
    (tmp_path / "c.dat").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "d.txt").write_text("<html><body><p>" + BODY + "</p></body></html>", encoding="utf-8")
    a, b, c, d = (next(read_file(tmp_path / n)) for n in ("a.php", "b.asp", "c.dat", "d.txt"))
    assert a.text == b.text == BODY
    assert c.text == ARTICLE
    assert d.text.startswith("<html><body><p>")  # a .txt is plain text, whatever it holds


def test_readers_files_html_fields_from_the_page_metadata(tmp_path, extracted):
    extracted.update(text=BODY, title="Menlu bertemu", date="2022-09-05", sitename="KOMPAS.com",
                     url="https://nasional.kompas.com/read/1")
    [a] = _items(_page(tmp_path))
    assert (a.doc, a.title, a.published, a.source, a.url) == (
        "p.html", "Menlu bertemu", "2022-09-05", "KOMPAS.com", "https://nasional.kompas.com/read/1")
    extracted.clear()
    extracted.update(text=BODY, date="5 September 2022")
    [b] = _items(_page(tmp_path))
    assert (b.title, b.published, b.source, b.url) == (None, None, None, None)


def test_readers_files_html_real_page_metadata(tmp_path):
    body = " ".join([BODY] * 3)
    p = tmp_path / "berita.html"
    p.write_text("<!DOCTYPE html><html><head><title>Menlu bertemu mitra Malaysia</title>"
                 '<meta property="og:title" content="Menlu bertemu mitra Malaysia">'
                 '<meta property="article:published_time" content="2022-09-05T10:00:00+07:00">'
                 '<meta property="og:site_name" content="Tempo">'
                 '<link rel="canonical" href="https://nasional.tempo.co/read/1">'
                 f"</head><body><article><h1>Menlu bertemu</h1><p>{body}</p><p>{body}</p></article></body></html>",
                 encoding="utf-8")
    [a] = _items(p)
    assert (a.title, a.published, a.source, a.url) == (
        "Menlu bertemu mitra Malaysia", "2022-09-05", "Tempo", "https://nasional.tempo.co/read/1")


def test_readers_files_html_article_needs_80_characters_and_a_sentence(tmp_path, extracted):
    p = _page(tmp_path)
    sentence = ("Presiden meresmikan bendungan baru di Jawa Tengah bersama gubernur pada Senin pagi ini." + " " * 10)
    for text, ok in [(sentence[:79] + ".", True), (sentence[:78] + ".", False), ("  " + sentence[:78] + ".  ", False),
                     ("Beranda Politik Ekonomi Olahraga Hiburan Teknologi Otomotif Kesehatan Wisata Kuliner Foto Video"
                      " Indeks Terpopuler", False)]:
        extracted.update(text=text)
        [it] = _items(p)
        assert isinstance(it, Article) is ok, text
        if not ok:
            assert (it.source, it.reason) == (str(p), "HTML page with no article text")


def test_readers_files_html_parser_failure_is_named(tmp_path, extracted):
    extracted.update({"raise": ValueError("broken")})
    p = _page(tmp_path)
    [e] = _items(p)
    assert (e.source, e.reason) == (str(p), "HTML could not be parsed (ValueError)")


@pytest.mark.parametrize("site", ["https://www.facebook.com/kompascom", "https://m.facebook.com/kompascom",
                                  "https://fb.com/kompascom", "https://twitter.com/kompascom", "https://x.com/kompascom",
                                  "https://www.instagram.com/kompascom", "https://www.youtube.com/@kompascom",
                                  "https://t.me/kompascom", "https://www.tiktok.com/@kompascom",
                                  "https://id.linkedin.com/company/kompas", "https://wa.me/62811"])
def test_readers_files_html_outlet_is_never_a_social_network(tmp_path, extracted, site):
    extracted.update(text=BODY, sitename=site, url="https://www.kompas.com/read/1")
    [a] = _items(_page(tmp_path))
    assert a.source == "kompas.com"
    extracted.pop("url")
    [b] = _items(_page(tmp_path))
    assert b.source is None


@pytest.mark.parametrize("site, url, outlet", [
    ("www.tempo.co/", "https://nasional.tempo.co/read/1", "tempo.co"),
    ("https://www.antaranews.com/", None, "antaranews.com"),
    (None, "https://www.antaranews.com/berita/1", "antaranews.com"),
    ("", "https://www.antaranews.com/berita/1", "antaranews.com"),
    (None, "/berita/2022/09/05/menlu", None),
    ("  Liputan6.com ", None, "Liputan6.com"),
])
def test_readers_files_html_outlet_from_site_name_or_address(tmp_path, extracted, site, url, outlet):
    extracted.update(text=BODY, sitename=site, url=url)
    [a] = _items(_page(tmp_path))
    assert a.source == outlet


def _fail(monkeypatch, method, name, err):
    real = getattr(Path, method)

    def fake(self, *a, **k):
        if self.name == name:
            raise err
        return real(self, *a, **k)

    monkeypatch.setattr(Path, method, fake)


@pytest.mark.parametrize("err, reason", [(PermissionError(13, "Permission denied"), "Permission denied"),
                                         (OSError("no strerror"), "cannot be read")])
def test_readers_files_unreadable_file_reasons(tmp_path, monkeypatch, err, reason):
    for name in ("a.txt", "b.txt", "c.jsonl"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    _fail(monkeypatch, "stat", "a.txt", err)
    _fail(monkeypatch, "read_bytes", "b.txt", err)
    real_open = open
    monkeypatch.setattr(readers, "open", lambda f, *a, **k: (_ for _ in ()).throw(err) if str(f).endswith("c.jsonl")
                        else real_open(f, *a, **k), raising=False)
    items = [it for n in ("a.txt", "b.txt", "c.jsonl") for it in read_file(tmp_path / n)]
    assert [(e.source, e.reason) for e in items] == [(str(tmp_path / n), reason) for n in ("a.txt", "b.txt", "c.jsonl")]


def test_readers_files_folder_without_permission_and_empty_folder(tmp_path, monkeypatch):
    locked, empty = tmp_path / "terkunci", tmp_path / "kosong"
    locked.mkdir()
    empty.mkdir()
    (locked / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "z.txt").write_text(ARTICLE, encoding="utf-8")
    real = os.access
    # tests run as root, where every folder is readable: refuse reading and entering this one
    monkeypatch.setattr(readers.os, "access", lambda p, mode: real(p, mode) and not (
        Path(p).name == "terkunci" and mode & (os.R_OK | os.X_OK)))
    e1, e2, a = _items(locked, empty, tmp_path / "z.txt")
    assert (e1.source, e1.reason) == (str(locked), "permission denied")
    assert (e2.source, e2.reason) == (str(empty), "folder holds no .txt, .jsonl or .html files")
    assert a.doc == "z.txt"


def test_readers_files_count_articles(tmp_path, monkeypatch):
    d = tmp_path / "d"
    (d / "sub").mkdir(parents=True)
    (d / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "sub" / "b.html").write_text(PAGE.format(BODY), encoding="utf-8")
    (d / ".c.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "e.png").write_bytes(b"\x89PNG")
    (d / "f.jsonl").write_text("{}\n\n  \n{}\n{}\n", encoding="utf-8")  # three lines, blank ones not counted
    assert count_articles([str(d)]) == 5
    assert count_articles([str(d / "f.jsonl"), str(d / "a.txt"), str(tmp_path / "missing.txt")]) == 5
    assert count_articles([str(d / "a.txt"), "-"]) is None
    assert count_articles([]) == 0
    _fail(monkeypatch, "open", "f.jsonl", PermissionError(13, "Permission denied"))
    assert count_articles([str(d / "a.txt"), str(d / "f.jsonl")]) == 2  # to be reported as failed: one step
