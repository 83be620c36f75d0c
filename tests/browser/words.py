"""What a Vietnamese reader must never meet on a page: English sentences, stored codes
(`single_choice`, `bachelor`), dates in another format than dd/MM/yyyy HH:mm, a decimal point.

`page_problems` judges the visible text of one page; the browser tests' `page` fixture runs it
on every Vietnamese page they load (see conftest.py), so a new English message fails a test.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import cache
from pathlib import Path

CATALOG = Path(__file__).resolve().parents[2] / "exam/translations/vi/LC_MESSAGES/messages.po"

# English words that are not Vietnamese syllables (no "an", "no", "to": names and Vietnamese
# words use them); two of them in one text are English.
ENGLISH_WORDS = frozenset({
    "the", "and", "must", "is", "are", "was", "were", "this", "that", "your", "you", "with",
    "not", "cannot", "field", "required", "invalid", "please", "signature", "document", "for",
    "has", "have", "been", "be", "or", "of", "from", "which", "will", "would", "should",
    "value", "valid", "choice", "into", "after", "before", "there", "their", "here", "what",
    "when", "where", "who",
})

# Visible text, minus what is not meant to be read as words in the page's language:
# scripts, code and hashes (`.mono`, <code>), and anything marked with another language.
EXTRACT_JS = """() => {
  const skip = 'script,style,noscript,code,pre,kbd,samp,.mono,[translate="no"],' +
               '[lang]:not([lang^="vi"])';
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(skip)) continue;
    const text = node.textContent.replace(/\\s+/g, ' ').trim();
    if (text) texts.push(text);
  }
  for (const el of document.querySelectorAll('[placeholder],[title],[aria-label]')) {
    if (el.closest(skip)) continue;
    for (const name of ['placeholder', 'title', 'aria-label']) {
      const value = el.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  return {lang: document.documentElement.lang, texts: texts};
}"""


@cache
def stored_codes() -> frozenset[str]:
    """Every value of the app's enumerations with an underscore or an English look."""
    import importlib

    codes = set()
    for module in ("exam.registration.models", "exam.bank.models", "exam.competitions.models",
                   "exam.appeals.models", "exam.scoring.models", "exam.oversight.models",
                   "question_bank.items"):
        for value in vars(importlib.import_module(module)).values():
            if isinstance(value, type) and issubclass(value, StrEnum) and value is not StrEnum:
                codes.update(str(member) for member in value)
    codes.update({"easy", "medium", "hard"})
    return frozenset(code for code in codes if code.isascii() and len(code) > 2)


@cache
def english_sentences() -> tuple[str, ...]:
    """Our own English messages of three words or more whose Vietnamese differs."""
    from babel.messages.pofile import read_po

    if not CATALOG.exists():
        return ()
    with open(CATALOG, "rb") as handle:
        catalog = read_po(handle, locale="vi")
    found = []
    for message in catalog:
        msgid = message.id[0] if message.pluralizable else message.id
        text = message.string[0] if message.pluralizable else message.string
        if not msgid or not text or text == msgid or "%(" in msgid or "{" in msgid:
            continue
        if len(msgid.split()) >= 3:
            found.append(msgid)
    return tuple(found)


DATE_PROBLEMS = (
    (re.compile(r"\b\d{4}-\d{2}-\d{2}\b"), "an ISO date"),
    (re.compile(r"\b\d{1,2}/\d{1,2}/\d{2}\b(?![\d/])"), "a two-digit year"),
    (re.compile(r"(?<![\d/])(\d/\d{1,2}|\d{1,2}/\d)/\d{4}\b"), "a day or month without its zero"),
    (re.compile(r"\bthg \d"), "Babel's abbreviated month"),
    (re.compile(r"\b\d{1,2}:\d{2}\s?(AM|PM)\b"), "a 12-hour clock"),
    (re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|"
                r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b \d"),
     "an English month"),
    (re.compile(r"(?<![\d.])(?<!QTI )\d+\.\d{1,2}(?![\d.])"), "a decimal point"),  # QTI 3.0 is a name
)


def page_problems(texts: list[str]) -> list[str]:
    """Problems a Vietnamese reader would notice in these visible texts of one page."""
    problems = []
    whole = "\n".join(texts)
    for sentence in english_sentences():
        if sentence in whole:
            problems.append(f"English message: {sentence!r}")
    codes = stored_codes()
    for text in texts:
        words = re.findall(r"[A-Za-z_]+", text)
        english = {w.lower() for w in words} & ENGLISH_WORDS
        if len(english) >= 2:
            problems.append(f"English text: {text[:120]!r}")
        for word in words:
            if word in codes or re.fullmatch(r"[a-z]+(_[a-z]+)+", word):
                problems.append(f"stored code {word!r} in {text[:80]!r}")
        for pattern, what in DATE_PROBLEMS:
            if pattern.search(text):
                problems.append(f"{what} in {text[:80]!r}")
    return list(dict.fromkeys(problems))
