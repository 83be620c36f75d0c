"""Round trips over generated items: import(export(items)) == items in every format that
holds every type (GIFT, Moodle XML, CSV, QTI 3.0), Vietnamese text, format tags, special characters and HTML included."""

from __future__ import annotations

import html
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from question_bank.formats import EXPORT_FORMATS, dump, parse
from question_bank.items import Criterion, Item, Option, Pair, PartialAnswer, true_false_options

ALPHABET = st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyAĐƯ0123456789 ~=#{}:\\%[]<&\"'/_.,?"))
WORD = st.text(ALPHABET, min_size=1, max_size=12).map(str.strip).filter(bool)
TAGGED = st.one_of(WORD, WORD.map(lambda w: "[html]" + w), WORD.map(lambda w: "%50%" + w))
TEXT = st.lists(st.one_of(WORD, TAGGED), min_size=1, max_size=4).map(" ".join)
MULTILINE = st.lists(TEXT, min_size=1, max_size=3).map("\n".join)
TOPIC = st.one_of(st.just(""), st.lists(st.text(st.sampled_from(list("abcđơ ")), min_size=1,
                                                        max_size=8).map(str.strip).filter(bool),
                                                min_size=1, max_size=3).map(" / ".join))
DIFFICULTY = st.sampled_from(["easy", "medium", "hard", "unclassified"])
POINTS = st.integers(1, 400).map(lambda n: Decimal(n) / 4)
NUMBER = st.integers(-10**6, 10**6).map(lambda n: Decimal(n) / 100)


@st.composite
def items(draw, key):
    kind = draw(st.sampled_from(["single_choice", "multiple_response", "true_false",
                                 "short_answer", "numeric", "essay", "matching",
                                 "description"]))
    html_stem = draw(st.booleans())
    stem = draw(MULTILINE)
    fields = {}
    if html_stem:
        fields["stem_format"] = "html"
        stem = "<p>" + html.escape(stem.replace("\n", " "), quote=False) + "</p>"
    points = draw(POINTS)
    if kind in ("single_choice", "multiple_response"):
        texts = draw(st.lists(TEXT, min_size=2, max_size=5, unique_by=str.strip))
        if kind == "single_choice":
            right = draw(st.integers(0, len(texts) - 1))
            fractions = [Decimal(1 if i == right else 0) for i in range(len(texts))]
        else:
            k = draw(st.sampled_from([k for k in (1, 2, 4, 5) if k <= len(texts)]))
            fractions = [Decimal(1) / k] * k + [draw(st.sampled_from([Decimal(0), Decimal("-0.5")]))
                                                 for _ in texts[k:]]
        fields["options"] = tuple(Option(t, f) for t, f in zip(texts, fractions, strict=True))
    elif kind == "true_false":
        fields["options"] = true_false_options(draw(st.booleans()))
    elif kind == "short_answer":
        answers = draw(st.lists(TEXT, min_size=1, max_size=4, unique_by=str.strip))
        cut = draw(st.integers(1, len(answers)))
        fields["accepted_answers"] = tuple(answers[:cut])
        fields["partial_answers"] = tuple(PartialAnswer(a, Decimal(draw(st.integers(1, 99))) / 100)
                                          for a in answers[cut:])
        fields["case_sensitive"] = draw(st.booleans())
    elif kind == "numeric":
        fields["numeric_answer"] = draw(NUMBER)
        fields["tolerance"] = abs(draw(NUMBER))
        fields["partial_answers"] = tuple(
            PartialAnswer(str(v), Decimal(f) / 100, abs(t))
            for v, f, t in draw(st.lists(st.tuples(NUMBER, st.integers(1, 99), NUMBER), max_size=2)))
    elif kind == "matching":
        prompts = draw(st.lists(TEXT, min_size=2, max_size=4, unique_by=str.strip))
        answers = draw(st.lists(TEXT, min_size=2, max_size=4, unique_by=str.strip))
        # Prompts may share an answer; answers no prompt takes may stay as distractors.
        taken = answers[:2] + [answers[draw(st.integers(0, len(answers) - 1))] for _ in prompts[2:]]
        extra = [a for a in answers if a not in taken and draw(st.booleans())]
        fields["pairs"] = tuple(Pair(p, a) for p, a in zip(prompts, taken, strict=True)) + \
            tuple(Pair("", a) for a in extra)
    elif kind == "description":
        points = Decimal(0)
    else:
        rubric = draw(st.lists(st.tuples(TEXT, POINTS, st.one_of(st.just(""), TEXT)), max_size=3,
                               unique_by=lambda c: c[0].strip()))
        fields["rubric"] = tuple(Criterion(n, p, d) for n, p, d in rubric)
        if rubric:
            points = sum((p for _, p, _ in rubric), Decimal(0))
    feedback = draw(st.one_of(st.just(""), MULTILINE)) if kind != "description" else ""
    return Item(key=key, type=kind, stem=stem, points=points, topic=draw(TOPIC),
                difficulty=draw(DIFFICULTY), source=draw(st.one_of(st.just(""), TEXT)),
                general_feedback=feedback,
                diacritics_sensitive=draw(st.booleans()), **fields)


@st.composite
def banks(draw):
    keys = draw(st.lists(TEXT.map(lambda t: t[:60].strip()).filter(bool), min_size=1, max_size=4,
                         unique=True))
    bank = [draw(items(key)) for key in keys]
    return sorted(bank, key=lambda i: i.topic)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(banks())
def test_every_format_gives_back_the_same_items(bank):
    assert all(item.validate() == [] for item in bank)
    for fmt in EXPORT_FORMATS:
        once = parse(fmt, dump(fmt, bank))
        assert once == bank, fmt
        assert parse(fmt, dump(fmt, once)) == bank, fmt
