"""Learned components trained on warta's annotated corpus (``corpus/``).

* :mod:`.linear` — a hashed-feature logistic model: numpy at run time, deterministic, small.
* :mod:`.features` — what the models look at (article words; an event's type, trigger, root,
  context, actors, restatements).
* :mod:`.components` — the spaCy components: ``warta_relevance`` (is the article about
  political events at all?) and ``warta_rescore`` (is this rule-coded event one an annotator
  would code? its probability becomes the record's ``confidence``).

Models live in ``warta/analyse/models/<name>/`` beside ``scripts/train_learned.py``, which
writes them with a JSON of their cross-validated scores and the sha256 of their training data.
"""
