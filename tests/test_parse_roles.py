"""Actors and recipients read from a dependency parse (warta.analyse.events.parse_roles).

Each sentence is written for the test and given the tree Universal Dependencies' guidelines
assign it (by hand, not by the shipped parser), so the tests check the role logic alone.
"""
import warta
from spacy.tokens import Doc
from spacy.vocab import Vocab

from events_helpers import code_whole as _one, event_of as _event, mention as _m

VOCAB = Vocab()


def _tree(text, rows):
    """A parsed Doc of ``text`` from (word, head index, relation) rows; the root is its own head."""
    words, spaces, pos = [], [], 0
    for w, _, _ in rows:
        i = text.index(w, pos)
        if words:
            spaces[-1] = i > pos
        words.append(w)
        spaces.append(False)
        pos = i + len(w)
    spaces[-1] = pos < len(text)
    heads = [h for _, h, _ in rows]
    deps = ["ROOT" if h == k else d for k, (_, h, d) in enumerate(rows)]
    doc = Doc(VOCAB, words=words, spaces=spaces, heads=heads, deps=deps)
    assert doc.text == text
    return doc


def _codes(ms):
    return [m.code for m in ms]


def test_parse_roles_active_subject_across_a_relative_clause():
    t = "Pemerintah Australia, yang kemarin menerima laporan itu, mengkritik Indonesia."
    rows = [("Pemerintah", 9, "nsubj"), ("Australia", 0, "nmod"), (",", 5, "punct"), ("yang", 5, "nsubj"),
            ("kemarin", 5, "advmod"), ("menerima", 0, "acl:relcl"), ("laporan", 5, "obj"), ("itu", 6, "det"),
            (",", 5, "punct"), ("mengkritik", 9, "root"), ("Indonesia", 9, "obj"), (".", 9, "punct")]
    ms = [_m(t, "Pemerintah Australia", "Australia", "GPE", "AUS"), _m(t, "Indonesia", "Indonesia", "GPE", "IDN")]
    ev = _event(_one(t, ms, parse=_tree(t, rows)), "ACCUSE")
    assert _codes(ev.actors) == ["AUS"] and _codes(ev.recipients) == ["IDN"]


def test_parse_roles_passive_with_oleh_agent():
    t = "Dua wartawan Filipina ditangkap oleh polisi Malaysia."
    rows = [("Dua", 1, "nummod"), ("wartawan", 3, "nsubj:pass"), ("Filipina", 1, "nmod"), ("ditangkap", 3, "root"),
            ("oleh", 5, "case"), ("polisi", 3, "obl:agent"), ("Malaysia", 5, "nmod"), (".", 3, "punct")]
    ms = [_m(t, "Filipina", "Philippines", "GPE", "PHL"), _m(t, "polisi Malaysia", "Royal Malaysia Police", "ORG", "MYS", "COP")]
    ev = _event(_one(t, ms, parse=_tree(t, rows)), "COERCE")
    assert _codes(ev.actors) == ["MYS"] and _codes(ev.recipients) == ["PHL"]


def test_parse_roles_passive_with_bare_agent():
    t = "Pos polisi Sudan diserang kelompok pemberontak pada Selasa."
    rows = [("Pos", 3, "nsubj:pass"), ("polisi", 0, "nmod"), ("Sudan", 1, "nmod"), ("diserang", 3, "root"),
            ("kelompok", 3, "obl:agent"), ("pemberontak", 4, "nmod"), ("pada", 7, "case"), ("Selasa", 3, "obl"),
            (".", 3, "punct")]
    ms = [_m(t, "polisi Sudan", "Sudan Police", "ORG", "SDN", "COP"),
          _m(t, "kelompok pemberontak", "rebels", "GROUP", "SDN", "REB")]
    ev = _event(_one(t, ms, parse=_tree(t, rows)), "ASSAULT")
    assert [a.sector for a in ev.actors] == ["REB"] and [r.sector for r in ev.recipients] == ["COP"]


def test_parse_roles_passive_agent_read_as_the_object_is_the_actor():
    # a ``di-`` verb's patient is its subject; a party right after it is its agent, even where the
    # parser (as the shipped one does) labels it the object
    t = "Dua warga Indonesia ditangkap polisi Malaysia di Johor."
    rows = [("Dua", 1, "nummod"), ("warga", 3, "nsubj:pass"), ("Indonesia", 1, "nmod"), ("ditangkap", 3, "root"),
            ("polisi", 3, "obj"), ("Malaysia", 4, "nmod"), ("di", 7, "case"), ("Johor", 3, "obl"), (".", 3, "punct")]
    ms = [_m(t, "warga Indonesia", "residents", "GROUP", "IDN", "CVL"),
          _m(t, "polisi Malaysia", "Royal Malaysia Police", "ORG", "MYS", "COP")]
    ev = _event(_one(t, ms, parse=_tree(t, rows)), "COERCE")
    assert _codes(ev.actors) == ["MYS"] and _codes(ev.recipients) == ["IDN"]
    # and so do the word-order rules without a parse
    ev = _event(_one(t, ms), "COERCE")
    assert _codes(ev.actors) == ["MYS"] and _codes(ev.recipients) == ["IDN"]
    # a comma ends the passive's clause: what follows it is the next clause's subject
    t = "Usulan Jepang ditolak, Malaysia tetap yakin."
    ms = [_m(t, "Jepang", "Japan", "GPE", "JPN"), _m(t, "Malaysia", "Malaysia", "GPE", "MYS")]
    ev = _event(_one(t, ms), "REJECT")
    assert "MYS" not in _codes(ev.actors)


def test_parse_roles_nominal_trigger_possessor_is_actor_and_terhadap_recipient():
    t = "Sanksi Amerika Serikat terhadap Iran mulai berlaku."
    rows = [("Sanksi", 5, "nsubj"), ("Amerika", 0, "nmod"), ("Serikat", 1, "flat"), ("terhadap", 4, "case"),
            ("Iran", 0, "nmod"), ("mulai", 5, "root"), ("berlaku", 5, "xcomp"), (".", 5, "punct")]
    ms = [_m(t, "Amerika Serikat", "United States", "GPE", "USA"), _m(t, "Iran", "Iran", "GPE", "IRN")]
    ev = _event(_one(t, ms, parse=_tree(t, rows)), "SANCTION")
    assert _codes(ev.actors) == ["USA"] and _codes(ev.recipients) == ["IRN"]


def test_parse_roles_subject_shared_by_a_coordinated_verb():
    t = "Presiden Prancis tiba di Beijing pada Senin dan langsung mengkritik Korea Utara."
    rows = [("Presiden", 2, "nsubj"), ("Prancis", 0, "nmod"), ("tiba", 2, "root"), ("di", 4, "case"),
            ("Beijing", 2, "obl"), ("pada", 6, "case"), ("Senin", 2, "obl"), ("dan", 9, "cc"), ("langsung", 9, "advmod"),
            ("mengkritik", 2, "conj"), ("Korea", 9, "obj"), ("Utara", 10, "flat"), (".", 2, "punct")]
    ms = [_m(t, "Presiden Prancis", "France", "GPE", "FRA"), _m(t, "Beijing", "Beijing", "GPE", "CHN"),
          _m(t, "Korea Utara", "North Korea", "GPE", "PRK")]
    ev = _event(_one(t, ms, parse=_tree(t, rows)), "ACCUSE")
    assert _codes(ev.actors) == ["FRA"] and _codes(ev.recipients) == ["PRK"]


def test_parse_roles_relative_clause_takes_the_noun_it_hangs_on():
    t = "Pasukan Rusia yang menyerang desa Ukraina itu kini mundur."
    rows = [("Pasukan", 8, "nsubj"), ("Rusia", 0, "nmod"), ("yang", 3, "nsubj"), ("menyerang", 0, "acl:relcl"),
            ("desa", 3, "obj"), ("Ukraina", 4, "nmod"), ("itu", 4, "det"), ("kini", 8, "advmod"), ("mundur", 8, "root"),
            (".", 8, "punct")]
    ms = [_m(t, "Pasukan Rusia", "Russian Armed Forces", "ORG", "RUS", "MIL"), _m(t, "Ukraina", "Ukraine", "GPE", "UKR")]
    ev = _event(_one(t, ms, parse=_tree(t, rows)), "ASSAULT")
    assert _codes(ev.actors) == ["RUS"] and _codes(ev.recipients) == ["UKR"]


def test_parse_roles_first_person_in_a_quote_is_the_speaker():
    t = "\"Kami menolak tuntutan Amerika Serikat,\" kata Menlu Iran."
    rows = [("\"", 2, "punct"), ("Kami", 2, "nsubj"), ("menolak", 2, "root"), ("tuntutan", 2, "obj"),
            ("Amerika", 3, "nmod"), ("Serikat", 4, "flat"), (",", 2, "punct"), ("\"", 2, "punct"), ("kata", 2, "parataxis"),
            ("Menlu", 8, "nsubj"), ("Iran", 9, "nmod"), (".", 2, "punct")]
    ms = [_m(t, "Amerika Serikat", "United States", "GPE", "USA"),
          _m(t, "Menlu Iran", "Iranian foreign minister", "PER", "IRN", "GOV")]
    ev = _event(_one(t, ms, parse=_tree(t, rows)), "REJECT")
    assert _codes(ev.actors) == ["IRN"] and _codes(ev.recipients) == ["USA"]


def test_parse_roles_instrument_subject_gives_its_owner_as_actor():
    t = "Jet tempur Rusia mengebom rumah sakit di Aleppo."
    rows = [("Jet", 3, "nsubj"), ("tempur", 0, "amod"), ("Rusia", 0, "nmod"), ("mengebom", 3, "root"),
            ("rumah", 3, "obj"), ("sakit", 4, "compound"), ("di", 7, "case"), ("Aleppo", 3, "obl"), (".", 3, "punct")]
    ms = [_m(t, "Rusia", "Russia", "GPE", "RUS"), _m(t, "Aleppo", "Aleppo", "GPE", "SYR")]
    ev = _event(_one(t, ms, parse=_tree(t, rows)), "ASSAULT")
    assert _codes(ev.actors) == ["RUS"]


def test_parse_roles_owner_of_the_object_is_recipient():
    t = "Jepang mengecam peluncuran rudal Korea Utara."
    rows = [("Jepang", 1, "nsubj"), ("mengecam", 1, "root"), ("peluncuran", 1, "obj"), ("rudal", 2, "nmod"),
            ("Korea", 3, "nmod"), ("Utara", 4, "flat"), (".", 1, "punct")]
    ms = [_m(t, "Jepang", "Japan", "GPE", "JPN"), _m(t, "Korea Utara", "North Korea", "GPE", "PRK")]
    ev = _event(_one(t, ms, parse=_tree(t, rows)), "ACCUSE")
    assert _codes(ev.actors) == ["JPN"] and _codes(ev.recipients) == ["PRK"]


def test_parse_roles_kepada_oblique_is_recipient_when_the_object_names_nobody():
    t = "Indonesia mengirimkan bantuan kemanusiaan kepada Palestina."
    rows = [("Indonesia", 1, "nsubj"), ("mengirimkan", 1, "root"), ("bantuan", 1, "obj"), ("kemanusiaan", 2, "nmod"),
            ("kepada", 5, "case"), ("Palestina", 1, "obl"), (".", 1, "punct")]
    ms = [_m(t, "Indonesia", "Indonesia", "GPE", "IDN"), _m(t, "Palestina", "Palestine", "GPE", "PSE")]
    ev = _event(_one(t, ms, parse=_tree(t, rows)), "AID")
    assert _codes(ev.actors) == ["IDN"] and _codes(ev.recipients) == ["PSE"]


def test_parse_roles_parse_wins_over_word_order():
    # the tree says Thailand is the subject (a fronted object would read the other way); the
    # rules, by word order, would make Myanmar the actor
    t = "Myanmar, Thailand mengecam keras."
    rows = [("Myanmar", 3, "obj"), (",", 0, "punct"), ("Thailand", 3, "nsubj"), ("mengecam", 3, "root"),
            ("keras", 3, "advmod"), (".", 3, "punct")]
    ms = [_m(t, "Myanmar", "Myanmar", "GPE", "MMR"), _m(t, "Thailand", "Thailand", "GPE", "THA")]
    ev = _event(_one(t, ms, parse=_tree(t, rows)), "ACCUSE")
    assert _codes(ev.actors) == ["THA"] and _codes(ev.recipients) == ["MMR"]


def test_parse_roles_rules_keep_a_slot_the_parse_leaves_empty():
    # the subject is a word the coder has no unit for: the rules' actor stays
    t = "Korea Selatan mengecam Jepang."
    rows = [("Korea", 2, "obl"), ("Selatan", 0, "flat"), ("mengecam", 2, "root"), ("Jepang", 2, "obj"), (".", 2, "punct")]
    ms = [_m(t, "Korea Selatan", "South Korea", "GPE", "KOR"), _m(t, "Jepang", "Japan", "GPE", "JPN")]
    with_parse = _event(_one(t, ms, parse=_tree(t, rows)), "ACCUSE")
    without = _event(_one(t, ms), "ACCUSE")
    assert _codes(with_parse.actors) == _codes(without.actors) == ["KOR"]
    assert _codes(with_parse.recipients) == ["JPN"]


def test_parse_roles_no_parse_slots_means_rules_alone(monkeypatch):
    monkeypatch.setenv("WARTA_PARSE_ROLES", "")
    t = "Myanmar, Thailand mengecam keras."
    rows = [("Myanmar", 3, "obj"), (",", 0, "punct"), ("Thailand", 3, "nsubj"), ("mengecam", 3, "root"),
            ("keras", 3, "advmod"), (".", 3, "punct")]
    ms = [_m(t, "Myanmar", "Myanmar", "GPE", "MMR"), _m(t, "Thailand", "Thailand", "GPE", "THA")]
    assert _codes(_event(_one(t, ms, parse=_tree(t, rows)), "ACCUSE").actors) == \
        _codes(_event(_one(t, ms), "ACCUSE").actors)


def test_parse_roles_shipped_parser_gives_the_owner_of_the_object_as_recipient():
    from warta.analyse.pipeline import WITH_PARSE, Analyzer, build

    analyzer = Analyzer(build(WITH_PARSE))
    d = analyzer.analyze(warta.Article(doc="t", text="Jepang mengecam peluncuran rudal Korea Utara di Laut Jepang.",
                                       published="2018-03-02"))
    ev = next(e for e in d.events if e["event"] == ["ACCUSE"])
    assert [a["code"] for a in ev["actor"]] == ["JPN"] and [r["code"] for r in ev["recipient"]] == ["PRK"]


def test_parse_roles_preposition_hung_on_a_numeral_still_marks_the_recipient():
    # a frequent misparse: "terhadap" attached to the numeral, not to the noun it introduces;
    # the noun is then no bare genitive (owner) of the sanction but its target
    t = "Kanada menjatuhkan sanksi terhadap lima pejabat Iran."
    rows = [("Kanada", 1, "nsubj"), ("menjatuhkan", 1, "root"), ("sanksi", 1, "obj"), ("terhadap", 4, "case"),
            ("lima", 5, "nummod"), ("pejabat", 2, "nmod"), ("Iran", 5, "nmod"), (".", 1, "punct")]
    ms = [_m(t, "Kanada", "Canada", "GPE", "CAN"), _m(t, "pejabat Iran", "Iranian officials", "GROUP", "IRN", "GOV")]
    ev = _event(_one(t, ms, parse=_tree(t, rows)), "SANCTION")
    assert _codes(ev.actors) == ["CAN"] and _codes(ev.recipients) == ["IRN"]


def test_parse_roles_kedua_quantifying_a_subject_means_both_parties():
    # "kedua menteri" ('both ministers') is the two parties named before, not "ministers" alone
    t = ("Menteri Luar Negeri Prancis bertemu Menteri Luar Negeri Mesir di Kairo, "
         "dan kedua menteri menandatangani nota kesepahaman.")
    words = t.replace(",", " ,").replace(".", " .").split()
    rows = [("Menteri", 4, "nsubj"), ("Luar", 0, "flat"), ("Negeri", 0, "flat"), ("Prancis", 0, "nmod"),
            ("bertemu", 4, "root"), ("Menteri", 4, "obj"), ("Luar", 5, "flat"), ("Negeri", 5, "flat"),
            ("Mesir", 5, "nmod"), ("di", 10, "case"), ("Kairo", 4, "obl"), (",", 15, "punct"), ("dan", 15, "cc"),
            ("kedua", 14, "nummod"), ("menteri", 15, "nsubj"), ("menandatangani", 4, "conj"),
            ("nota", 15, "obj"), ("kesepahaman", 16, "nmod"), (".", 4, "punct")]
    assert [w for w, _, _ in rows] == words
    fra = _m(t, "Menteri Luar Negeri Prancis", "French foreign minister", "PER", "FRA", "GOV")
    egy = _m(t, "Menteri Luar Negeri Mesir", "Egyptian foreign minister", "PER", "EGY", "GOV")
    ministers = _m(t, "menteri", "ministers", "GROUP", None, "GOV")
    ev = _event(_one(t, [fra, egy, ministers], parse=_tree(t, rows)), "AGREE")
    assert sorted(_codes(ev.actors)) == ["EGY", "FRA"]
