"""Code PLOVER events in one Indonesian sentence.

``code_sentence`` finds lexicon triggers, then assigns actor and recipient from Indonesian
clause structure (subject before the verb, object after it, ``di-`` passives with ``oleh``,
nominalised triggers with a genitive actor, apposition, coordination, relative ``yang``,
reported speech), and decides the modality (asserted/future/hypothetical/negated/historical).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from . import parse_roles
from .lexicon import Lexicon, Match
from .morphology import analyse, tokenize, voice


@dataclass
class ActorMention:
    start: int
    end: int
    text: str
    name: str
    type: str            # PER | ORG | GPE | LOC | GROUP
    code: str | None
    sector: str | None
    wikidata: str | None = None
    entity_id: str | None = None


@dataclass
class CodedEvent:
    type: str
    mode: str | None
    context: list[str]
    actors: list[ActorMention]
    recipients: list[ActorMention]
    modality: str
    trigger: tuple[int, int, str]
    location: ActorMention | None
    attribution: dict | None
    planned: str | None = None
    confidence: float = 0.5
    tense: str | None = None


# ---------------------------------------------------------------- word classes
PREPS = {"di", "ke", "dari", "kepada", "terhadap", "untuk", "bagi", "dengan", "oleh", "atas",
         "antara", "pada", "dalam", "melawan", "tentang", "bersama", "sebagai", "oleh", "menuju",
         "menurut", "soal", "mengenai", "tanpa", "via", "lewat"}
LOCATIVE = {"di", "dari", "dalam", "pada", "sejak", "tentang", "mengenai", "soal", "sebagai", "menurut"}
# words that introduce what an act is about, not whom it involves
TOPIC_PREPS = {"soal", "tentang", "mengenai", "terkait", "seputar", "perihal"}
RECIP_PREPS = {"ke", "kepada", "terhadap", "dengan", "bagi", "untuk", "melawan", "atas", "menuju", "pada"}
CONJ = {"ketika", "saat", "sementara", "setelah", "sebelum", "sejak", "karena", "sehingga", "namun",
        "tetapi", "tapi", "sedangkan", "bahwa", "meskipun", "walaupun", "jika", "apabila", "kalau",
        "agar", "supaya", "sebab", "usai", "seraya", "sambil", "lalu", "kemudian", "hingga", "dan",
        "serta", "sebelumnya", "selain", "menyusul", "pasca"}
HARD_CONJ = {"ketika", "saat", "sementara", "sedangkan", "namun", "tetapi", "tapi", "setelah", "sebelum",
             "sejak", "karena", "meskipun", "walaupun", "sebab", "usai", "menyusul"}
SKIP_ADV = {"lalu", "kemarin", "ini", "itu", "tadi", "kini", "juga", "pun", "telah", "sudah", "akan",
            "sedang", "tengah", "masih", "pernah", "baru", "bakal", "segera", "terus", "selalu", "kembali",
            "secara", "resmi", "pekan", "minggu", "bulan", "tahun", "hari"}
TITLES = {"pemimpin", "kepala", "presiden", "menteri", "jenderal", "senior", "panglima", "juru", "bicara",
          "wakil", "perdana", "raja", "ketua", "pejabat", "duta", "besar", "menlu", "menhan", "dubes",
          "sekretaris", "direktur", "utama", "eksekutif", "komandan", "militer", "pemerintah", "kementerian",
          "luar", "negeri", "pertahanan", "laksamana", "marsekal", "kolonel", "letnan", "mayor", "sang",
          "para", "tentara", "angkatan", "darat", "laut", "udara", "pasukan", "kepolisian", "polisi",
          "junta", "rezim", "ibu", "kota", "kanselir", "jubir", "asisten", "penasihat", "ajudan",
          "keamanan", "utusan", "khusus", "de", "facto", "dan"}
AUX = {"akan", "pernah", "bisa", "dapat", "mau", "ingin", "sempat", "juga", "lagi", "untuk", "segera",
       "mampu", "mencoba", "berusaha", "sedang", "tengah", "telah", "sudah", "pun", "secara", "langsung",
       "resmi", "bersedia", "siap", "berhasil", "bakal", "boleh", "harus", "perlu", "jadi", "menjadi", "ada"}
NEG = {"tidak", "tak", "belum", "bukan", "gagal", "enggan", "batal", "tanpa", "urung"}
FUT = {"akan", "bakal", "hendak", "berencana", "direncanakan", "merencanakan", "dijadwalkan",
       "berniat", "rencana", "rencananya", "bersiap"}
FUT_AFTER = {"mendatang", "depan", "besok", "lusa"}
# "depan" is 'next' only after a unit of time ("pekan depan"); elsewhere it is 'in front of'
TIME_UNITS = {"hari", "pekan", "minggu", "bulan", "tahun", "musim", "periode", "dekade", "abad", "kuartal", "semester",
              "windu", "dasawarsa"}
HYPO = {"jika", "apabila", "kalau", "seandainya", "bila", "andaikan", "apakah"}
HYPO_NEAR = {"mungkin", "kemungkinan", "dapat", "bisa", "berpotensi", "diperkirakan", "spekulasi"}
# "<event> ini berlangsung di X": verbs that set an event in place or time
SETTING_VERBS = {"berlangsung", "digelar", "diadakan", "dilaksanakan", "terjadi", "dilangsungkan", "diselenggarakan"}
AMOUNT_WORDS = {"dolar", "rupiah", "euro", "yuan", "yen", "ringgit", "juta", "miliar", "milyar", "triliun",
                "nilai", "volume", "angka", "neraca"}
PURPOSE = {"untuk", "guna", "demi", "agar", "supaya"}
# time words for spans and durations ("dua tahun setelah ...", "dalam waktu dua bulan")
NUMBER_WORDS = {"satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh",
                "sebelas", "belasan", "puluhan", "beberapa", "setahun", "sebulan", "sepekan", "seminggu",
                "sedekade", "satu", "separuh", "setengah"}
LONG_UNITS = {"tahun", "dekade", "abad", "windu", "dasawarsa", "setahun", "sedekade"}
# epoch-making events that news uses as time landmarks ("setelah kudeta", "pascainvasi"):
# told as the anchor of another event they are, by their nature, the older background
EPOCH_NOUNS = {"kudeta", "invasi", "aneksasi", "revolusi", "kemerdekaan", "reformasi"}
# words that put a clause in the present of the story
PRESENT = {"sedang", "tengah", "kini", "sekarang", "masih", "terus"}
PROMISE = {"berjanji", "bersumpah", "berikrar"}
DATE_RX = re.compile(r"\b\d{1,2}/\d{1,2}\b|\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Ags|Sep|Okt|Nov|Des)[a-z]*\b")
MONTHS = {"januari", "februari", "maret", "april", "mei", "juni", "juli", "agustus", "september", "oktober",
          "november", "desember"}
DAY_WORDS = {"senin", "selasa", "rabu", "kamis", "jumat", "sabtu", "kemarin", "semalam", "tadi"}
COPULA = {"adalah", "merupakan", "ialah", "yakni", "yaitu", "sebagai"}
TOPIC_VERBS = {"membahas", "dibahas", "membicarakan", "dibicarakan", "mendiskusikan", "didiskusikan",
               "merundingkan", "dirundingkan", "menegosiasikan", "dinegosiasikan", "pembahasan"}
TOPIC_ROOTS = {"bahas", "diskusi", "bicara", "runding", "negosiasi"}
# verbs of aiming at a state of relations: "untuk meningkatkan/memperkuat/memperluas kerja sama"
AIM_ROOTS = {"tingkat", "kuat", "luas", "dalam", "erat", "kembang", "dorong", "jajaki", "jajak", "galang",
             "bangun", "jalin", "lanjut"}
# conflictual acts: vowed, they are threats (PLOVER: THREATEN ~ ASSAULT + hypothetical)
WARN_CONSEQUENCE = {"konsekuensi", "akibat", "balasan", "membalas", "pembalasan", "tegas", "sanksi", "perang",
                    "serius", "menindak", "hukuman", "dihukum", "ditindak", "bertindak", "keras", "serangan"}
THREAT_MODE = {"ASSAULT": "violence", "MOBILIZE": "violence", "COERCE": None, "SANCTION": None}
VERBAL_CONFLICT = {"REQUEST", "ACCUSE", "REJECT", "PROTEST"}
PLAN_VERBS = {"dijadwalkan", "berencana", "direncanakan", "berniat", "bersiap", "hendak", "akan",
              "bakal", "ingin", "siap", "bersedia", "diharapkan", "dijadwalkan"}
DEMONSTR = {"itu", "ini", "tersebut"}
BACKGROUND = {"setelah", "sejak", "sebelum", "pasca", "usai", "sesudah", "menyusul"}
RECEIVE = {"menuai", "mendapat", "mendapatkan", "menerima", "menghadapi", "dijatuhi", "dikenai",
           "terkena", "diberi", "diberikan", "dikenakan", "dijatuhkan", "mengalami", "terkena"}
SPEECH_VERBS = {"mengatakan", "menyatakan", "mengungkapkan", "menjelaskan", "menyebutkan", "melaporkan",
                "mengklaim", "menegaskan", "mengumumkan", "menyampaikan", "berkata", "menambahkan",
                "mengaku", "menuturkan", "memberitakan", "menulis", "mengungkap", "menyebut",
                "mengonfirmasi", "mengkonfirmasi", "menerangkan", "mengabarkan"}
POSTPOSED_SPEECH = {"kata", "ujar", "ucap", "tutur", "jelas", "imbuh", "tambah", "tegas", "sebut",
                    "menurut", "mengutip", "dilansir", "dikutip", "lapor"}
QUANT = {"ribuan", "ratusan", "puluhan", "belasan", "jutaan", "sejumlah", "beberapa", "para", "seluruh", "semua",
         "banyak", "sekitar", "sedikitnya", "setidaknya", "lebih", "kurang", "hampir", "segelintir", "sekelompok",
         "ribu", "ratus", "puluh", "juta", "orang"}
PLACE_NOUNS = {"depan", "belakang", "luar", "dalam", "dekat", "sekitar", "seberang", "samping", "tengah", "gedung",
               "kantor", "kedutaan", "konsulat", "markas", "istana", "kompleks", "kawasan", "wilayah", "kota", "ibu",
               "desa", "provinsi", "jalan", "lapangan", "bundaran", "perbatasan", "pangkalan", "pusat", "balai",
               "rumah", "kediaman", "halaman", "gerbang", "pintu", "sekretariat", "besar", "kedubes"}
PRON_SG = {"dia", "ia", "beliau"}
PRON_PL = {"mereka", "pihaknya", "kami", "kita"}
RECIPROCAL_HEADS = {"negara", "pihak", "belah", "pemimpin", "pemerintah", "bangsa", "kubu", "menteri", "menlu",
                    "presiden", "kepala", "delegasi", "pejabat", "diplomat", "panglima", "perdana", "raja",
                    "tokoh", "kelompok", "organisasi", "partai", "perusahaan", "tim", "mitra", "utusan"}

MIL_WORDS = {"militer", "tentara", "pasukan", "senjata", "persenjataan", "alutsista", "rudal", "jet", "tank",
             "pertahanan", "angkatan", "prajurit", "tempur"}
CONTEXT_WORDS = {
    "militer": "military", "tentara": "military", "pasukan": "military", "senjata": "military",
    "persenjataan": "military", "alutsista": "military", "rudal": "military", "pertahanan": "military",
    "ekonomi": "economic", "perdagangan": "economic", "dagang": "economic", "investasi": "economic",
    "energi": "economic", "ekspor": "economic", "impor": "economic", "bisnis": "economic",
    "diplomatik": "diplomatic", "kedutaan": "diplomatic", "duta": "diplomatic", "diplomasi": "diplomatic",
    "ham": "human_rights", "kemanusiaan": "human_rights", "pemilu": "election", "pemilihan": "election",
    "vaksin": "health", "covid": "health", "kesehatan": "health", "pandemi": "health",
    "gempa": "disasters", "bencana": "disasters", "banjir": "disasters", "tsunami": "disasters",
    "nuklir": "cbrn", "kimia": "cbrn", "teroris": "terrorism", "terorisme": "terrorism",
    "pengungsi": "migration", "migran": "migration", "kudeta": "political_institutions",
    "demokrasi": "pro_democracy", "wartawan": "rights_freedoms", "media": "rights_freedoms",
    "teknologi": "technology", "antariksa": "technology", "siber": "cyber", "korupsi": "corruption",
}
YEAR = re.compile(r"^(19[5-9]\d|20\d\d)$")
PUNCT_BOUNDARY = re.compile(r"[,;:\u2014\u2013()\"\u201c\u201d]|\s-\s")
HARD_PUNCT = re.compile(r"[;\u2014\u2013]|\s-\s")

NEEDS_RECIPIENT = {"SANCTION", "AID", "COOPERATE"}
# nouns that refer back to any act ("langkah itu", "keputusan tersebut")
ACT_NOUNS = {"langkah", "tindakan", "keputusan", "kebijakan", "aksi", "peluncuran", "manuver", "insiden", "upaya"}
# acts that judge their recipient for something it did ("... karena <what it did>")
JUDGEMENT = {"SANCTION", "ACCUSE", "COERCE", "THREATEN", "SUPPORT", "ASSAULT", "PROTEST", "REJECT"}
FUTURE_TO_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}


# ---------------------------------------------------------------- noun phrases
@dataclass
class Unit:
    """A noun phrase: mentions merged by apposition, or a pronoun."""
    t0: int
    t1: int                      # token range [t0, t1)
    mentions: list[ActorMention] = field(default_factory=list)
    pron: str | None = None      # "sg" | "pl" | "both" | "poss"
    group: int = -1              # index of its coordination group

    @property
    def head(self) -> ActorMention | None:
        if not self.mentions:
            return None
        rank = {"PER": 0, "ORG": 1, "GROUP": 2, "GPE": 3, "LOC": 4}
        return min(self.mentions, key=lambda m: rank.get(m.type, 5))


class Sentence:
    def __init__(self, text: str, start: int, end: int, mentions: list[ActorMention]):
        self.text, self.start, self.end = text, start, end
        self.toks = tokenize(text, start, end)
        self.lower = [t[2].lower() for t in self.toks]
        n = len(self.toks)
        # boundary[k]: a clause boundary falls before token k
        self.punct_before = [False] * n
        self.hard_before = [False] * n
        for k in range(n):
            gap = text[self.toks[k - 1][1]:self.toks[k][0]] if k else text[start:self.toks[0][0]] if n else ""
            self.punct_before[k] = bool(PUNCT_BOUNDARY.search(gap)) if k else True
            self.hard_before[k] = bool(HARD_PUNCT.search(gap)) if k else True
        self.units = self._units(mentions)
        self.groups = self._groups()

    def tok_index(self, char: int) -> int:
        for k, (s, e, _) in enumerate(self.toks):
            if e > char:
                return k
        return len(self.toks)

    def _units(self, mentions):
        n = len(self.toks)
        owner: list[int | None] = [None] * n
        raw: list[Unit] = []
        for m in sorted(mentions, key=lambda m: (m.start, -m.end)):
            t0 = self.tok_index(m.start)
            t1 = t0
            while t1 < n and self.toks[t1][0] < m.end:
                t1 += 1
            if t1 == t0 or any(owner[k] is not None for k in range(t0, t1)):
                continue
            for k in range(t0, t1):
                owner[k] = len(raw)
            raw.append(Unit(t0, t1, [m]))
        # pronouns and reciprocal expressions
        k = 0
        while k < n:
            w = self.lower[k]
            if owner[k] is None:
                if w in PRON_SG:
                    raw.append(Unit(k, k + 1, pron="sg"))
                elif w in PRON_PL:
                    raw.append(Unit(k, k + 1, pron="spk" if w == "pihaknya" else "pl"))
                elif w == "keduanya" or (w == "kedua" and k + 1 < n and self.lower[k + 1] in RECIPROCAL_HEADS
                                         and not self._ordinal(k)):
                    j = k + 1
                    while j < n and (self.lower[j] in RECIPROCAL_HEADS or (
                            j > k + 1 and self.lower[j] in TITLES - {"dan", "para", "sang"})) and owner[j] is None:
                        j += 1
                    raw.append(Unit(k, j, pron="both"))
                    k = j
                    continue
            k += 1
        raw.sort(key=lambda u: u.t0)
        # apposition: adjacent mentions separated only by titles/capitalised words
        units: list[Unit] = []
        for u in raw:
            if units and not u.pron and not units[-1].pron and self._apposed(units[-1], u):
                units[-1].mentions.extend(u.mentions)
                units[-1].t1 = u.t1
            else:
                units.append(u)
        # extend each unit leftwards over titles ("Presiden", "Menteri Luar Negeri")
        for u in units:
            while u.t0 > 0 and not self.punct_before[u.t0] and (
                    self.lower[u.t0 - 1] in TITLES - {"dan"}) and not self._owned(u.t0 - 1, units):
                u.t0 -= 1
        return units

    def _ordinal(self, k: int) -> bool:
        """"kedua" after a noun is the ordinal 'second' ("kunjungan kedua presiden"), not 'both'."""
        if k == 0 or self.punct_before[k]:
            return False
        p = self.lower[k - 1]
        return (p.endswith("an") and len(p) > 5) or p in ("hari", "kali", "masa", "tahap", "putaran", "periode",
                                                           "gelombang", "jilid", "babak", "tahun", "ke")

    def _owned(self, k, units):
        return any(v.t0 <= k < v.t1 for v in units)

    def _apposed(self, a: Unit, b: Unit) -> bool:
        gap_toks = range(a.t1, b.t0)
        if len(gap_toks) > 4:
            return False
        gap_text = self.text[self.toks[a.t1 - 1][1]:self.toks[b.t0][0]]
        if any(self.lower[k] in ("dan", "serta", "atau", "maupun") for k in gap_toks):
            return False
        if gap_text.strip() == "(" and not gap_toks:
            return True                                  # "Perserikatan Bangsa-Bangsa (PBB)"
        if any(c in gap_text for c in ";()\u2014\""):
            return False
        ta, tb = a.head.type, b.head.type
        if "," in gap_text:
            # "Moskow, Rusia" / "Min Aung Hlaing, panglima ..." but not lists of countries
            if len(gap_toks) == 0 and ((ta == "PER") != (tb == "PER") or
                                       (ta in ("GPE", "LOC") and tb in ("GPE", "LOC") and a.head.code == b.head.code)):
                return True
            return False
        for k in gap_toks:
            w = self.toks[k][2]
            if not (self.lower[k] in TITLES or w[:1].isupper()):
                return False
        if ta in ("GPE", "LOC") and tb in ("GPE", "LOC") and a.head.code != b.head.code and not gap_toks:
            return False
        return True

    def _groups(self):
        """Coordination: units joined by dan/serta/','/maupun form one group."""
        groups: list[list[Unit]] = []
        for u in self.units:
            if groups:
                prev = groups[-1][-1]
                gap = range(prev.t1, u.t0)
                gap_words = [self.lower[k] for k in gap]
                gap_text = self.text[self.toks[prev.t1 - 1][1]:self.toks[u.t0][0]]
                if (not prev.pron and not u.pron and len(gap_words) <= 2 and
                        all(w in ("dan", "serta", "maupun", "atau", "bersama", "juga") for w in gap_words) and
                        not any(c in gap_text for c in ";()\u2014") and (gap_words or "," in gap_text)):
                    groups[-1].append(u)
                    u.group = len(groups) - 1
                    continue
            groups.append([u])
            u.group = len(groups) - 1
        return groups

    def group_of(self, u: Unit) -> list[Unit]:
        return self.groups[u.group]


# ---------------------------------------------------------------- the coder
class _Ctx:
    def __init__(self, sent: Sentence, previous, anchor, published, parse=None):
        self.s = sent
        self.parse = parse                                # spaCy parse of the sentence, or None
        self.previous = previous or []
        self.anchor = anchor
        self.pub_year = int(published[:4]) if published and published[:4].isdigit() else None
        self.speakers: list[tuple[Unit, int, str]] = []   # (unit, verb token, frame text)
        self.excluded: set[int] = set()                   # unit ids not to be used as roles
        self.embedded_from: dict[int, Unit] = {}         # token index after a speech verb -> speaker
        self.addressee: Unit | None = None               # "mengatakan kepada X"
        self._speech()
        self._dateline()

    def _dateline(self):
        """Units before a dateline dash ("London (ANTARA) - ...", "X.com | ...") are no actors."""
        s = self.s
        head = s.text[s.start:min(s.end, s.start + 70)]
        m = re.search(r"\s[-\u2013\u2014|]|[-\u2013\u2014|]\s", head)
        if m and len(tokenize(head[:m.start()])) <= 7:
            cut = s.start + m.start()
            for u in s.units:
                if s.toks[u.t0][0] < cut:
                    self.excluded.add(id(u))
        for u in s.units:
            if u.head is not None and u.head.sector == "JRN":
                self.excluded.add(id(u))

    def _speech(self):
        s = self.s
        n = len(s.toks)
        for i, u in enumerate(s.units):
            if u.pron:
                continue
            p = u.t0 - 1
            # postposed: "..., kata X" / "menurut X" / "dilansir X"
            if p >= 0 and s.lower[p] in POSTPOSED_SPEECH or (p >= 1 and s.lower[p - 1] in ("dikutip", "dilansir", "mengutip") ):
                if p >= 0 and (s.lower[p] in POSTPOSED_SPEECH and (s.lower[p] in ("menurut", "mengutip", "dilansir", "dikutip") or s.punct_before[p])):
                    self.speakers.append((u, p, f"{s.toks[p][2]} {u.head.text if u.head else ''}".strip()))
                    self.excluded.add(id(u))
                    continue
            # preposed: "X mengatakan (bahwa) ..."
            k = u.t1
            while k < n and s.lower[k] in SKIP_ADV | {"dalam", "pada"} and k - u.t1 < 3:
                k += 1
            if k < n and s.lower[k] in SPEECH_VERBS:
                self.speakers.append((u, k, f"{u.head.text if u.head else ''} {s.toks[k][2]}".strip()))
                nxt = k + 1
                if nxt < n and s.lower[nxt] == "kepada":
                    for v in s.units:
                        if v.t0 == nxt + 1 or (v.t0 > nxt and all(s.lower[j] in TITLES for j in range(nxt + 1, v.t0))):
                            self.addressee = v
                            break
                if nxt < n and s.lower[nxt] == "bahwa":
                    nxt += 1
                self.embedded_from[nxt] = u

    def attribution(self, ti: int) -> dict | None:
        for u, k, frame in self.speakers:
            if u.head is None:
                continue
            if k < ti or u.t0 > ti:
                return {"speaker": u.head.name, "text": frame}
        return None

    # -- pronoun resolution -------------------------------------------------
    def resolve(self, u: Unit, sent_events: list[CodedEvent]) -> list[ActorMention]:
        if not u.pron:
            return [m for m in (u.head,) if m] if u.head else []
        spk = self.embedded_from.get(u.t0)
        if spk is not None and spk.head is not None:
            if u.pron == "spk" or (u.pron == "sg" and spk.head.type == "PER") or \
                    (u.pron == "pl" and spk.head.type != "PER"):
                return [spk.head]
        history = list(sent_events[::-1]) + list(self.previous[::-1])
        if u.pron == "both":
            for ev in history:
                ms = _uniq(ev.actors + ev.recipients)
                if len({m.code for m in ms if m.code}) >= 2:
                    return ms
            return []
        if u.pron == "sg":
            for ev in history:
                for m in ev.actors + ev.recipients:
                    if m.type == "PER":
                        return [m]
            for ev in history:
                if ev.actors:
                    return ev.actors[:1]
            return []
        for ev in history:                                 # mereka / pihaknya
            if ev.actors:
                return list(ev.actors)
        return []


def _uniq(ms: list[ActorMention]) -> list[ActorMention]:
    seen, out = set(), []
    for m in ms:
        k = (m.name, m.code)
        if k not in seen:
            seen.add(k)
            out.append(m)
    return out


NOUN_ROOTS = {"sanksi", "kudeta", "invasi", "embargo", "ktt", "konferensi", "konsensus", "negosiasi", "diskusi",
              "dialog", "demonstrasi", "protes", "boikot", "blokade", "razia", "deportasi", "investigasi",
              "ratifikasi", "amnesti", "grasi", "hibah", "donasi", "suaka", "evakuasi", "ekstradisi", "investasi",
              "mobilisasi", "patroli", "siaga", "sensor", "normalisasi", "koordinasi", "konsultasi", "komunikasi",
              "telepon", "vonis", "veto", "ultimatum", "eksekusi", "ekspor", "impor", "bom", "restu", "kerjasama",
              "bentrok", "kritik", "demo", "mogok", "dagang", "jam", "darurat", "gencat", "aksi", "unjuk",
              "latih", "uji", "kerja", "meriam", "daftar", "nota", "serang", "tindak"}


def _trigger_voice(match: Match, word: str) -> str:
    el = match.entry.elements[0]
    if el.root is None:
        return "nominal" if word.lower() in ("ktt", "safari", "latihan", "sambungan", "panggilan",
                                             "konferensi", "pertemuan", "permintaan", "nota") else "bare"
    best = None
    for r, pre, suf in analyse(word):
        if r == el.root:
            v = voice(pre, suf)
            if best is None or (v != "bare" and best == "bare"):
                best = v
    if best in (None, "bare") and el.root in NOUN_ROOTS:
        return "nominal"
    return best or "bare"


class _Coder:
    def __init__(self, ctx: _Ctx):
        self.c = ctx
        self.s = ctx.s

    def clause_start(self, ti: int) -> int:
        s = self.s
        k = ti
        while k > 0 and not s.punct_before[k] and s.lower[k - 1] not in CONJ:
            k -= 1
        return k

    def clause_end(self, tj: int) -> int:
        s = self.s
        k = tj + 1
        while k < len(s.toks) and not s.punct_before[k] and s.lower[k] not in HARD_CONJ:
            k += 1
        return k

    def _is_subject_slot(self, u: Unit) -> bool:
        s = self.s
        p = u.t0 - 1
        # adverbs and quantifiers ("Ribuan pengunjuk rasa", "sedikitnya 200 orang") stay in the slot
        while p >= 0 and not s.punct_before[p + 1] and (
                s.lower[p] in SKIP_ADV or s.lower[p] in QUANT or s.lower[p].replace(".", "").isdigit() or
                (s.lower[p] == "dari" and p > 0 and s.lower[p - 1] in ("lebih", "kurang"))):
            p -= 1
        if p < 0 or s.punct_before[p + 1]:
            return True
        w = s.lower[p]
        return w in CONJ or w in SPEECH_VERBS or w == "yang"

    def _in_pp(self, u: Unit) -> bool:
        """u is the object of a preposition, also through spatial/place nouns
        ("di depan gedung parlemen X", "di luar kedutaan X")."""
        s = self.s
        p = u.t0 - 1
        while p > 0 and s.lower[p] in PLACE_NOUNS and not s.punct_before[p + 1] and u.t0 - p <= 4:
            p -= 1
        return p >= 0 and self._prep(p)

    def _prep(self, p: int) -> bool:
        s = self.s
        return s.lower[p] in PREPS and not s.toks[p][2].isupper() and not any(
            v.t0 <= p < v.t1 and v.mentions for v in s.units)

    def subject(self, ti: int) -> list[Unit]:
        """The subject group of the clause holding token ti (nearest to the left)."""
        s = self.s
        left = [u for u in s.units if u.t1 <= ti and id(u) not in self.c.excluded]
        # head of a relative clause: "X yang ... TRIGGER"
        for u in reversed(left):
            if u.t1 < len(s.toks) and s.lower[u.t1] == "yang" and not self._in_pp(u):
                between = range(u.t1, ti)
                if not any(s.hard_before[k] for k in between) and not any(
                        v.t0 > u.t1 and self._is_subject_slot(v) and not self._in_pp(v) for v in left):
                    return self._group(u)
                break
        for u in reversed(left):
            if self._in_pp(u):
                continue
            if self._is_subject_slot(u):
                return self._group(u)
        for u in reversed(left):
            if not self._in_pp(u):
                return self._group(u)
        return []

    def _group(self, u: Unit) -> list[Unit]:
        g = self.s.group_of(u)
        return [v for v in g if id(v) not in self.c.excluded]

    def after(self, tj: int, preps: set[str] | None, limit: int = 8, allow_bare=True) -> list[Unit]:
        """First group to the right of tj (within the clause) introduced by one of preps."""
        s = self.s
        end = self.clause_end(tj)
        for u in s.units:
            if u.t0 <= tj or id(u) in self.c.excluded:
                continue
            if u.t0 > tj + limit or u.t0 >= end + 1:
                break
            p = u.t0 - 1
            while p > tj and s.lower[p] in TITLES | {"para", "sejumlah", "seluruh", "semua"}:
                p -= 1
            w = s.lower[p] if p > tj and self._prep(p) else ("" if p > tj and s.lower[p] in PREPS else s.lower[p] if p > tj else "")
            if p == tj and allow_bare:
                return self._group(u)
            if preps is not None and w in preps:
                return self._group(u)
            if w in LOCATIVE or w in ("oleh",):
                continue
            if allow_bare and w not in PREPS and p > tj and (u.t0 - tj) <= 3:
                return self._group(u)
        return []

    def oleh(self, tj: int) -> list[Unit]:
        s = self.s
        for u in s.units:
            if u.t0 > tj and u.t0 - 1 >= 0 and s.lower[u.t0 - 1] == "oleh" and u.t0 - tj <= 10:
                return self._group(u)
        return []

    def location(self, ti: int, tj: int, visit: bool) -> ActorMention | None:
        s = self.s
        best = None
        for u in s.units:
            if u.pron or not u.mentions:
                continue
            places = [m for m in u.mentions if m.type in ("GPE", "LOC")]
            if not places:
                continue
            p = u.t0 - 1
            while p >= 0 and s.lower[p] in TITLES | {"ibu", "kota", "desa", "wilayah", "provinsi", "negara", "kawasan"}:
                p -= 1
            w = s.lower[p] if p >= 0 else ""
            if w == "di" or (visit and w in ("ke", "menuju")):
                if best is None or abs(u.t0 - tj) < abs(best[0] - tj):
                    best = (u.t0, places[0])
        return best[1] if best else None

    # -- modality ---------------------------------------------------------------
    def modality(self, ti: int, tj: int) -> tuple[str, bool]:
        """(modality, future_marked)."""
        s = self.s
        # negation directly before the trigger, across auxiliaries only
        k = ti - 1
        negated = False
        while k >= 0 and ti - k <= 4:
            w = s.lower[k]
            if w in NEG:
                negated = True
                break
            if w not in AUX:
                break
            k -= 1
        near = s.lower[max(0, ti - 3):ti]
        fut = any(w in FUT for w in s.lower[max(0, ti - 6):ti]) or \
            any(w in FUT_AFTER and (w != "depan" or s.lower[k - 1] in TIME_UNITS)
                for k, w in enumerate(s.lower[tj + 1:tj + 8], tj + 1)) or self._future_span(tj)
        hypo = any(w in HYPO for w in s.lower[:ti]) or \
            any(w in HYPO_NEAR and not (w in ("dapat", "bisa") and "tidak" in near) for w in near)
        if any(w in ("kemungkinan", "diperkirakan") for w in near) and "akan" in near and "apakah" not in s.lower[:ti]:
            hypo = False
        if negated:
            return "negated", fut
        if hypo:
            return "hypothetical", fut
        if fut:
            return "future", True
        if self.historical(ti, tj):
            return "historical", False
        return "asserted", False

    def _future_span(self, tj: int) -> bool:
        """A time span ahead follows the trigger in its clause: "dalam waktu dua bulan",
        "dalam waktu dekat", "tiga hari lagi", "lima tahun ke depan"."""
        s = self.s
        n = len(s.toks)
        hi = min(n, tj + 16)
        for k in range(tj + 1, hi):
            if k > tj + 1 and s.hard_before[k]:
                break
            w = s.lower[k]
            if w == "waktu" and k > 0 and s.lower[k - 1] == "dalam" and k + 1 < n:
                nxt = s.lower[k + 1]
                if nxt == "dekat":
                    return True
                if (nxt in NUMBER_WORDS or nxt.isdigit()) and k + 2 < n and s.lower[k + 2] in TIME_UNITS:
                    return True
            if w in TIME_UNITS and k > 0 and (s.lower[k - 1] in NUMBER_WORDS or s.lower[k - 1].isdigit()):
                if k + 1 < n and s.lower[k + 1] == "lagi":
                    return True
                if k + 2 < n and s.lower[k + 1] == "ke" and s.lower[k + 2] == "depan":
                    return True
        return False

    def _duration_before(self, k: int) -> bool:
        """Tokens before k measure a span of a year or more ("dua tahun", "lebih dari satu dekade")."""
        s = self.s
        if k < 1:
            return False
        u = s.lower[k - 1]
        if u in ("setahun", "sedekade", "sewindu"):
            return True
        if u in LONG_UNITS and k >= 2 and (s.lower[k - 2] in NUMBER_WORDS or s.lower[k - 2].isdigit()):
            return True
        # "tiga bulan setelah": three months or more is background to the news of the day
        if u == "bulan" and k >= 2:
            q = s.lower[k - 2]
            if q in ("tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan", "sepuluh", "sebelas",
                     "beberapa", "puluhan", "belasan") or (q.isdigit() and int(q) >= 3):
                return True
        return False

    def _landmark_anchor(self, ti: int) -> bool:
        """The clause is told relative to an epoch-making event with no date of its own:
        "setelah kudeta", "pascainvasi", "usai meluncurkan kudeta" (and no present marker)."""
        s = self.s
        n = len(s.toks)
        lm = None
        if not any(w in EPOCH_NOUNS or w.startswith("pasca") for w in s.lower):
            return False
        for k, w in enumerate(s.lower):
            if w.startswith("pasca") and len(w) > 5:
                rest = w[5:].lstrip("-")
                if rest in EPOCH_NOUNS:
                    lm = (k, k)
                    break
            if w in ("setelah", "pasca", "usai", "sesudah", "seusai"):
                for j in range(k + 1, min(n, k + 4)):
                    if j > k + 1 and s.punct_before[j]:
                        break
                    if s.lower[j] in EPOCH_NOUNS:
                        lm = (k, j)
                        break
                if lm:
                    break
        if lm is None or lm[0] <= ti <= lm[1]:
            return False
        py = self.c.pub_year
        if any(w in PRESENT or w in ("kemarin", "senin", "selasa", "rabu", "kamis", "jumat", "sabtu")
               or (YEAR.match(w) and (py is None or int(w) >= py)) for w in s.lower):
            return False
        return not any(s.lower[k] == "ini" and s.lower[k - 1] in ("hari", "pekan", "minggu", "bulan", "tahun")
                       for k in range(1, n))

    def historical(self, ti: int, tj: int) -> bool:
        s = self.s
        # the trigger sits inside a "sejak ..." phrase, an epoch noun inside "setelah ..." /
        # "pascakudeta", or a phrase dated by a long span ("dua tahun setelah ...")
        k = ti - 1
        if s.lower[ti].startswith("pasca") and len(s.lower[ti]) > 5:
            return True
        while k >= 0 and not s.punct_before[k + 1]:
            if s.lower[k] == "sejak":
                return True
            if s.lower[k] in BACKGROUND:
                if self._duration_before(k):
                    return True
                if any(w in EPOCH_NOUNS for w in s.lower[ti:tj + 1]):
                    return True
                break
            if s.lower[k] in HARD_CONJ:
                break
            k -= 1
        if self._landmark_anchor(ti):
            return True
        # "Selama satu dekade terakhir, X telah ..." / "dalam dua tahun terakhir"
        for k in range(1, ti):
            if s.lower[k] == "terakhir" and (s.lower[k - 1] in LONG_UNITS or s.lower[k - 1] in ("beberapa",)):
                j = k - 1
                while j > 0 and k - j < 6 and s.lower[j] not in ("selama", "dalam", "sepanjang"):
                    j -= 1
                if s.lower[j] in ("selama", "dalam", "sepanjang") and (
                        self._duration_before(k) or s.lower[k - 2] in ("beberapa",) or s.lower[k - 1] == "beberapa"):
                    return True
        if "silam" in s.lower or ("pertama" in s.lower and "kali" in s.lower):
            return True
        n = len(s.toks)
        for k in range(n - 1):
            if s.lower[k] == "tahun" and s.lower[k + 1] == "lalu" and not self._in_background(k, ti):
                return True
        if self.c.pub_year:
            for k, w in enumerate(s.lower):
                if YEAR.match(w) and int(w) < self.c.pub_year and not self._in_background(k, ti):
                    if k > 0 and s.lower[k - 1] in ("pemilu", "pemilihan"):
                        continue
                    return True
        return False

    def _in_background(self, k: int, ti: int) -> bool:
        """Token k lies in a sejak/setelah/... phrase that does not hold the trigger ti."""
        s = self.s
        j = k
        while j > 0 and not s.punct_before[j]:
            if s.lower[j - 1] in BACKGROUND:
                lo = j - 1
                hi = k
                while hi < len(s.toks) - 1 and not s.punct_before[hi + 1]:
                    hi += 1
                return not (lo <= ti <= hi)
            if s.lower[j - 1] in HARD_CONJ:
                break
            j -= 1
        return False

    # -- one trigger ---------------------------------------------------------------
    def _dated(self) -> bool:
        """The sentence names a day or a date of its own (then a retelling adds the date)."""
        s = self.s
        if DATE_RX.search(s.text, s.start, s.end):
            return True
        n = len(s.lower)
        return any(w in DAY_WORDS or w in MONTHS or YEAR.match(w) or
                   (w in ("lalu", "silam") and k and s.lower[k - 1] in TIME_UNITS) for k, w in enumerate(s.lower)) \
            and n > 0

    def _foreign_visitor(self, ti: int, act, rec, loc, sent_events) -> list[ActorMention]:
        """A visitor does not come from the country visited: when every actor found belongs to the
        host ("Shoigu mengatakan kepada Min Aung Hlaing, dalam kunjungannya ke Rusia"), the visitor
        is the one spoken to, else the nearest party before the trigger from another country."""
        host = {r.code for r in rec if r.code} | ({loc.code} if loc is not None and loc.code else set())
        if not host or not all(a.code in host for a in act):
            return act
        units = ([self.c.addressee] if self.c.addressee is not None else []) + \
            [u for u in reversed(self.s.units) if u.t1 <= ti and u.mentions]
        for u in units:
            got = [x for x in self.c.resolve(u, sent_events) if x.code and x.code not in host
                   and x.type in ("PER", "ORG", "GPE")]
            if got:
                return got[:1]
        return act

    def _restated(self, act, rec, modality) -> bool:
        an = {a.name for a in act}
        ac = {a.code for a in act if a.code}
        rc = {r.code for r in rec if r.code}
        for ev in self.c.previous:
            if ev.type != "CONSULT" or ev.modality != modality:
                continue
            ean = {a.name for a in ev.actors}
            eac = {a.code for a in ev.actors if a.code}
            erc = {r.code for r in ev.recipients if r.code}
            same_actor = bool(an & ean) or (not act) or (bool(ac & eac) and not (ac & erc))
            if same_actor and rc and rc & (erc | {ev.location.code} if ev.location else erc):
                return True
        return False

    def _anaphoric_act(self, tj: int, sent_events: list[CodedEvent]) -> list[ActorMention]:
        """Actors of the earlier event that the object noun phrase "<act noun> itu/tersebut" after tj refers to."""
        s = self.s
        n = len(s.toks)
        k = tj + 1
        if k >= n:
            return []
        w = s.lower[k]
        j = k + 1
        while j < n and j - k <= 3 and s.lower[j] not in DEMONSTR and not s.punct_before[j]:
            j += 1
        if j >= n or s.lower[j] not in DEMONSTR or s.punct_before[j]:
            return []
        lex = LEX or Lexicon.default()
        types = {en.type for key in lex.keys_of(w) for en in lex.by_key[key]} - {"NONE"}
        if not types and w not in ACT_NOUNS:
            return []
        for ev in list(sent_events[::-1]) + list(self.c.previous[::-1]):
            if ev.actors and (not types or ev.type in types or (ev.planned and ev.planned in types)):
                return list(ev.actors)
        return []

    def _reason_of_judgement(self, ti: int, sent_events: list[CodedEvent]) -> list[ActorMention] | None:
        """Recipients of the judgement (sanction, accusation, arrest, praise ...) that a subjectless
        "karena/sebab/lantaran + verb" clause at ti gives the reason for."""
        s = self.s
        p = ti - 1
        while p >= 0 and s.lower[p] in ("telah", "sudah", "pernah", "diduga", "dituduh", "dianggap", "dinilai",
                                        "terbukti", "ikut", "turut", "secara", "terus", "dituding"):
            p -= 1
        if p < 0 or s.lower[p] not in ("karena", "sebab", "lantaran"):
            return None
        start = s.toks[p][0]
        for ev in reversed(sent_events):
            if ev.type in JUDGEMENT and ev.recipients and ev.trigger[1] <= start:
                return list(ev.recipients)
        return None

    def _coordinated_topic(self, ti: int) -> bool:
        """Token ti is a later conjunct of a noun phrase that is the topic of talks or the aim
        of a purpose clause: walk left over the coordination to the governing verb."""
        s = self.s
        k = ti - 1
        seen_conj = False
        while k >= 0 and ti - k <= 8:
            w = s.lower[k]
            if w in ("dan", "serta", "maupun", "atau"):
                seen_conj = True
            elif _verbish(w) or w in TOPIC_VERBS:
                if not seen_conj:
                    return False
                if w in TOPIC_VERBS or any(r in TOPIC_ROOTS for r, _, _ in analyse(w)):
                    return True
                return k > 0 and s.lower[k - 1] in PURPOSE and any(r in AIM_ROOTS for r, _, _ in analyse(w))
            elif w in ("tentang", "mengenai", "soal", "terkait", "seputar"):
                return seen_conj
            elif w in PREPS or w in CONJ or w == "yang" or (s.hard_before[k + 1] if k + 1 < len(s.toks) else False):
                return False
            elif s.punct_before[k + 1] and s.text[s.toks[k][1]:s.toks[k + 1][0]].strip() != ",":
                return False
            k -= 1
        return False

    def code(self, m: Match, sent_events: list[CodedEvent], forced_modality: str | None = None,
             forced_type: tuple[str, str | None] | None = None) -> CodedEvent | None:
        s, e = self.s, m.entry
        ti, tj = m.tokens[0], m.tokens[-1]
        word = s.toks[ti][2]
        v = _trigger_voice(m, word)
        flags = e.flags
        if e.type == "NONE":
            return None
        # a trigger word inside a name ("Asosiasi Bantuan untuk Tahanan Politik") is no trigger
        # (the mention itself, not its unit: a unit's leftward titles may be the trigger's own
        # words, "serangan udara militer Myanmar")
        t_char = s.toks[ti][0]
        if any(mm.start <= t_char < mm.end for u in s.units for mm in u.mentions):
            return None
        # inside an attribution phrase "Menurut perjanjian yang dinegosiasikan ..., "
        k = ti - 1
        while k >= 0 and not s.punct_before[k + 1]:
            if s.lower[k] in ("menurut", "dikutip", "dilansir", "mengutip"):
                return None
            k -= 1
        # nominal anaphora: "Kunjungan itu", "pertemuan tersebut" refer back to a coded event
        if v == "nominal" and tj + 1 < len(s.toks) and s.lower[tj + 1] in DEMONSTR:
            return None
        if v == "nominal" and tj + 2 < len(s.toks) and s.lower[tj + 2] in DEMONSTR and s.lower[tj + 1] in ("pertama", "kedua", "terbaru", "terakhir", "ini"):
            return None
        # ... also after its own arguments: "kunjungan Min ke Rusia ini" (not "pekan ini", "kali ini")
        if v == "nominal":
            for k in range(tj + 2, min(tj + 6, len(s.toks))):
                if s.punct_before[k] or _verbish(s.lower[k]):
                    break
                if s.lower[k] in DEMONSTR:
                    # (kept when the sentence goes on to say where or when it took place: that
                    # sentence gives the story its place)
                    nxt = s.lower[k + 1] if k + 1 < len(s.lower) else ""
                    if s.lower[k - 1] not in TIME_UNITS | {"kali", "saat", "hari", "sekarang", "masa"} and \
                            nxt not in SETTING_VERBS:
                        return None
                    break
        # a predicate nominal ("X adalah kunjungan pribadi") describes X, it reports no new event
        if v == "nominal" and ti > 0 and s.lower[ti - 1] in COPULA:
            return None
        # cooperation named as the topic of talks or the aim of an action ("membahas kerja sama",
        # "diskusi tentang kerja sama", "untuk meningkatkan kerja sama") is no act of cooperation
        # trade counted in money ("triliunan dolar perdagangan") is a figure, not an act
        if v == "nominal" and e.type == "COOPERATE" and ti > 0 and s.lower[ti - 1] in AMOUNT_WORDS:
            return None
        if v == "nominal" and e.type in ("COOPERATE", "AID") and ti > 0:
            p = ti - 1
            if s.lower[p] in ("tentang", "mengenai", "soal", "terkait", "seputar") and p > 0:
                p -= 1
            if s.lower[p] in TOPIC_VERBS or any(r in TOPIC_ROOTS for r, _, _ in analyse(s.lower[p])):
                return None
            if s.lower[p] in ("tentang", "mengenai", "soal", "terkait", "seputar"):
                return None
            if p > 0 and s.lower[p - 1] in PURPOSE and any(r in AIM_ROOTS for r, _, _ in analyse(s.lower[p])):
                return None
            # ... also as a later member of a coordinated topic ("membahas kerja sama maritim dan
            # perdagangan", "membahas investasi, energi, dan perdagangan")
            if self._coordinated_topic(ti):
                return None
        # purpose clauses ("untuk menghadiri ...") are intentions, not events
        p = ti - 1
        while p >= 0 and s.lower[p] in ("segera", "dapat", "bisa", "lebih", "ikut", "turut", "kembali"):
            p -= 1
        if p >= 0 and s.lower[p] in PURPOSE and "comp" not in flags and forced_type is None:
            q = p - 1
            if not (q >= 0 and s.lower[q] in PLAN_VERBS | PROMISE):
                return None
        actors: list[Unit] = []
        recips: list[Unit] = []
        bare_nominal_bg = v == "nominal" and ti > 0 and s.lower[ti - 1] in BACKGROUND
        receive = v == "nominal" and any(w in RECEIVE for w in s.lower[max(0, ti - 3):ti])
        if v == "passive" or receive:
            actors = self.oleh(tj)
            if not actors and v == "nominal":
                actors = self.after(tj, set(), limit=1)
            recips = self.subject(ti)
        elif "host" in flags:
            recips = self.subject(ti)
            actors = self.after(tj, {"dari"} | RECIP_PREPS)
        elif v == "nominal":
            gen = self.after(tj, set(), limit=2) if tj + 1 < len(s.toks) else []
            gen = [u for u in gen if u.t0 - tj <= 2]
            by = self.oleh(tj)
            if "antara" in s.lower[tj + 1:tj + 3]:
                actors = self.after(tj, {"antara"}, limit=3)
            elif by:
                actors = by
            elif gen:
                actors = gen
            if bare_nominal_bg and not actors:
                return None
            if not actors:
                actors = self.subject(ti)
            recips = self.after(tj, RECIP_PREPS, allow_bare=False)
            recips = [u for u in recips if u not in actors]
        else:
            actors = self.subject(ti)
            recips = self.after(tj, RECIP_PREPS)
            # "memperingatkan bahwa aparat akan ...": the subject of the warned clause carries
            # out the threat, it is not the one warned
            if "warn" in flags and tj + 1 < len(s.toks) and s.lower[tj + 1] == "bahwa":
                recips = []
        # --- parse hook: where the dependency parse finds an actor or recipient, it wins over the
        # word-order rules above; where it finds none, the rules' choice stays (parse_roles.py)
        if self.c.parse is not None and not receive and "host" not in flags:
            actors, recips = parse_roles.refine(self.c.parse, s, ti, v, actors, recips, self.c.excluded,
                                                self._group)
        # resolve units to mentions
        act = _uniq([m_ for u in actors for m_ in self.c.resolve(u, sent_events)])
        rec = _uniq([m_ for u in recips for m_ in self.c.resolve(u, sent_events)])
        if "nya" == s.lower[tj][-3:] and v == "nominal" and not act:
            act = _uniq([m_ for u in self.subject(ti) for m_ in self.c.resolve(u, sent_events)])
            if not act:
                act = self.c.resolve(Unit(tj, tj + 1, pron="sg"), sent_events)
        # a subjectless reason clause of a judgement ("menjatuhkan sanksi terhadap X karena membantu Y",
        # "memuji X karena ...", "X ditangkap karena menyerang Y"): the judged party did the act
        judged = self._reason_of_judgement(ti, sent_events) if v in ("active", "bare") else None
        if judged:
            act = judged
            rec = [x for x in rec if (x.name, x.code) not in {(a.name, a.code) for a in act}]
        # a speech act with no subject in the quote: the quoted speaker is the actor
        if not act and e.type in ("ACCUSE", "REJECT", "REQUEST", "SUPPORT", "AGREE", "THREATEN"):
            for u, k_, _ in self.c.speakers:
                if u.head is not None and u.head.sector != "JRN":
                    act = [u.head]
                    if not rec:
                        rec = _uniq([m_ for g in self.oleh(tj) for m_ in self.c.resolve(g, sent_events)])
                    break
        # dropped subject: continue the last actor of the discourse
        conf = e.confidence
        if not act and not rec:
            for ev in list(sent_events[::-1]) + list(self.c.previous[::-1]):
                if ev.actors:
                    act = list(ev.actors)
                    conf *= 0.7
                    break
        visit = "visit" in flags
        loc = self.location(ti, tj, visit)
        mode = e.mode
        if visit and not rec:
            if loc is not None:
                rec = [loc]
            else:
                for ev in list(sent_events[::-1]) + list(self.c.previous[::-1]):
                    if (ev.mode == "visit" or ev.planned == "CONSULT") and ev.recipients:
                        rec = list(ev.recipients[:1])
                        break
        if visit and act and rec:
            act = self._foreign_visitor(ti, act, rec, loc, sent_events)
        if e.type == "CONSULT" and not mode and loc is not None and act and rec:
            ac = {a.code for a in act}
            if loc.code and loc.code not in ac and loc.code in {r.code for r in rec}:
                mode = "visit"
        if e.type in ("ASSAULT", "COERCE", "MOBILIZE") and not rec and loc is not None and act:
            if loc.code and loc.code not in {a.code for a in act} and loc.type == "GPE":
                rec = [loc]
        if e.type in NEEDS_RECIPIENT and not rec:
            subj = [m_ for u in self.subject(ti) for m_ in self.c.resolve(u, sent_events)]
            rec = [x for x in subj if x not in act]
        if "recip" in flags and e.type not in ("CONSULT",) and rec and e.type in ("AGREE", "SUPPORT", "ASSAULT", "COOPERATE"):
            pass
        rec = [x for x in rec if (x.name, x.code) not in {(a.name, a.code) for a in act}]
        if not rec and act:
            rec = self._fallback_recipient(m, v, act, actors, sent_events)
        # a meeting needs two parties: a bare "pertemuan"/"membahas" with one side is not coded
        if e.type == "CONSULT" and "recip" in flags and not mode and len(act) + len(rec) < 2:
            return None
        modality, fut = self.modality(ti, tj)
        if forced_modality == "promise":
            # a promised act is future (a promise told as background keeps its modality)
            modality, fut = ("future" if modality == "asserted" else modality), True
        elif forced_modality is not None:
            modality, fut = forced_modality, True
        typ = e.type
        # the same visit or meeting told again ("Kunjungannya ke X ...", "Dia tiba di X ...",
        # "kunjungan Y ke X ini"): a nominal or an arrival adds no new event
        if typ == "CONSULT" and (v == "nominal" or s.lower[ti] == "tiba") and not self._dated() and \
                self._restated(act, rec, modality):
            return None
        planned = None
        if fut and typ in FUTURE_TO_AGREE and modality != "negated":
            planned, typ = typ, "AGREE"
            mode = None
        elif fut and typ == "RETREAT" and modality != "negated":
            typ, mode = "CONCEDE", None
        if forced_type is not None:
            typ, mode = forced_type
            planned = None
        if typ == "AGREE" and modality == "negated":
            typ, modality, mode = "REJECT", "asserted", None
        if typ == "CONSULT" and e.mode == "multilateral" and mode is None:
            mode = "multilateral"
        # MOBILIZE: weapons rather than troops when only hardware is named
        if typ == "MOBILIZE" and mode == "troops":
            ws = set(s.lower)
            if ws & {"kapal", "rudal", "tank", "jet", "pesawat", "kapal-kapal"} and not ws & {"pasukan", "tentara", "prajurit", "personel"}:
                mode = "weapons"
        if typ == "ASSAULT" and mode in (None, "explosives"):
            ws = set(s.lower)
            if ws & {"udara", "jet", "pesawat", "helikopter"}:
                mode = "aerial"
            elif ws & {"nirawak", "drone"}:
                mode = "drone"
        ctx = list(e.contexts)
        for w in s.lower:
            c = CONTEXT_WORDS.get(w)
            if c and c not in ctx:
                ctx.append(c)
        # countries acting are their governments (militaries when fighting)
        act = [self._sector(a, typ) for a in act]
        rec = [self._sector(r, None) for r in rec]
        tense = "future" if (modality == "future" or fut) else "past" if (
            modality == "historical" or any(w in ("telah", "sudah", "pernah", "lalu") for w in s.lower[max(0, ti - 4):tj + 6])) else None
        if not act and not rec:
            return None
        trig = (s.toks[ti][0], s.toks[tj][1], self.s.text[s.toks[ti][0]:s.toks[tj][1]])
        return CodedEvent(type=typ, mode=mode, context=ctx, actors=act, recipients=rec, modality=modality,
                          trigger=trig, location=loc, attribution=self.c.attribution(ti), planned=planned,
                          confidence=round(conf if act else conf * 0.7, 2), tense=tense)

    def _fallback_recipient(self, m: Match, v: str, act, actor_units, sent_events) -> list[ActorMention]:
        """Recipient when no object was found, by the argument frame of the trigger type."""
        s, e = self.s, m.entry
        ti, tj = m.tokens[0], m.tokens[-1]
        acodes = {a.code for a in act}
        names = {(a.name, a.code) for a in act}
        res = lambda units: [x for u in units for x in self.c.resolve(u, sent_events) if (x.name, x.code) not in names]
        # "atas undangan X", "sanksi Barat": the subject of the clause undergoes the act
        if v == "nominal" and e.type in ("AGREE", "SANCTION", "SUPPORT", "AID", "ACCUSE", "COERCE"):
            subj = res(self.subject(ti))
            if subj:
                return subj
        # a reaction to an act named by an anaphoric noun ("mengutuk serangan itu", "mengecam langkah
        # tersebut"): the recipient is whoever did that act, as coded before
        if e.type in ("ACCUSE", "REJECT", "SUPPORT", "PROTEST") and v != "nominal":
            res_mentions = self._anaphoric_act(tj, sent_events)
            got = [x for x in res_mentions if (x.name, x.code) not in names]
            if got:
                return got
        # a warning coordinated with an earlier act of the same subject ("menolak tuntutan para
        # demonstran dan memperingatkan bahwa ...") is addressed to that act's recipient
        if "warn" in e.flags:
            for ev in reversed(sent_events):
                if ev.recipients and {a.code for a in ev.actors} & acodes:
                    got = [x for x in ev.recipients if (x.name, x.code) not in names]
                    if got:
                        return got
        # speech addressed to someone ("mengatakan kepada X bahwa ... berkomitmen")
        if self.c.addressee is not None and e.type in ("AGREE", "SUPPORT", "REQUEST", "REJECT", "THREATEN", "ACCUSE"):
            got = res([self.c.addressee])
            if got:
                return got
        # talks whose subject is the meeting ("pertemuannya dengan X membahas ..."): the party met
        if e.type == "CONSULT":
            for u in reversed(s.units):
                if u.t1 > ti or not u.mentions or id(u) in self.c.excluded:
                    continue
                if any(s.hard_before[k] for k in range(u.t1, ti + 1)):
                    break
                if u.t0 > 0 and s.lower[u.t0 - 1] == "dengan":
                    got = res([u])
                    if got:
                        return got
                    break
        # a meeting or a sanction named with one side: the next named party in the clause (not a
        # topic: "membahas soal Palestina")
        if e.type in ("CONSULT", "SANCTION", "AID", "COOPERATE"):
            end = self.clause_end(tj)
            for u in s.units:
                if u.t0 > 0 and s.lower[u.t0 - 1] in TOPIC_PREPS:
                    continue
                if u.t0 > tj and u.t0 <= end + 6 and id(u) not in self.c.excluded and u.mentions:
                    got = [x for x in res([u]) if x.code and x.code not in acodes]
                    if got:
                        return got[:1]
        return []

    def _sector(self, m: ActorMention, typ: str | None) -> ActorMention:
        code = m.code
        if code is None and m.type == "GROUP" and self.c.anchor and m.sector in (
                "CVL", "REB", "OPP", "MIL", "GOV", "COP", "JRN", "BUS", None) and not _TRANSNATIONAL.search(m.name or ""):
            code = self.c.anchor
        if m.type in ("GPE", "LOC") and m.sector is None:
            sec = "MIL" if typ in ("ASSAULT", "MOBILIZE") else "GOV"
            return replace(m, sector=sec, code=code)
        if code != m.code:
            return replace(m, code=code)
        return m


CLAUSE_MARKERS = {"untuk", "agar", "supaya", "bahwa", "guna", "demi", "akan", "telah", "sudah", "sedang",
                  "tidak", "tak", "belum", "segera", "dapat", "bisa", "harus", "mau", "ingin"}
NOT_VERBS = {"media", "menteri", "merdeka", "meja", "merah", "mereka", "metode", "meter", "mesin", "melayu",
             "bersama", "berbagai", "beberapa", "berikut", "termasuk", "terhadap", "tertentu", "terutama",
             "terkait", "terakhir", "terbaru", "terbesar", "tersebut", "teritorial", "teroris", "terorisme",
             "mengenai", "menurut", "menjelang", "meski", "meskipun", "melalui", "menuju", "mendatang",
             "besar", "beras", "berat", "berita", "beton", "militer", "mitra"}


def _verbish(w: str) -> bool:
    """An active or stative verb form (meN-, ber-, ter-): a predicate, not part of a noun phrase."""
    return len(w) >= 5 and w.startswith(("me", "ber", "ter")) and w not in NOT_VERBS


def _comp_end(s: Sentence, end: int) -> int:
    """Where the complement of the comp trigger ending at token ``end`` stops.

    A complement clause runs to a hard boundary ("mendesak X untuk A dan B").  A nominal
    object ("mengutuk serangan itu", "menolak tuntutan mereka") is no clause: a following
    "dan/serta + verb" coordinates a new predicate of the same subject
    ("mengutuk serangan itu dan mendesak ...").
    """
    n = len(s.toks)
    k = end + 1
    # an anaphoric noun ("Menanggapi kesepakatan itu, ...") takes no complement
    if k < n and s.lower[k] in DEMONSTR:
        return k
    clausal = False
    while k < n and not s.hard_before[k] and s.lower[k] not in HARD_CONJ and not (
            s.punct_before[k] and k > end + 1 and s.lower[k] in SPEECH_VERBS | {"yang"}):
        w = s.lower[k]
        if w in ("dan", "serta") and not clausal and k > end + 1:
            j = k + 1
            while j < n and s.lower[j] in ("juga", "lalu", "kemudian", "turut", "ikut", "sekaligus", "pun"):
                j += 1
            if j < n and _verbish(s.lower[j]):
                return k
        if w in CLAUSE_MARKERS or (_verbish(w) and k > end) or w.startswith("di") and w.endswith(("kan", "i")) and len(w) > 6:
            clausal = True
        k += 1
    return k


def _suppressed(s: Sentence, matches: list[Match]) -> set[int]:
    """Triggers inside the complement of a comp trigger (mendesak X untuk ..., menuduh X melakukan ...)."""
    out: set[int] = set()
    for i, m in enumerate(matches):
        if "comp" not in m.entry.flags or i in out:
            continue
        end = m.tokens[-1]
        k = _comp_end(s, end)
        for j, other in enumerate(matches):
            if j != i and end < other.tokens[0] < k:
                out.add(j)
    return out


# light verbs that carry a promised noun: "berjanji memberikan bantuan", "menyediakan dana hibah"
LIGHT_VERBS = {"memberikan", "memberi", "menyediakan", "mengucurkan", "menggelontorkan", "menambah",
               "menambahkan", "menawarkan", "mengalokasikan"}


def _vows(s: Sentence, matches: list[Match], cooperative: bool = False) -> list[tuple[int, int]]:
    """(promise, promised act) pairs: "berjanji/bersumpah (untuk) <conflictual trigger>", or with
    ``cooperative`` "berjanji (untuk) (memberikan) <cooperative trigger>"."""
    out = []
    for tj, w in enumerate(s.lower):
        if w not in PROMISE:
            continue
        i = next((n for n, m in enumerate(matches) if m.tokens == [tj]), -1)
        k = tj + 1
        while k < len(s.toks) and s.lower[k] in PURPOSE | {"akan", "segera", "terus", "tidak", "kembali"} and k - tj <= 3:
            k += 1
        if cooperative and k < len(s.toks) and s.lower[k] in LIGHT_VERBS:
            k += 1
            if k < len(s.toks) and s.lower[k] in ("lebih", "lagi", "tambahan"):
                k += 1
        for j, o in enumerate(matches):
            if o.tokens[0] != k:
                continue
            if cooperative and o.entry.type in FUTURE_TO_AGREE:
                out.append((i, j))
            elif not cooperative and (o.entry.type in VERBAL_CONFLICT or o.entry.type in THREAT_MODE):
                out.append((i, j))
    return out


def _cooperation_as_aid(s: Sentence, matches: list[Match], drop: set[int]) -> dict[int, int]:
    """{cooperation: aid} for "bekerja sama dengan X untuk memasok peralatan militer": cooperation
    whose stated purpose is to give aid is that aid (PLOVER AID), between the cooperating parties."""
    out: dict[int, int] = {}
    for i, m in enumerate(matches):
        if i in drop or m.entry.type != "COOPERATE":
            continue
        end = m.tokens[-1]
        for j, o in enumerate(matches):
            k = o.tokens[0]
            if o.entry.type != "AID" or j in drop or not end < k <= end + 8:
                continue
            p = k - 1
            while p > end and s.lower[p] in ("dapat", "bisa", "segera", "terus", "lebih"):
                p -= 1
            if s.lower[p] in PURPOSE and not any(s.hard_before[q] for q in range(end + 1, k + 1)):
                out[i] = j
                break
    return out


def _merge(events: list[CodedEvent]) -> list[CodedEvent]:
    out: list[CodedEvent] = []
    for ev in events:
        for o in out:
            if o.type != ev.type or o.modality != ev.modality:
                continue
            oc = {a.code for a in o.actors}
            ec = {a.code for a in ev.actors}
            if not oc or not ec or oc & ec:
                keys = {(a.name, a.code) for a in o.actors + o.recipients}
                o.actors = _uniq(o.actors + [a for a in ev.actors if (a.name, a.code) not in keys])
                keys = {(a.name, a.code) for a in o.actors + o.recipients}
                o.recipients = _uniq(o.recipients + [a for a in ev.recipients if (a.name, a.code) not in keys])
                o.mode = o.mode or ev.mode
                o.location = o.location or ev.location
                break
        else:
            out.append(ev)
    return out


LEX: Lexicon | None = None


# unnamed groups that belong to no one country ("komunitas internasional", "negara-negara Barat")
_TRANSNATIONAL = re.compile(r"(?i)\b(?:international|world|global|western|foreign|regional)\b")


def code_sentence(text: str, start: int, end: int, mentions: list[ActorMention],
                  previous: list[CodedEvent] | None = None, anchor_country: str | None = None,
                  published: str | None = None, parse=None) -> list[CodedEvent]:
    """PLOVER events stated in ``text[start:end]``.

    ``mentions``: linked actor/place mentions inside the sentence (article offsets).
    ``previous``: events of the preceding sentences, oldest first, for pronouns and ellipsis.
    ``anchor_country``: the article's main country, given to unnamed domestic groups.
    ``published``: the publication date (ISO), used to tell old background events (historical).
    ``parse``: the sentence's dependency parse (``doc._.parses``), or None for rules alone.
    """
    global LEX
    if LEX is None:
        LEX = Lexicon.default()
    toks = tokenize(text, start, end)
    keys_of = LEX.keys_of
    if not any(keys_of(t[2]) for t in toks):
        return []
    sent = Sentence(text, start, end, [m for m in mentions if m.end > start and m.start < end])
    matches = LEX.find(sent.toks, text)
    if not matches:
        return []
    # a unit's leftward titles stop at a trigger's words ("serangan udara | militer Myanmar")
    for m in matches:
        last = m.tokens[-1]
        for u in sent.units:
            if u.mentions and u.t0 <= last < u.t1 and all(sent.toks[last][1] <= mm.start for mm in u.mentions):
                u.t0 = last + 1
    ctx = _Ctx(sent, previous, anchor_country, published, parse)
    coder = _Coder(ctx)
    drop = _suppressed(sent, matches)
    forced: dict[int, tuple] = {}
    for i, j in _vows(sent, matches):
        # "berjanji untuk meminta ...": a promised conflictual act is that act, future; a vowed
        # attack or sanction is a threat (PLOVER: AGREE covers promises to cooperate only)
        typ = matches[j].entry.type
        if i >= 0:
            drop.add(i)
        drop.discard(j)
        if typ in VERBAL_CONFLICT:
            forced[j] = ("future", None)
        else:
            mode = THREAT_MODE.get(typ)
            if typ == "COERCE" and matches[j].entry.mode in ("arrest", "restrict"):
                mode = matches[j].entry.mode
            elif typ == "SANCTION":
                mode = "relations" if matches[j].entry.mode == "discontinue" else None
            forced[j] = ("asserted", ("THREATEN", mode))
    # "memperingatkan (bahwa) ...": a warning is a THREATEN only with coercive content, a
    # conflictual act or its repercussions (PLOVER: "coercive or forceful warnings"); the warned
    # act gives the mode ("... aparat akan membubarkan unjuk rasa" -> THREATEN restrict)
    for i, m in enumerate(matches):
        if i in drop or m.entry.type != "THREATEN" or "warn" not in m.entry.flags:
            continue
        end = _comp_end(sent, m.tokens[-1])
        inner = [o for o in matches[i + 1:] if o.tokens[0] < end and o.entry.type in THREAT_MODE]
        if inner:
            o = inner[0]
            mode = THREAT_MODE.get(o.entry.type)
            if o.entry.type == "COERCE" and o.entry.mode in ("arrest", "restrict"):
                mode = o.entry.mode
            elif o.entry.type == "SANCTION":
                mode = "relations" if o.entry.mode == "discontinue" else "expel" if o.entry.mode == "expel" else None
            forced[i] = (None, ("THREATEN", mode))
        elif not any(w in WARN_CONSEQUENCE for w in sent.lower[m.tokens[-1] + 1:end]):
            drop.add(i)
    # "Jepang berjanji memberikan bantuan ...": a promise of cooperation is coded through the
    # promised act (future cooperation -> AGREE, planned AID) so that it keeps the act's recipient
    promised = {i: j for i, j in _vows(sent, matches, cooperative=True) if i >= 0 and i not in drop}
    aid_content = _cooperation_as_aid(sent, matches, drop)
    drop |= set(aid_content.values())
    events: list[CodedEvent] = []
    for i, m in enumerate(matches):
        if i in drop:
            continue
        if i in promised:
            j = promised[i]
            ev = coder.code(matches[j], events, forced_modality="promise")
            drop.add(j)
            if ev is not None:
                events.append(ev)
                continue
        f = forced.get(i)
        ev = coder.code(m, events, forced_modality=f[0] if f else None, forced_type=f[1] if f else None)
        if ev is not None and i in aid_content and ev.type == "COOPERATE":
            aid = matches[aid_content[i]].entry
            ev.type, ev.mode = "AID", aid.mode
            ev.context = list(dict.fromkeys(list(aid.contexts) + ev.context))
        if ev is not None:
            events.append(ev)
    return _merge(_drop_protest_demands(sent, events))


STAGE_VERBS = {"menggelar", "melakukan", "mengadakan", "dalam", "melalui", "lewat", "aksi", "berupa"}


def _drop_protest_demands(s: Sentence, events: list[CodedEvent]) -> list[CodedEvent]:
    """PLOVER: the topic of a protest (typically a REQUEST) is not coded apart from the PROTEST.
    "Ribuan buruh berunjuk rasa ... menuntut kenaikan upah": the demand made by the protesters in
    the same clause is the protest's content."""
    protests = []
    for ev in events:
        if ev.type != "PROTEST" or not ev.actors:
            continue
        k = s.tok_index(ev.trigger[0])
        w = s.lower[k] if k < len(s.lower) else ""
        if w.startswith("ber") or w in ("mogok", "turun") or (k > 0 and s.lower[k - 1] in STAGE_VERBS):
            protests.append((k, {(a.name, a.code) for a in ev.actors}))
    if not protests:
        return events
    out = []
    for ev in events:
        if ev.type == "REQUEST" and ev.actors:
            k = s.tok_index(ev.trigger[0])
            keys = {(a.name, a.code) for a in ev.actors}
            same = False
            for pk, pkeys in protests:
                lo, hi = min(pk, k), max(pk, k)
                if keys <= pkeys and not any(s.hard_before[j] or s.lower[j] in HARD_CONJ for j in range(lo + 1, hi + 1)):
                    same = True
            if same:
                continue
        out.append(ev)
    return out
