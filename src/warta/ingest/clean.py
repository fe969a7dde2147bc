"""Separate an article's body from its boilerplate, without changing a character.

:func:`segment` reads the original text and returns typed spans with offsets into it:
the dateline (``London (ANTARA) -``), the wire credit (``Sumber: Reuters``), related
links (``Baca juga: ...``), translator/editor credits, the copyright line, a news page's
headline repeated as its first line, the outlet's calls to action (``ADVERTISEMENT``, ``Ikuti
berita ... di Google News``); and what they
tell: the outlet, the wire, the dateline place, a publication year or date. :func:`url_day`
reads the publication day a news page's address carries.
"""
from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..model import Published, Span

# Outlets whose names appear in datelines and copyright lines, keyed by lower-cased form.
OUTLETS = {
    "antara": "ANTARA", "antaranews": "ANTARA", "antaranews.com": "ANTARA",
    "suarathailand": "Suarathailand", "liputan6.com": "Liputan6", "liputan6": "Liputan6",
    "fajar.co.id": "FAJAR", "fajar": "FAJAR", "idn times": "IDN Times", "idntimes": "IDN Times",
    "riau24.com": "RIAU24", "wahananews.co": "WahanaNews", "kabarberita.id": "KabarBerita",
    "kompas.com": "Kompas", "kompas": "Kompas", "tempo.co": "Tempo", "tempo": "Tempo",
    "detikcom": "detikcom", "detik.com": "detikcom", "cnn indonesia": "CNN Indonesia",
    "cnnindonesia.com": "CNN Indonesia", "republika.co.id": "Republika", "republika": "Republika",
    "okezone": "Okezone", "okezone.com": "Okezone", "sindonews": "SINDOnews", "sindonews.com": "SINDOnews",
    "viva.co.id": "VIVA", "viva": "VIVA", "tribunnews.com": "Tribunnews", "tribunnews": "Tribunnews",
    "suara.com": "Suara.com", "jpnn.com": "JPNN", "jpnn": "JPNN", "beritasatu": "BeritaSatu",
    "beritasatu.com": "BeritaSatu", "medcom.id": "Medcom", "inews.id": "iNews", "voa": "VOA Indonesia",
    "voa indonesia": "VOA Indonesia", "bbc news indonesia": "BBC News Indonesia", "kumparan": "kumparan",
    "kumparan.com": "kumparan", "merdeka.com": "Merdeka.com", "bisnis.com": "Bisnis.com",
    "cnbc indonesia": "CNBC Indonesia", "jawapos.com": "Jawa Pos", "jawapos": "Jawa Pos",
    "mediaindonesia.com": "Media Indonesia", "media indonesia": "Media Indonesia", "rmol": "RMOL",
    "bernama": "Bernama", "berita harian": "Berita Harian", "harian metro": "Harian Metro",
    "rimanews": "Rimanews", "rimanews.com": "Rimanews", "poskotanews": "Pos Kota", "poskotanews.com": "Pos Kota",
    "pos kota": "Pos Kota", "dailysocial.id": "DailySocial", "juara.net": "JUARA",
}

# Wire agencies named in credit lines.
WIRES = {
    "reuters": "Reuters", "afp": "AFP", "agence france-presse": "AFP", "ap": "AP",
    "associated press": "AP", "xinhua": "Xinhua", "tass": "TASS", "anadolu": "Anadolu",
    "anadolu agency": "Anadolu", "bernama": "Bernama", "kyodo": "Kyodo", "yonhap": "Yonhap",
    "dpa": "dpa", "sputnik": "Sputnik", "ria novosti": "RIA Novosti", "antara": "ANTARA",
    "bloomberg": "Bloomberg", "al jazeera": "Al Jazeera", "bbc": "BBC", "cna": "CNA",
    "channel news asia": "CNA", "the guardian": "The Guardian", "cnn": "CNN",
}

_DOMAIN = re.compile(r"\.(?:com|co\.id|co|id|net|org|news|tv)\b", re.I)
_SEP = r"(?:-{1,2}|–|—|\|)"
# One or two comma-separated parts, an optional (OUTLET), then a dash or bar.
_DATELINE = re.compile(
    r"(?P<a>[A-Z][\w.&'’]*(?:[ ][A-Z0-9][\w.&'’]*){0,3})"
    r"(?:\s*,\s*(?P<b>[A-Za-z][\w.&'’]*(?:[ ][A-Z0-9][\w.&'’]*){0,3}))?"
    r"(?:\s*\((?P<paren>[^()\n]{2,30})\))?"
    r"\s*" + _SEP + r"\s*"
)
_RELATED = re.compile(r"^(?:baca|simak|lihat|klik|tonton)\s+(?:juga|pula|selengkapnya)\s*:?", re.I)
_WIRE = re.compile(r"^(?:sumber|source)\s*:\s*(?P<wire>[^\n]{2,60})$", re.I)
_CREDIT = re.compile(
    r"^(?:penerjemah|pewarta|editor|penyunting|redaktur|penulis|reporter|kontributor|"
    r"editor bahasa|foto|alih bahasa|produser|narator)\s*:\s*[^\n]{1,80}$",
    re.I,
)
#: a reporter's byline as a line of its own (``Laporan Wartawan Tribunnews.com, Ilham Rian Pratama``):
#: a credit, its value the name after the comma
_BYLINE = re.compile(r"^laporan\s+(?:wartawan|reporter|koresponden|kontributor)\b[^\n]{0,80}$", re.I)
_COPYRIGHT = re.compile(r"^(?:copyright|hak cipta|\(c\)|©)[^\n]{0,120}$", re.I)
#: an outlet's calls to action and page furniture, as whole lines of a news page's text: its ad
#: and scroll markers, video embeds (``[Gambas:Video CNN]``, ``Simak Video "..."``), syndication
#: notes (``Artikel ini telah tayang di Tribunnews.com ...``), invitations to follow the outlet on
#: an app or a channel (``Dapatkan update berita pilihan ... Grup Telegram``, ``Ikuti berita
#: Okezone di Google News``), its notice against crawling, tag lists (``Tags: KPK, Suap``) and
#: page links (``Halaman 1 2 3 Selanjutnya``)
_PROMO = re.compile(
    r"^(?:advertisement|iklan|scroll to continue with content|scroll untuk melanjutkan(?: membaca)?"
    r"|\[gambas:[^\]\n]{1,80}\]"
    r"|artikel ini (?:telah |sudah )?(?:tayang|terbit|dimuat|diterbitkan)\b.*"
    r"|(?:simak|saksikan|tonton|lihat)(?: juga)? video\b.*"
    r"|dilarang keras mengambil konten\b.*"
    r"|(?:tags?|topik|kata kunci)\s*:.*"
    r"|halaman(?:\s+\d+)+(?:\s+selanjutnya)?|(?:halaman\s+)?(?:selanjutnya|berikutnya|sebelumnya)"
    r"|(?:dapatkan|simak|ikuti|follow|gabung|bergabung(?:lah)?|download|unduh|pantau)\b.{0,240}?"
    r"\b(?:google news|telegram|whatsapp|channel|saluran|aplikasi|instagram|twitter|facebook|tiktok|youtube"
    r"|berita pilihan|breaking news|berita terkini|berita terbaru|update berita)\b.*"
    r")$", re.I)
#: the longest line read as an outlet's call to action (a longer one is an article's paragraph)
PROMO_MAX = 320
_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")
# a final "(Antara)" or "[Reuters]": the wire or outlet the article came from (a known one only)
_TRAIL_WIRE = re.compile(r"[(\[](?P<w>[A-Za-z][A-Za-z. ]{1,24})[)\]]\s*$")
# a final "(Susi Susanti)" or "(sha/c9/bay/jpg/fajar)" or "(ant/rtr)" credit
_TRAIL_CREDIT = re.compile(r"\((?:[a-z0-9]{1,8}(?:/[a-z0-9]{1,8})+|[A-Z][a-z]+(?: [A-Z][a-z]+){1,3})\)\s*$")
_PUB_DATE = re.compile(
    r"\b(?:Senin|Selasa|Rabu|Kamis|Jumat|Jum'at|Sabtu|Minggu|Ahad),?\s*\((\d{1,2})/(\d{1,2})/(\d{4})\)"
)


@dataclass
class Segmented:
    """What :func:`segment` finds in one text."""

    body: tuple[int, int]
    boilerplate: list[Span] = field(default_factory=list)
    dateline: str | None = None
    source: str | None = None
    wire: str | None = None
    published: Published = field(default_factory=lambda: Published(None, None, None))

    def content_ranges(self) -> list[tuple[int, int]]:
        """The body minus the boilerplate spans inside it, as sorted (start, end) ranges."""
        ranges, pos = [], self.body[0]
        for b in sorted(self.boilerplate, key=lambda s: s.start):
            if b.end <= pos or b.start >= self.body[1]:
                continue
            if b.start > pos:
                ranges.append((pos, b.start))
            pos = max(pos, b.end)
        if pos < self.body[1]:
            ranges.append((pos, self.body[1]))
        return [(s, e) for s, e in ranges if s < e]


def _lines(text: str):
    """(start, end) of each line without its newline, skipping nothing."""
    pos = 0
    for line in text.split("\n"):
        yield pos, pos + len(line), line
        pos += len(line) + 1


def _lead(s: int, line: str) -> int:
    """The offset of the first character of the line that starts at ``s`` (its indentation skipped)."""
    return s + len(line) - len(line.lstrip())


def _outlet(part: str | None) -> str | None:
    if not part:
        return None
    key = part.strip().lower()
    if key in OUTLETS:
        return OUTLETS[key]
    if _DOMAIN.search(part):
        return part.strip()
    return None


def _looks_like_place(part: str | None) -> bool:
    if not part:
        return False
    words = part.split()
    return 1 <= len(words) <= 3 and not _DOMAIN.search(part) and all(w[:1].isupper() for w in words)


#: a dash set off by spaces: what follows a bare place written in mixed case (``Jakarta - ``)
_SPACED_DASH = re.compile(r"\s+(?:-{1,2}|–|—)\s")


def _dateline(text: str, start: int, end: int, is_place: Callable[[str], bool] | None = None):
    """Match a dateline at the start of the line [start, end); returns (Span, place, outlet) or None.
    ``is_place`` says whether a bare name in mixed case is a place (``Jakarta - ``, as some outlets
    write their datelines); without it only an upper-case one counts (``JAKARTA -``)."""
    m = _DATELINE.match(text, start, end)
    if not m or m.end() >= end:
        return None
    a, b, paren = m.group("a"), m.group("b"), m.group("paren")
    place = outlet = None
    if paren:
        outlet = _outlet(paren) or paren.strip()
        place = a if not b else None
        if b:
            # "Jakarta, Senin (ANTARA) -" style: the place is the first part
            place = a
    elif b:
        oa, ob = _outlet(a), _outlet(b)
        if oa and not ob:
            outlet, place = oa, b
        elif ob and not oa:
            place, outlet = a, ob
        elif ob and oa:
            return None
        else:
            # "Jakarta, IDN Times -" : a known place first is the usual Indonesian order
            if _looks_like_place(a) and _looks_like_place(b):
                place, outlet = a, b.strip()
            else:
                return None
    else:
        outlet = _outlet(a)
        if not outlet:
            # "JAKARTA -": a bare upper-case place, the only safe bare form without a gazetteer;
            # "Jakarta - " when the gazetteer knows the place and spaces set the dash off
            if a.isupper() and len(a) >= 3 and " " not in a.strip():
                place = a
            elif is_place is not None and _SPACED_DASH.match(text, m.end("a")) and is_place(a):
                place = a
            else:
                return None
    # A dateline is short; a dash later in a sentence is no dateline.
    if m.end() - start > 60:
        return None
    if place:
        place = place.strip()
        if place.isupper():
            place = place.title()
    span = Span("dateline", start, m.end(), text[start:m.end()], value=outlet)
    return span, place, outlet


#: what may follow a headline in a page's title: a separator, then the outlet or the section
_TITLE_TAIL = re.compile(r"\s+(?:-|–|—|\|)\s+\S")


def _is_title(line: str, title: str | None) -> bool:
    """Whether a line of the text is the article's headline: the title as given, or the title
    before a separator and the outlet's name (``KPK Tetapkan ... - Nasional Kompas.com``)."""
    if not title:
        return False
    a, b = " ".join(line.split()).casefold(), " ".join(title.split()).casefold()
    return bool(a) and (a == b or (b.startswith(a) and _TITLE_TAIL.match(b, len(a)) is not None))


def segment(text: str, is_place: Callable[[str], bool] | None = None, title: str | None = None) -> Segmented:
    """Find the body and the boilerplate of one article's original text.

    Returns offsets into ``text``; nothing is copied or changed. The body runs from the
    first line that is not wholly boilerplate (after its dateline) to the end of the last
    content line; boilerplate inside it
    (a dateline, a ``Baca juga:`` line) is listed and left out of the sentences. A first line
    that is the article's ``title`` (a news page's text often opens with its headline) is
    boilerplate too: the lead tells the same news as a sentence.
    """
    spans: list[Span] = []
    dateline = source = wire = None
    published = Published(None, None, None)
    lines = [(s, e, line) for s, e, line in _lines(text)]
    content_lines = [(s, e, line) for s, e, line in lines if line.strip()]
    if len(content_lines) > 1 and _is_title(content_lines[0][2], title):  # never the only line
        s, _, line = content_lines.pop(0)
        lead = _lead(s, line)
        spans.append(Span("title", lead, lead + len(line.strip()), line.strip()))

    # Dateline: at the start of one of the first three content lines.
    for s, e, line in content_lines[:3]:
        lead = _lead(s, line)
        found = _dateline(text, lead, e, is_place)
        if found:
            span, dateline, source = found
            spans.append(span)
            break

    # Line-level boilerplate anywhere; trailing credits at the end.
    content, wire, source, published = _boilerplate_lines(text, content_lines, spans, source, published)
    # the body opens with the first line that is not wholly boilerplate (a byline or a headline
    # above the dateline is no part of it)
    first = content[0][0] if content else next((_lead(s, line) for s, _, line in content_lines), 0)

    # A trailing "(abc/def)" or "(Name Surname)" credit, or "(Antara)" wire, on the last content
    # line or alone.
    if content:
        ls, le = content[-1]
        m = _TRAIL_CREDIT.search(text, ls, le)
        w = _TRAIL_WIRE.search(text, ls, le)
        known = w and (WIRES.get(w.group("w").strip().lower()) or OUTLETS.get(w.group("w").strip().lower()))
        if known:
            m = w
            spans.append(Span("wire", m.start(), m.end(), m.group(0), value=known))
            wire = wire or known
        elif m:
            spans.append(Span("credit", m.start(), m.end(), m.group(0), value=m.group(0)[1:-1]))
        if m:
            if m.start() == ls:
                content.pop()
            else:
                le = m.start()
                while le > ls and text[le - 1].isspace():
                    le -= 1
                content[-1] = (ls, le)
    last_content_end = content[-1] if content else None

    body_spans = [sp for sp in spans if sp.kind == "dateline"]
    if body_spans and body_spans[0].start == first:
        body_start = body_spans[0].end
    else:
        body_start = first
    # The body ends with the last line that is not boilerplate.
    body_end = last_content_end[1] if last_content_end else body_start
    body_end = max(body_end, body_start)

    # A dated weekday near the top ("Senin (21/6/2021)") gives the day, when no copyright
    # line says otherwise (it must then fall in the copyright year).
    published = _weekday_published(text, body_start, published)

    spans.sort(key=lambda sp: sp.start)
    return Segmented(
        body=(body_start, body_end),
        boilerplate=spans,
        dateline=dateline,
        source=source,
        wire=wire,
        published=published,
    )


def _boilerplate_lines(text: str, content_lines: list, spans: list[Span], source: str | None,
                       published: Published) -> tuple[list[tuple[int, int]], str | None, str | None, Published]:
    """Whole lines of boilerplate (related links, wire, credits, copyright) added to ``spans``;
    returns the content lines' spans, the wire, the outlet and what the copyright line says."""
    wire = None
    content: list[tuple[int, int]] = []
    for s, e, line in content_lines:
        stripped = line.strip()
        lead = _lead(s, line)
        tail = lead + len(stripped)
        kind = value = None
        if _RELATED.match(stripped):
            kind = "related"
            value = _RELATED.sub("", stripped).strip() or None
        elif (m := _WIRE.match(stripped)):
            kind = "wire"
            w = m.group("wire").strip().rstrip(".")
            value = WIRES.get(w.lower(), w)
            wire = wire or value
        elif len(stripped) <= PROMO_MAX and _PROMO.match(stripped):
            kind = "promo"
        elif _CREDIT.match(stripped):
            kind = "credit"
            value = stripped.split(":", 1)[1].strip()
        elif _BYLINE.match(stripped):
            kind = "credit"
            value = stripped.rsplit(",", 1)[-1].strip() if "," in stripped else stripped
        elif _COPYRIGHT.match(stripped):
            kind = "copyright"
            value = stripped
            ym = _YEAR.search(stripped)
            if ym:
                published = Published(ym.group(1), "year", "copyright line")
            for k, v in OUTLETS.items():
                if re.search(r"\b" + re.escape(k) + r"\b", stripped, re.I):
                    source = source or v
                    break
        if kind:
            spans.append(Span(kind, lead, tail, text[lead:tail], value=value))
        else:
            content.append((lead, tail))
    return content, wire, source, published


def _weekday_published(text: str, body_start: int, published: Published) -> Published:
    """The publication day from a dated weekday near the top, when nothing finer is known."""
    if published.value is None or published.granularity == "year":
        head = text[body_start:min(len(text), body_start + 600)]
        m = _PUB_DATE.search(head)
        if m:
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            if 1 <= d <= 31 and 1 <= mo <= 12 and (published.value is None or published.value == f"{y:04d}"):
                published = Published(f"{y:04d}-{mo:02d}-{d:02d}", "day", "first dated weekday in text")
    return published


#: a day in a news page's address: ``/2016/08/16/``, ``/read/20160913/``, ``/20160822115846-106-...``
#: (a day and a time, as CNN Indonesia writes it)
_URL_DAY = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?:/([01][0-9])/([0-3][0-9])|([01][0-9])([0-3][0-9])"
                      r"(?:[0-2][0-9][0-5][0-9][0-5][0-9])?)(?![0-9])")


def url_day(url: str | None) -> dt.date | None:
    """The day a news page's address says it was published (its path's first valid
    ``YYYY/MM/DD`` or ``YYYYMMDD``, the latter alone or followed by ``hhmmss``), else None.
    Outlets put the day in the address when they publish and never change it."""
    for m in _URL_DAY.finditer(url or ""):
        month, day = m.group(2) or m.group(4), m.group(3) or m.group(5)
        try:
            return dt.date(int(m.group(1)), int(month), int(day))
        except ValueError:
            continue
    return None
