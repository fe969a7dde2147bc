"""Negation and hypothetical scope of the event coder (issue #20).

The modality of an attack is decided by the words around its verb, as a reader of Indonesian
would: "tidak akan menyerang" (will not attack) and "tidak pernah menyerang" (never attacked)
deny the attack, "belum" (not yet) denies it so far, a clause under "jika" (if) or a question
with "apakah" (whether) does not assert it. Negation outranks the future, a condition outranks
the future too.
"""
import pytest

from events_helpers import code_whole, mention

ACTOR = ("militer Eritrea", "Eritrean Defence Forces", "ORG", "ERI", "MIL")
TARGET = ("pemberontak", "rebels", "GROUP", None, "REB")


def _assault_modalities(text):
    low = text.lower()
    i = low.index(ACTOR[0].lower())
    ms = [mention(text, text[i:i + len(ACTOR[0])], *ACTOR[1:]), mention(text, TARGET[0], *TARGET[1:])]
    evs = code_whole(text, ms, anchor_country="ERI")
    return [e.modality for e in evs if e.type == "ASSAULT"]


@pytest.mark.parametrize("text,modality", [
    ("Militer Eritrea menyerang pemberontak di perbatasan.", "asserted"),
    ("Militer Eritrea akan menyerang pemberontak di perbatasan.", "future"),
    # negation across auxiliaries: not a future attack, not an asserted one
    ("Militer Eritrea tidak akan menyerang pemberontak di perbatasan.", "negated"),
    ("Militer Eritrea tak akan menyerang pemberontak di perbatasan.", "negated"),
    ("Militer Eritrea tidak pernah menyerang pemberontak di perbatasan.", "negated"),
    ("Militer Eritrea belum menyerang pemberontak di perbatasan.", "negated"),
    ("Militer Eritrea tidak menyerang pemberontak di perbatasan.", "negated"),
    # a future marked after the verb ("besok", "pekan depan"), but "di depan" is 'in front of'
    ("Militer Eritrea menyerang pemberontak besok.", "future"),
    ("Militer Eritrea menyerang pemberontak pekan depan.", "future"),
    ("Militer Eritrea menyerang pemberontak di depan markas mereka.", "asserted"),
    # a span ahead after the verb: "dua hari lagi" (in two days); "tiga desa lagi" is three more villages
    ("Militer Eritrea menyerang pemberontak dua hari lagi.", "future"),
    ("Militer Eritrea menyerang pemberontak 3 hari lagi.", "future"),
    ("Militer Eritrea menyerang pemberontak di tiga desa lagi.", "asserted"),
    # a plan said as the first word of the sentence
    ("Rencananya militer Eritrea menyerang pemberontak di perbatasan.", "future"),
    # conditions and questions
    ("Jika perundingan gagal, militer Eritrea menyerang pemberontak di perbatasan.", "hypothetical"),
    ("Jika perundingan gagal, militer Eritrea akan menyerang pemberontak di perbatasan.", "hypothetical"),
    ("Apakah militer Eritrea menyerang pemberontak di perbatasan?", "hypothetical"),
    ("Wartawan bertanya apakah militer Eritrea menyerang pemberontak di perbatasan.", "hypothetical"),
])
def test_events_modality_negation_and_hypothetical_scope(text, modality):
    assert _assault_modalities(text) == [modality]


def test_events_modality_negation_after_the_verb_does_not_negate_it():
    # "tidak" belongs to the next clause here, not to the attack
    text = "Militer Eritrea menyerang pemberontak di perbatasan, bukan di ibu kota."
    assert _assault_modalities(text) == ["asserted"]


def test_events_modality_negated_attack_end_to_end():
    import warta
    doc = warta.analyze("Militer Israel tidak akan menyerang Lebanon, kata juru bicara pemerintah "
                        "pada Senin.", published="2023-03-06")
    assaults = [e for e in doc.events if "ASSAULT" in e["event"]]
    assert assaults, doc.events
    assert {e["modality"] for e in assaults} == {"negated"}


@pytest.mark.parametrize("text,word,modality", [
    # the learned sentence model finds an act by a word the lexicon does not hold; its modality is
    # read from the same cues around that word as a lexicon trigger's
    ("Kejaksaan menahan bupati itu di rumah tahanan.", "menahan", "asserted"),
    ("Kejaksaan tidak menahan bupati itu di rumah tahanan.", "menahan", "negated"),
    ("Kejaksaan akan menahan bupati itu pekan depan.", "menahan", "future"),
    ("Apabila bukti cukup, kejaksaan dapat menahan bupati itu.", "menahan", "hypothetical"),
    ("Kejaksaan pernah menahan bupati itu pada 2009.", "menahan", "historical"),
    # a word not in the sentence's tokens: nothing to read around it
    ("Kejaksaan menahan bupati itu.", "", "asserted"),
])
def test_events_modality_of_a_trigger_the_lexicon_does_not_hold(text, word, modality):
    from warta.analyse.events.coder import trigger_modality

    i = text.index(word) if word else len(text)
    assert trigger_modality(text, 0, len(text), (i, i + len(word)), published="2018-04-02") == modality


@pytest.mark.parametrize("text,modality", [
    # a year that numbers a regulation or names a budget is part of a name, not the act's time
    ("Kejaksaan menahan bupati itu atas dugaan melanggar Undang-Undang Nomor 31 Tahun 1999.", "asserted"),
    ("Kejaksaan menahan bupati itu atas dugaan melanggar UU No 31/1999 tentang tipikor.", "asserted"),
    ("Kejaksaan menahan bupati itu dalam kasus korupsi PP 99/2012 yang dipersoalkan.", "asserted"),
    ("Kejaksaan menahan bupati itu dalam kasus Peraturan Pemerintah (PP) 99/2012 yang dipersoalkan.", "asserted"),
    ("Kejaksaan menahan bupati itu terkait korupsi dana hibah tahun anggaran 2011.", "asserted"),
    ("Kejaksaan menahan bupati itu terkait korupsi dana hibah TA 2011.", "asserted"),
    # a span of years right after a noun is that thing's period
    ("Kejaksaan menahan bupati itu terkait korupsi pembangunan pasar 2009 - 2012.", "asserted"),
    # the same year as the act's time still makes it old, and a date's year is no regulation's
    ("Kejaksaan menahan bupati itu pada tahun 2011.", "historical"),
    ("Kejaksaan menahan bupati itu pada Senin (12/3/2011).", "historical"),
    ("Kejaksaan menahan bupati itu pada 2009 - 2012.", "historical"),
])
def test_events_modality_year_of_a_regulation_or_budget_is_no_time(text, modality):
    from warta.analyse.events.coder import trigger_modality

    i = text.index("menahan")
    assert trigger_modality(text, 0, len(text), (i, i + len("menahan")), published="2018-04-02") == modality


@pytest.mark.parametrize("text", [
    "Menteri Luar Negeri Retno Marsudi menyatakan Indonesia siap membantu Myanmar.",
    "Presiden Joko Widodo berjanji menuntaskan kasus pelanggaran HAM di Papua.",
])
def test_events_modality_a_pledge_is_of_an_act_to_come(text):
    import warta

    agree = [e for e in warta.analyze(text, published="2017-05-01").events if e["event"] == ["AGREE"]]
    assert agree and all(e["modality"] == "future" for e in agree)


@pytest.mark.parametrize("text,trigger,modality", [
    # a negation before the verb whose object the act is, or before a plan, is the act's
    ("Ketua KPK Agus Rahardjo mengatakan, pihaknya belum akan memberikan sanksi kepada Direktur Penyidikan "
     "Aris Budiman.", "sanksi", "negated"),
    ("Ahok tak mengajukan banding atas vonis hakim.", "banding", "negated"),
    ("Polisi belum berencana memeriksa dokter itu.", "memeriksa", "negated"),
    # without the negation the act stands
    ("KPK memberikan sanksi kepada pegawainya.", "sanksi", "asserted"),
])
def test_events_modality_negation_reaches_the_act_across_its_carrier_verb(text, trigger, modality):
    import warta

    [event] = [e for e in warta.analyze(text, published="2017-05-01").events if e["trigger"]["text"] == trigger]
    assert event["modality"] == modality


@pytest.mark.parametrize("text,word,typ,modality", [
    # "jika"/"bila" right after a verb of saying or knowing reads "that": what is said is not a condition
    ("Kementerian menegaskan bila tuduhan itu tidak benar.", "tidak benar", "REJECT", "asserted"),
    ("Ia tak membantah jika proses lelang itu hanya formalitas.", "formalitas", "ACCUSE", "asserted"),
    # ... unless a comma closes the condition before the act ("that if X, he will ...")
    ("Ia menegaskan jika dirinya dipercaya, dirinya akan menggalang dukungan.", "menggalang", "SUPPORT",
     "hypothetical"),
    # a verbal act said in the main clause after the condition has closed was made
    ("Jika warga menolak, gubernur mengimbau agar mereka melapor.", "mengimbau", "REQUEST", "asserted"),
    ("Jika perundingan gagal, menteri mengecam kelompok itu.", "mengecam", "ACCUSE", "asserted"),
    # ... not when the main clause plans it or makes it possible only
    ("Jika perlu, tim penyidik akan meminta bantuan polisi.", "meminta", "REQUEST", "hypothetical"),
    ("Jika perundingan gagal, menteri bisa mengecam kelompok itu.", "mengecam", "ACCUSE", "hypothetical"),
    # an act that is not said, in the main clause, is the condition's consequence
    ("Jika terbukti bersalah, kejaksaan menahan bupati itu.", "menahan", "COERCE", "hypothetical"),
    # an act inside the condition is conditional whatever its kind
    ("Jika polisi menolak laporan itu, warga akan melapor ke Ombudsman.", "menolak", "REJECT", "hypothetical"),
    # a threat is an act to come said now (PLOVER: the single category THREATEN, not THREATEN +
    # future); said in the main clause after its condition, it was made
    ("Jika tidak hadir, polisi mengancam akan menjemput paksa saksi itu.", "mengancam", "THREATEN", "asserted"),
    ("Polisi akan menjemput paksa saksi itu jika tidak hadir.", "menjemput", "THREATEN", "asserted"),
    # ... but a consequence the main clause plans under a condition is that condition's
    ("Jika tidak hadir, polisi akan menjemput paksa saksi itu.", "menjemput", "THREATEN", "hypothetical"),
    # ... and the same words as a plain act to come are future
    ("Polisi akan menjemput paksa saksi itu.", "menjemput", "COERCE", "future"),
])
def test_events_modality_scope_of_a_condition(text, word, typ, modality):
    from warta.analyse.events.coder import trigger_modality

    i = text.index(word)
    assert trigger_modality(text, 0, len(text), (i, i + len(word)), published="2018-04-02", typ=typ) == modality
