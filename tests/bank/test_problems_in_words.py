"""A question the bank refuses is explained in the reader's language, not in the English of
the question_bank library."""

from __future__ import annotations

import dataclasses

import pytest
from flask_babel import force_locale

from exam.bank import service
from exam.errors import InvalidInput
from tests.bank.test_service import authors, question  # noqa: F401  (fixture, helper)


def test_an_unusable_question_is_explained_in_vietnamese(db, clock, authors):  # noqa: F811
    author, _reviewer = authors
    broken = dataclasses.replace(question(), stem="   ", points=0)
    with pytest.raises(InvalidInput) as english:
        service.create_item(db, author, broken, now=clock.now)
    assert "The question text is empty." in english.value.message
    with force_locale("vi"), pytest.raises(InvalidInput) as vietnamese:
        service.create_item(db, author, broken, now=clock.now)
    assert "Nội dung câu hỏi đang để trống." in vietnamese.value.message
    assert "Số điểm phải lớn hơn 0." in vietnamese.value.message
    assert "the stem is empty" not in vietnamese.value.message
