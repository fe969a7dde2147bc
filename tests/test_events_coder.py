
import pytest

import warta
from warta.analyse.events import code_sentence
from warta.analyse.events.lexicon import Lexicon, load

from events_helpers import code_whole as _one, event_of as _event, mention as _m, of_type, types_coded


@pytest.fixture(autouse=True, scope="module")
def _rule_coder():
    """These are tests of the rule coder: where they analyse a whole text, the learned full mode
    (which drops and adds events by the annotated corpus's statistics, tested in test_learned.py)
    is off, so that what is asserted is what the rules code."""
    from warta.analyse.pipeline import Analyzer

    mp = pytest.MonkeyPatch()
    mp.setenv("WARTA_LEARNED_FULL", "0")
    analyzer = Analyzer()
    mp.setattr(warta.api, "_analyzer", lambda: analyzer)
    yield
    mp.undo()


def test_lexicon_loads_with_valid_modes():
    entries = load()
    assert len(entries) > 200
    assert Lexicon.default().keys


def test_coder_visit_active_voice():
    t = "Presiden Chile Ana Pérez mengunjungi Jepang pada Rabu."
    ms = [_m(t, "Chile", "Chile", "GPE", "CHL"), _m(t, "Ana Pérez", "Ana Pérez", "PER", "CHL", "GOV"),
          _m(t, "Jepang", "Japan", "GPE", "JPN")]
    evs = _one(t, ms)
    assert len(evs) == 1
    ev = evs[0]
    assert (ev.type, ev.mode, ev.modality) == ("CONSULT", "visit", "asserted")
    assert [a.name for a in ev.actors] == ["Ana Pérez"]
    assert [r.code for r in ev.recipients] == ["JPN"]
    assert ev.recipients[0].sector == "GOV"


def test_coder_future_meeting_is_agree():
    t = "Menteri luar negeri Peru akan bertemu dengan Perdana Menteri Kanada di Ottawa."
    ms = [_m(t, "Peru", "Peru", "GPE", "PER"), _m(t, "Kanada", "Canada", "GPE", "CAN"),
          _m(t, "Ottawa", "Ottawa", "GPE", "CAN")]
    ev = _one(t, ms)[0]
    assert ev.type == "AGREE" and ev.planned == "CONSULT" and ev.modality == "future"
    assert ev.tense == "future"


def test_coder_passive_sanction_with_oleh():
    t = "Rezim itu dijatuhi sanksi oleh Uni Eropa."
    ms = [_m(t, "Rezim itu", "the regime", "ORG", "BLR", "GOV"), _m(t, "Uni Eropa", "European Union", "ORG", "IGO", "IGO")]
    ev = _one(t, ms)[0]
    assert ev.type == "SANCTION" and ev.mode == "discontinue"
    assert [a.code for a in ev.actors] == ["IGO"]
    assert [r.code for r in ev.recipients] == ["BLR"]


def test_coder_nominal_attack_genitive_actor():
    t = "Serangan udara tentara Sudan menewaskan lima warga sipil."
    ms = [_m(t, "tentara Sudan", "Sudanese Armed Forces", "ORG", "SDN", "MIL"),
          _m(t, "warga sipil", "civilians", "GROUP", None, "CVL")]
    evs = _one(t, ms, anchor_country="SDN")
    assert len(evs) == 1
    ev = evs[0]
    assert ev.type == "ASSAULT" and ev.mode == "aerial"
    assert [a.code for a in ev.actors] == ["SDN"]
    assert [r.name for r in ev.recipients] == ["civilians"]


def test_coder_complement_is_not_a_separate_event():
    t = "Kelompok HAM menuduh polisi menembak para pengunjuk rasa."
    ms = [_m(t, "Kelompok HAM", "human rights groups", "GROUP", None, "NGO"),
          _m(t, "polisi", "police", "ORG", "KEN", "COP")]
    evs = _one(t, ms)
    assert [e.type for e in evs] == ["ACCUSE"]
    assert evs[0].mode == "allege"


def test_coder_pronoun_takes_previous_actor():
    t1 = "Raja Yordania tiba di Kairo."
    ms1 = [_m(t1, "Raja Yordania", "Abdullah II", "PER", "JOR", "GOV"), _m(t1, "Kairo", "Cairo", "GPE", "EGY")]
    prev = _one(t1, ms1)
    t2 = "Dia mengecam serangan itu."
    ev = _one(t2, [], previous=prev)[0]
    assert ev.type == "ACCUSE" and [a.name for a in ev.actors] == ["Abdullah II"]


def test_coder_reported_speech_attribution():
    t = "Thailand mendukung rencana damai itu, kata juru bicara Bambang."
    ms = [_m(t, "Thailand", "Thailand", "GPE", "THA"), _m(t, "Bambang", "Bambang", "PER", "IDN", "GOV")]
    ev = _one(t, ms)[0]
    assert ev.type == "SUPPORT" and [a.code for a in ev.actors] == ["THA"]
    assert ev.attribution and ev.attribution["speaker"] == "Bambang"


def test_coder_historical_and_negated():
    t = "Sejak militer menggulingkan pemerintah pada 2014, rakyat tidak menyerang."
    ms = [_m(t, "militer", "army", "ORG", "THA", "MIL"), _m(t, "rakyat", "people", "GROUP", None, "CVL")]
    evs = _one(t, ms, published="2020-01-01", anchor_country="THA")
    mods = {e.type: e.modality for e in evs}
    assert mods.get("COERCE") == "historical"
    assert mods.get("ASSAULT") == "negated"


def test_coder_no_trigger_codes_nothing():
    t = "Cuaca di kota itu cerah dan pasar ramai dikunjungi pada pagi hari ini oleh banyak orang."
    assert code_sentence(t, 0, 20, []) == []
    t = "Harga cabai di pasar tradisional naik sejak awal bulan menurut para pedagang setempat."
    # no trigger word: nothing coded (the coder's speed is measured by warta bench)
    assert code_sentence(t, 0, len(t), []) == []


# ---- modality: background framing, future spans, vows; restatements ----


def test_coder_epoch_landmark_makes_main_clause_historical():
    t = "Bolivia menyatakan dukungan bagi Jenderal Rocha setelah kudeta, ketika militer menindak keras lawannya."
    ms = [_m(t, "Bolivia", "Bolivia", "GPE", "BOL"), _m(t, "Jenderal Rocha", "Rocha", "PER", "BOL", "MIL"),
          _m(t, "militer", "military", "GROUP", None, "MIL")]
    evs = _one(t, ms, published="2024-05-02", anchor_country="BOL")
    assert evs and all(ev.modality == "historical" for ev in evs)


def test_coder_landmark_with_present_marker_stays_asserted():
    t = "Dua tahun setelah kudeta, tentara Niger sedang menyerang kelompok bersenjata di utara."
    ms = [_m(t, "tentara Niger", "Niger Armed Forces", "ORG", "NER", "MIL"),
          _m(t, "kelompok bersenjata", "armed groups", "GROUP", None, "REB")]
    evs = _one(t, ms, published="2024-05-02", anchor_country="NER")
    assert [ev.modality for ev in evs if ev.type == "ASSAULT"] == ["asserted"]


def test_coder_coup_inside_long_after_phrase_is_historical():
    t = "Lebih dari tiga tahun setelah melancarkan kudeta, junta Sudan sedang berjuang mempertahankan kekuasaan."
    ms = [_m(t, "junta Sudan", "Sudanese junta", "ORG", "SDN", "MIL")]
    evs = _one(t, ms, published="2024-05-02")
    assert [ev.modality for ev in evs if ev.type == "COERCE"] == ["historical"]


def test_coder_last_decade_span_is_historical():
    t = "Selama satu dekade terakhir, Vietnam telah mengerahkan kapal-kapal ke perairan itu."
    ms = [_m(t, "Vietnam", "Vietnam", "GPE", "VNM")]
    ev = _one(t, ms, published="2024-05-02")[0]
    assert ev.type == "MOBILIZE" and ev.modality == "historical"


def test_coder_agreement_with_span_ahead_is_future():
    t = "Kenya dan Somalia setuju untuk membuka kembali perbatasan dalam waktu tiga bulan."
    ms = [_m(t, "Kenya", "Kenya", "GPE", "KEN"), _m(t, "Somalia", "Somalia", "GPE", "SOM")]
    ev = of_type(_one(t, ms), "AGREE")[0]
    assert ev.modality == "future"
    t2 = "Kenya dan Somalia setuju untuk membuka kembali perbatasan."
    ms2 = [_m(t2, "Kenya", "Kenya", "GPE", "KEN"), _m(t2, "Somalia", "Somalia", "GPE", "SOM")]
    assert [e.modality for e in _one(t2, ms2) if e.type == "AGREE"] == ["asserted"]


def test_coder_promised_request_is_future_request_not_agree():
    t = "Menteri Luar Negeri Kanada Mary Lowe berjanji untuk meminta negara-negara Eropa menekan rezim itu."
    ms = [_m(t, "Mary Lowe", "Mary Lowe", "PER", "CAN", "GOV")]
    evs = _one(t, ms)
    assert [(e.type, e.modality) for e in evs] == [("REQUEST", "future")]


def test_coder_vowed_attack_is_threaten():
    t = "Panglima militer Eritrea bersumpah untuk menyerang pemberontak di perbatasan."
    ms = [_m(t, "militer Eritrea", "Eritrean Defence Forces", "ORG", "ERI", "MIL"),
          _m(t, "pemberontak", "rebels", "GROUP", None, "REB")]
    evs = _one(t, ms, anchor_country="ERI")
    assert [(e.type, e.mode) for e in evs] == [("THREATEN", "violence")]


def test_coder_cooperation_as_topic_or_aim_is_not_cooperate():
    t = "Menteri Chile bertemu Menteri Peru dan membahas kerja sama di sektor perikanan."
    ms = [_m(t, "Chile", "Chile", "GPE", "CHL"), _m(t, "Peru", "Peru", "GPE", "PER")]
    assert "COOPERATE" not in [e.type for e in _one(t, ms)]
    t2 = "Presiden Ghana mengutus menterinya ke Togo untuk meningkatkan kerja sama dengan mitra lama."
    ms2 = [_m(t2, "Ghana", "Ghana", "GPE", "GHA"), _m(t2, "Togo", "Togo", "GPE", "TGO")]
    assert "COOPERATE" not in [e.type for e in _one(t2, ms2)]


def test_coder_restated_visit_is_not_coded_again():
    t1 = "Presiden Chile Ana Pérez mengunjungi Jepang pada Rabu."
    ms1 = [_m(t1, "Ana Pérez", "Ana Pérez", "PER", "CHL", "GOV"), _m(t1, "Jepang", "Japan", "GPE", "JPN")]
    first = _one(t1, ms1)
    t2 = "Kunjungannya ke Jepang menandai perjalanan pertamanya ke Asia."
    ms2 = [_m(t2, "Jepang", "Japan", "GPE", "JPN")]
    assert of_type(_one(t2, ms2, previous=first), "CONSULT") == []
    # a different visit, with a date of its own, stays
    t3 = "Dia juga berada di Jepang pada Maret lalu dalam kunjungan singkat."
    ms3 = [_m(t3, "Jepang", "Japan", "GPE", "JPN")]
    assert [e.type for e in _one(t3, ms3, previous=first)] == ["CONSULT"]


def test_coder_predicate_nominal_is_not_a_new_event():
    t = "Kedutaan Peru menyebut perjalanan itu adalah kunjungan pribadi."
    ms = [_m(t, "Kedutaan Peru", "Embassy of Peru", "ORG", "PER", "GOV")]
    assert _one(t, ms) == []


def test_events_international_community_gets_no_country():
    import warta

    d = warta.analyze("Junta Myanmar menangkap puluhan aktivis di Yangon pada Senin. "
                      "Para aktivis mendesak komunitas internasional untuk menghentikan penjualan senjata ke Myanmar.",
                      published="2024-05-06")
    [req] = [e for e in d.events if e["event"] == ["REQUEST"]]
    [rec] = req["recipient"]
    assert rec["identifier_text"] == "international community" and rec["code"] is None
    assert req["actor"][0]["code"] == "MMR"


def test_events_coder_nominal_trigger_with_genitive_actor_behind_title_words():
    d = warta.analyze("Serangan udara militer Myanmar terjadi di Desa Let Yet Kone, Selasa (27/6).",
                      published="2023-06-29")
    [attack] = [e for e in d.events if e["event"] == ["ASSAULT"]]
    assert [a["code"] for a in attack["actor"]] == ["MMR"]
    assert attack["actor"][0]["sector"] == "MIL"
    assert attack["trigger"]["text"] == "Serangan udara"


def test_events_coder_topic_after_soal_is_not_the_party_met():
    d = warta.analyze("Menteri Luar Negeri Indonesia Retno Marsudi bertemu Menteri Luar Negeri Turki Mevlut Cavusoglu di Singapura. "
                      "Retno mengatakan pertemuannya dengan Cavusoglu membahas soal Palestina.", published="2018-08-02")
    talks = [e for e in d.events if e["trigger"]["text"] == "membahas"]
    assert talks, "talks with a named partner are coded"
    assert [r["code"] for r in talks[0]["recipient"]] == ["TUR"]
    assert all(r["code"] != "PSE" for e in d.events if e["event"] == ["CONSULT"] for r in e["recipient"])


def test_events_coder_visitor_is_not_from_the_country_visited():
    d = warta.analyze("Menteri Pertahanan Rusia Sergei Shoigu mengatakan kepada Presiden Laos Thongloun Sisoulith, "
                      "dalam kunjungannya ke Rusia pekan lalu, bahwa Moskow siap membantu.", published="2024-03-04")
    [visit] = [e for e in d.events if e["event"] == ["CONSULT"]]
    assert [a["code"] for a in visit["actor"]] == ["LAO"]
    assert [r["code"] for r in visit["recipient"]] == ["RUS"]


def test_events_coder_cooperation_to_supply_arms_is_aid():
    d = warta.analyze("Iran tengah bekerja sama dengan Venezuela untuk memasok drone militer.", published="2023-04-01")
    [aid] = [e for e in d.events if e["trigger"]["text"] == "bekerja sama"]
    assert aid["event"] == ["AID"]
    assert [a["code"] for a in aid["actor"]] == ["IRN"]
    assert [r["code"] for r in aid["recipient"]] == ["VEN"]
    assert not any(e["event"] == ["COOPERATE"] for e in d.events)


def test_events_coder_hazard_named_as_a_threat_is_no_threat():
    d = warta.analyze("Ancaman perang saudara membuat junta Myanmar semakin terdesak.", published="2021-07-21")
    assert not any(e["event"] == ["THREATEN"] for e in d.events)
    d = warta.analyze("Korea Utara melontarkan ancaman terhadap Korea Selatan.", published="2021-07-21")
    assert any(e["event"] == ["THREATEN"] for e in d.events)


def test_events_coder_anaphoric_noun_takes_no_complement():
    d = warta.analyze("Menanggapi kesepakatan itu, juru bicara Gedung Putih John Kirby mengatakan Arab Saudi "
                      "telah memberi tahu Washington tentang pembicaraan di Beijing.", published="2023-03-11")
    assert any(e["event"] == ["COOPERATE"] and e["trigger"]["text"].startswith("memberi") for e in d.events)


def test_events_coder_trade_counted_in_money_is_no_cooperation():
    d = warta.analyze("Selat Malaka dilalui miliaran dolar perdagangan setiap tahunnya.", published="2023-03-11")
    assert not any(e["event"] == ["COOPERATE"] for e in d.events)


def test_events_coder_nominal_with_its_arguments_and_a_demonstrative_is_a_restatement():
    d = warta.analyze("Presiden Kenya William Ruto mengunjungi Jepang pada Senin (5/2/2024). "
                      "Media Kenya melaporkan kunjungan Ruto ke Jepang ini secara luas.", published="2024-02-07")
    visits = [e for e in d.events if e["event"] == ["CONSULT"]]
    assert [v["trigger"]["text"] for v in visits] == ["mengunjungi"]
    # "pekan ini" is a time, not a reference back
    d = warta.analyze("Presiden Kenya William Ruto memulai kunjungan ke Jepang pekan ini.", published="2024-02-07")
    assert any(e["event"] == ["CONSULT"] for e in d.events)


def test_coder_dropped_subject_with_a_named_partner_continues_the_last_actor():
    # Indonesian drops a subject the discourse carries: "Bertemu dengan X" after an arrival is the
    # arriving party meeting X, even though the partner is named and the subject is not
    t1 = "Raja Yordania tiba di Kairo pada Senin."
    ms1 = [_m(t1, "Raja Yordania", "Abdullah II", "PER", "JOR", "GOV"), _m(t1, "Kairo", "Cairo", "GPE", "EGY")]
    prev = _one(t1, ms1)
    t2 = "Selanjutnya bertemu dengan Presiden Mesir di istana kepresidenan."
    ms2 = [_m(t2, "Presiden Mesir", "President of Egypt", "PER", "EGY", "GOV")]
    ev = _event(_one(t2, ms2, previous=prev), "CONSULT")
    assert [a.name for a in ev.actors] == ["Abdullah II"] and [r.code for r in ev.recipients] == ["EGY"]


def test_coder_dropped_subject_is_not_the_party_the_act_is_aimed_at():
    # the last actor is the one now met: no self-meeting, the earlier actor is not taken either
    t1 = "Presiden Mesir menyambut kedatangan tamu negara."
    ms1 = [_m(t1, "Presiden Mesir", "President of Egypt", "PER", "EGY", "GOV")]
    prev = _one(t1, ms1)
    t2 = "Bertemu dengan Presiden Mesir di istana kepresidenan."
    ms2 = [_m(t2, "Presiden Mesir", "President of Egypt", "PER", "EGY", "GOV")]
    for ev in _one(t2, ms2, previous=prev):
        assert not {a.code for a in ev.actors} & {r.code for r in ev.recipients}


def test_coder_questioning_a_witness_is_an_investigation():
    # corpus/GUIDE.md: police or KPK questioning a witness or suspect is ACCUSE investigate
    t = "Penyidik Kejaksaan Agung memeriksa Direktur PT Sinar Abadi sebagai saksi pada Selasa."
    ms = [_m(t, "Kejaksaan Agung", "Attorney General's Office", "ORG", "IDN", "JUD"),
          _m(t, "Direktur PT Sinar Abadi", "Director of PT Sinar Abadi", "PER", "IDN", "BUS")]
    ev = _event(_one(t, ms), "ACCUSE")
    assert ev.mode == "investigate" and [a.code for a in ev.actors] == ["IDN"]
    assert [r.sector for r in ev.recipients] == ["BUS"]


def test_coder_examining_without_a_case_is_no_investigation():
    t = "Tim dokter PSSI memeriksa kesehatan para pemain Persib sebelum pertandingan."
    ms = [_m(t, "PSSI", "Football Association of Indonesia", "ORG", "IDN", "BUS"),
          _m(t, "Persib", "Persib Bandung", "ORG", "IDN", "BUS")]
    assert of_type(_one(t, ms), "ACCUSE") == []


def test_coder_naming_a_suspect_is_an_allegation_in_both_voices():
    t = "Polisi menetapkan Kepala Desa Sukamaju sebagai tersangka penggelapan dana desa."
    ms = [_m(t, "Polisi", "police", "ORG", "IDN", "COP"), _m(t, "Kepala Desa Sukamaju", "head of Sukamaju", "PER", "IDN", "GOV")]
    ev = _event(_one(t, ms), "ACCUSE")
    assert ev.mode == "allege" and [a.sector for a in ev.actors] == ["COP"] and [r.sector for r in ev.recipients] == ["GOV"]
    t2 = "Kepala Desa Sukamaju ditetapkan sebagai tersangka oleh polisi."
    ms2 = [_m(t2, "Kepala Desa Sukamaju", "head of Sukamaju", "PER", "IDN", "GOV"), _m(t2, "polisi", "police", "ORG", "IDN", "COP")]
    ev2 = _event(_one(t2, ms2), "ACCUSE")
    assert [a.sector for a in ev2.actors] == ["COP"] and [r.sector for r in ev2.recipients] == ["GOV"]
    # setting a price is no allegation
    t3 = "Pemerintah Sukamaju menetapkan harga baru beras untuk petani pada pekan ini."
    ms3 = [_m(t3, "Pemerintah Sukamaju", "Government of Sukamaju", "ORG", "IDN", "GOV")]
    assert of_type(_one(t3, ms3), "ACCUSE") == []


def test_coder_reporting_someone_to_the_police_is_an_allegation():
    t = "Seorang pengusaha melaporkan Bupati Sukamaju ke Polda Jawa Barat atas dugaan pemerasan."
    ms = [_m(t, "Bupati Sukamaju", "Regent of Sukamaju", "PER", "IDN", "GOV"),
          _m(t, "Polda Jawa Barat", "West Java Regional Police", "ORG", "IDN", "COP")]
    ev = _event(_one(t, ms), "ACCUSE")
    assert ev.mode == "allege" and "Regent of Sukamaju" in [r.name for r in ev.recipients]
    # reporting news is no allegation
    t2 = "Harian Sukamaju melaporkan Bupati Sukamaju meresmikan jembatan baru pada Senin."
    ms2 = [_m(t2, "Harian Sukamaju", "Harian Sukamaju", "ORG", "IDN", "MED"),
           _m(t2, "Bupati Sukamaju", "Regent of Sukamaju", "PER", "IDN", "GOV")]
    assert of_type(_one(t2, ms2), "ACCUSE") == []


def test_coder_securing_suspects_is_an_arrest_securing_a_match_is_not():
    t = "Polres Sukamaju mengamankan dua terduga pelaku pencurian pada Minggu dini hari."
    ms = [_m(t, "Polres Sukamaju", "Sukamaju Police", "ORG", "IDN", "COP")]
    ev = _event(_one(t, ms), "COERCE")
    assert ev.mode == "arrest" and [a.sector for a in ev.actors] == ["COP"]
    t2 = "Polres Sukamaju mengamankan pertandingan final Persib di stadion pada Minggu."
    ms2 = [_m(t2, "Polres Sukamaju", "Sukamaju Police", "ORG", "IDN", "COP"),
           _m(t2, "Persib", "Persib Bandung", "ORG", "IDN", "BUS")]
    assert of_type(_one(t2, ms2), "COERCE") == []


def test_coder_a_sting_is_an_arrest():
    t = "KPK menggelar OTT terhadap Wali Kota Sukamaju pada Jumat malam."
    ms = [_m(t, "KPK", "Corruption Eradication Commission", "ORG", "IDN", "GOV"),
          _m(t, "Wali Kota Sukamaju", "Mayor of Sukamaju", "PER", "IDN", "GOV")]
    ev = _event(_one(t, ms), "COERCE")
    assert ev.mode == "arrest" and [r.name for r in ev.recipients] == ["Mayor of Sukamaju"]


def test_coder_an_appeal_to_the_court_is_a_request():
    t = "Pengacara Bupati Sukamaju mengajukan banding ke Pengadilan Tinggi Bandung."
    ms = [_m(t, "Bupati Sukamaju", "Regent of Sukamaju", "PER", "IDN", "GOV"),
          _m(t, "Pengadilan Tinggi Bandung", "Bandung High Court", "ORG", "IDN", "JUD")]
    ev = _event(_one(t, ms), "REQUEST")
    assert [r.sector for r in ev.recipients] == ["JUD"]
    # "banding" as 'comparison' asks nothing
    t2 = "Sebagai banding, harga beras tahun lalu jauh lebih murah."
    assert of_type(_one(t2, []), "REQUEST") == []


def test_coder_a_prosecutors_demand_of_a_sentence_is_an_allegation():
    t = "Jaksa Kejaksaan Negeri Sukamaju menuntut terdakwa Budi Santoso lima tahun penjara."
    ms = [_m(t, "Kejaksaan Negeri Sukamaju", "Sukamaju District Prosecutor", "ORG", "IDN", "JUD"),
          _m(t, "Budi Santoso", "Budi Santoso", "PER", "IDN", "CVL")]
    evs = _one(t, ms)
    assert [e.type for e in evs if e.type in ("ACCUSE", "REQUEST")] == ["ACCUSE"]
    ev = _event(evs, "ACCUSE")
    assert ev.mode == "allege" and [r.name for r in ev.recipients] == ["Budi Santoso"]
    # without a prosecutor or a defendant, a demand stays a REQUEST
    t2 = "Ribuan buruh menuntut kenaikan upah minimum di depan kantor Gubernur Sukamaju."
    ms2 = [_m(t2, "buruh", "workers", "GROUP", "IDN", "LAB"),
           _m(t2, "Gubernur Sukamaju", "Governor of Sukamaju", "PER", "IDN", "GOV")]
    types = [e.type for e in _one(t2, ms2)]
    assert "REQUEST" in types and "ACCUSE" not in types


def test_coder_land_acquisition_is_no_release():
    """``pembebasan lahan`` is buying land free of claims, not a release (RETREAT); freeing
    hostages is."""
    assert "RETREAT" not in types_coded(
        "Pemerintah mempercepat pembebasan lahan untuk jalan tol di daerah itu.",
        ("Pemerintah", "government", "ORG", "IDN", "GOV"))
    assert "RETREAT" in types_coded(
        "Pemerintah membebaskan dua sandera di daerah itu.",
        ("Pemerintah", "government", "ORG", "IDN", "GOV"))


def test_coder_a_firm_named_as_the_channel_is_no_party():
    """``melalui Twitter``: the platform carries the accusation, it does not make it; with no
    other party named, the rules code no accuser rather than the platform."""
    t = "Direktorat investigasi pidana melalui Twitter menuduh ekonom itu menghasut kekerasan."
    ms = [_m(t, "Twitter", "Twitter", "ORG", "USA", "BUS")]
    for ev in of_type(_one(t, ms, published="2020-01-01"), "ACCUSE"):
        assert "USA" not in [a.code for a in ev.actors + ev.recipients]
    t = "Twitter menuduh kelompok itu menyebarkan hoaks."
    ms = [_m(t, "Twitter", "Twitter", "ORG", "USA", "BUS")]
    assert [a.code for a in _event(_one(t, ms, published="2020-01-01"), "ACCUSE").actors] == ["USA"]


def test_coder_an_agent_noun_names_a_person_not_an_act():
    """``penuntut`` (prosecutor), ``pemohon`` (petitioner): the agent noun of a trigger's root is
    the person who acts, not the act; the act itself (``menuntut``, ``tuntutan``) is still one."""
    assert "REQUEST" not in types_coded(
        "Jaksa penuntut umum KPK membacakan berkas perkara di Pengadilan Tipikor.",
        ("KPK", "Corruption Eradication Commission", "ORG", "IDN", "JUD"))
    assert "REQUEST" in types_coded(
        "Mahasiswa menuntut KPK mengusut kasus itu.",
        ("KPK", "Corruption Eradication Commission", "ORG", "IDN", "JUD"))


def test_coder_asking_for_testimony_or_comment_is_no_request():
    assert "REQUEST" not in types_coded(
        "Direktur PT Sinar Abadi dimintai keterangan oleh penyidik KPK.",
        ("Direktur PT Sinar Abadi", "Director of PT Sinar Abadi", "PER", "IDN", "BUS"),
        ("KPK", "Corruption Eradication Commission", "ORG", "IDN", "JUD"))
    assert "REQUEST" in types_coded(
        "KPK meminta Direktur PT Sinar Abadi menyerahkan diri.",
        ("KPK", "Corruption Eradication Commission", "ORG", "IDN", "JUD"),
        ("Direktur PT Sinar Abadi", "Director of PT Sinar Abadi", "PER", "IDN", "BUS"))


def test_coder_the_laws_maximum_penalty_is_no_threat():
    d = warta.analyze("Kedua tersangka dijerat pasal penipuan dengan ancaman hukuman maksimal empat tahun penjara.",
                      published="2021-07-21")
    assert not any(e["event"] == ["THREATEN"] for e in d.events)


def test_coder_prosecuted_or_required_is_no_request():
    """``dituntut`` is 'prosecuted' (a demanded sentence: the prosecutor's allegation) or 'required
    to', never a demand made of someone; ``menuntut`` is."""
    types = types_coded(
        "Bupati itu dituntut hukuman empat tahun penjara.",
        ("Bupati", "regent", "PER", "IDN", "GOV"))
    assert "REQUEST" not in types and "ACCUSE" in types
    assert "REQUEST" not in types_coded(
        "Polisi dituntut untuk bertindak cepat.",
        ("Polisi", "police", "ORG", "IDN", "COP"))


def test_coder_signing_is_support_only_for_a_treaty():
    assert "SUPPORT" not in types_coded(
        "Surat itu ditandatangani oleh Ketua Partai Golkar Setya Novanto.",
        ("Partai Golkar", "Golkar", "ORG", "IDN", "GOV"),
        ("Setya Novanto", "Setya Novanto", "PER", "IDN", "LEG"))
    assert "SUPPORT" in types_coded(
        "Indonesia dan Malaysia menandatangani perjanjian perbatasan.",
        ("Indonesia", "Indonesia", "GPE", "IDN"),
        ("Malaysia", "Malaysia", "GPE", "MYS"))


def test_coder_setting_off_is_no_rejection_and_a_rule_is_no_ban():
    """``bertolak ke`` is to set off for, not to reject; ``dilarang`` says what is forbidden (a
    rule), not who forbids it now; ``menolak`` and ``melarang`` are acts."""
    assert "REJECT" not in types_coded(
        "Presiden Joko Widodo bertolak ke Jepang pada Senin.",
        ("Joko Widodo", "Joko Widodo", "PER", "IDN", "GOV"),
        ("Jepang", "Japan", "GPE", "JPN"))
    assert "REJECT" in types_coded(
        "Rusia menolak resolusi Jepang.",
        ("Rusia", "Russia", "GPE", "RUS"),
        ("Jepang", "Japan", "GPE", "JPN"))
    assert "COERCE" not in types_coded(
        "Di Malaysia, warga dilarang menyebarkan berita palsu.",
        ("Malaysia", "Malaysia", "GPE", "MYS"))
    assert "COERCE" in types_coded(
        "Pemerintah Malaysia melarang warganya bepergian ke Korea Utara.",
        ("Malaysia", "Malaysia", "GPE", "MYS"),
        ("Korea Utara", "North Korea", "GPE", "PRK"))


def test_coder_coordinating_with_another_body_is_consulting():
    types = types_coded(
        "Polisi Malaysia berkoordinasi dengan Kepolisian Indonesia soal buronan itu.",
        ("Polisi Malaysia", "Royal Malaysia Police", "ORG", "MYS", "COP"),
        ("Kepolisian Indonesia", "Indonesian National Police", "ORG", "IDN", "COP"))
    assert "CONSULT" in types and "SUPPORT" not in types


def test_coder_begging_pardon_is_no_request():
    assert "REQUEST" not in types_coded(
        "Menteri itu mohon maaf kepada warga Jakarta.",
        ("Jakarta", "Jakarta", "GPE", "IDN"))
    assert "REQUEST" in types_coded(
        "Warga memohon kepada Gubernur DKI Jakarta agar penggusuran ditunda.",
        ("Gubernur DKI Jakarta", "Governor of Jakarta", "PER", "IDN", "GOV"))


def test_coder_a_threat_named_is_no_threat_made():
    """The noun ``ancaman`` names a danger (``ancaman bagi AS``); issuing a threat
    (``melontarkan ancaman``) or threatening (``mengancam``) is the act."""
    assert "THREATEN" not in types_coded(
        "Program nuklir Korea Utara menjadi ancaman bagi Jepang.",
        ("Korea Utara", "North Korea", "GPE", "PRK"),
        ("Jepang", "Japan", "GPE", "JPN"))
    assert "THREATEN" in types_coded(
        "Korea Utara mengancam Jepang dengan serangan rudal.",
        ("Korea Utara", "North Korea", "GPE", "PRK"),
        ("Jepang", "Japan", "GPE", "JPN"))


def test_coder_denying_and_defying_a_summons_are_rejections():
    """``menampik`` denies as ``membantah`` does, and ``mangkir`` (staying away from a summons)
    refuses to comply: both REJECT (corpus/GUIDE.md: denials are REJECT)."""
    assert "REJECT" in types_coded(
        "Kementerian Perdagangan menampik tudingan bahwa impor gula merugikan petani.",
        ("Kementerian Perdagangan", "Ministry of Trade", "ORG", "IDN", "GOV"))
    assert "REJECT" in types_coded(
        "Bupati itu kembali mangkir dari panggilan penyidik kejaksaan.",
        ("Bupati", "regent", "PER", "IDN", "GOV"))


def test_coder_condolence_is_support():
    """Condolence is SUPPORT (corpus/GUIDE.md), however it is said."""
    for t in ("Perdana Menteri Australia menyampaikan belasungkawa kepada rakyat Indonesia.",
              "Perdana Menteri Australia turut berduka atas korban gempa di Indonesia."):
        assert "SUPPORT" in types_coded(
            t, ("Perdana Menteri Australia", "Prime Minister of Australia", "PER", "AUS", "GOV"),
            ("Indonesia", "Indonesia", "GPE", "IDN"))


def test_coder_a_law_enacted_is_no_invitation():
    """``diundangkan`` (a law promulgated) and ``perundang - undangan`` (legislation, as tokenised
    text spaces its hyphen) share the root of ``undangan`` (an invitation, AGREE) but invite no one."""
    assert "AGREE" not in types_coded(
        "Peraturan itu diundangkan oleh Kementerian Hukum pada Maret.",
        ("Kementerian Hukum", "Ministry of Law", "ORG", "IDN", "GOV"))
    assert "AGREE" not in types_coded(
        "Komisi Hukum dan Perundang - undangan MUI menilai aksi itu merugikan umat.",
        ("MUI", "Indonesian Ulema Council", "ORG", "IDN", "REL"))
    assert "AGREE" in types_coded(
        "Presiden Jokowi mengundang Perdana Menteri Malaysia ke Istana Bogor.",
        ("Presiden Jokowi", "Joko Widodo", "PER", "IDN", "GOV"),
        ("Perdana Menteri Malaysia", "Prime Minister of Malaysia", "PER", "MYS", "GOV"))


def test_coder_a_penalty_named_is_no_sentence_passed():
    """The noun ``hukuman`` names a penalty threatened, served or allowed by law; passing one
    (``menjatuhkan hukuman``, ``dihukum``) is the conviction."""
    hakim = ("Majelis hakim", "panel of judges", "ORG", "IDN", "JUD")
    assert "SANCTION" not in types_coded(
        "Dua warga negara itu terancam hukuman mati di Arab Saudi.", ("Arab Saudi", "Saudi Arabia", "GPE", "SAU"))
    assert "SANCTION" in types_coded("Majelis hakim menjatuhkan hukuman lima tahun penjara kepada bupati itu.", hakim)
    assert "SANCTION" in types_coded("Bupati itu dihukum lima tahun penjara oleh Majelis hakim.", hakim)


def test_coder_a_refusal_is_an_act_not_the_noun():
    """``penolakan`` names a protest (``aksi penolakan``) or a refusal met (``menuai penolakan``)
    more often than one made; ``menolak`` is the act."""
    gov = ("Pemerintah", "government", "ORG", "IDN", "GOV")
    assert "REJECT" not in types_coded("Usulan Pemerintah itu menuai penolakan dari warga.", gov)
    assert "REJECT" in types_coded("Pemerintah menolak usulan itu.", gov)


def test_coder_suggesting_and_suspecting():
    """``menyarankan`` urges (REQUEST) and ``menduga`` suspects (ACCUSE, allege) as the corpus's
    gold codes them; ``diduga``, the reporter's hedge, names no one's allegation."""
    icw = ("ICW", "Indonesia Corruption Watch", "ORG", "IDN", "NGO")
    kpk = ("KPK", "Corruption Eradication Commission", "ORG", "IDN", "COP")
    assert "REQUEST" in types_coded("ICW menyarankan KPK memeriksa ulang saksi itu.", icw, kpk)
    assert "ACCUSE" in types_coded("KPK menduga bupati itu menerima suap dari kontraktor.", kpk)
    assert not types_coded("Rumah yang diduga milik bupati itu terbakar.")


def test_coder_a_search_is_coded_by_its_verb():
    """``menggeledah`` is the raid (COERCE, seize); ``penggeledahan`` names a search told by its
    verb or recalled (``dari lokasi penggeledahan``)."""
    kpk = ("KPK", "Corruption Eradication Commission", "ORG", "IDN", "COP")
    assert "COERCE" in types_coded("KPK menggeledah rumah dinas gubernur itu.", kpk)
    assert "COERCE" not in types_coded("Dari lokasi penggeledahan, KPK membawa dua koper dokumen.", kpk)


def _found(lexicon, text):
    import re

    tokens = [(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", text)]
    return [(m.entry.type, text[m.start:m.end]) for m in lexicon.find(tokens, text)]


def test_lexicon_prev_and_unless_flags(tmp_path):
    """``prev=`` asks for one of some words right before the match; ``unless=`` refuses a sentence
    holding a derivation of one of some roots (the flags the lexicon's header documents)."""
    path = tmp_path / "triggers.tsv"
    path.write_text("penjara/0\tCOERCE\tarrest\t-\tprev=tahun|vonis,unless=tuntut\tterm\n", encoding="utf-8")
    lex = Lexicon(load(path))
    assert _found(lex, "Ia divonis dua tahun penjara .") == [("COERCE", "penjara")]
    assert _found(lex, "Ia kabur dari penjara .") == []
    assert _found(lex, "Jaksa menuntut dua tahun penjara .") == []      # menuntut: root tuntut
    assert _found(lex, "penjara itu penuh .") == []                     # nothing before it


def test_lexicon_notprev_flag(tmp_path):
    """``notprev=`` refuses a match right after one of some words (the lexicon's header)."""
    path = tmp_path / "triggers.tsv"
    path.write_text("jerat/meN,di\tACCUSE\tallege\t-\tnotprev=yang\tcharge\n", encoding="utf-8")
    lex = Lexicon(load(path))
    assert _found(lex, "Polisi menjerat sopir itu dengan pasal 338 .") == [("ACCUSE", "menjerat")]
    assert _found(lex, "kasus yang menjerat bupati itu .") == []
    assert _found(lex, "dijerat pasal 338 .") == [("ACCUSE", "dijerat")]     # nothing before it


def test_coder_a_prison_term_not_the_prison():
    """A prison term passed is also COERCE (corpus/GUIDE.md); the prison as a place, or a term the
    prosecutor asks for (his ACCUSE), is not."""
    hakim = ("Majelis hakim", "panel of judges", "ORG", "IDN", "JUD")
    assert "COERCE" in types_coded("Majelis hakim memvonis bupati itu dua tahun penjara.", hakim)
    assert "COERCE" not in types_coded(
        "Puluhan narapidana kabur dari penjara setelah tembok Lapas ambruk.",
        ("Lapas", "prison", "ORG", "IDN", "JUD"))
    types = types_coded("Jaksa KPK menuntut bupati itu empat tahun penjara.",
                        ("KPK", "Corruption Eradication Commission", "ORG", "IDN", "COP"))
    assert "COERCE" not in types and "ACCUSE" in types


def test_coder_police_nab_raid_and_jail():
    polisi = ("Polisi", "police", "ORG", "IDN", "COP")
    for t in ("Polisi membekuk tiga pelaku pencurian di Bekasi.",
              "Polisi meringkus dua pengedar narkoba di Medan.",
              "Polisi menggerebek gudang narkoba di Medan.",
              "Polisi menjebloskan dua pelaku ke penjara."):
        assert "COERCE" in types_coded(t, polisi), t


def test_coder_complaints_and_questions_are_disapproval():
    """Complaining, deploring, questioning and taking issue are ACCUSE, disapprove
    (corpus/GUIDE.md: criticism and complaints)."""
    icw = ("ICW", "Indonesia Corruption Watch", "ORG", "IDN", "NGO")
    for t in ("ICW menyayangkan putusan hakim itu.", "ICW mengeluhkan lambannya penanganan kasus itu.",
              "ICW mempertanyakan putusan hakim itu.", "ICW mempersoalkan putusan hakim itu."):
        assert "ACCUSE" in types_coded(t, icw), t


def test_coder_more_words_of_the_corpus():
    """Pelting is an assault, dismissing someone a sanction, calling on someone a visit, a
    parliamentary hearing a consultation, siding with someone support, persuading a request."""
    gov = ("Gubernur", "governor", "PER", "IDN", "GOV")
    assert "ASSAULT" in types_coded("Massa melempari Gubernur dengan batu.", gov)
    assert "ASSAULT" not in types_coded("Gubernur melempar wacana pemindahan ibu kota.", gov)
    assert "SANCTION" in types_coded("Presiden memecat Gubernur itu.", gov)
    assert "CONSULT" in types_coded("Menteri Dalam Negeri menyambangi Gubernur di kantornya.", gov)
    assert "CONSULT" in types_coded("Komisi II menggelar rapat dengar pendapat dengan Gubernur.", gov,
                                    ("Komisi II", "Commission II", "ORG", "IDN", "LEG"))
    assert "SUPPORT" in types_coded("Gubernur memihak warga dalam sengketa lahan itu.", gov)
    assert "REQUEST" in types_coded("Gubernur membujuk warga agar pindah ke rumah susun.", gov)
    assert "REQUEST" in types_coded("Gubernur menghimbau warga agar tetap tenang.", gov)


def test_coder_attending_talks_not_a_ceremony():
    """Attending a summit or talks is CONSULT (multilateral); attending a ceremony, a plenary or a
    summons is not a consultation."""
    jokowi = ("Presiden Joko Widodo", "Joko Widodo", "PER", "IDN", "GOV")
    assert "CONSULT" in types_coded("Presiden Joko Widodo menghadiri KTT ASEAN di Manila.", jokowi)
    assert "CONSULT" not in types_coded("Presiden Joko Widodo menghadiri upacara HUT Bhayangkara di Monas.", jokowi)


def test_coder_calling_off_a_meeting_not_a_flight():
    menlu = ("Menteri Luar Negeri", "Minister of Foreign Affairs", "PER", "IDN", "GOV")
    assert "REJECT" in types_coded("Menteri Luar Negeri membatalkan kunjungan ke Pyongyang.", menlu)
    assert "REJECT" not in types_coded(
        "Garuda membatalkan 20 penerbangan ke Bali karena abu vulkanik.",
        ("Garuda", "Garuda Indonesia", "ORG", "IDN", "BUS"))


def test_coder_a_guarantee_given_not_an_insurance_scheme():
    putin = ("Presiden Putin", "Vladimir Putin", "PER", "RUS", "GOV")
    assert "AGREE" in types_coded("Presiden Putin memberikan jaminan keamanan pasokan pangan bagi Indonesia.", putin,
                                  ("Indonesia", "Indonesia", "GPE", "IDN"))
    assert "AGREE" not in types_coded(
        "Peserta Jaminan Kesehatan Nasional di Jawa Barat bertambah.", ("Jawa Barat", "West Java", "GPE", "IDN"))


def test_coder_importing_not_imports():
    """A country importing from another cooperates (COOPERATE, economic); ``impor gula`` as a trade
    figure is no act."""
    assert "COOPERATE" in types_coded("Myanmar mengimpor bensin dari Rusia.", ("Myanmar", "Myanmar", "GPE", "MMR"),
                                      ("Rusia", "Russia", "GPE", "RUS"))
    assert "COOPERATE" not in types_coded("Nilai impor gula Indonesia naik tahun ini.", ("Indonesia", "Indonesia", "GPE", "IDN"))


def test_coder_thanks_with_a_clitic_are_support():
    jokowi = ("Jokowi", "Joko Widodo", "PER", "IDN", "GOV")
    salman = ("Raja Salman", "Salman of Saudi Arabia", "PER", "SAU", "GOV")
    for t in ("Jokowi menyampaikan terima kasihnya kepada Raja Salman.",
              "Jokowi mengucapkan terima kasih kepada Raja Salman."):
        assert "SUPPORT" in types_coded(t, jokowi, salman), t


def test_coder_more_denials_are_rejections():
    """``menyangkal`` denies as ``membantah`` does; ``tidak benar`` is a denial (corpus/GUIDE.md),
    ``tidak benar-benar`` ('not really') is not; not answering a summons defies it, as ``mangkir``."""
    kpk = ("KPK", "Corruption Eradication Commission", "ORG", "IDN", "COP")
    assert "REJECT" in types_coded("Google menyangkal tuduhan Komisi Eropa.", ("Google", "Google", "ORG", "USA", "BUS"))
    assert "REJECT" in types_coded("KPK menyatakan kabar itu tidak benar.", kpk)
    assert "REJECT" not in types_coded("KPK tidak benar - benar memahami persoalan itu.", kpk)
    assert "REJECT" in types_coded("Bupati itu tidak memenuhi panggilan KPK pada Senin.", kpk)


def test_coder_blows_and_stabs_are_assaults():
    """Slapping, punching, mobbing, stabbing, hacking and holding someone captive are ASSAULT
    (codebook: physical attacks of any weapon; abduction); their sport and kitchen senses are not."""
    p = ("polisi", "police", "ORG", "IDN", "COP")
    for t in ("Seorang pria menampar polisi itu.", "Seorang pria meninju polisi itu.",
              "Lalu polisi itu dikeroyok warga.", "Lalu polisi itu ditikam di lehernya.", "Lalu polisi itu ditusuk pelaku.",
              "Pelaku membacok polisi itu.", "Lalu polisi itu disiram air keras sepulang salat.",
              "Kelompok itu menyekap polisi selama seminggu."):
        assert "ASSAULT" in types_coded(t, p), t
    persib = ("Persib", "Persib Bandung", "ORG", "IDN")
    for t in ("Pemain Persib menusuk dari sisi kiri, tapi bola ditinju kiper.",
              "Nasi itu disiram kuah oleh pedagang Persib."):
        assert "ASSAULT" not in types_coded(t, persib), t


def test_coder_suspecting_and_reprimanding_accuse():
    """``mencurigai`` alleges as ``menduga`` does; ``menegur`` disapproves (codebook ACCUSE)."""
    china = ("Beijing", "China", "GPE", "CHN", "GOV")
    tsai = ("Tsai", "Tsai Ing-wen", "PER", "TWN", "GOV")
    assert "ACCUSE" in types_coded("Beijing mencurigai Tsai mendorong kemerdekaan wilayah itu.", china, tsai)
    assert "ACCUSE" in types_coded("Beijing menegur Tsai atas pernyataannya.", china, tsai)


def test_coder_religious_leaders_are_known_actors():
    """A religious leader of world news is an actor of his own: his meeting is coded with both
    sides (the knowledge base knows the Dalai Lama as a Tibetan religious figure, code CHN)."""
    doc = warta.analyze("Juni lalu, Dalai Lama bertemu dengan Presiden Barack Obama di Gedung Putih.",
                        published="2016-11-24")
    ev = next(e for e in doc.events if e["event"] == ["CONSULT"])
    assert {a["code"] for a in ev["actor"]} | {r["code"] for r in ev["recipient"]} == {"CHN", "USA"}
    assert any(a.get("sector") == "REL" for a in ev["actor"] + ev["recipient"])


def test_coder_mediation_is_third_party_consultation():
    """Mediating between parties is CONSULT, mode third-party (codebook); ``di tengah`` ('amid')
    and the bare noun ``mediasi`` (a procedure) are no such act."""
    kuwait, qatar = ("Kuwait", "Kuwait", "GPE", "KWT"), ("Qatar", "Qatar", "GPE", "QAT")
    evs = _one("Kuwait mencoba menengahi kisruh diplomatik dengan Qatar.",
               [_m("Kuwait mencoba menengahi kisruh diplomatik dengan Qatar.", *kuwait),
                _m("Kuwait mencoba menengahi kisruh diplomatik dengan Qatar.", *qatar)])
    assert [(e.type, e.mode) for e in evs] == [("CONSULT", "third-party")]
    assert "CONSULT" not in types_coded("Di tengah krisis itu, Kuwait menyelesaikan 99 kasus dengan cara mediasi.", kuwait)


def test_coder_charged_under_an_article_is_an_accusation():
    """``disangkakan`` (charged under an article of law) alleges, as ``menuduh`` does (corpus/GUIDE.md:
    a charge is ACCUSE)."""
    kpk = ("KPK", "Corruption Eradication Commission", "ORG", "IDN", "COP")
    assert "ACCUSE" in types_coded("Bupati itu disangkakan Pasal 2 UU Tipikor oleh KPK.", kpk)


def test_coder_a_press_conference_is_no_consultation():
    """``konferensi pers`` is a press conference, where one side speaks to reporters: no CONSULT
    (codebook: consultation is between parties); a ministers' conference still is."""
    jokowi = ("Presiden Joko Widodo", "Joko Widodo", "PER", "IDN", "GOV")
    najib = ("Najib Razak", "Najib Razak", "PER", "MYS", "GOV")
    t = "Presiden Joko Widodo mengadakan konferensi pers bersama Najib Razak di Istana Bogor."
    assert "CONSULT" not in types_coded(t, jokowi, najib)
    t2 = "Presiden Joko Widodo mengadakan konferensi tingkat menteri bersama Najib Razak di Istana Bogor."
    assert "CONSULT" in types_coded(t2, jokowi, najib)


def test_coder_proposals_and_vows_of_revenge():
    """Proposing that another party act is a REQUEST (as urging, ``menyarankan``); vowing revenge
    on a party threatens it (codebook THREATEN: violence)."""
    jokowi, malaysia = ("Jokowi", "Joko Widodo", "PER", "IDN", "GOV"), ("Malaysia", "Malaysia", "GPE", "MYS")
    assert "REQUEST" in types_coded("Jokowi mengusulkan agar Malaysia membentuk tim bersama.", jokowi, malaysia)
    prk, usa = ("Korea Utara", "North Korea", "GPE", "PRK"), ("Amerika Serikat", "United States", "GPE", "USA")
    assert "THREATEN" in types_coded("Korea Utara bersumpah akan membalas Amerika Serikat.", prk, usa)


def test_coder_agreeing_to_act_approving_and_disagreeing():
    """``setuju untuk`` an act is AGREE (codebook); approving a plan (``menyetujui``) endorses it,
    SUPPORT; disagreeing with a decision (``tidak setuju``) disapproves of it, ACCUSE."""
    sau, irn = ("Arab Saudi", "Saudi Arabia", "GPE", "SAU"), ("Iran", "Iran", "GPE", "IRN")
    assert "AGREE" in types_coded("Arab Saudi dan Iran setuju untuk memulihkan hubungan diplomatik.", sau, irn)
    jokowi, tni = ("Presiden Joko Widodo", "Joko Widodo", "PER", "IDN", "GOV"), ("TNI", "Indonesian National Armed Forces", "ORG", "IDN", "MIL")
    types = types_coded("Presiden Joko Widodo menyetujui rencana TNI.", jokowi, tni)
    assert "SUPPORT" in types and "AGREE" not in types
    idn, usa = ("Indonesia", "Indonesia", "GPE", "IDN"), ("Amerika Serikat", "United States", "GPE", "USA")
    types = types_coded("Indonesia tidak setuju dengan keputusan Amerika Serikat.", idn, usa)
    assert "ACCUSE" in types and "AGREE" not in types


def test_events_coder_a_dateline_dash_does_not_join_its_place_to_the_subject():
    """``Jakarta - Presiden ...`` (a dateline in the sentence, as some outlets write it): the place
    before the dash is no actor, and the person after it is not its apposition, so the person
    acts; with no dash they are one noun phrase as before (``Moskow, Rusia``)."""
    events = warta.analyze("Jakarta - Presiden Joko Widodo mengecam Perdana Menteri Malaysia Najib Razak.",
                           published="2017-10-24").events
    assert [[a["entity_text"] for a in e["actor"]] for e in events if e["event"] == ["ACCUSE"]] == \
        [["Presiden Joko Widodo"]]


def test_coder_unnamed_court_or_clergy_is_the_articles_country_but_a_rights_group_is_not():
    """A group nothing names a country for is the article's main country's when it is a body of
    the state or a country's own people (``hakim``, ``jaksa``, ``ulama``, as ``polisi`` and
    ``warga`` were already); rights groups and international bodies stay without one."""
    t = "Hakim menjatuhkan vonis dua tahun penjara kepada ulama itu."
    ms = [_m(t, "Hakim", "judges", "GROUP", None, "JUD"), _m(t, "ulama", "clerics", "GROUP", None, "REL")]
    ev = _event(_one(t, ms, anchor_country="IDN"), "SANCTION")
    assert [a.code for a in ev.actors] == ["IDN"] and [r.code for r in ev.recipients] == ["IDN"]
    t = "Kelompok HAM mengecam vonis itu."
    ms = [_m(t, "Kelompok HAM", "human rights groups", "GROUP", None, "NGO")]
    ev = _event(_one(t, ms, anchor_country="IDN"), "ACCUSE")
    assert [a.code for a in ev.actors] == [None]


@pytest.mark.parametrize("sentence", [
    "Polisi menerbitkan surat perintah penangkapan terhadap Rizieq Shihab.",
    "Pengadilan mengeluarkan surat penangkapan bagi Wiranto.",
    "Polisi memasukkan Andi Lala ke dalam daftar pencarian orang.",
])
def test_events_coder_an_arrest_warrant_threatens_arrest(sentence):
    # the codebook (THREATEN, potential ambiguities): issuing an in-absentia arrest is a THREATEN
    # 'arrest', not a COERCE 'arrest'
    d = warta.analyze(sentence, published="2017-06-01")
    assert [(e["event"], e["mode"]) for e in d.events] == [(["THREATEN"], ["arrest"])]


@pytest.mark.parametrize("sentence", [
    "Kementerian Hukum dan HAM memberikan remisi kepada Gayus Tambunan.",       # a pardon's kind
    "Majelis hakim memvonis bebas Antasari Azhar.",                             # an acquittal
    "Keluarga Ahok mencabut permohonan banding atas putusan itu.",              # a demand withdrawn
])
def test_events_coder_pardons_acquittals_and_withdrawn_demands_concede(sentence):
    # the codebook (CONCEDE): formal pardons, acquittals and amnesties, and withdrawing a demand
    d = warta.analyze(sentence, published="2017-06-01")
    assert [e["event"] for e in d.events] == [["CONCEDE"]]


@pytest.mark.parametrize("sentence, mode", [
    ("Presiden Donald Trump menarik Amerika Serikat dari kesepakatan iklim Paris.", "withdraw"),
    ("Amerika Serikat memotong dana bantuan untuk badan PBB itu.", "discontinue"),
    ("Menteri Dalam Negeri menonaktifkan Bupati Klaten dari jabatannya.", "expel"),
])
def test_events_coder_withdrawing_cutting_aid_and_suspending_from_office_sanction(sentence, mode):
    # the codebook (SANCTION modes): withdrawing from an agreement or organisation ('withdraw'),
    # curtailing aid ('discontinue'), removing someone from a body for a time ('expel')
    d = warta.analyze(sentence, published="2017-06-01")
    assert [(e["event"], e["mode"]) for e in d.events] == [(["SANCTION"], [mode])]


@pytest.mark.parametrize("sentence, typ, mode", [
    ("Polisi menjerat sopir itu dengan Pasal 338 KUHP.", "ACCUSE", "allege"),              # charged under the law
    ("Polda Metro Jaya mengungkap kasus percaloan SIM di Jakarta Barat.", "ACCUSE", "investigate"),
    ("Komisi Pemberantasan Korupsi menjemput paksa Setya Novanto dari rumahnya.", "COERCE", "arrest"),
])
def test_events_coder_charges_uncovered_cases_and_forced_pickups(sentence, typ, mode):
    # the codebook: ACCUSE covers charges ('allege') and investigations ('investigate'); taking
    # someone into custody by force is COERCE 'arrest'
    d = warta.analyze(sentence, published="2017-06-01")
    assert [(e["event"], e["mode"]) for e in d.events] == [([typ], [mode])]


def test_events_coder_a_challenge_to_act_requests_and_a_warning_of_enforcement_threatens():
    # the codebook: REQUEST is every demand ('menantang X untuk' is a dare to act); THREATEN is a
    # warning of punitive action to come ('akan ditindak tegas')
    d = warta.analyze("Ketua DPR menantang Gubernur DKI untuk membuktikan data anggaran itu.", published="2017-06-01")
    assert [e["event"] for e in d.events] == [["REQUEST"]]
    d = warta.analyze("Kapolda Metro Jaya mengatakan semua pelanggar akan ditindak tegas.", published="2017-06-01")
    assert [e["event"] for e in d.events] == [["THREATEN"]]


@pytest.mark.parametrize("sentence", [
    "Ia mengungkapkan bahwa kasus itu sudah selesai.",            # to state, not to uncover
    "Para pendaki menantang bahaya di puncak gunung.",             # a danger dared, no demand
    "Gubernur nonaktif itu dipindahkan ke rumah sakit.",           # a title, not a suspension
    "Perusahaan melakukan pemutusan hubungan kerja terhadap 200 karyawan.",   # a lay-off
])
def test_events_coder_stating_daring_danger_a_title_and_a_lay_off_are_no_events(sentence):
    d = warta.analyze(sentence, published="2017-06-01")
    assert [e["event"] for e in d.events] == []


def test_events_coder_a_travel_ban_coerces():
    # the codebook: COERCE 'restrict' covers restrictions on movement; 'mencegah ke luar negeri'
    # bars someone from leaving the country
    d = warta.analyze("KPK mencegah Zumi Zola bepergian ke luar negeri selama enam bulan.", published="2017-06-01")
    assert [(e["event"], e["mode"]) for e in d.events] == [(["COERCE"], ["restrict"])]
