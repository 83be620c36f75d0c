"""What `question_bank` finds wrong with a question, in the reader's language.

`question_bank` stays free of Flask and speaks plain English (it is also a library and a
command-line tool); the platform says the same problems through its catalog. A problem this
table does not know is shown as the library states it.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _


def N_(message: str) -> str:  # noqa: N802  (marks a message for extraction; translated later)
    return message


FIXED = {
    "the item has no key": N_("The question has no code."),
    "the key must not contain spaces or '|'": N_("The question's code must not contain spaces "
                                                 "or '|'."),
    "the stem is empty": N_("The question text is empty."),
    "the topic is empty": N_("The topic is empty."),
    "points must be greater than 0": N_("The points must be greater than 0."),
    "an option has no text": N_("An option has no text."),
    "two options have the same text": N_("Two options have the same text."),
    "a single choice item needs at least 2 options": N_("A single choice question needs at "
                                                        "least 2 options."),
    "a single choice item needs exactly one correct option (fraction 1)": N_(
        "A single choice question needs exactly one correct option (fraction 1)."),
    "a single choice item is all or nothing: no negative fractions": N_(
        "A single choice question is all or nothing: no negative fractions."),
    "a multiple response item needs at least 2 options": N_(
        "A multiple response question needs at least 2 options."),
    "a multiple response item needs at least one correct option": N_(
        "A multiple response question needs at least one correct option."),
    "a true/false item needs exactly one correct option (fraction 1) and one 0": N_(
        "A true/false question needs exactly one correct option (fraction 1) and one 0."),
    "a short answer item needs at least one accepted answer": N_(
        "A short answer question needs at least one accepted answer."),
    "an accepted answer spans several lines": N_("An accepted answer spans several lines."),
    "a numeric item needs a numeric answer": N_("A numeric question needs a numeric answer."),
    "the tolerance must not be negative": N_("The tolerance must not be negative."),
    "an essay needs a rubric": N_("An essay needs a rubric."),
    "a rubric criterion has no name": N_("A rubric criterion has no name."),
    "a matching item needs at least 2 prompts, each with its answer": N_(
        "A matching question needs at least 2 items, each with its match."),
    "two prompts of a matching item have the same text": N_(
        "Two items of a matching question have the same text."),
    "a matching item needs at least 2 different answers": N_(
        "A matching question needs at least 2 different matches."),
    "a distractor of a matching item repeats another answer": N_(
        "An extra match of a matching question repeats another match."),
    "a description is not scored: its points must be 0": N_(
        "A description is not scored: its points must be 0."),
}

PATTERNS = (
    (re.compile(r"the prompt (?P<option>.+) has no answer"),
     N_("The item %(option)s has no match.")),
    (re.compile(r"the pair (?P<option>.+) spans several lines"),
     N_("The pair %(option)s spans several lines.")),
    (re.compile(r"option (?P<option>.+) spans several lines"),
     N_("Option %(option)s spans several lines.")),
    (re.compile(r"option (?P<option>.+) has a fraction outside -1\.\.1"),
     N_("Option %(option)s has a fraction outside -1 to 1.")),
    (re.compile(r"rubric criterion (?P<option>.+) must be worth more than 0 points"),
     N_("Rubric criterion %(option)s must be worth more than 0 points.")),
    (re.compile(r"the positive fractions of a multiple response item sum to (?P<option>\S+), "
                r"not 1"),
     N_("The positive fractions of a multiple response question sum to %(option)s, not 1.")),
)


def in_words(problem: str) -> str:
    """One problem in the reader's language (unknown ones as stated)."""
    known = FIXED.get(problem)
    if known is not None:
        return _(known)
    for pattern, message in PATTERNS:
        found = pattern.fullmatch(problem)
        if found:
            return _(message, option=found.group("option"))
    return problem
