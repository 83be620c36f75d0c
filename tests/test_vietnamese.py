"""Vietnamese names, dates and numbers as Vietnamese readers expect them."""

from datetime import UTC, date, datetime
from decimal import Decimal

from exam.vietnamese import (
    format_date_vi,
    format_datetime_vi,
    format_number_vi,
    name_key,
    sort_names,
)


def test_names_sort_by_given_name_then_middle_then_family():
    names = ["Trần Văn Bình", "Nguyễn Thị An", "Lê Văn An", "Nguyễn Văn An"]
    assert sort_names(names) == ["Nguyễn Thị An", "Lê Văn An", "Nguyễn Văn An", "Trần Văn Bình"]


def test_letters_follow_the_vietnamese_alphabet():
    # a < ă < â, d < đ < e, o < ô < ơ, u < ư < v, and "Ch" after "C" words like "Cường".
    given = ["Đức", "Dũng", "Ân", "Ắng", "Anh", "Ơn", "Ông", "Oanh", "Ưng", "Uyên", "Vy"]
    ordered = [n.split()[-1] for n in sort_names([f"Phạm {g}" for g in given])]
    assert ordered == ["Anh", "Ắng", "Ân", "Dũng", "Đức", "Oanh", "Ông", "Ơn", "Uyên", "Ưng", "Vy"]


def test_tones_only_break_ties_in_their_order():
    tones = ["Hạnh", "Hanh", "Hánh", "Hãnh", "Hảnh", "Hành"]
    assert sort_names(tones) == ["Hanh", "Hành", "Hảnh", "Hãnh", "Hánh", "Hạnh"]
    # letters decide before tones: "Hà" (h-a) comes before "Hai" (h-a-i) whatever the tones.
    assert sort_names(["Hai", "Hà"]) == ["Hà", "Hai"]


def test_composed_and_decomposed_spellings_sort_alike():
    composed = "Nguyễn Văn Đức"
    decomposed = "Nguye\u0302\u0303n Va\u0306n \u0110u\u031b\u0301c"
    assert name_key(composed)[:3] == name_key(decomposed)[:3]


def test_dates_times_and_numbers_in_vietnamese_conventions():
    moment = datetime(2026, 3, 5, 14, 7, tzinfo=UTC)
    assert format_date_vi(date(2026, 3, 5)) == "05/03/2026"
    assert format_datetime_vi(moment) == "14:07 05/03/2026"
    assert format_number_vi(Decimal("1234.5"), 2) == "1.234,50"
    assert format_number_vi(0.675, 2) == "0,68"
    assert format_number_vi(-1234567) == "-1.234.567"


def test_the_board_reviews_applications_in_roster_order(db, clock):
    from exam.competitions.models import Role
    from exam.registration.service import applications_for_review
    from tests.factories import make_application, make_board, make_competition, make_user

    competition = make_competition(db, now=clock.days(-3))
    chair = make_board(db, competition)[Role.CHAIR]
    for name in ("Trần Văn Bình", "Đặng Thị Ánh", "Nguyễn Văn An", "Lê Thị Ân", "Phạm Anh"):
        make_application(db, competition, user=make_user(db, full_name=name))
    first, total = applications_for_review(db, chair, competition, per_page=3)
    second, _ = applications_for_review(db, chair, competition, page=2, per_page=3)
    assert total == 5
    assert [a.user.full_name for a in first + second] == [
        "Nguyễn Văn An", "Phạm Anh", "Đặng Thị Ánh", "Lê Thị Ân", "Trần Văn Bình"]
