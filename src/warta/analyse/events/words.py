"""The coder's word classes: plain lists of words from ``data/words.txt``, and the few
tables and patterns that are more than a list."""
from __future__ import annotations

import re
from pathlib import Path

DATA = Path(__file__).with_name("data") / "words.txt"


def load(path: Path = DATA) -> dict[str, set[str]]:
    """``[NAME]`` -> its words, from the word-class file."""
    classes: dict[str, set[str]] = {}
    name = None
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        if line.startswith("[") and line.endswith("]"):
            name = line[1:-1]
            classes[name] = set()
        elif name is None:
            raise ValueError(f"{path}: words before the first [NAME]: {line!r}")
        else:
            classes[name].update(line.split())
    return classes


_W = load()
PREPS = _W["PREPS"]
LOCATIVE = _W["LOCATIVE"]
TOPIC_PREPS = _W["TOPIC_PREPS"]
RECIP_PREPS = _W["RECIP_PREPS"]
CONJ = _W["CONJ"]
HARD_CONJ = _W["HARD_CONJ"]
SKIP_ADV = _W["SKIP_ADV"]
TITLES = _W["TITLES"]
AUX = _W["AUX"]
NEG = _W["NEG"]
FUT = _W["FUT"]
FUT_AFTER = _W["FUT_AFTER"]
TIME_UNITS = _W["TIME_UNITS"]
HYPO = _W["HYPO"]
HYPO_NEAR = _W["HYPO_NEAR"]
COMPLEMENT_IF = _W["COMPLEMENT_IF"]
KNOWING_VERBS = _W["KNOWING_VERBS"]
SETTING_VERBS = _W["SETTING_VERBS"]
AMOUNT_WORDS = _W["AMOUNT_WORDS"]
PURPOSE = _W["PURPOSE"]
NUMBER_WORDS = _W["NUMBER_WORDS"]
LONG_UNITS = _W["LONG_UNITS"]
EPOCH_NOUNS = _W["EPOCH_NOUNS"]
PRESENT = _W["PRESENT"]
PROMISE = _W["PROMISE"]
PLEDGE = _W["PLEDGE"]
MONTHS = _W["MONTHS"]
DAY_WORDS = _W["DAY_WORDS"]
COPULA = _W["COPULA"]
TOPIC_VERBS = _W["TOPIC_VERBS"]
TOPIC_ROOTS = _W["TOPIC_ROOTS"]
AIM_ROOTS = _W["AIM_ROOTS"]
WARN_CONSEQUENCE = _W["WARN_CONSEQUENCE"]
PLAN_VERBS = _W["PLAN_VERBS"]
DEMONSTR = _W["DEMONSTR"]
BACKGROUND = _W["BACKGROUND"]
RECEIVE = _W["RECEIVE"]
SPEECH_VERBS = _W["SPEECH_VERBS"]
POSTPOSED_SPEECH = _W["POSTPOSED_SPEECH"]
QUANT = _W["QUANT"]
PLACE_NOUNS = _W["PLACE_NOUNS"]
PRON_SG = _W["PRON_SG"]
PRON_PL = _W["PRON_PL"]
RECIPROCAL_HEADS = _W["RECIPROCAL_HEADS"]
MIL_WORDS = _W["MIL_WORDS"]
ACT_NOUNS = _W["ACT_NOUNS"]
NOUN_ROOTS = _W["NOUN_ROOTS"]
CLAUSE_MARKERS = _W["CLAUSE_MARKERS"]
NOT_VERBS = _W["NOT_VERBS"]
LIGHT_VERBS = _W["LIGHT_VERBS"]
CARRIER_VERBS = _W["CARRIER_VERBS"]
STAGE_VERBS = _W["STAGE_VERBS"]

DATE_RX = re.compile(r"\b\d{1,2}/\d{1,2}\b|\b\d{1,2}\s+(?:Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Ags|Sep|Okt|Nov|Des)[a-z]*\b")
THREAT_MODE = {"ASSAULT": "violence", "MOBILIZE": "violence", "COERCE": None, "SANCTION": None}
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
# sets of PLOVER event types, not words
VERBAL_CONFLICT = {"REQUEST", "ACCUSE", "REJECT", "PROTEST"}
#: PLOVER's verbal quads (cooperation and conflict): acts done by saying them
VERBAL_ACTS = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "REQUEST", "ACCUSE", "REJECT", "THREATEN"}
NEEDS_RECIPIENT = {"SANCTION", "AID", "COOPERATE"}
# acts that judge their recipient for something it did ("... karena <what it did>")
JUDGEMENT = {"SANCTION", "ACCUSE", "COERCE", "THREATEN", "SUPPORT", "ASSAULT", "PROTEST", "REJECT"}
FUTURE_TO_AGREE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
