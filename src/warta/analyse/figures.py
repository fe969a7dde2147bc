"""Numbers, casualty counts and money amounts in Indonesian news text.

Pure Python, no third-party dependencies; every regex is compiled once at import.

Rules chosen (where Indonesian usage is ambiguous)
-------------------------------------------------
* Digits follow Indonesian convention: ``.`` groups thousands, ``,`` is the decimal mark
  (``6.366`` -> 6366, ``1,5`` -> 1.5, ``1.234,5`` -> 1234.5).  English-style strings are
  accepted only where they cannot be read the Indonesian way: several comma groups
  (``1,234,567``), a comma group followed by a dot decimal (``1,234.5``) or a dot followed by
  something other than three digits (``1.5`` -> 1.5).  A lone ``1,234`` is Indonesian: 1.234.
* Approximate plurals give a lower bound: ``belasan`` 11, ``puluhan`` 20 (10 is *sepuluh*;
  plural tens start at two tens), ``ratusan`` 100, ``ribuan`` 1000, ``jutaan`` 1e6,
  ``lusinan`` 24 (several dozens); ``puluhan ribu`` multiplies (20000).
  ``beberapa`` (some) is not a number (None).
* Casualty modifiers (``sedikitnya``, ``setidaknya``, ``lebih dari``, ``hampir``, ``sekitar``,
  ``kurang lebih`` ...) are kept in the matched span but the count is the number as written.
* When a text states several counts of one kind, the first one (in text order) wins;
  ``Casualties.spans[kind]`` is the span of the whole matched phrase (verb + number + noun).
* Numbers that are years or dates (``sejak 2021``, ``10 Juni``), percentages and durations
  (``ditahan 2 tahun``) are never counts.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

__all__ = ["parse_number", "Amount", "find_amounts", "Casualties", "find_casualties",
           "NUMBER_RE_SRC", "NUMWORD_RE_SRC"]

# --------------------------------------------------------------------------- number words
_UNITS = {
    "nol": 0, "kosong": 0, "satu": 1, "esa": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
    "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
}
_SE = {"sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000, "sejuta": 10**6,
       "semiliar": 10**9, "semilyar": 10**9, "setriliun": 10**12, "setrilyun": 10**12,
       "seorang": 1, "sebuah": 1, "seekor": 1, "selusin": 12, "setengah": 0.5, "separuh": 0.5}
_APPROX = {"belasan": 11, "puluhan": 20, "ratusan": 100, "ribuan": 1000, "jutaan": 10**6,
           "miliaran": 10**9, "milyaran": 10**9, "triliunan": 10**12, "lusinan": 24}
_SCALES = {"ribu": 10**3, "rb": 10**3, "juta": 10**6, "jt": 10**6, "miliar": 10**9,
           "milyar": 10**9, "triliun": 10**12, "trilyun": 10**12}
_SMALL_MULT = {"belas": None, "puluh": 10, "ratus": 100, "lusin": 12}

_ALL_WORDS = set(_UNITS) | set(_SE) | set(_APPROX) | set(_SCALES) | set(_SMALL_MULT)

_WORD_ALT = "|".join(sorted(_ALL_WORDS - {"rb", "jt", "esa", "kosong"}, key=len, reverse=True))
#: regex source for a run of Indonesian number words ("dua puluh lima", "seratus ribu")
NUMWORD_RE_SRC = rf"(?:(?:{_WORD_ALT})(?:\s+(?:{_WORD_ALT}))*)"
_DIGITS_SRC = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?|\d+(?:[.,]\d+)?)"
_SCALE_ALT = r"(?:ribu|juta|miliar|milyar|triliun|trilyun|rb|jt)"
#: regex source for a number: digits (Indonesian grouping) with optional scale word, or words
NUMBER_RE_SRC = (rf"(?:{_DIGITS_SRC}(?:\s*{_SCALE_ALT}\b(?:\s+{_SCALE_ALT}\b)?)?"
                 rf"|\b{NUMWORD_RE_SRC}\b)")

_RE_DIGITS_FULL = re.compile(rf"[-+−]?{_DIGITS_SRC}")
_RE_TOKEN = re.compile(rf"{_DIGITS_SRC}|[^\W\d_]+", re.UNICODE)


def _int_if_integral(x):
    if isinstance(x, float) and x.is_integer() and abs(x) < 1e18:
        return int(x)
    return x


def _kw_spans(low: str, keys) -> list[tuple[int, int]]:
    """(start, end) of every occurrence of the keywords in a lower-cased text (str.find)."""
    out = []
    for k in keys:
        i = low.find(k)
        while i >= 0:
            out.append((i, i + len(k)))
            i = low.find(k, i + 1)
    return out


def _windows(spans, n: int, text: str, before: int, after: int) -> list[tuple[int, int]]:
    """Merge (start, end) keyword spans into text windows widened to whitespace."""
    wins: list[list[int]] = []
    for a, b in sorted(spans):
        a, b = max(0, a - before), min(n, b + after)
        if wins and a <= wins[-1][1]:
            wins[-1][1] = max(wins[-1][1], b)
        else:
            wins.append([a, b])
    out = []
    for a, b in wins:
        while b < n and not text[b].isspace():
            b += 1
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        out.append((a, b))
    return out


def _parse_digits(s: str):
    """Parse a digit string in Indonesian (or unambiguous English) notation."""
    neg = s[:1] in "-−"
    if s[:1] in "-+−":
        s = s[1:]
    if not s or not s[0].isdigit():
        return None
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):          # 1.234.567,89
        intpart, _, dec = s.partition(",")
        v = int(intpart.replace(".", ""))
        if dec:
            v = float(f"{v}.{dec}")
    elif re.fullmatch(r"\d{1,3}(?:,\d{3}){2,}(?:\.\d+)?", s) or \
            re.fullmatch(r"\d{1,3}(?:,\d{3})+\.\d+", s):              # 1,234,567 / 1,234.5
        v = float(s.replace(",", "")) if "." in s else int(s.replace(",", ""))
    elif re.fullmatch(r"\d+,\d+", s):                                  # 1,5
        v = float(s.replace(",", "."))
    elif re.fullmatch(r"\d+\.\d+", s):                                 # 1.5 (not 3-digit group)
        v = float(s)
    elif re.fullmatch(r"\d+", s):
        v = int(s)
    else:
        return None
    v = _int_if_integral(v)
    return -v if neg else v


def _parse_words(tokens: list):
    """Combine number tokens (digit groups already converted to numbers, or words)."""
    total = 0
    group = 0          # value below the next scale word ("dua ratus" in "dua ratus ribu")
    pending = None     # a unit digit not yet multiplied by belas/puluh/ratus
    for tok in tokens:
        if isinstance(tok, (int, float)):
            if group or pending is not None:
                return None                      # two numbers in a row
            group = tok
            continue
        w = tok
        if w in _UNITS:
            if pending is not None:
                return None                      # "dua tiga"
            pending = _UNITS[w]
        elif w in ("belas", "puluh", "ratus"):
            if pending is None or not 1 <= pending <= 9:
                return None
            group += {"belas": 10 + pending, "puluh": pending * 10, "ratus": pending * 100}[w]
            pending = None
        elif w == "lusin":
            if pending is None:
                return None
            group += pending * 12
            pending = None
        elif w in ("setengah", "separuh"):
            if pending is not None:
                pending += 0.5                   # "satu setengah juta"
            else:
                group += 0.5
        elif w in _SE:
            v = _SE[w]
            if v in (1000, 10**6, 10**9, 10**12):
                if group or pending is not None:
                    return None
                total += v
            else:
                if pending is not None:
                    return None
                group += v
        elif w in _APPROX:
            v = _APPROX[w]
            if v >= 1000 and (group or pending is not None):
                total += round((group + (pending or 0)) * v, 6)     # "puluhan ribuan"
                group, pending = 0, None
            elif group or pending is not None:
                return None
            elif v >= 1000:
                total += v
            else:
                group = v
        elif w in _SCALES:
            base = group + (pending or 0)
            if not base:
                return None
            total += round(base * _SCALES[w], 6)
            group, pending = 0, None
        else:
            return None
    return _int_if_integral(total + group + (pending or 0))


def parse_number(s: str) -> int | float | None:
    """Parse an Indonesian number written in digits, words or both.

    >>> parse_number("6.366"), parse_number("1,5 juta"), parse_number("dua puluh lima")
    (6366, 1500000, 25)
    """
    if not isinstance(s, str):
        return None
    s = s.strip().lower()
    if not s or len(s) > 200:
        return None
    m = _RE_DIGITS_FULL.fullmatch(s)
    if m:
        return _parse_digits(s)
    neg = False
    if s[:1] in "-−":
        neg, s = True, s[1:].lstrip()
    tokens: list = []
    for m in _RE_TOKEN.finditer(s):
        t = m.group(0)
        if t[0].isdigit():
            v = _parse_digits(t)
            if v is None:
                return None
            tokens.append(v)
        elif t in _ALL_WORDS:
            tokens.append(t)
        elif t in ("dan", "koma"):
            return None
        else:
            return None
    # everything other than tokens and spaces/hyphens must be absent
    rest = _RE_TOKEN.sub("", s)
    if rest.strip(" \t-"):
        return None
    if not tokens:
        return None
    try:
        v = _parse_words(tokens)
    except (TypeError, ValueError, OverflowError):
        return None
    if v is None:
        return None
    return -v if neg else v


# --------------------------------------------------------------------------- amounts
@dataclass
class Amount:
    start: int
    end: int
    text: str
    value: float | int
    currency: str  # ISO 4217


# symbol/code written before the number
_PREFIX_CUR = [
    (r"US\s?\$|USD|US\s?dolar", "USD"), (r"S\$|SGD", "SGD"), (r"A\$|AUD", "AUD"),
    (r"HK\$|HKD", "HKD"), (r"NZ\$|NZD", "NZD"), (r"C\$|CA\$|CAD", "CAD"),
    (r"Rp\.?|IDR", "IDR"), (r"€|EUR", "EUR"), (r"£|GBP", "GBP"), (r"¥|JPY", "JPY"),
    (r"CNY|RMB", "CNY"), (r"RM|MYR", "MYR"), (r"₩|KRW", "KRW"), (r"₽|RUB", "RUB"),
    (r"₱|PHP", "PHP"), (r"₹|INR", "INR"), (r"THB|฿", "THB"), (r"VND|₫", "VND"),
    (r"SAR", "SAR"), (r"AED", "AED"), (r"CHF", "CHF"), (r"TRY|₺", "TRY"), (r"MMK", "MMK"),
    (r"\$", "USD"),
]
# currency word written after the number (longest first matters inside the alternation)
_SUFFIX_CUR = [
    (r"dolar\s+Singapura|dollar\s+Singapura", "SGD"), (r"dolar\s+Australia", "AUD"),
    (r"dolar\s+Hong\s*Kong", "HKD"), (r"dolar\s+Kanada", "CAD"), (r"dolar\s+Taiwan", "TWD"),
    (r"dolar\s+Selandia\s+Baru", "NZD"),
    (r"dolar\s+(?:AS|Amerika(?:\s+Serikat)?|US)|dollar\s+(?:AS|Amerika(?:\s+Serikat)?|US)", "USD"),
    (r"dolar|dollar|USD", "USD"), (r"rupiah|IDR", "IDR"), (r"euro|EUR", "EUR"),
    (r"pound(?:\s*sterling)?|poundsterling|GBP", "GBP"), (r"yen|JPY", "JPY"),
    (r"yuan|renminbi|RMB|CNY", "CNY"), (r"rubel|rubl|ruble|rouble|RUB", "RUB"),
    (r"ringgit|MYR", "MYR"), (r"won\s+Korea\s+Utara", "KPW"), (r"won|KRW", "KRW"),
    (r"baht|THB", "THB"), (r"peso\s+Meksiko", "MXN"), (r"peso|PHP", "PHP"),
    (r"rupee|rupe|INR", "INR"), (r"dong|VND", "VND"), (r"riyal\s+Qatar", "QAR"),
    (r"riyal|real\s+Saudi|SAR", "SAR"), (r"rial|IRR", "IRR"), (r"dirham|AED", "AED"),
    (r"lira|TRY", "TRY"), (r"hryvnia", "UAH"), (r"kyat|MMK", "MMK"),
    (r"franc\s+Swiss|CHF", "CHF"), (r"shekel", "ILS"), (r"rupee\s+Pakistan", "PKR"),
]
_PRE_ALT = "|".join(f"(?P<p{i}>{p})" for i, (p, _) in enumerate(_PREFIX_CUR))
_SUF_ALT = "|".join(f"(?P<s{i}>{p})" for i, (p, _) in enumerate(_SUFFIX_CUR))
_RE_AMOUNT_PRE = re.compile(
    rf"(?<![\w$])(?:{_PRE_ALT})\s?(?P<num>{_DIGITS_SRC}(?:\s*(?:{_SCALE_ALT}|M|T)\b"
    rf"(?:\s+{_SCALE_ALT}\b)?)?|{NUMWORD_RE_SRC}\b)(?:\s*(?:{_SUF_ALT})\b)?")
_RE_AMOUNT_SUF = re.compile(
    rf"(?<![\w.,])(?P<num>{_DIGITS_SRC}(?:\s*{_SCALE_ALT}\b(?:\s+{_SCALE_ALT}\b)?)?"
    rf"|\b{NUMWORD_RE_SRC})\s+(?:{_SUF_ALT})\b", re.IGNORECASE)
_AMT_SYMBOLS = "$€£¥₩₽₱₹฿₫₺"
_AMT_KEYS = ("us", "usd", "rp", "idr", "eur", "gbp", "jpy", "cny", "rmb", "rm", "myr", "sgd",
             "aud", "hkd", "cad", "krw", "rub", "php", "inr", "thb", "vnd", "sar", "aed", "chf",
             "try", "mmk", "nzd", "dolar", "dollar", "rupiah", "euro", "pound", "yen", "yuan",
             "renminbi", "rubel", "rubl", "ruble", "rouble", "ringgit", "won", "baht", "peso",
             "rupe", "dong", "riyal", "rial", "real", "dirham", "lira", "hryvnia", "kyat",
             "franc", "shekel")
_RE_DIGRUN = re.compile(r"\d+(?:[.,]\d+)*")



def _amount_value(num: str) -> int | float | None:
    s = num.strip()
    m = re.search(r"\s*\b(M|T)$", s)
    if m:                        # "Rp 5 M" (miliar), "Rp 2 T" (triliun), only after Rp/$
        base = parse_number(s[:m.start()])
        if base is None:
            return None
        return _int_if_integral(base * (10**9 if m.group(1) == "M" else 10**12))
    return parse_number(s)


def find_amounts(text: str) -> list[Amount]:
    """Money amounts with ISO 4217 currency: ``US$400 juta`` -> 400000000 USD."""
    if not isinstance(text, str) or not text:
        return []
    low = text.lower()
    if not any(c.isdigit() for c in text) and not any(
            k in low for k in ("ribu", "juta", "miliar", "milyar", "triliun", "ratus", "puluh")):
        return []
    if not any(c in text for c in _AMT_SYMBOLS) and not any(k in low for k in _AMT_KEYS):
        return []
    out: list[Amount] = []
    taken: list[tuple[int, int]] = []
    low = text.lower()
    if len(low) == len(text):
        # amounts are anchored on a digit run or a scale word next to a currency
        spans = [m.span() for m in _RE_DIGRUN.finditer(text)]
        spans += _kw_spans(low, [k for k in ("ribu", "juta", "miliar", "milyar", "triliun",
                                             "ratus", "puluh") if k in low])
        wins = _windows(spans, len(text), text, 30, 45)
    else:
        wins = [(0, len(text))]
    pre_iter = (m for a, b in wins for m in _RE_AMOUNT_PRE.finditer(text, a, b))
    suf_iter = (m for a, b in wins for m in _RE_AMOUNT_SUF.finditer(text, a, b))
    for m in pre_iter:
        cur = None
        for i, (_, code) in enumerate(_PREFIX_CUR):
            if m.group(f"p{i}") is not None:
                cur = code
                break
        numtxt = m.group("num")
        scale = re.search(r"\s*\b(M|T)\s*$", numtxt)
        if scale and cur not in ("IDR",):
            # M/T abbreviations are Indonesian rupiah usage only
            m_end = m.start("num") + scale.start()
            numtxt = numtxt[:scale.start()]
        else:
            m_end = m.end("num")
        # a trailing currency word ("US$ 5 juta dolar") is kept in the span, prefix wins
        end = m.end() if m.end() > m.end("num") else m_end
        v = _amount_value(numtxt)
        if v is None or cur is None:
            continue
        out.append(Amount(m.start(), end, text[m.start():end], v, cur))
        taken.append((m.start(), end))
    for m in suf_iter:
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        cur = None
        for i, (_, code) in enumerate(_SUFFIX_CUR):
            if m.group(f"s{i}") is not None:
                cur = code
                break
        word = text[m.end("num"):m.end()].strip()
        # currency words must be lower case (or an ISO code): "Won" at a name, "Dong" ...
        if cur is None or (word[:1].isupper() and not word.isupper()
                           and word.split()[0].lower() not in ("dolar", "dollar", "euro", "rupiah")):
            continue
        v = _amount_value(m.group("num"))
        if v is None:
            continue
        out.append(Amount(m.start(), m.end(), text[m.start():m.end()], v, cur))
    out.sort(key=lambda a: a.start)
    return out


# --------------------------------------------------------------------------- casualties
@dataclass
class Casualties:
    dead: int | None = None
    injured: int | None = None
    arrested: int | None = None
    spans: dict[str, tuple[int, int]] = field(default_factory=dict)


_MOD = (r"(?:(?:sedikitnya|setidaknya|sekurangnya|sekurang-kurangnya|paling\s+sedikit|minimal|"
        r"lebih\s+dari|lebih|hampir|sekitar|kira-kira|kurang\s+lebih|sebanyak|total|mencapai|"
        r"hingga|sampai|setidak-tidaknya|tak\s+kurang\s+dari|tidak\s+kurang\s+dari|nyaris)\s+)*")
_CNUM = rf"(?P<num>{_DIGITS_SRC}(?:\s*{_SCALE_ALT}\b)?|\b{NUMWORD_RE_SRC}\b)"
# a short noun phrase after the number: "warga sipil", "orang", "anak-anak", "tentara Israel"
_NP = r"(?:\s+(?!(?:dan|serta|atau|yang|di|ke|dari|dalam|pada|sejak|tewas|terluka|ditangkap)\b)[^\W\d][\w-]*){0,3}?"
_NOT_AFTER = re.compile(
    r"\s*(?:%|persen|per\s*sen|(?:hari|pekan|minggu|bulan|tahun|jam|menit|detik|kali|km|kilometer|"
    r"meter|kg|ton|unit|dolar|dollar|rupiah|euro|rubel|yuan)\b|[.,]\d|/\d|"
    r"(?:januari|februari|pebruari|maret|april|mei|juni|juli|agustus|september|oktober|"
    r"november|nopember|desember|jan|feb|mar|apr|jun|jul|agu|agt|ags|sep|sept|okt|nov|nop|des)\b)",
    re.IGNORECASE)
_RE_YEARCTX = re.compile(
    r"(?:\b(?:sejak|semenjak|pada|tahun|hingga|sampai|awal|akhir|pertengahan|medio|per|"
    r"periode|dari)\s+$)", re.IGNORECASE)

_DEAD_V = (r"menewaskan|membunuh|menelan\s+(?:korban\s+)?(?:jiwa\s+)?|merenggut\s+(?:nyawa\s+)?|"
           r"mengeksekusi|menembak\s+mati|mengakibatkan\s+kematian|mengakibatkan\s+tewasnya|"
           r"menyebabkan\s+tewasnya|menyebabkan\s+kematian|tewasnya|kematian|eksekusi(?:\s+mati)?"
           r"(?:\s+terhadap)?")
_DEAD_S = (r"tewas|meninggal(?:\s+dunia)?|terbunuh|gugur|wafat|kehilangan\s+nyawa|"
           r"dibunuh|ditembak\s+mati|dieksekusi|menjadi\s+korban\s+tewas|korban\s+tewas|"
           r"korban\s+jiwa|tak\s+bernyawa|tidak\s+bernyawa")
_DEAD_N = (r"(?:jumlah\s+)?(?:korban\s+(?:tewas|jiwa|meninggal(?:\s+dunia)?)|kematian|"
           r"angka\s+kematian|korban\s+yang\s+tewas|orang\s+yang\s+tewas)")
_INJ_V = r"melukai|mencederai|menciderai|membuat\s+terluka|menyebabkan\s+luka"
_INJ_S = (r"luka-luka|terluka|cedera|cidera|luka\s+(?:berat|ringan|parah|serius)|"
          r"mengalami\s+luka(?:-luka)?|menderita\s+luka(?:-luka)?|dirawat\s+di\s+rumah\s+sakit|"
          r"korban\s+luka|luka")
_INJ_N = r"(?:jumlah\s+)?(?:korban\s+(?:luka(?:-luka)?|cedera|terluka)|orang\s+yang\s+terluka)"
_ARR_V = (r"menangkap|menahan|menciduk|meringkus|mengamankan|membekuk|penangkapan(?:\s+terhadap)?|"
          r"penahanan(?:\s+terhadap)?")
_ARR_S = r"ditangkap|ditahan|diamankan|diciduk|diringkus|dibekuk|dipenjara|dijebloskan"
_ARR_N = r"(?:jumlah\s+)?(?:orang\s+yang\s+ditangkap|tahanan|orang\s+yang\s+ditahan)"

_LINK = (r"(?:\s+(?:telah|sudah|kini|pun|itu|tersebut))*(?:\s+(?:bertambah|naik|meningkat)(?:\s+menjadi)?"
         r"|\s+(?:mencapai|menjadi|sebanyak|berjumlah|adalah|sebesar))?\s*[:]?")


def _kind_patterns(kind, verbs, states, nouns):
    pats = [
        # menewaskan sedikitnya 6.366 warga sipil
        re.compile(rf"\b(?:{verbs})\s+{_MOD}{_CNUM}", re.IGNORECASE),
        # 10 orang tewas, sepuluh warga sipil tewas, delapan lainnya luka-luka
        re.compile(rf"\b{_MOD}{_CNUM}{_NP}(?:\s+(?:lainnya|lain))?(?:\s+(?:dilaporkan|dikabarkan|"
                   rf"dipastikan|telah|sudah|juga|pun|di\s+antaranya|dinyatakan))*\s+(?:{states})\b",
                   re.IGNORECASE),
        # korban tewas mencapai 25 / jumlah kematian menjadi 25
        re.compile(rf"\b{nouns}{_LINK}\s*{_MOD}{_CNUM}", re.IGNORECASE),
    ]
    if kind == "dead":
        # "eksekusi Riyadh terhadap seorang ulama"
        pats.append(re.compile(rf"\beksekusi(?:\s+mati)?(?:\s+[\w-]+){{0,2}}?\s+terhadap\s+{_MOD}{_CNUM}",
                               re.IGNORECASE))
    return kind, pats


_KINDS = [
    _kind_patterns("dead", _DEAD_V, _DEAD_S, _DEAD_N),
    _kind_patterns("injured", _INJ_V, _INJ_S, _INJ_N),
    _kind_patterns("arrested", _ARR_V, _ARR_S, _ARR_N),
]
_CAS_KEYS = ("tewas", "newas", "bunuh", "meninggal", "gugur", "wafat", "nyawa", "jiwa",
             "kematian", "eksekusi", "mati", "luka", "cedera", "cidera", "rumah sakit",
             "tangkap", "nangkap", "ditahan", "menahan", "penahanan", "ciduk", "ringkus",
             "amankan", "bekuk", "penjara", "dijebloskan")



def _count_ok(text: str, m: re.Match) -> int | None:
    num = m.group("num")
    v = parse_number(num)
    if v is None or isinstance(v, float) and not v.is_integer():
        return None
    v = int(v)
    if v < 0:
        return None
    after = text[m.end("num"):m.end("num") + 14]
    if _NOT_AFTER.match(after):
        return None
    before = text[max(0, m.start("num") - 14):m.start("num")]
    if before.endswith(("/", "-", "(", "Rp", "$", "#", "No. ", "nomor ")):
        return None
    if num.isdigit() and len(num) == 4 and 1900 <= v <= 2100:
        if _RE_YEARCTX.search(before):
            return None
    if num.isdigit() and len(num) >= 4 and not 1 <= v <= 10**7:
        return None
    return v


def find_casualties(text: str) -> Casualties:
    """Dead, injured and arrested counts stated in a text (first per kind wins)."""
    res = Casualties()
    if not isinstance(text, str) or not text:
        return res
    low = text.lower()
    if not any(k in low for k in _CAS_KEYS):
        return res
    if len(low) == len(text):
        kw = _kw_spans(low, [k for k in _CAS_KEYS if k in low])
        n = len(text)
        # verb/noun-first patterns start near the keyword; count-first ones end at it
        win_fwd = _windows(kw, n, text, 30, 70)
        win_back = _windows(kw, n, text, 80, 25)
    else:
        win_fwd = win_back = [(0, len(text))]
    for kind, pats in _KINDS:
        best = None
        for i, pat in enumerate(pats):
            wins = win_back if i == 1 else win_fwd
            for m in (m for a, b in wins for m in pat.finditer(text, a, b)):
                v = _count_ok(text, m)
                if v is None:
                    continue
                if best is None or m.start("num") < best[0]:
                    best = (m.start("num"), v, (m.start(), m.end()))
                break
        if best is not None:
            setattr(res, kind, best[1])
            s, e = best[2]
            # trim leading whitespace from spans
            while s < e and text[s].isspace():
                s += 1
            res.spans[kind] = (s, e)
    return res
