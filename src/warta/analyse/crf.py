"""Viterbi decoding of a crfsuite linear-chain model with numpy, for many sentences at once.

python-crfsuite tags one sentence per call and turns every attribute string of every token into
an id again. An article has some twenty sentences and the same few hundred words recur, so the
name recogniser (:mod:`.ner`) sums the weights of each distinct word's attributes once
(:meth:`Decoder.vector`, cached by the caller) and decodes all sentences of an article together
(:meth:`Decoder.viterbi`): one numpy step per token position instead of one crfsuite call per
sentence.

The weights are crfsuite's own, read from its text dump (state features: attribute x label;
transitions: label x label); the recursion is crfsuite's (first-order, no start or end weights,
the first of equal scores kept), so the labels are the same as ``pycrfsuite.Tagger.tag`` gives
(``tests/test_crf.py`` compares them on many sentences).
"""
from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Sequence

import numpy


_LABEL = re.compile(r"^ +\d+: (.*)$", re.M)
_WEIGHT = re.compile(r"^  \(\d+\) (.+?) --> (\S+): (\S+)$", re.M)


def _section(dump: str, name: str) -> str:
    """The lines of one ``NAME = {`` ... ``}`` section of a crfsuite dump ('' when absent)."""
    head = dump.find(name + " = {\n")
    if head < 0:
        return ""
    start = head + len(name) + 5
    end = dump.find("\n}", start - 1)
    return dump[start:end + 1] if end >= 0 else dump[start:]


class Decoder:
    """A crfsuite model's labels, state weights (one row per attribute) and transition weights."""

    def __init__(self, labels: Sequence[str], attributes: dict[str, int], state: numpy.ndarray,
                 transitions: numpy.ndarray) -> None:
        self.labels = list(labels)
        self.attributes = attributes
        self.state = state
        self.transitions = transitions
        self.zero = numpy.zeros(len(self.labels))

    @classmethod
    def from_tagger(cls, tagger) -> Decoder:
        """Read an open ``pycrfsuite.Tagger``'s model from its text dump."""
        fd, name = tempfile.mkstemp(suffix=".crfsuite.txt")
        os.close(fd)
        try:
            tagger.dump(name)
            with open(name, encoding="utf-8") as f:
                return cls.parse(f.read())
        finally:
            os.remove(name)

    @classmethod
    def parse(cls, dump: str) -> Decoder:
        """A model from crfsuite's text dump: its ``LABELS``, ``TRANSITIONS`` (``(1) FROM --> TO:
        WEIGHT``) and ``STATE_FEATURES`` (``(0) ATTRIBUTE --> LABEL: WEIGHT``) sections."""
        sections = {name: _section(dump, name) for name in ("LABELS", "TRANSITIONS", "STATE_FEATURES")}
        labels = _LABEL.findall(sections.get("LABELS", ""))
        index = {lab: i for i, lab in enumerate(labels)}
        transitions = numpy.zeros((len(labels), len(labels)))
        for src, dst, w in _WEIGHT.findall(sections.get("TRANSITIONS", "")):
            transitions[index[src], index[dst]] = float(w)
        states = _WEIGHT.findall(sections.get("STATE_FEATURES", ""))
        attributes: dict[str, int] = {}
        for attr, _, _ in states:
            attributes.setdefault(attr, len(attributes))
        state = numpy.zeros((len(attributes), len(labels)))
        if states:
            attrs, labs, weights = zip(*states)
            state[[attributes[a] for a in attrs], [index[lab] for lab in labs]] = numpy.array(weights, dtype=float)
        return cls(labels, attributes, state, transitions)

    def vector(self, attrs: Iterable[str]) -> numpy.ndarray:
        """The summed state weights of these attributes (each as often as it is given; unknown
        ones weigh nothing), one value per label."""
        rows = [self.attributes[a] for a in attrs if a in self.attributes]
        if not rows:
            return self.zero
        return self.state[rows].sum(axis=0)

    #: sentences decoded in one array: sorted by length, so padding stays small, and a very long
    #: sentence pads only its own group (memory is group x longest x labels)
    GROUP = 32

    def viterbi(self, emissions: Sequence[numpy.ndarray]) -> list[list[str]]:
        """The best label sequence of each sentence, given its (tokens x labels) state scores."""
        order = sorted(range(len(emissions)), key=lambda b: -len(emissions[b]))
        out: list[list[str]] = [[] for _ in emissions]
        for g in range(0, len(order), self.GROUP):
            group = order[g:g + self.GROUP]
            for b, path in zip(group, self._decode([emissions[b] for b in group])):
                out[b] = [self.labels[j] for j in path]
        return out

    def _decode(self, emissions: Sequence[numpy.ndarray]) -> list[list[int]]:
        """Best label indices of sentences given longest first: at each position the sentences
        still running are a prefix."""
        lengths = [len(e) for e in emissions]
        n, k = lengths[0], len(self.labels)
        if n == 0:
            return [[] for _ in emissions]
        em = numpy.zeros((len(emissions), n, k))
        for row, e in enumerate(emissions):
            em[row, :lengths[row]] = e
        running = numpy.searchsorted(-numpy.array(lengths), -numpy.arange(n), side="left").tolist()
        score = em[:, 0].copy()
        back = numpy.zeros((len(emissions), n, k), dtype=numpy.int64)
        trans = self.transitions
        for t in range(1, n):
            m = running[t]
            cand = score[:m, :, None] + trans  # (sentence, from, to)
            back[:m, t] = cand.argmax(axis=1)
            score[:m] = cand.max(axis=1) + em[:m, t]
        path = numpy.zeros((len(emissions), n), dtype=numpy.int64)
        cur = numpy.zeros(len(emissions), dtype=numpy.int64)
        for t in range(n - 1, -1, -1):
            m = running[t]
            ends = [row for row in range(m) if lengths[row] == t + 1]
            if ends:
                cur[ends] = score[ends].argmax(axis=1)
            path[:m, t] = cur[:m]
            if t:
                cur[:m] = back[numpy.arange(m), t, cur[:m]]
        return [path[row, :lengths[row]].tolist() for row in range(len(emissions))]
