"""The judge the browser tests run on every Vietnamese page they visit catches what a reader
would: English, stored codes and foreign date or number formats; it passes good Vietnamese."""

from tests.browser.words import page_problems


def test_good_vietnamese_passes():
    assert page_problems([
        "Hạn nộp hồ sơ: 05/03/2026 14:07", "Điểm: 7,5", "Nguyễn Văn An", "Sở Nội vụ",
        "Phần 1 · 45 phút · 10 điểm", "Đại học", "1.234 thí sinh"]) == []


def test_english_codes_and_foreign_formats_are_caught():
    cases = {
        "This field is required.": "English",
        "Signature 'x' (A): the signed content was altered.": "English",
        "Loại: single_choice": "stored code",
        "Trình độ: bachelor": "stored code",
        "Hạn: 5/3/26 14:07": "two-digit year",
        "Hạn: 5 thg 3, 2026": "abbreviated month",
        "Hạn: 2026-03-05": "ISO date",
        "Hạn: 5/3/2026": "without its zero",
        "Deadline: 3:07 PM": "12-hour",
        "Điểm: 7.5": "decimal point",
    }
    for text, expected in cases.items():
        problems = page_problems([text])
        assert any(expected in p for p in problems), (text, problems)
