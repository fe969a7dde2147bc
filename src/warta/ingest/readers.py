"""Read inputs into :class:`~warta.model.Article` records.

Inputs are paths (a file or a folder, read recursively) or ``-`` for standard input.
Recognised files: ``.txt`` (one article), ``.jsonl``/``.ndjson``/``.json`` (one article per
line), ``.html``/``.htm`` (the article is extracted with trafilatura). Anything that
cannot be read yields an :class:`~warta.errors.InputError` *item* instead of raising, so
that one bad input never stops a batch: callers report it and go on.
"""
from __future__ import annotations

import io
import json
import os
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article

#: Largest input file read whole; larger files are refused with a clear message.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Largest JSON line accepted.
MAX_LINE_BYTES = 20 * 1024 * 1024
STDIN_PEEK = 64 * 1024  # what is read of stdin to tell JSON Lines from one plain-text article

#: An HTML page whose extracted text is shorter than this, or has no sentence, holds no article.
MIN_ARTICLE_CHARS = 80
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)]*(?:\s|$)")
_SURROGATE = re.compile("[\ud800-\udfff]")

TEXT_SUFFIXES = {".txt", ".text", ""}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES


def decode_bytes(data: bytes, source: str) -> str:
    """Bytes to text (:func:`decode_text` without the encoding's name)."""
    return decode_text(data, source)[0]


#: the largest share of non-ASCII letters that a cp1252 reading of Indonesian or English text may
#: have: loanwords and names make a few percent (``déjà`` alone is half), while Cyrillic or Greek
#: code pages read as cp1252 turn nearly every letter into one
MAX_NON_ASCII_SHARE = 0.5
_CP1252_UNDEFINED = frozenset(b"\x81\x8d\x8f\x90\x9d")


def _plausible_western(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return False
    non_ascii = sum(1 for c in letters if not c.isascii())
    return non_ascii / len(letters) <= MAX_NON_ASCII_SHARE


def decode_text(data: bytes, source: str) -> tuple[str, str]:
    """Bytes to ``(text, encoding)``: UTF-16 with its BOM, UTF-8 (with or without BOM), then the
    Western code pages that Indonesian and English text comes in (cp1252, then latin-1) when they
    give plausible text, and only then what charset-normalizer detects (a rarer code page read
    ``déjà`` as ``déją``).

    Raises InputError for binary data (NUL bytes or no plausible encoding).
    """
    if not data.strip():
        raise InputError(source, "empty input")
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(source, "binary data, not text")
    text = enc = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, enc = data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError:
            pass
    if text is None:
        try:
            text, enc = data.decode("utf-8-sig"), "utf-8"
        except UnicodeDecodeError:
            pass
    if text is None:
        codec = "latin-1" if _CP1252_UNDEFINED & set(data) else "cp1252"
        guess = data.decode(codec)
        if _plausible_western(guess) and _control_ratio(guess) <= 0.05:
            text, enc = guess, codec
    if text is None:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise InputError(source, "binary data or an unknown text encoding") from None
        text, enc = str(best), best.encoding
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _control_ratio(text) > 0.05:
        raise InputError(source, "binary data, not text")
    if not text.strip():
        raise InputError(source, "empty input")
    return text, enc


def _control_ratio(text: str) -> float:
    sample = text[:4096]
    if not sample:
        return 0.0
    bad = sum(1 for c in sample if (ord(c) < 32 and c not in "\n\t\f\v") or c == "\ufffd")
    return bad / len(sample)


_PUBLISHED = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def _published(value: object, source: str) -> str | None:
    """A ``published`` value as ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (ISO timestamps keep their date).

    Anything else is refused with an InputError naming the field, so that a wrong date never
    silently anchors relative dates.
    """
    if value is None or value == "":
        return None
    s = str(value).strip()
    if len(s) > 10 and s[4:5] == "-" and s[7:8] == "-" and s[10:11] in ("T", " "):
        s = s[:10]
    m = _PUBLISHED.match(s)
    if m:
        y, mo, d = m.group(1), m.group(2), m.group(3)
        try:
            import datetime as _dt

            _dt.date(int(y), int(mo or 1), int(d or 1))
            return s
        except ValueError:
            pass
    raise InputError(source, f"'published' must be YYYY, YYYY-MM or YYYY-MM-DD, not {s[:40]!r}")


def article_from_json(obj: object, source: str) -> Article:
    """One JSON object (``id``, ``text``, optional ``title``, ``published``, ``source``, ``url``) to an Article."""
    if not isinstance(obj, dict):
        raise InputError(source, "a JSON line must be an object with 'id' and 'text'")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(source, "missing or empty 'text'")
    for key in ("text", "id", "title", "source", "url"):
        v = obj.get(key)
        if isinstance(v, str) and _SURROGATE.search(v):
            raise InputError(source, f"'{key}' holds an unpaired surrogate (\\u{ord(_SURROGATE.search(v).group()):04x}): not valid Unicode")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    doc = obj.get("id")
    art = Article(doc="", text=text)
    doc = str(doc) if doc not in (None, "") else art.doc_id
    title = obj.get("title")
    return Article(
        doc=doc,
        text=text,
        title=str(title) if title else None,
        published=_published(obj.get("published"), source),
        source=str(obj["source"]) if obj.get("source") else None,
        url=str(obj["url"]) if obj.get("url") else None,
        origin=source,
    )


def bounded_lines(stream, limit: int = MAX_LINE_BYTES) -> Iterator[bytes | None]:
    """The lines of a binary stream, none read whole past ``limit`` bytes: a longer line is given
    as None and the rest of it is skipped a megabyte at a time, so memory stays at the limit."""
    while True:
        line = stream.readline(limit + 1)
        if not line:
            return
        if len(line) > limit and not line.endswith(b"\n"):
            while True:
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
        else:
            yield line


class _Prefixed(io.RawIOBase):
    """A stream that gives ``head`` and then the rest of ``rest`` (stdin after a peek at its start)."""

    def __init__(self, head: bytes, rest):
        self._head, self._rest = memoryview(head), rest

    def readable(self) -> bool:
        return True

    def readinto(self, b) -> int:
        if self._head:
            n = min(len(b), len(self._head))
            b[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(b))
        b[:len(data)] = data
        return len(data)


def read_jsonl(stream: Iterable[bytes | str], name: str) -> Iterator[Article | InputError]:
    """Articles from JSON Lines; a bad line yields an InputError naming ``name:line``. A binary
    stream is read a bounded line at a time (:func:`bounded_lines`)."""
    lines = bounded_lines(stream) if hasattr(stream, "readline") and not isinstance(stream, io.TextIOBase) else stream
    for n, raw in enumerate(lines, 1):
        src = f"{name}:{n}"
        if raw is None or (isinstance(raw, bytes) and len(raw) > MAX_LINE_BYTES):
            yield InputError(src, f"line longer than {MAX_LINE_BYTES // (1024 * 1024)} MB")
            continue
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8-sig")
            except UnicodeDecodeError as e:
                yield InputError(src, f"not UTF-8 ({e.reason} at byte {e.start})")
                continue
        line = raw.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield InputError(src, f"invalid JSON ({e.msg}, column {e.colno})")
            continue
        except RecursionError:
            yield InputError(src, "invalid JSON (nested too deeply)")
            continue
        try:
            yield article_from_json(obj, src)
        except InputError as e:
            yield e


def read_html(data: bytes, path: str) -> Article:
    """The article in an HTML page, extracted with trafilatura (title and date when the page has them)."""
    import trafilatura

    html, enc = decode_text(data, path)
    try:
        res = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception as e:  # trafilatura raises a variety of parser errors on broken pages
        raise InputError(path, f"HTML could not be parsed ({type(e).__name__})") from None
    if hasattr(res, "as_dict"):
        res = res.as_dict()
    text = (res or {}).get("text") or ""
    if len(text.strip()) < MIN_ARTICLE_CHARS or not _SENTENCE_END.search(text):
        raise InputError(path, "HTML page with no article text")
    return Article(
        doc=os.path.basename(path),
        text=text,
        title=(res or {}).get("title") or None,
        published=_html_date((res or {}).get("date")),
        source=_outlet((res or {}).get("sitename"), (res or {}).get("url")),
        url=(res or {}).get("url") or None,
        origin=path,
        encoding=enc,
    )


#: hosts that carry an outlet's page, not the outlet: a page's og:site_name or publisher link
#: sometimes names one of these ("https://www.facebook.com/Bola.Kompascom")
SOCIAL_HOSTS = ("facebook.com", "fb.com", "twitter.com", "x.com", "instagram.com", "youtube.com", "t.me",
                "tiktok.com", "linkedin.com", "wa.me")


def _host(url: str) -> str | None:
    from urllib.parse import urlsplit

    try:
        host = (urlsplit(url if "//" in url else "//" + url).hostname or "").lower()
    except ValueError:
        return None
    return host[4:] if host.startswith("www.") else host or None


def _outlet(sitename: object, url: object) -> str | None:
    """The outlet's name from the page's metadata: the site name, unless it is a URL (a social
    network page of the outlet says nothing: then the host of the article's own URL)."""
    name = str(sitename).strip() if sitename else ""
    if name and not re.match(r"(?i)^(https?://|www\.)|^[\w.-]+\.[a-z]{2,}/", name):
        return name
    for cand in (name, str(url or "")):
        host = _host(cand) if cand else None
        if host and not any(host == s or host.endswith("." + s) for s in SOCIAL_HOSTS):
            return host
    return None


def _html_date(value: object) -> str | None:
    """The page's date as trafilatura found it, or None when it is not a valid date."""
    try:
        return _published(value, "html")
    except InputError:
        return None


def read_file(path: Path) -> Iterator[Article | InputError]:
    """Articles from one file, by its suffix."""
    name = str(path)
    suffix = path.suffix.lower()
    try:
        size = path.stat().st_size
    except OSError as e:
        yield InputError(name, e.strerror or "cannot be read")
        return
    if suffix in JSONL_SUFFIXES:
        try:
            with open(path, "rb") as f:
                yield from read_jsonl(f, name)
        except OSError as e:
            yield InputError(name, e.strerror or "cannot be read")
        return
    if size > MAX_FILE_BYTES:
        yield InputError(name, f"file of {size / 1048576:.0f} MB is larger than the {MAX_FILE_BYTES // 1048576} MB limit for one article")
        return
    try:
        data = path.read_bytes()
    except OSError as e:
        yield InputError(name, e.strerror or "cannot be read")
        return
    try:
        if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html"))):
            yield read_html(data, name)
        else:
            text, enc = decode_text(data, name)
            yield Article(doc=path.name, text=text, origin=name, encoding=enc)
    except InputError as e:
        yield e


def iter_paths(root: Path) -> Iterator[Path]:
    """Files under a folder, recursively, in a stable order; hidden files and unknown suffixes skipped."""
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for fn in sorted(filenames):
            if fn.startswith("."):
                continue
            p = Path(dirpath) / fn
            if p.suffix.lower() in KNOWN_SUFFIXES:
                yield p


def count_articles(inputs: Iterable[str]) -> int | None:
    """How many articles the inputs hold, counted without reading them as articles (one a text or
    HTML file, one a non-blank line of JSON Lines), or None when that is not knowable (stdin)."""
    total = 0
    for inp in inputs:
        if inp == "-":
            return None
        p = Path(inp)
        paths = iter_paths(p) if p.is_dir() else [p]
        for path in paths:
            if not path.is_file():
                total += 1  # it will be reported as failed: one step of the bar all the same
            elif path.suffix.lower() in JSONL_SUFFIXES:
                try:
                    with path.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                except OSError:
                    total += 1
            else:
                total += 1
    return total


def read_inputs(inputs: Iterable[str], stdin: io.BufferedReader | None = None) -> Iterator[Article | InputError]:
    """Every article of every input, in order; failures come as InputError items.

    ``-`` reads standard input: JSON Lines when its first non-blank character is ``{``,
    else one plain-text article.
    """
    for inp in inputs:
        if inp == "-":
            stream = stdin or sys.stdin.buffer
            head = stream.read(STDIN_PEEK)
            if head.lstrip()[:1] == b"{":
                yield from read_jsonl(io.BufferedReader(_Prefixed(head, stream)), "-")
                continue
            data = head + stream.read(MAX_FILE_BYTES + 1 - len(head))
            if len(data) > MAX_FILE_BYTES:
                yield InputError("-", f"standard input holds more than the {MAX_FILE_BYTES // 1048576} MB limit "
                                      "for one article (send JSON Lines for many)")
                continue
            try:
                text, enc = decode_text(data, "-")
                art = Article(doc="", text=text)
                yield Article(doc=f"stdin-{art.doc_id}", text=text, origin="-", encoding=enc)
            except InputError as e:
                yield e
            continue
        p = Path(inp)
        if not p.exists():
            yield InputError(inp, "no such file or folder")
        elif p.is_dir():
            if not os.access(p, os.R_OK | os.X_OK):
                yield InputError(inp, "permission denied")
                continue
            found = False
            for f in iter_paths(p):
                found = True
                yield from read_file(f)
            if not found:
                yield InputError(inp, "folder holds no .txt, .jsonl or .html files")
        else:
            yield from read_file(p)
