"""The patterns of Indonesian time expressions: month and weekday names, the regular expressions
that find dates, and the word pre-check and windows that keep them fast (``temporal``)."""
from __future__ import annotations

import re

from warta.analyse.figures import NUMWORD_RE_SRC


# --------------------------------------------------------------------------- lexicon
_MONTHS = {
    "januari": 1, "january": 1, "jan": 1,
    "februari": 2, "pebruari": 2, "febuari": 2, "february": 2, "feb": 2, "peb": 2,
    "maret": 3, "march": 3, "mar": 3,
    "april": 4, "apr": 4,
    "mei": 5, "may": 5,
    "juni": 6, "june": 6, "jun": 6,
    "juli": 7, "july": 7, "jul": 7,
    "agustus": 8, "august": 8, "agu": 8, "agt": 8, "ags": 8, "aug": 8, "agus": 8,
    "september": 9, "sept": 9, "sep": 9,
    "oktober": 10, "october": 10, "okt": 10, "oct": 10,
    "november": 11, "nopember": 11, "nov": 11, "nop": 11,
    "desember": 12, "december": 12, "des": 12, "dec": 12,
}


_ABBR = {"jan", "feb", "peb", "mar", "apr", "jun", "jul", "agu", "agt", "ags", "aug", "agus",
         "sep", "sept", "okt", "oct", "nov", "nop", "des", "dec"}


# English "may"/"march" are ordinary words in English quotes; accepted only with a day or year
_WEAK_FULL = {"may", "march"}


_MON_FULL_ALT = "|".join(sorted((k for k in _MONTHS if k not in _ABBR), key=len, reverse=True))


_MON_ABBR_ALT = "|".join(sorted(_ABBR, key=len, reverse=True))


# a month name: full (capitalised or all caps) or abbreviation with optional dot
_MON = rf"(?P<{{n}}>(?i:{_MON_FULL_ALT})|(?i:{_MON_ABBR_ALT})\.?)"


_WEEKDAYS = {"senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4,
             "jum’at": 4, "sabtu": 5, "minggu": 6, "ahad": 6}


def weekday_index(word: str) -> int | None:
    """Monday 0 ... Sunday 6 for an Indonesian weekday name as written (``Jum’at``, ``JUMAT``), else None."""
    wd = _WEEKDAYS.get(word.lower().replace("’", "'"))
    if wd is None and word.lower().startswith("jum"):
        return 4
    return wd


_WD_ALT = r"senin|selasa|rabu|kamis|jum['’]?at|sabtu|minggu|ahad"


_NUMW = NUMWORD_RE_SRC


_N = rf"(?:\d{{1,3}}|{_NUMW}|se|beberapa)"


_TOD = r"(?:pagi|siang|sore|petang|malam|dini\s+hari|subuh|tengah\s+malam|pagi\s+hari|malam\s+hari|siang\s+hari|sore\s+hari)"


_PREP = r"(?:(?:pada|sepanjang|selama|per|di)\s+)?"


# ---- weekday expression
_RE_WEEKDAY = re.compile(
    rf"\b(?P<pre>(?i:pada\s+|di\s+)?(?i:hari\s+)?)"
    rf"(?P<wd>(?i:{_WD_ALT}))\b"
    rf"(?:\s+(?P<tod>(?i:{_TOD})))?"
    rf"(?:\s+(?P<rel>(?i:kemarin|lalu|yang\s+lalu|depan|mendatang|besok|ini|nanti|"
    rf"(?:pekan|minggu)\s+(?:lalu|depan|ini|mendatang))))?(?!\w)"
    rf"(?:\s+(?i:waktu\s+(?:setempat|lokal))(?=\s*\())?"  # "Rabu waktu setempat (10/5)"
    rf"(?:\s*,?\s*\(\s*(?P<d>\d{{1,2}})\s*[/.-]\s*(?P<m>\d{{1,2}})(?:\s*[/.-]\s*(?P<y>\d{{4}}|\d{{2}}))?\s*\))?"
    rf"(?:\s*,?\s+(?:(?i:tanggal|tgl\.?)\s+)?(?P<d2>\d{{1,2}})\s+{_MON.format(n='mon2')}"
    rf"(?:\s+(?P<y2>\d{{4}}))?(?!\w))?"
    rf"(?:\s+(?P<tod2>(?i:{_TOD}))(?!\w))?")


# ---- day month [year]
_RE_DAYMONTH = re.compile(
    rf"\b(?P<pre>(?i:(?:pada|per|sejak|hingga|sampai|tanggal|tgl\.?)\s+)*)"
    rf"(?<![\d.,/])(?P<d>\d{{1,2}})(?:\s*(?:-|–|hingga|sampai|s/d|dan)\s*(?P<dto>\d{{1,2}}))?\s+"
    rf"{_MON.format(n='mon')}(?!\w)"
    rf"(?:\s*,?\s*(?P<y>\d{{4}})(?!\d)|\s+(?P<rel>(?i:tahun\s+(?:ini|lalu|depan|kemarin)|lalu|silam)))?")


_RE_MONTHDAY_EN = re.compile(
    rf"\b(?P<mon>[A-Z][A-Za-z]{{2,8}}\.?)\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"(?:,\s*|\s+)(?P<y>\d{{4}})(?!\d)")


# ---- numeric dates
_RE_NUMDATE = re.compile(
    r"(?P<paren>\()?\s*(?<![\d/.-])(?P<d>\d{1,2})\s*(?P<sep>[/.-])\s*(?P<m>\d{1,2})"
    r"(?:\s*(?P=sep)\s*(?P<y>\d{4}|\d{2}))?(?![\d/])\s*(?P<close>\))?")


_RE_ISO = re.compile(r"(?<![\d-])(?P<y>(?:19|20)\d{2})-(?P<m>\d{1,2})(?:-(?P<d>\d{1,2}))?(?![\d-])")


# ---- month [year | relative]
_RE_MONTH = re.compile(
    rf"\b(?P<pre>(?i:(?:pada|sepanjang|selama|per|di)\s+)?)"
    rf"(?:(?P<pos>(?i:awal|akhir|pertengahan|medio|penghujung|ujung))\s+)?"
    rf"(?P<bulan>(?i:bulan|bln\.?)\s+)?"
    rf"{_MON.format(n='mon')}(?!\w)"
    rf"(?:\s*,?\s*(?P<y>(?:19|20)\d{{2}}|'\d{{2}})(?![\d%])"
    rf"|\s+(?P<rel>(?i:tahun\s+(?:ini|lalu|depan|kemarin|sebelumnya|mendatang)|yang\s+lalu|lalu|kemarin|"
    rf"silam|depan|mendatang|nanti|ini|mendatang)))?(?!\w)")


# ---- year
_RE_YEAR = re.compile(
    rf"\b(?P<pre>(?i:(?:pada|sepanjang|selama|per|di)\s+)?)"
    rf"(?:(?P<pos>(?i:awal|akhir|pertengahan|medio|penghujung))\s+)?"
    rf"(?P<tahun>(?i:tahun|thn\.?|th\.?)\s+)?"
    r"(?<![\d.,/$-])(?P<y>(?:1[89]|20)\d{2})(?![\d.,]\d|\w|%)"
    r"(?:\s*(?:-|–|hingga|sampai|sampe|s/d)\s*(?P<y2>(?:1[89]|20)\d{2})(?![\d.,]\d|\w|%))?")


_YEAR_CUE_BEFORE = re.compile(
    r"(?i:\b(?:sejak|semenjak|sedari|hingga|sampai|sampe|dari|mulai|antara|pada|per|sebelum|"
    r"setelah|sesudah|pasca|usai|jelang|menjelang|periode|era|untuk|tahun|dan|atau|di|"
    r"kudeta|pemilu|pilpres|pemilihan|invasi|perang|sensus|anggaran|in|since|by)\s*$)")


# "UU Nomor 30 Tahun 2002", "Perppu No. 1 Tahun 2017": the year is part of a regulation's number
_LAW_NUMBER_BEFORE = re.compile(r"(?i:\b(?:nomor|no\.?|nmr\.?)\s*\d+[\w/.-]*\s*$)")
_YEAR_BAD_AFTER = re.compile(
    r"\s*(?i:orang|jiwa|warga|kali|unit|buah|ekor|personel|tentara|pasukan|anggota|rumah|"
    r"km|kilometer|meter|ton|kg|dolar|dollar|rupiah|euro|yuan|rubel|juta|ribu|miliar|triliun|"
    r"hektare|hektar|ha|mw|barel|kasus|korban|suara|peserta|%|persen)\b")


# ---- relative day words
_RE_RELDAY = re.compile(
    r"\b(?P<pre>(?i:(?:pada|sejak|hingga|sampai)\s+)?)"
    r"(?P<w>(?i:kemarin\s+lusa|kemarin(?:\s+(?:pagi|siang|sore|malam))?|"
    r"hari\s+ini|pagi\s+ini|siang\s+ini|sore\s+ini|malam\s+ini|"
    r"besok(?:\s+(?:lusa|pagi|siang|sore|malam))?|esok(?:\s+hari)?|lusa|"
    r"tadi\s+malam|semalam|tadi(?:\s+(?:pagi|siang|sore))?))(?!\w)")


# ---- unit + relative ("bulan lalu", "awal tahun lalu", "pekan depan")
_RE_UNITREL = re.compile(
    rf"\b{_PREP}"
    rf"(?:(?P<pos>(?i:awal|akhir|pertengahan|medio|penghujung))\s+)?"
    rf"(?P<unit>(?i:pekan|minggu|bulan|tahun|abad|dekade|dasawarsa))\s+"
    rf"(?P<rel>(?i:lalu|yang\s+lalu|kemarin|silam|depan|mendatang|ini|berikutnya|sebelumnya|"
    rf"ke\s+depan|terakhir))(?!\w)")


# ---- number + unit + relative ("tiga hari lalu", "dua tahun silam", "lebih dari dua tahun")
_RE_NUMREL = re.compile(
    rf"\b(?P<pre>(?i:(?:pada|sejak|dalam|selama|sekitar|kurang\s+dari|lebih\s+dari|hampir|"
    rf"sudah|telah|waktu|kira-kira|lebih|setidaknya|sedikitnya)\s+)*)"
    rf"(?P<n>(?i:{_N}))\s*(?P<unit>(?i:hari|pekan|minggu|bulan|tahun|dekade|dasawarsa|abad|jam))"
    rf"(?:\s+(?P<rel>(?i:yang\s+lalu|lalu|silam|lagi|kemudian|sebelumnya|setelahnya|setelah|"
    rf"sesudahnya|sesudah|sebelum|terakhir|belakangan|mendatang|ke\s+depan|berikutnya)))?(?!\w)")


# ---- vague expressions (value None)
_RE_VAGUE = re.compile(
    r"(?<!\w)(?P<w>(?i:kini|saat\s+ini|sekarang|dewasa\s+ini|baru-baru\s+ini|belakangan\s+ini|"
    r"akhir-akhir\s+ini|sedang\s+berlangsung|masih\s+berlangsung|tengah\s+berlangsung|"
    r"dalam\s+waktu\s+dekat|dalam\s+waktu\s+singkat|telah\s+lama|sudah\s+lama|selama\s+ini|"
    r"sejauh\s+ini|sebelumnya|beberapa\s+waktu\s+(?:lalu|terakhir)|saat\s+itu|waktu\s+itu|"
    r"ketika\s+itu|kala\s+itu|pada\s+saat\s+itu|keesokan\s+harinya|hari\s+berikutnya|"
    r"(?:sejak|semenjak|setelah|sesudah|sebelum|pasca|usai|menjelang|jelang|selama|sepanjang)\s+"
    r"(?:(?:terjadinya|berlangsungnya|dimulainya|pecahnya|meletusnya)\s+)?"
    r"(?:kudeta|perang|invasi|pemilu|pemilihan\s+umum|pemilihan|pandemi|reformasi|kemerdekaan|"
    r"revolusi|gencatan\s+senjata|serangan|insiden|konflik|krisis|gempa|tsunami|KTT|pertemuan|"
    r"kunjungan|lawatan|pelantikan|referendum)|"
    r"pasca(?:kudeta|perang|invasi|pemilu|pandemi|reformasi|kemerdekaan|serangan|gempa|konflik)))"
    r"(?!\w)")


_SINCE = re.compile(r"(?i:\b(sejak|semenjak|sedari|mulai|hingga|sampai|sampe|selambat-lambatnya|"
                    r"selambatnya|paling\s+lambat)\b)")


_CLAUSE_BREAK = re.compile(r"[,;:.!?—–()\"“”]|\s-\s|(?i:\b(?:ketika|saat|namun|tetapi|"
                           r"sementara|karena|sehingga|setelah|sebelum|dan)\b)")


_FUTURE = re.compile(r"(?i:\b(?:akan|bakal|hendak|dijadwalkan|direncanakan|berencana|"
                     r"rencananya|terjadwal|mendatang|nanti)\b)")


# fast pre-check on the lower-cased word set: any digit, month or weekday name, or a word
# that can start or end a relative/vague time expression
_DIGIT = re.compile(r"\d")


_WD_WORDS = frozenset({"senin", "selasa", "rabu", "kamis", "jumat", "jum'at", "jum’at", "sabtu",
                       "minggu", "ahad"})


_MON_WORDS = frozenset(_MONTHS)


_UNIT_WORDS = frozenset({"hari", "pekan", "minggu", "bulan", "tahun", "dekade", "dasawarsa",
                         "abad", "jam"})


_REL_WORDS = frozenset({"kemarin", "besok", "esok", "lusa", "tadi", "semalam", "ini"})


_VAGUE_WORDS = frozenset({"baru-baru", "akhir-akhir", "kini", "saat", "sekarang", "dewasa", "baru", "belakangan", "akhir",
                          "berlangsung", "dekat", "lama", "selama", "sejauh", "sebelumnya",
                          "waktu", "ketika", "kala", "keesokan", "berikutnya", "sejak",
                          "semenjak", "setelah", "sesudah", "sebelum", "usai", "menjelang",
                          "jelang", "sepanjang"})


_ANY_WORDS = _WD_WORDS | _MON_WORDS | _UNIT_WORDS | _REL_WORDS | _VAGUE_WORDS | {
    "lalu", "silam", "depan", "mendatang"}


_PUNCT = "\"'“”‘’()[]{}<>.,;:!?«»-–—/\\|*_#@&%$+=~`^"


def _word_set(low: str) -> frozenset:
    return frozenset(w.strip(_PUNCT) for w in low.split())


def _windows(low: str, keys, before: int = 60, after: int = 90) -> list[tuple[int, int]]:
    """Merged text windows around every occurrence of the given lower-case keywords."""
    spans = []
    n = len(low)
    for k in keys:
        i = low.find(k)
        while i >= 0:
            spans.append((max(0, i - before), min(n, i + len(k) + after)))
            i = low.find(k, i + 1)
    if not spans:
        return []
    spans.sort()
    merged = [list(spans[0])]
    for a, b in spans[1:]:
        if a <= merged[-1][1]:
            if b > merged[-1][1]:
                merged[-1][1] = b
        else:
            merged.append([a, b])
    out = []
    for a, b in merged:
        # extend to whitespace so that look-aheads at the window end see a real boundary
        while b < n and not low[b].isspace():
            b += 1
        while a > 0 and not low[a - 1].isspace():
            a -= 1
        out.append((a, b))
    return out


def _wfinditer(rx: re.Pattern, text: str, wins: list[tuple[int, int]] | None):
    if wins is None:
        yield from rx.finditer(text)
        return
    last_end = -1
    for a, b in wins:
        for m in rx.finditer(text, a, b):
            if m.start() >= last_end:
                last_end = m.end()
                yield m


_MONTH_CUE_BEFORE = re.compile(
    r"(?i:\b(?:pada|sejak|semenjak|sedari|hingga|sampai|sampe|awal|akhir|pertengahan|medio|"
    r"bulan|selama|sepanjang|per|dari|mulai|jelang|menjelang|sebelum|setelah|sesudah|usai|"
    r"pasca|antara|periode|di|dan|atau|in|since|by|until)\s*$)")
