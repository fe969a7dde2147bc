"""Statistical named-entity recogniser for Indonesian news (CRF, python-crfsuite).

The model is a linear-chain CRF trained by ``scripts/train_ner.py`` on the
IndoNLU NER corpora (NERP and NERGrit, Apache-2.0) and the idner-news-2k train
split (MIT), mapped to three labels:

* ``PER`` -- people
* ``ORG`` -- organisations, companies, clubs, media
* ``LOC`` -- places (the linker decides GPE vs LOC)

Besides word, affix, shape and cue-word features a model may use two small
lexicons that travel with it (same stem, read when present): word classes
learned from raw Indonesian news (``ner.clusters.tsv``, Brown-style, from
``scripts/train_clusters.py``) and the kinds of known names a word occurs in
(``ner.gazetteer.tsv``, from the knowledge base at training time). The trainer
compares the variants and keeps the better; ``ner-metrics.json`` says which.

Public API::

    tagger = NerTagger.default()          # cached, loads the shipped model
    tagger.tag(["Presiden", "Joko", "Widodo"])   # -> ["O", "B-PER", "I-PER"]
    tagger.find(text, [(0, 8), (9, 13), (14, 20)])  # -> [(9, 20, "PER")]

Feature extraction is shared with the training script (``sentence_features``)
so train-time and run-time features are identical.  NERP is distributed
all-lowercase, so orthographic (case) features are only emitted for sentences
that actually carry case information (``is_cased``); the CRF therefore learns
case weights from cased text and lexical weights from both corpora, and an
all-lowercase (or all-caps) sentence at run time is tagged with lexical
features only.
"""

from __future__ import annotations

import threading
from functools import lru_cache, partial
from collections.abc import Sequence
from pathlib import Path

import numpy

from .crf import Decoder

__all__ = [
    "LABELS",
    "MODEL_PATH",
    "NerTagger",
    "bio_to_spans",
    "clusters_path",
    "gazetteer_path",
    "is_cased",
    "load_clusters",
    "load_gazetteer",
    "repair_bio",
    "sentence_features",
    "word_features",
]

LABELS = ("PER", "ORG", "LOC")
MODEL_PATH = Path(__file__).resolve().parent / "models" / "ner.crfsuite"

# --------------------------------------------------------------------------
# Features
# --------------------------------------------------------------------------

# Cue-word classes (lower-cased).  The word identity of neighbours is already a
# feature; the class lets the CRF generalise across cue words it saw rarely.
_CUES: dict[str, str] = {}


def _add(cls: str, words: str) -> None:
    for w in words.split():
        _CUES[w] = cls


# titles / roles preceding a person name
_add(
    "T",
    "presiden wapres wakil menteri menko mendagri menlu menhan menkeu gubernur "
    "bupati walikota wali camat lurah kapolri kapolda kapolres kapolsek "
    "panglima jenderal jend kolonel letjen mayjen brigjen laksamana marsekal "
    "kasad kasal kasau ketua sekjen sekretaris direktur dirut kepala kepolisian "
    "jaksa hakim kapuspen juru bicara jubir anggota senator perdana raja ratu "
    "pangeran sultan paus uskup ustaz ustadz kiai kyai habib haji hj h. "
    "pak bapak bu ibu sdr saudara tersangka terdakwa dr dr. prof prof. ir ir. "
    "komisaris kapten mayor letnan brigadir bripka aipda iptu ipda akbp kombes "
    "irjen komjen pelatih striker kiper gelandang bek penyanyi aktor aktris",
)
# words that introduce / follow a place
_add(
    "L",
    "di ke dari kota kabupaten kab provinsi prov kecamatan kelurahan desa "
    "kampung dusun jalan jl jl. pulau negara negeri wilayah daerah "
    "asal menuju sekitar utara selatan timur barat tengah",
)
# words that introduce an organisation
_add(
    "G",
    "partai pt pt. cv tbk perum persero bank universitas univ institut "
    "kementerian kemenlu kementrian departemen dinas badan lembaga komisi "
    "dewan majelis mahkamah pengadilan kejaksaan polda polres polsek "
    "organisasi yayasan asosiasi federasi persatuan ikatan himpunan "
    "serikat front gerakan fraksi koalisi klub fc tim grup perusahaan "
    "kantor sekolah sma smp sd rumah sakit rs",
)
# agent / reporting verbs and markers
_add("A", "oleh kata ujar menurut mengatakan menyatakan tutur jelas bersama dan dengan")

def _shape(word: str) -> str:
    """Compressed word shape: ``Jakarta`` -> ``Xx``, ``2019`` -> ``d``."""
    out = []
    prev = ""
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if c != prev:
            out.append(c)
            prev = c
    return "".join(out)[:6]


def is_cased(tokens: Sequence[str]) -> bool:
    """True when the sentence carries case information (both upper and lower
    case letters occur).  All-lowercase (NERP) and ALL-CAPS sentences get no
    orthographic features."""
    has_up = has_low = False
    for t in tokens:
        if not has_up and any(c.isupper() for c in t):
            has_up = True
        if not has_low and any(c.islower() for c in t):
            has_low = True
        if has_up and has_low:
            return True
    return False


_OFFSETS = (-2, -1, 1, 2)
# Per-(word, cased) cache: (own features, as -2, as -1, as +1, as +2, lower).
_CACHE: dict[tuple[str, bool], tuple] = {}
_CACHE_MAX = 200_000
#: words whose summed weights a loaded tagger keeps (cleared when full): the frequent words of a few
#: thousand articles; a bound, so that a long ingest's memory stays flat
_TAGGER_CACHE_MAX = 50_000
_BOS = {-2: ("-2:w=<s>",), -1: ("-1:w=<s>",)}
_EOS = {1: ("+1:w=</s>",), 2: ("+2:w=</s>",)}

Clusters = dict[str, tuple[str, str, str]]
# Word-class levels (coarse, mid, fine) a neighbour at each offset contributes.
_NEIGHBOUR_CLUSTER_LEVELS = {-2: (0,), -1: (0, 1), 1: (0, 1), 2: (0,)}


def clusters_path(model_path: str | Path) -> Path:
    """The word-cluster file that travels with a model: ``ner.crfsuite`` -> ``ner.clusters.tsv``."""
    p = Path(model_path)
    return p.with_name(p.stem + ".clusters.tsv")


def gazetteer_path(model_path: str | Path) -> Path:
    """The name-word list that travels with a model: ``ner.crfsuite`` -> ``ner.gazetteer.tsv``."""
    p = Path(model_path)
    return p.with_name(p.stem + ".gazetteer.tsv")


def load_gazetteer(path: str | Path) -> dict[str, tuple[str, ...]] | None:
    """``word -> ("PER", "LOC", ...)``: the kinds of known names a lower-cased word occurs in
    (written by ``scripts/train_ner.py`` from the packaged knowledge base); None without a file."""
    p = Path(path)
    if not p.is_file():
        return None
    out: dict[str, tuple[str, ...]] = {}
    with p.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            word, _, kinds = line.rstrip("\n").partition("\t")
            if word and kinds:
                out[word] = tuple(kinds.split(","))
    return out


def load_clusters(path: str | Path) -> Clusters | None:
    """``word -> (coarse, mid, fine)`` class numbers from ``scripts/train_clusters.py``'s file;
    None when there is no such file (the model then uses no cluster features)."""
    p = Path(path)
    if not p.is_file():
        return None
    out: Clusters = {}
    with p.open(encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 4:
                out[parts[0]] = (parts[1], parts[2], parts[3])
    return out


@lru_cache(maxsize=4)
def shared_clusters(path: Path) -> Clusters | None:
    """:func:`load_clusters`, read once per process and shared (the tagger and the learned
    models' features read the same file: one copy in memory). Not to be modified."""
    return load_clusters(path)


def _word_feats_uncached(word: str, cased: bool, clusters: Clusters | None,
                         gazetteer: dict[str, tuple[str, ...]] | None = None) -> tuple:
    low = word.lower()
    own = ["b", "w=" + low]
    if len(low) > 3:
        own += ["p2=" + low[:2], "p3=" + low[:3], "s2=" + low[-2:], "s3=" + low[-3:]]
        if len(low) > 5:
            own += ["p4=" + low[:4], "s4=" + low[-4:]]
    cue = _CUES.get(low)
    if cue:
        own.append("cue=" + cue)
    classes = clusters.get(low) if clusters is not None else None
    if clusters is not None:
        if classes:
            own += ["k1=" + classes[0], "k2=" + classes[1], "k3=" + classes[2]]
        else:
            own.append("k=unk")
    kinds = gazetteer.get(low, ()) if gazetteer is not None else ()
    own.extend("gz=" + k for k in kinds)
    if cased:
        sh = _shape(word)
        own.append("sh=" + sh)
        if word[:1].isupper():
            own.append("up1")
            if word.isupper() and len(word) > 1:
                own.append("allcap")
            if classes is None and clusters is not None:
                own.append("k=unk_up")  # a capitalised word raw news never showed: often a name
    else:
        # shape of the lower-cased word: only digits / punctuation survive
        own.append("ush=" + _shape(low))
    # Neighbour features: word + cue class (+ word classes), plus case of the +-1 neighbours.
    nb = {}
    for off in _OFFSETS:
        p = ("%+d:" % off)
        f = [p + "w=" + low]
        if cue:
            f.append(p + "cue=" + cue)
        if classes:
            f.extend(p + "k%d=" % (lv + 1) + classes[lv] for lv in _NEIGHBOUR_CLUSTER_LEVELS[off])
        if kinds and abs(off) == 1:
            f.extend(p + "gz=" + k for k in kinds)
        if cased and abs(off) == 1:
            f.append(p + ("up1" if word[:1].isupper() else "lo1"))
        nb[off] = tuple(f)
    return (tuple(own), nb[-2], nb[-1], nb[1], nb[2], low)


def _word_feats(word: str, cased: bool) -> tuple:
    """Features of one word without word clusters (cached)."""
    key = (word, cased)
    hit = _CACHE.get(key)
    if hit is not None:
        return hit
    val = _word_feats_uncached(word, cased, None)
    if len(_CACHE) >= _CACHE_MAX:
        _CACHE.clear()
    _CACHE[key] = val
    return val


def word_features(clusters: Clusters | None, gazetteer: dict[str, tuple[str, ...]] | None = None):
    """The (cached) per-word feature function for a model with these word clusters and name words."""
    if clusters is None and gazetteer is None:
        return _word_feats
    cache: dict[tuple[str, bool], tuple] = {}

    def feats(word: str, cased: bool) -> tuple:
        key = (word, cased)
        hit = cache.get(key)
        if hit is None:
            if len(cache) >= _CACHE_MAX:
                cache.clear()
            hit = cache[key] = _word_feats_uncached(word, cased, clusters, gazetteer)
        return hit

    return feats


def sentence_features(
    tokens: Sequence[str],
    cased: bool | None = None,
    *,
    known: frozenset[str] | set[str] | None = None,
    word_feats=_word_feats,
) -> list[list[str]]:
    """CRF features (list of attribute strings) for every token of a sentence.

    Word-level features are computed once per distinct word (and cached);
    neighbour features are pre-built tuples so per-token work is only tuple
    concatenation.  ``cased`` defaults to :func:`is_cased` of the sentence.
    ``known`` (the model's attribute set) drops bigram attributes the model
    does not know; ``word_feats`` lets the tagger use a model-filtered cache.
    """
    if cased is None:
        cased = is_cased(tokens)
    wf = [word_feats(t, cased) for t in tokens]
    n = len(wf)
    out = []
    prev_low = "<s>"
    for i in range(n):
        w = wf[i]
        f = list(w[0])
        # features describing the neighbours: word at i-2 as "-2:", etc.
        f.extend(wf[i - 2][1] if i >= 2 else _BOS[-2])
        f.extend(wf[i - 1][2] if i >= 1 else _BOS[-1])
        f.extend(wf[i + 1][3] if i + 1 < n else _EOS[1])
        f.extend(wf[i + 2][4] if i + 2 < n else _EOS[2])
        low = w[5]
        next_low = wf[i + 1][5] if i + 1 < n else "</s>"
        bl = "bl=" + prev_low + "|" + low
        br = "br=" + low + "|" + next_low
        if known is None:
            f.append(bl)
            f.append(br)
        else:
            if bl in known:
                f.append(bl)
            if br in known:
                f.append(br)
        prev_low = low
        out.append(f)
    if n and cased:
        # sentence-initial capitals carry no information: let the CRF offset "up1"
        out[0].append("first_up1" if tokens[0][:1].isupper() else "first")
    return out


# --------------------------------------------------------------------------
# BIO helpers
# --------------------------------------------------------------------------


def repair_bio(tags: Sequence[str]) -> list[str]:
    """Make a tag sequence valid BIO: an ``I-X`` that does not continue an
    entity of type X (after ``O``, at the start, or after another type)
    becomes ``B-X``; anything unrecognised becomes ``O``."""
    out: list[str] = []
    prev = "O"
    for t in tags:
        if t == "O" or len(t) < 3 or t[1] != "-" or t[0] not in "BI":
            t = "O"
        elif t[0] == "I" and (prev == "O" or prev[2:] != t[2:]):
            t = "B" + t[1:]
        out.append(t)
        prev = t
    return out


def bio_to_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans ``(first_token, last_token_exclusive, label)`` from BIO
    tags, repairing invalid sequences first (see :func:`repair_bio`)."""
    spans = []
    start = -1
    label = ""
    for i, t in enumerate(repair_bio(tags)):
        if t[0] == "B" or t == "O":
            if start >= 0:
                spans.append((start, i, label))
                start = -1
            if t[0] == "B":
                start, label = i, t[2:]
    if start >= 0:
        spans.append((start, len(tags), label))
    return spans


# --------------------------------------------------------------------------
# Tagger
# --------------------------------------------------------------------------


class NerTagger:
    """CRF named-entity tagger producing ``PER``/``ORG``/``LOC`` BIO tags."""

    _default: NerTagger | None = None
    _lock = threading.Lock()

    def __init__(self, model_path: str | Path = MODEL_PATH) -> None:
        """Load a model and the word clusters and name words beside it (:func:`clusters_path`,
        :func:`gazetteer_path`), if any."""
        import pycrfsuite

        self.model_path = Path(model_path)
        if not self.model_path.is_file():
            raise FileNotFoundError(
                f"NER model not found at {self.model_path}; run scripts/train_ner.py"
            )
        # crfsuite's tagger reads the model (and tags with it in the tests that compare); the
        # weights are decoded with numpy, an article's sentences together (:mod:`.crf`). The
        # attributes with weights (L1 pruned the rest) are the decoder's: :meth:`features`
        # keeps only those.
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(self.model_path))
        self._decoder = Decoder.from_tagger(self._tagger)
        self._known = frozenset(self._decoder.attributes)
        self._edges = tuple(self._decoder.vector(a) for a in (_BOS[-2], _BOS[-1], _EOS[1], _EOS[2]))
        self._first = {up: self._decoder.vector(("first_up1" if up else "first",)) for up in (True, False)}
        self._ids: dict[tuple[str, bool], int] = {}
        self._lows: list[str] = []
        self._table = numpy.zeros((1024, 5, len(self._decoder.labels)))
        self.clusters = shared_clusters(clusters_path(self.model_path))
        self.gazetteer = load_gazetteer(gazetteer_path(self.model_path))
        # a word's attributes, read into the cached weights of :meth:`_word_ids`
        self._full_feats = partial(_word_feats_uncached, clusters=self.clusters, gazetteer=self.gazetteer)
        self._common = _common_words()

    def _no_candidate(self, tokens: Sequence[str]) -> bool:
        """Whether a cased sentence offers no name to find: nothing capitalised after its first
        word, no domain or address, and a capitalised first word that is common in lower case and
        no name word of the knowledge base (``Namun``, ``Semua``; not ``Budi``). The CRF is then
        not run: on IndoSum such sentences are a sixth of all, and it found names in them only at
        their start."""
        for t in tokens:
            if ("." in t or "@" in t) and len(t) > 1:
                return False
        for t in tokens[1:]:
            if t != t.lower():
                return False
        first = tokens[0].lower()
        # a sentence all in lower case may be uncased text (NERP's): the CRF reads it without case
        return (first != tokens[0] and first in self._common
                and (self.gazetteer is None or first not in self.gazetteer))

    def _word_feats(self, word: str, cased: bool) -> tuple:
        full = self._full_feats(word, cased)
        return tuple(tuple(a for a in part if a in self._known) for part in full[:5]) + (full[5],)

    def features(self, tokens: Sequence[str]) -> list[list[str]]:
        """CRF attributes of one sentence, restricted to those in the model: what crfsuite's own
        tagger reads (tagging decodes their weights, :meth:`_emissions_many`; the tests compare)."""
        return sentence_features(tokens, known=self._known, word_feats=self._word_feats)

    @classmethod
    def default(cls) -> NerTagger:
        """The shipped model, loaded once per process."""
        if cls._default is None:
            with cls._lock:
                if cls._default is None:
                    cls._default = cls()
        return cls._default

    def tag(self, tokens: Sequence[str]) -> list[str]:
        """Valid BIO tags (``B-PER``, ``I-ORG``, ``O``, ...) for one sentence."""
        return self.tag_many([tokens])[0]

    def tag_many(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Valid BIO tags of each sentence, all decoded together: the labels crfsuite's tagger
        gives one sentence at a time (``tests/test_crf.py``), a little faster (README, Speed)."""
        out: list[list[str] | None] = [None] * len(sentences)
        todo = []
        for i, tokens in enumerate(sentences):
            if not tokens or self._no_candidate(tokens):
                out[i] = ["O"] * len(tokens)
            else:
                todo.append(i)
        if todo:
            decoded = self._decoder.viterbi(self._emissions_many([sentences[i] for i in todo]))
            for i, raw in zip(todo, decoded):
                out[i] = repair_bio(raw)
        return out  # type: ignore[return-value]

    def _word_ids(self, tokens: Sequence[str], cased: bool) -> list[int]:
        """Rows of :attr:`_table` holding each word's summed weights as itself and as each
        neighbour (-2, -1, +1, +2); its lower-cased form is :attr:`_lows` at the same row. A word
        is read once per process (see :meth:`_emissions_many` for the bound)."""
        ids = self._ids
        out = []
        for word in tokens:
            key = (word, cased)
            row = ids.get(key)
            if row is None:
                full = self._full_feats(word, cased)
                row = len(ids)
                if row == len(self._table):
                    self._table = numpy.concatenate([self._table, numpy.zeros_like(self._table)])
                for k, part in enumerate(full[:5]):
                    self._table[row, k] = self._decoder.vector(part)
                self._lows.append(full[5])
                ids[key] = row
            out.append(row)
        return out

    def _emissions_many(self, sentences: Sequence[Sequence[str]]) -> list[numpy.ndarray]:
        """The state scores (tokens x labels) of :func:`sentence_features`' attributes, for each
        (non-empty) sentence, computed on all their words at once."""
        if len(self._ids) + sum(map(len, sentences)) > _TAGGER_CACHE_MAX:
            self._ids.clear()  # a bound, so that a long ingest's memory stays flat
            self._lows.clear()
        ids: list[int] = []
        bounds = [0]
        cased_flags = []
        for tokens in sentences:
            cased = is_cased(tokens)
            cased_flags.append(cased)
            ids += self._word_ids(tokens, cased)
            bounds.append(len(ids))
        own = self._table[ids]                       # (words, 5, labels)
        em = own[:, 0].copy()
        n_all = len(ids)
        starts = numpy.repeat(numpy.array(bounds[:-1]), numpy.diff(bounds))
        pos = numpy.arange(n_all) - starts             # position in its sentence
        left = numpy.repeat(numpy.diff(bounds), numpy.diff(bounds)) - pos - 1  # words after it
        bos2, bos1, eos1, eos2 = self._edges
        for shift, col, edge, room in ((2, 1, bos2, pos), (1, 2, bos1, pos), (-1, 3, eos1, left), (-2, 4, eos2, left)):
            far = abs(shift)
            inside = room >= far
            at = numpy.nonzero(inside)[0]
            em[at] += own[at - shift, col]
            em[~inside] += edge
        index = self._decoder.attributes
        lows = self._lows
        rows, at = [], []
        for b in range(len(sentences)):
            lo, hi = bounds[b], bounds[b + 1]
            prev = "<s>"
            for i in range(lo, hi):
                low = lows[ids[i]]
                nxt = lows[ids[i + 1]] if i + 1 < hi else "</s>"
                for attr in ("bl=" + prev + "|" + low, "br=" + low + "|" + nxt):
                    r = index.get(attr)
                    if r is not None:
                        rows.append(r)
                        at.append(i)
                prev = low
        if rows:
            numpy.add.at(em, at, self._decoder.state[rows])
        for b, tokens in enumerate(sentences):
            if cased_flags[b]:
                em[bounds[b]] += self._first[tokens[0][:1].isupper()]
        return [em[bounds[b]:bounds[b + 1]] for b in range(len(sentences))]

    def find(self, text: str, tokens: Sequence[tuple[int, int]]) -> list[tuple[int, int, str]]:
        """Entity character spans ``(start_char, end_char, label)`` of one
        sentence, given its tokens as ``(start_char, end_char)`` offsets into
        ``text`` (e.g. from ``spacy.blank("id")``'s tokenizer).  Whitespace-only
        tokens are ignored."""
        return self.find_many(text, [tokens])[0]

    def find_many(self, text: str, sentences: Sequence[Sequence[tuple[int, int]]]) -> list[list[tuple[int, int, str]]]:
        """:meth:`find` for each sentence of a text, decoded together."""
        offsets = [_join_hyphenated([(s, e) for s, e in tokens if text[s:e].strip()], text) for tokens in sentences]
        tags = self.tag_many([[text[s:e] for s, e in offs] for offs in offsets])
        return [[(offs[a][0], offs[b - 1][1], label) for a, b, label in bio_to_spans(t)]
                for offs, t in zip(offsets, tags)]


def _common_words() -> frozenset[str]:
    """The frequent word forms of Indonesian news written in lower case (the tokenizer's list)."""
    from .tokenizer import FREQUENT_WORDS

    try:
        words = FREQUENT_WORDS.read_text(encoding="utf-8").split()
    except OSError:
        return frozenset()
    return frozenset(w for w in words if w.islower())


def _join_hyphenated(offs: list[tuple[int, int]], text: str) -> list[tuple[int, int]]:
    """Tokens joined back where a hyphen glues two words with no space (``Jean-Marie``,
    ``Sistan-Baluchestan``, ``anti-Suriah``): the training corpora write such a compound as one
    token (or with spaces around the hyphen), so the model reads it as one word, not three."""
    out: list[tuple[int, int]] = []
    k, n = 0, len(offs)
    while k < n:
        s, e = offs[k]
        while (k + 2 < n and offs[k + 1][0] == e and offs[k + 1][1] == e + 1 and text[e] == "-"
               and offs[k + 2][0] == e + 1 and text[e - 1].isalnum() and text[e + 1].isalnum()):
            e = offs[k + 2][1]
            k += 2
        out.append((s, e))
        k += 1
    return out
