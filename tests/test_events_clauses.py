"""Clause-structure rules of the event coder (coordination, reason and purpose clauses, promises, warnings)."""
from events_helpers import code_whole as _one, mention as _m


def test_nominal_object_then_coordinated_verb_is_a_new_predicate():
    t = "Liga Arab mengecam serangan itu dan mendesak Israel untuk menarik pasukannya."
    ms = [_m(t, "Liga Arab", "Arab League", "ORG", "IGO", "IGO"), _m(t, "Israel", "Israel", "GPE", "ISR")]
    evs = _one(t, ms)
    types = [e.type for e in evs]
    assert "ACCUSE" in types and "REQUEST" in types
    req = next(e for e in evs if e.type == "REQUEST")
    assert [r.code for r in req.recipients] == ["ISR"]


def test_clausal_complement_still_holds_coordinated_verbs():
    t = "Kelompok HAM menuduh polisi menembak dan menangkap para mahasiswa."
    ms = [_m(t, "Kelompok HAM", "human rights groups", "GROUP", None, "NGO"),
          _m(t, "polisi", "police", "ORG", "KEN", "COP")]
    assert [e.type for e in _one(t, ms)] == ["ACCUSE"]


def test_coordinated_topic_of_talks_is_no_cooperation():
    t = "Menteri Vietnam berkunjung ke Korea Selatan untuk membahas investasi, energi dan perdagangan."
    ms = [_m(t, "Vietnam", "Vietnam", "GPE", "VNM"), _m(t, "Korea Selatan", "South Korea", "GPE", "KOR")]
    assert [e.type for e in _one(t, ms)] == ["CONSULT"]


def test_signing_a_memorandum_is_agree_by_both_named_parties():
    t = "Menlu Brasil Ana Costa bertemu Menlu Mesir Sameh Amin di Kairo dan kedua menteri menandatangani nota kesepahaman tentang pertanian."
    ms = [_m(t, "Menlu Brasil Ana Costa", "Ana Costa", "PER", "BRA", "GOV"),
          _m(t, "Menlu Mesir Sameh Amin", "Sameh Amin", "PER", "EGY", "GOV"), _m(t, "Kairo", "Cairo", "GPE", "EGY")]
    evs = _one(t, ms)
    assert "SUPPORT" not in [e.type for e in evs]
    agree = [e for e in evs if e.type == "AGREE"]
    assert agree and {a.code for a in agree[0].actors + agree[0].recipients} == {"BRA", "EGY"}


def test_signing_a_treaty_stays_support():
    t = "Brasil dan Mesir menandatangani perjanjian ekstradisi."
    ms = [_m(t, "Brasil", "Brazil", "GPE", "BRA"), _m(t, "Mesir", "Egypt", "GPE", "EGY")]
    assert "SUPPORT" in [e.type for e in _one(t, ms)]


def test_promised_aid_is_future_agree_with_the_aid_recipient():
    t = "Australia berjanji memberikan bantuan senilai US$10 juta untuk rekonstruksi sekolah di Fiji."
    ms = [_m(t, "Australia", "Australia", "GPE", "AUS"), _m(t, "Fiji", "Fiji", "GPE", "FJI")]
    evs = _one(t, ms)
    assert len(evs) == 1
    ev = evs[0]
    assert (ev.type, ev.planned, ev.modality) == ("AGREE", "AID", "future")
    assert [a.code for a in ev.actors] == ["AUS"] and [r.code for r in ev.recipients] == ["FJI"]


def test_reason_clause_of_a_sanction_is_done_by_the_sanctioned():
    t = "Uni Eropa menjatuhkan sanksi terhadap lima bank Iran karena membantu kelompok Houthi."
    ms = [_m(t, "Uni Eropa", "European Union", "ORG", "IGO", "IGO"),
          _m(t, "bank Iran", "Iranian banks", "ORG", "IRN", "BUS"),
          _m(t, "kelompok Houthi", "Houthis", "ORG", "YEM", "REB")]
    evs = _one(t, ms)
    aid = [e for e in evs if e.type == "AID"]
    assert aid and [a.code for a in aid[0].actors] == ["IRN"]
    san = next(e for e in evs if e.type == "SANCTION")
    assert [a.code for a in san.actors] == ["IGO"]


def test_demand_of_a_protest_is_not_a_separate_request_and_subject_skips_quantifier():
    t = "Ratusan buruh berunjuk rasa di depan gedung parlemen Kenya menuntut kenaikan upah."
    ms = [_m(t, "buruh", "workers", "GROUP", None, "LAB"), _m(t, "parlemen Kenya", "Parliament of Kenya", "ORG", "KEN", "LEG")]
    evs = _one(t, ms, anchor_country="KEN")
    assert [e.type for e in evs] == ["PROTEST"]
    assert [a.name for a in evs[0].actors] == ["workers"]


def test_separate_demand_sentence_stays_request():
    t = "Para buruh mendesak pemerintah menaikkan upah."
    ms = [_m(t, "buruh", "workers", "GROUP", None, "LAB"), _m(t, "pemerintah", "government", "ORG", None, "GOV")]
    assert [e.type for e in _one(t, ms, anchor_country="KEN")] == ["REQUEST"]


def test_warning_of_a_coercive_act_is_threaten_addressed_to_the_rejected():
    t = "Pemerintah Peru menolak tuntutan para petani dan memperingatkan bahwa polisi akan membubarkan aksi blokade jika kekerasan berlanjut."
    ms = [_m(t, "Pemerintah Peru", "Peru", "GPE", "PER"), _m(t, "petani", "farmers", "GROUP", None, "CVL"),
          _m(t, "polisi", "police", "ORG", "PER", "COP")]
    evs = _one(t, ms, anchor_country="PER")
    thr = [e for e in evs if e.type == "THREATEN"]
    assert thr and thr[0].mode == "restrict"
    assert [r.name for r in thr[0].recipients] == ["farmers"]
    assert "COERCE" not in [e.type for e in evs]


def test_warning_without_coercive_content_is_no_threat():
    t = "Badan cuaca Jepang memperingatkan bahwa hujan lebat akan turun pekan ini."
    ms = [_m(t, "Badan cuaca Jepang", "Japan Meteorological Agency", "ORG", "JPN", "GOV")]
    assert _one(t, ms) == []


def test_reaction_to_an_anaphoric_act_targets_its_actor():
    t1 = "Militer Sudan menyerang kamp pengungsi di Darfur."
    ms1 = [_m(t1, "Militer Sudan", "Sudanese Armed Forces", "ORG", "SDN", "MIL"), _m(t1, "Darfur", "Darfur", "LOC", "SDN")]
    prev = _one(t1, ms1)
    t2 = "Uni Afrika mengutuk serangan itu."
    ms2 = [_m(t2, "Uni Afrika", "African Union", "ORG", "IGO", "IGO")]
    ev = _one(t2, ms2, previous=prev)[0]
    assert ev.type == "ACCUSE" and [r.code for r in ev.recipients] == ["SDN"]


def test_ordinal_kedua_is_not_both():
    # "lawatan kedua" is the second visit: Tokyo stays where the visit goes, not a second party
    t = "Lawatan kedua Presiden Chile Ana Pérez ke Tokyo berlangsung pada Senin."
    ms = [_m(t, "Ana Pérez", "Ana Pérez", "PER", "CHL", "GOV"), _m(t, "Tokyo", "Tokyo", "GPE", "JPN")]
    evs = _one(t, ms)
    assert [ev.type for ev in evs] == ["CONSULT"]
    assert [r.code for r in evs[0].recipients] == ["JPN"]
    assert "JPN" not in {a.code for a in evs[0].actors}


def _accusation_recipients(text):
    """The recipients' codes of the first ACCUSE event warta codes in ``text`` (there must be one)."""
    import warta

    accuse = [e for e in warta.analyze(text, published="2017-08-07").events if e["event"] == ["ACCUSE"]]
    assert accuse
    return [a["code"] for a in accuse[0]["recipient"]]


def test_discourse_act_named_again_takes_its_authors_as_recipients():
    """``mengecam tindakan tersebut``: the act condemned is the one told before, so its actors
    are the recipients; an object naming its own party keeps it."""
    assert _accusation_recipients("Dewan Keamanan PBB menjatuhkan sanksi baru terhadap Korea Utara pada Sabtu. "
                                  "Pyongyang mengecam tindakan tersebut.") == ["IGO"]
    assert _accusation_recipients("Dewan Keamanan PBB menjatuhkan sanksi baru terhadap Korea Utara pada Sabtu. "
                                  "Pyongyang mengecam tindakan Amerika Serikat.") == ["USA"]


def test_discourse_act_named_by_its_noun_takes_the_earlier_actors():
    """``mengutuk peluncuran rudal`` after ``Korea Utara meluncurkan rudal``: the noun names the
    act told before (same root), so its actor is the recipient; a noun of no earlier act gives none."""
    assert _accusation_recipients("Korea Utara meluncurkan rudal balistik pada Minggu. "
                                  "Jepang mengecam peluncuran rudal balistik, kata juru bicara.") == ["PRK"]
    assert _accusation_recipients("Korea Utara meluncurkan rudal balistik pada Minggu. "
                                  "Jepang mengecam penebangan hutan secara liar, kata juru bicara.") == []


def test_triggers_capitalised_inside_a_name_are_no_act():
    """A trigger word written capitalised among capitalised words is a word of a name or a title
    (``Bantuan Likuiditas Bank Indonesia``, ``Direktur Penyidikan``); a named summit is still a
    meeting, and the same word in lower case still an act."""
    from events_helpers import types_coded

    assert "AID" not in types_coded("KPK mengusut korupsi Bantuan Likuiditas Bank Indonesia.",
                                    ("KPK", "Corruption Eradication Commission", "ORG", "IDN", "COP"))
    assert "ACCUSE" not in types_coded("Direktur Penyidikan Kejaksaan Agung hadir dalam rapat itu.")
    assert "CONSULT" in types_coded("Menteri Luar Negeri Jepang hadir pada Konferensi Tingkat Tinggi ASEAN.",
                                    ("Jepang", "Japan", "GPE", "JPN"), ("ASEAN", "ASEAN", "ORG", "IGO", "IGO"))
    assert "AID" in types_coded("Jepang mengirim bantuan ke Indonesia.", ("Jepang", "Japan", "GPE", "JPN"),
                                ("Indonesia", "Indonesia", "GPE", "IDN"))
