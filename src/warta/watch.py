"""Watching for news: a folder (``warta watch``) and RSS/Atom feeds (``warta feeds``).

``warta watch FOLDER`` polls the folder (recursively, the files ``warta ingest`` reads) and
ingests each file once, when its size and modification time have stayed the same for
``--settle`` seconds (so that a file still being written is not read half-way); a file that
changes afterwards is ingested again (a new text is a new article; the same text changes
nothing in the store).

``warta feeds FILE`` reads feed URLs from FILE (one a line, ``#`` comments) and polls them; each
entry is taken once, keyed by its link (or its id/guid when it has no link): its page is
fetched and the article extracted with trafilatura, or, when the page cannot be fetched or
holds no article, the entry's summary is used. Entries already in the store (same URL) are not
fetched again, so a restarted poller does not redo its work.

Both stop after one round with ``--once``; otherwise they poll every ``--interval`` seconds
until interrupted.
"""
from __future__ import annotations

import html as html_lib
import os
import re
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import __version__
from .errors import InputError
from .ingest.readers import iter_paths, read_file, read_html
from .model import Article, Document, Failure, Report

USER_AGENT = f"warta/{__version__} (+https://pypi.org/project/warta/)"
MAX_PAGE_BYTES = 10 * 1024 * 1024
OnFailure = Callable[[Failure], None]
OnDocument = Callable[[Document, bool], None]


def _ingest(items, store, runner, on_failure, on_document) -> Report:
    from .runner import LocalRunner, ingest_articles

    return ingest_articles(runner or LocalRunner(), items, store, on_failure, on_document)


# ---------------------------------------------------------------------------------------------- folders
@dataclass
class FolderWatcher:
    """Polls ``folder``; :meth:`poll` ingests the files that are new (or changed) and stable."""

    folder: Path
    store: object
    settle: float = 2.0
    runner: object | None = None
    on_failure: OnFailure | None = None
    on_document: OnDocument | None = None
    _seen: dict[str, tuple[int, int, float]] = field(default_factory=dict)  # path -> (size, mtime_ns, stable since)
    _done: dict[str, tuple[int, int]] = field(default_factory=dict)  # path -> (size, mtime_ns) ingested

    def scan(self) -> list[Path]:
        """Note sizes and times; the files ready to ingest: new or changed, unchanged for ``settle`` s."""
        now = time.monotonic()
        ready = []
        present = set()
        for p in iter_paths(self.folder):
            key = str(p)
            try:
                st = p.stat()
            except OSError:  # removed between listing and looking
                continue
            present.add(key)
            sig = (st.st_size, st.st_mtime_ns)
            prev = self._seen.get(key)
            if prev is None or prev[:2] != sig:
                self._seen[key] = (*sig, now)
                if self.settle > 0:
                    continue
            if self._done.get(key) == sig:
                continue
            if st.st_size > 0 and now - self._seen[key][2] >= self.settle:
                ready.append(p)
        for gone in set(self._seen) - present:
            self._seen.pop(gone, None)
            self._done.pop(gone, None)
        return ready

    def poll(self) -> Report:
        """One round: ingest what is ready; returns what it did."""
        ready = self.scan()

        def items() -> Iterator[Article | InputError]:
            for p in ready:
                sig = self._seen[str(p)][:2]
                yield from read_file(p)
                self._done[str(p)] = sig

        return _ingest(items(), self.store, self.runner, self.on_failure, self.on_document)

    def pending(self) -> list[str]:
        """Files seen but not (yet) ingested: still being written, or changed since."""
        return sorted(k for k, v in self._seen.items() if self._done.get(k) != v[:2])

    def once(self) -> Report:
        """Everything in the folder now: waits (``settle`` s) for files still being written, once."""
        report = self.poll()
        if self.settle > 0 and self.pending():
            time.sleep(self.settle)
            more = self.poll()
            report.analysed += more.analysed
            report.stored += more.stored
            report.unchanged += more.unchanged
            report.events += more.events
            report.failures += more.failures
        return report


# ---------------------------------------------------------------------------------------------- feeds
def read_feed_list(path: str | os.PathLike) -> list[str]:
    """Feed URLs from a file: one a line; blank lines and ``#`` comments skipped."""
    urls = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            urls.append(line)
    return urls


def fetch(url: str, timeout: float = 20.0) -> bytes:
    """The body of an HTTP(S) GET (at most MAX_PAGE_BYTES); raises OSError/urllib errors."""
    if not url.lower().startswith(("http://", "https://")):
        raise ValueError(f"not an http(s) URL: {url}")
    req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310 - scheme checked above
        data = resp.read(MAX_PAGE_BYTES + 1)
    if len(data) > MAX_PAGE_BYTES:
        raise ValueError(f"page larger than {MAX_PAGE_BYTES // 1048576} MB")
    return data


_TAG = re.compile(r"<[^>]+>")


def _plain(html_text: str) -> str:
    text = re.sub(r"(?i)<\s*(br|/p|/div|/li)\s*/?>", "\n", html_text or "")
    text = html_lib.unescape(_TAG.sub("", text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def _entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        t = entry.get(key)
        if t:
            return f"{t.tm_year:04d}-{t.tm_mon:02d}-{t.tm_mday:02d}"
    return None


def entry_key(entry) -> str | None:
    """What identifies a feed entry: its link, else its id (guid)."""
    return (entry.get("link") or entry.get("id") or "").strip() or None


@dataclass
class FeedPoller:
    """Polls feed URLs; :meth:`poll` ingests each entry not seen before."""

    feeds: list[str]
    store: object
    runner: object | None = None
    on_failure: OnFailure | None = None
    on_document: OnDocument | None = None
    timeout: float = 20.0
    fetcher: Callable[[str], bytes] | None = None
    seen: set[str] = field(default_factory=set)

    def _fetch(self, url: str) -> bytes:
        return (self.fetcher or (lambda u: fetch(u, self.timeout)))(url)

    def _in_store(self, key: str) -> bool:
        import sqlalchemy as sa

        from .store.schema import documents

        engine = getattr(self.store, "engine", None)
        if engine is None:
            return False
        with engine.connect() as conn:
            return conn.execute(sa.select(documents.c.doc_id).where(documents.c.url == key).limit(1)).first() is not None

    def entries(self) -> Iterator[Article | InputError]:
        """Articles of the entries not seen before (InputError items for feeds that failed)."""
        import feedparser

        for feed_url in self.feeds:
            try:
                parsed = feedparser.parse(self._fetch(feed_url))
            except Exception as e:
                yield InputError(feed_url, f"feed could not be fetched ({type(e).__name__}: {e})")
                continue
            if parsed.get("bozo") and not parsed.entries:
                yield InputError(feed_url, f"not an RSS or Atom feed ({parsed.get('bozo_exception')})")
                continue
            outlet = (parsed.feed.get("title") or "").strip() or None
            for entry in parsed.entries:
                key = entry_key(entry)
                if key is None or key in self.seen:
                    continue
                self.seen.add(key)
                if self._in_store(key):
                    continue
                yield self._article(entry, key, outlet)

    def _article(self, entry, key: str, outlet: str | None) -> Article | InputError:
        title = _plain(entry.get("title") or "") or None
        published = _entry_date(entry)
        link = entry.get("link")
        doc = key[:500]
        if link:
            try:
                art = read_html(self._fetch(link), link)
                return Article(doc=doc, text=art.text, title=title or art.title, published=published or art.published,
                               source=outlet or art.source, url=key, origin=link)
            except (InputError, OSError, ValueError, urllib.error.URLError):
                pass  # the page is gone, refused or holds no article: the summary will do
            except Exception:  # noqa: BLE001 - a broken page must not stop the feed
                pass
        summary = _plain(entry.get("summary") or entry.get("description") or "")
        if not summary:
            contents = entry.get("content") or []
            summary = _plain(" ".join(c.get("value", "") for c in contents))
        if not summary:
            return InputError(key, "entry whose page could not be read and which has no summary")
        return Article(doc=doc, text=summary, title=title, published=published, source=outlet, url=key, origin=key)

    def poll(self) -> Report:
        """One round over every feed; returns what it did."""
        return _ingest(self.entries(), self.store, self.runner, self.on_failure, self.on_document)


# ---------------------------------------------------------------------------------------------- CLI
def _loop(step: Callable[[], Report], once: bool, interval: float, say: Callable[[str], None]) -> Report:
    total = Report()
    while True:
        r = step()
        total.analysed += r.analysed
        total.stored += r.stored
        total.unchanged += r.unchanged
        total.events += r.events
        total.failures += r.failures
        if r.analysed or r.failures:
            say(f"{r.analysed} article(s) analysed, {r.stored} stored, {r.unchanged} already in the store, "
                f"{len(r.failures)} failed")
        if once:
            return total
        time.sleep(interval)


def register(app) -> None:
    """Add ``warta watch`` and ``warta feeds`` to the Typer app."""

    def say(msg: str) -> None:
        typer.echo(msg, err=True)

    from .console import fail_line, open_store

    def finish(what: str, total) -> None:
        """The closing line of a watch or feeds run; exit code 1 when an input failed."""
        say(f"{what}: {total.analysed} article(s) analysed, {total.events} event(s), {total.stored} stored, "
            f"{total.unchanged} already in the store, {len(total.failures)} failed")
        if total.failures:
            raise typer.Exit(1)

    @app.command("watch")
    def watch(
        folder: Annotated[Path, typer.Argument(help="Folder to watch (recursively).")],
        db: Annotated[Optional[str], typer.Option("--db", help="SQLAlchemy URL or SQLite file.")] = None,
        interval: Annotated[float, typer.Option("--interval", min=0.1, help="Seconds between polls.")] = 10.0,
        settle: Annotated[float, typer.Option("--settle", min=0.0, help="Seconds a file's size must stay the same.")] = 2.0,
        once: Annotated[bool, typer.Option("--once", help="One round, then exit.")] = False,
    ) -> None:
        """Ingest files as they appear in a folder (each once, when it is fully written)."""
        if not folder.is_dir():
            typer.echo(f"warta: error: {folder}: not a folder", err=True)
            raise typer.Exit(2)
        store = open_store(db)
        with store:
            w = FolderWatcher(folder, store, settle=settle, on_failure=fail_line)
            if not once:
                say(f"watching {folder} every {interval:g} s (Ctrl-C to stop)")
            try:
                total = _loop(w.once if once else w.poll, once, interval, say)
            except KeyboardInterrupt:
                return
            for p in w.pending():
                say(f"warta: {p}: still being written, left for the next run")
        finish("watch", total)

    @app.command("feeds")
    def feeds(
        file: Annotated[Path, typer.Argument(help="File of RSS/Atom feed URLs, one a line.")],
        db: Annotated[Optional[str], typer.Option("--db", help="SQLAlchemy URL or SQLite file.")] = None,
        interval: Annotated[float, typer.Option("--interval", min=1.0, help="Seconds between polls.")] = 300.0,
        timeout: Annotated[float, typer.Option("--timeout", min=1.0, help="Seconds to wait for a page.")] = 20.0,
        once: Annotated[bool, typer.Option("--once", help="One round, then exit.")] = False,
    ) -> None:
        """Poll RSS/Atom feeds and ingest each new entry once (its page, or its summary)."""
        try:
            urls = read_feed_list(file)
        except OSError as e:
            typer.echo(f"warta: error: {file}: {e.strerror or e}", err=True)
            raise typer.Exit(2) from None
        if not urls:
            typer.echo(f"warta: error: {file}: no feed URLs", err=True)
            raise typer.Exit(2)
        store = open_store(db)
        with store:
            p = FeedPoller(urls, store, on_failure=fail_line, timeout=timeout)
            if not once:
                say(f"polling {len(urls)} feed(s) every {interval:g} s (Ctrl-C to stop)")
            try:
                total = _loop(p.poll, once, interval, say)
            except KeyboardInterrupt:
                return
        finish("feeds", total)
