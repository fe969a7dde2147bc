"""``warta watch`` (a folder, polled) and ``warta feeds`` (RSS against a local HTTP server)."""
from __future__ import annotations

import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from warta import watch
from warta.cli import app
from warta.store.store import Store


# ---------------------------------------------------------------------------------------------- folder
def test_watch_once_ingests_each_file_once(tmp_path, samples):
    folder = tmp_path / "inbox"
    (folder / "sub").mkdir(parents=True)
    for i, (name, text) in enumerate(samples.items()):
        (folder / ("sub" if i % 2 else "") / name).write_text(text, encoding="utf-8")
    (folder / "draft.part").write_text("half an article", encoding="utf-8")  # unknown suffix: not read
    db = tmp_path / "w.db"
    res = CliRunner().invoke(app, ["watch", str(folder), "--db", str(db), "--once", "--settle", "0.2"])
    assert res.exit_code == 0, res.output
    with Store(db) as s:
        assert s.count()["documents"] == len(samples)
    # a second run: nothing new is stored; a new file is
    (folder / "baru.txt").write_text("JAKARTA - Presiden bertemu Perdana Menteri Jepang di Istana Merdeka.\n",
                                     encoding="utf-8")
    res = CliRunner().invoke(app, ["watch", str(folder), "--db", str(db), "--once", "--settle", "0.2"])
    assert res.exit_code == 0, res.output
    assert "1 stored" in res.output and f"{len(samples)} already in the store" in res.output
    with Store(db) as s:
        assert s.count()["documents"] == len(samples) + 1


def test_watcher_waits_for_a_file_to_stop_growing_and_takes_it_once(tmp_path, store):
    folder = tmp_path / "inbox"
    folder.mkdir()
    w = watch.FolderWatcher(folder, store, settle=0.0)
    f = folder / "a.txt"
    f.write_text("Kairo (ANTARA) - Menteri Luar Negeri Mesir bertemu", encoding="utf-8")
    w.settle = 3600.0  # while the size keeps changing (or not long enough unchanged), nothing is read
    assert w.poll().analysed == 0
    with open(f, "a", encoding="utf-8") as fh:
        fh.write(" utusan khusus Sudan di Kairo pada Senin.\n")
    assert w.poll().analysed == 0 and w.pending() == [str(f)]
    w.settle = 0.0
    assert w.poll().stored == 1
    assert w.poll().analysed == 0  # once only
    assert w.pending() == []


def test_watch_on_a_missing_folder_fails(tmp_path):
    res = CliRunner().invoke(app, ["watch", str(tmp_path / "nope"), "--once"])
    assert res.exit_code == 2


# ---------------------------------------------------------------------------------------------- feeds
PAGE = """<!doctype html><html><head><title>{title}</title></head><body>
<nav>Beranda | Politik | Ekonomi</nav>
<article><h1>{title}</h1>
<p>{body}</p>
<p>Kedua pihak sepakat melanjutkan perundingan pekan depan, kata juru bicara kementerian luar negeri.</p>
<p>Pertemuan itu berlangsung tertutup selama dua jam di gedung kementerian dan dihadiri para pejabat tinggi.</p>
</article><footer>Hak cipta dilindungi</footer></body></html>"""


def _rss(base: str, items: list[tuple[str, str, str]]) -> str:
    out = ['<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Kabar Uji</title>',
           f"<link>{base}/</link><description>uji</description>"]
    for slug, title, summary in items:
        out.append(f"<item><title>{title}</title><link>{base}/{slug}.html</link><guid>{base}/{slug}.html</guid>"
                   f"<pubDate>Mon, 04 Mar 2024 08:00:00 +0700</pubDate><description>{summary}</description></item>")
    out.append("</channel></rss>")
    return "".join(out)


@pytest.fixture
def news_server(tmp_path):
    """An HTTP server on 127.0.0.1 serving ``tmp_path/site``; yields (base URL, folder, request log)."""
    site = tmp_path / "site"
    site.mkdir()
    log: list[str] = []

    class Handler(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            log.append(self.path)
            super().do_GET()

    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(Handler, directory=str(site)))
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", site, log
    server.shutdown()
    server.server_close()


def _write_site(site: Path, base: str, n: int) -> None:
    bodies = [
        ("Mesir undang Sudan berunding", "Menteri Luar Negeri Mesir mengundang utusan Sudan ke Kairo pada Senin untuk membahas gencatan senjata."),
        ("Jepang bantu pelabuhan", "Jepang berjanji memberikan bantuan untuk pembangunan pelabuhan di Indonesia timur, kata menteri."),
        ("Polisi tahan demonstran", "Polisi menahan 30 orang setelah bentrokan di depan gedung parlemen Thailand pada Jumat."),
    ]
    items = []
    for i in range(n):
        title, body = bodies[i % len(bodies)]
        slug = f"berita-{i}"
        if i != 1:  # berita-1 has no page: its summary is used
            (site / f"{slug}.html").write_text(PAGE.format(title=title, body=body), encoding="utf-8")
        items.append((slug, title, f"Ringkasan: {body}"))
    (site / "rss.xml").write_text(_rss(base, items), encoding="utf-8")


def test_feeds_ingest_each_entry_exactly_once_across_two_polls(tmp_path, news_server):
    base, site, log = news_server
    _write_site(site, base, 2)
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"# test feeds\n\n{base}/rss.xml\n", encoding="utf-8")
    db = tmp_path / "f.db"
    res = CliRunner().invoke(app, ["feeds", str(feeds), "--db", str(db), "--once"])
    assert res.exit_code == 0, res.output
    with Store(db) as s:
        docs = {d["doc"]: s.document(d["doc_id"]) for d in s.documents()}
    assert set(docs) == {f"{base}/berita-0.html", f"{base}/berita-1.html"}
    page_doc = docs[f"{base}/berita-0.html"]
    assert "utusan Sudan" in page_doc["text"] and "Beranda" not in page_doc["text"]  # extracted from the page
    assert page_doc["url"] == f"{base}/berita-0.html" and page_doc["source"] == "Kabar Uji"
    assert page_doc["title"] == "Mesir undang Sudan berunding" and page_doc["published"] == "2024-03-04"
    assert docs[f"{base}/berita-1.html"]["text"].startswith("Ringkasan:")  # no page: the summary
    # the second poll: the feed has one new entry; only it is fetched and stored
    _write_site(site, base, 3)
    log.clear()
    res = CliRunner().invoke(app, ["feeds", str(feeds), "--db", str(db), "--once"])
    assert res.exit_code == 0, res.output
    assert sorted(log) == ["/berita-2.html", "/rss.xml"]
    with Store(db) as s:
        assert s.count()["documents"] == 3


def test_feed_poller_in_one_process_takes_each_entry_once(tmp_path, news_server, store):
    base, site, log = news_server
    _write_site(site, base, 3)
    p = watch.FeedPoller([f"{base}/rss.xml", f"{base}/missing.xml"], store, timeout=5)
    failures = []
    p.on_failure = failures.append
    r1 = p.poll()
    assert (r1.analysed, r1.stored) == (3, 3)
    assert [f.source for f in failures] == [f"{base}/missing.xml"]
    log.clear()
    r2 = p.poll()
    assert (r2.analysed, r2.stored) == (0, 0)
    assert sorted(log) == ["/missing.xml", "/rss.xml"]  # no article page fetched again
    assert store.count()["documents"] == 3


def test_read_feed_list(tmp_path):
    f = tmp_path / "f.txt"
    f.write_text("# komentar\n\nhttps://a.example/rss#frag\n  http://b.example/atom.xml  \n", encoding="utf-8")
    assert watch.read_feed_list(f) == ["https://a.example/rss#frag", "http://b.example/atom.xml"]
