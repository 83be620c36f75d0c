"""What `question_bank` finds wrong with a question, and what an import changed or skipped,
in the reader's language.

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
    # what an import changed (the preview's notes)
    "answers written in HTML are kept as plain text": N_(
        "Answers written in HTML are kept as plain text."),
    "unsafe or unsupported HTML was removed from the question text": N_(
        "Unsafe or unsupported HTML was removed from the question text."),
    "Markdown is kept as plain text": N_("Markdown is kept as plain text."),
    "a file referenced by the question text is not in the file: its reference removed": N_(
        "A file the question text refers to is not in the upload: the reference was removed."),
    "units are not kept: candidates answer with the number only": N_(
        "Units are not kept: candidates answer with the number only."),
    "the general feedback of a description is not kept": N_(
        "The general feedback of a description is not kept."),
    "the grader information is not a thituyen rubric: a rubric is needed before approval": N_(
        "The grader information is not a rubric of this platform: the essay needs a rubric "
        "before approval."),
    "the file contains no question": N_("The file contains no question."),
}

PATTERNS = (
    (re.compile(r"'(?P<option>.*)' is not a valid Difficulty"),
     N_("%(option)s is not a difficulty: write easy, medium or hard.")),
    (re.compile(r"'(?P<option>.*)' is not a valid ItemType"),
     N_("%(option)s is not a question type.")),
    (re.compile(r"the (question|description) has no name: named (?P<option>.+) from its text"),
     N_("No name in the file: named %(option)s from its text.")),
    (re.compile(r"the answer (?P<option>.+) is worth (?P<n>-?[\d.]+)%: dropped \(it earns nothing\)"),
     N_("The answer %(option)s is worth %(n)s%%: left out (it earns nothing).")),
    (re.compile(r"the embedded file (?P<option>.+) is not valid base64: dropped"),
     N_("The embedded file %(option)s is damaged (not valid base64): left out.")),
    (re.compile(r"the embedded file (?P<option>.+) is not an image: dropped"),
     N_("The embedded file %(option)s is not a picture: left out.")),
    (re.compile(r"the name (?P<option>.+) is already used at (?P<where>.+): imported as (?P<new>.+)"),
     N_("The name %(option)s is already used at %(where)s: imported as %(new)s.")),
    (re.compile(r"the name is longer than (?P<n>\d+) characters: shortened to (?P<option>.+)"),
     N_("The name is longer than %(n)s characters: shortened to %(option)s.")),
    (re.compile(r"the key (?P<option>.+) is already in the bank"),
     N_("The question %(option)s is already in the bank.")),
    (re.compile(r"the key (?P<option>.+) is already used at (?P<where>.+)"),
     N_("The code %(option)s is already used at %(where)s.")),
    (re.compile(r"question type (?P<option>.+) is not supported"),
     N_("Questions of type %(option)s are not supported: skipped.")),
    (re.compile(r"items with (?P<option>.+) are not supported: skipped"),
     N_("Questions with %(option)s are not supported: skipped.")),
    (re.compile(r"the element (?P<option>.+) of the item body is not kept"),
     N_("The element %(option)s of the question is not kept.")),
    (re.compile(r"the file declares the encoding (?P<option>\S+) but its text is UTF-8: read as UTF-8"),
     N_("The file says its encoding is %(option)s but its text is UTF-8: read as UTF-8.")),
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


WHERE = (
    (re.compile(r"line (?P<line>\d+)"), N_("line %(line)s")),
    (re.compile(r"line (?P<line>\d+) \((?P<key>.+)\)"), N_("line %(line)s (%(key)s)")),
    (re.compile(r"item (?P<n>\d+) \((?P<key>.+)\), line (?P<line>\d+)"),
     N_("question %(n)s (%(key)s), line %(line)s")),
    (re.compile(r"the file"), N_("the file")),
)
_LEADING_LINE = re.compile(r"(?P<where>line \d+): (?P<rest>.+)", re.DOTALL)


def where_words(where: str) -> str:
    """Where in a file an import note points ("line 5", "item 2 (name), line 9")."""
    for pattern, message in WHERE:
        found = pattern.fullmatch(where)
        if found:
            return _(message, **found.groupdict())
    return where


def in_words(problem: str) -> str:
    """One problem in the reader's language (unknown ones as stated)."""
    known = FIXED.get(problem)
    if known is not None:
        return _(known)
    for pattern, message in PATTERNS:
        found = pattern.fullmatch(problem)
        if found:
            values = found.groupdict()
            if "where" in values:
                values["where"] = where_words(values["where"])
            if "n" in values and "." in values["n"]:
                from flask_babel import format_decimal

                values["n"] = format_decimal(float(values["n"]))
            return _(message, **values)
    leading = _LEADING_LINE.fullmatch(problem)
    if leading:
        return f"{where_words(leading['where'])}: {in_words(leading['rest'])}"
    return problem
