"""Banks as people already have them: files exported by Moodle import as they are, and
never with a different meaning (each test below was a silent misimport)."""

from __future__ import annotations

import base64
from decimal import Decimal
from pathlib import Path

import pytest

from question_bank.formats import ImportFormatError, dump, parse, read
from question_bank.items import Difficulty, Item, ItemType, Option, Pair, TextFormat
from question_bank.scoring import score_response

FIXTURES = Path(__file__).parent.parent / "fixtures" / "moodle"
# A 1x1 transparent PNG.
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")


def gift(body: str):
    (item,) = parse("gift", "::q:: Câu hỏi " + body + "\n")
    return item


def test_moodle_numerical_with_zero_percent_answers_keeps_the_right_answer():
    item = gift("{#\n =%0%5:0#No\n =%100%9:0#Yes\n =%0%23:0#No\n}")
    assert item.type is ItemType.NUMERIC
    assert item.numeric_answer == 9
    assert score_response(item, "9") == 1
    assert score_response(item, "5") == 0


@pytest.mark.parametrize("body", ["{#\n =1822:0 #Correct\n =%50%1822:2 #close\n}",
                                  "{#\n =1822:0\n =%50%1822:2\n}"])
def test_numerical_partial_credit_answer_is_kept(body):
    item = gift(body)
    assert (item.numeric_answer, item.tolerance) == (1822, 0)
    assert score_response(item, "1822") == 1
    assert score_response(item, "1823") == Decimal("0.50")
    assert score_response(item, "1825") == 0


def test_matching_imports_as_matching_not_as_a_short_answer():
    item = gift("{=Canada -> Ottawa =Italy -> Rome = -> Paris}")
    assert item.type is ItemType.MATCHING
    assert item.accepted_answers == ()
    assert item.pairs == (Pair("Canada", "Ottawa"), Pair("Italy", "Rome"), Pair("", "Paris"))
    assert item.match_choices == ("Ottawa", "Rome", "Paris")
    assert score_response(item, [0, 1]) == 1
    assert score_response(item, [0, 2]) == Decimal("0.50")  # each right pair earns its share
    assert score_response(item, [None, None]) == 0


def test_a_description_is_an_instruction_block_not_a_question():
    report = read("gift", "::intro:: Phần sau hỏi về Luật Cán bộ.\n\n::k:: Có? {T}\n")
    intro, question = report.items
    assert intro.type is ItemType.DESCRIPTION
    assert intro.points == 0
    assert intro.stem == "Phần sau hỏi về Luật Cán bộ."
    assert score_response(intro, None) is None
    assert intro.approval_problems() == []  # nothing to classify: no cell draws it
    assert question.type is ItemType.TRUE_FALSE


def test_per_answer_format_tags_are_not_kept_as_text():
    item = gift("{=yellow # right\n ~red # [html]wrong\n ~[plain]blue # wrong\n ~[html]<b>green</b>}")
    assert [o.text for o in item.options] == ["yellow", "red", "blue", "green"]


def test_moodle_short_answer_with_explicit_100_percent_and_partial_credit():
    item = gift("{=%100%Moodler#}")
    assert item.type is ItemType.SHORT_ANSWER
    assert item.accepted_answers == ("Moodler",)
    item = gift("{=Frog#Good!\n =%50%Cat#Cats?\n =%0%*#Completely wrong}")
    assert item.accepted_answers == ("Frog",)
    assert score_response(item, "cat") == Decimal("0.50")
    assert score_response(item, "*") == 0


def xml_question(questiontext: str, extra: str = "") -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="truefalse">
    <name><text>Ảnh</text></name>
    <questiontext format="html">{questiontext}{extra}</questiontext>
    <answer fraction="100"><text>true</text></answer>
    <answer fraction="0"><text>false</text></answer>
  </question>
</quiz>
"""


def test_embedded_image_travels_with_the_item_and_other_files_are_reported():
    png = base64.b64encode(PNG).decode()
    text = xml_question(
        '<text><![CDATA[<p><img src="@@PLUGINFILE@@/sơ đồ.png" alt="Sơ đồ"> '
        '<a href="@@PLUGINFILE@@/bonjour.mp3">nghe</a></p>]]></text>',
        f'<file name="sơ đồ.png" path="/" encoding="base64">{png}</file>'
        '<file name="bonjour.mp3" path="/" encoding="base64">SUQz</file>')
    report = read("moodle_xml", text.encode("utf-8"))
    (entry,) = report.entries
    assert entry.status == "changed"
    assert f'src="data:image/png;base64,{png}"' in entry.item.stem
    assert "@@PLUGINFILE@@" not in entry.item.stem
    assert any("bonjour.mp3" in n and "not an image" in n for n in entry.notes)


def test_a_missing_embedded_file_is_reported_not_left_as_a_broken_reference():
    report = read("moodle_xml", xml_question('<text><![CDATA[<img src="@@PLUGINFILE@@/x.png">]]></text>'))
    (entry,) = report.entries
    assert "@@PLUGINFILE@@" not in entry.item.stem
    assert any("not in the file" in n for n in entry.notes)


def test_utf8_file_declaring_latin1_keeps_vietnamese():
    text = xml_question("<text>Chương 1</text>").replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    report = read("moodle_xml", text.encode("utf-8"))
    assert report.items[0].stem == "Chương 1"
    assert any("ISO-8859-1" in n for n in report.file_notes)


def test_a_real_latin1_file_is_read_in_its_declared_encoding():
    text = xml_question("<text>Café</text>").replace('encoding="UTF-8"', 'encoding="ISO-8859-1"')
    text = text.replace("Ảnh", "Anh")
    assert parse("moodle_xml", text.encode("latin-1"))[0].stem == "Café"


def test_gift_export_then_import_does_not_grow_format_tags():
    original = [Item("q", "single_choice", "[html] là gì?", 1, "T", "easy",
                     options=(Option("[html]", 1), Option("[plain]b", 0)))]
    once = parse("gift", dump("gift", original))
    twice = parse("gift", dump("gift", once))
    assert once == original == twice


def test_huge_numeric_range_is_a_clear_error_not_a_crash():
    with pytest.raises(ImportFormatError, match="line 1.*out of range"):
        parse("gift", "::q:: Số? {#9e999999..9e999999}\n")


def test_html_stems_are_kept_as_sanitised_html():
    (item,) = parse("gift", "::q:: [html]<p>Chọn <b>một</b><script>x()</script></p> {T}\n")
    assert item.stem_format is TextFormat.HTML
    assert item.stem == "<p>Chọn <b>một</b></p>"
    (plain,) = parse("gift", "::q:: 2 < 3 {T}\n")
    assert plain.stem_format is TextFormat.PLAIN
    assert plain.stem == "2 < 3"


def test_a_category_path_gives_the_same_topic_from_gift_and_xml():
    (g,) = parse("gift", "$CATEGORY: $course$/top/Luật/Chương 1\n\n::q:: Có? {T}\n")
    x = read("moodle_xml", """<quiz>
<question type="category"><category><text>$course$/top/Luật/Chương 1</text></category></question>
<question type="truefalse"><name><text>q</text></name><questiontext><text>Có?</text></questiontext>
<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
</question></quiz>""").items[0]
    assert g.topic == x.topic == "Luật / Chương 1"
    assert parse("gift", dump("gift", [g]))[0].topic == g.topic
    assert parse("moodle_xml", dump("moodle_xml", [x]))[0].topic == x.topic


# --- Moodle's own test files, unedited -------------------------------------------------

def test_moodle_gift_test_file_imports_unedited():
    report = read("gift", (FIXTURES / "questions.gift.txt").read_bytes())
    assert report.problems == []
    by_key = {i.key: i for i in report.items}
    assert set(by_key) == {"Q8", "Moodle activities", "Q2", "colours", "Q5", "Shortanswer", "Q1",
                           "2-08 TSL", "2-08 TSL (2)"}
    assert report.skipped == []
    matching = by_key["Moodle activities"]
    assert matching.type is ItemType.MATCHING
    assert matching.stem == "Match the <b>activity</b> to the description."
    assert matching.pairs == (
        Pair("An activity supporting asynchronous discussions.", "Forum"),
        Pair("A teacher asks a question and specifies a choice of multiple responses.", "Choice"),
        Pair("A bank of record entries which participants can add to.", "Database"),
        Pair("A collection of web pages that anyone can add to or edit.", "Wiki"),
        Pair("", "Chat"))
    assert by_key["Q8"].type is ItemType.ESSAY
    assert by_key["Q8"].approval_problems()
    assert [o.text for o in by_key["Q2"].options] == ["yellow", "red", "blue"]
    assert by_key["Q2"].type is ItemType.SINGLE_CHOICE
    assert [o.fraction for o in by_key["colours"].options] == [Decimal("0.5"), -1, Decimal("0.5"), -1]
    assert (by_key["Q5"].numeric_answer, by_key["Q5"].tolerance) == (3, 2)
    assert by_key["Shortanswer"].accepted_answers == ("Frog",)
    assert by_key["Shortanswer"].partial_answers[0].text == "Cat"
    assert by_key["Q1"].options[1].fraction == 1  # FALSE is right
    assert by_key["Q1"].general_feedback.startswith("This is, of course")
    assert all(i.difficulty is Difficulty.UNCLASSIFIED for i in report.items)


def test_moodle_xml_nested_categories_file_imports_unedited():
    report = read("moodle_xml", (FIXTURES / "nested_categories_with_questions.xml").read_bytes())
    assert report.problems == []
    assert report.skipped == []
    assert [(i.key, i.topic) for i in report.items] == [
        ("Iota Question", "Iota"), ("Kappa Essay Question", "Iota / Kappa"),
        ("Kappa Question", "Iota / Kappa"), ("Lambda Question", "Iota / Kappa / Lambda"),
        ("Mu Question", "Iota / Mu")]
    assert report.items[0].stem == "<p>Testing Iota Question</p>"
    assert report.items[0].stem_format is TextFormat.HTML


def test_html_from_files_cannot_script_link_out_or_load_from_elsewhere():
    (item,) = parse("gift", "::q:: [html]<p onclick=\"steal()\">Xem <a href=\"https://evil.example\">đây</a>"
                            "<img src=\"https://evil.example/t.png\" alt=\"t\"><script>x()</script>"
                            "<iframe src=\"https://evil.example\"></iframe></p> {T}\n")
    assert item.stem == '<p>Xem đây<img alt="t"></p>'


def test_gift_bytes_with_bom_crlf_and_decomposed_vietnamese():
    decomposed = "Chu\u031bo\u031b\u0300ng"  # "Chường" typed with combining marks
    data = ("\ufeff$CATEGORY: $course$/top/" + decomposed + "\r\n\r\n::q:: " + decomposed + "? {T}\r\n")
    (item,) = parse("gift", data.encode("utf-8"))
    assert item.stem == "Chường?"
    assert item.topic == "Chường"


def test_moodle_types_the_platform_does_not_score_are_named_with_their_line():
    report = read("moodle_xml", b"""<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="multianswer"><name><text>Cloze 1</text></name></question>
  <question type="description"><name><text>Intro</text></name></question>
  <question type="truefalse"><name><text>ok</text></name><questiontext><text>?</text></questiontext>
    <answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>
  </question>
</quiz>""")
    assert report.skipped == ["item 1 (Cloze 1), line 3: question type 'multianswer' is not supported"]
    assert report.problems == ["item 2 (Intro), line 4: the stem is empty"]
    assert [i.key for i in report.items] == ["ok"]


def test_moodle_matching_test_file_imports_unedited():
    report = read("moodle_xml", (FIXTURES / "match_testquestion.moodle.xml").read_bytes())
    assert report.problems == []
    assert report.skipped == []
    (item,) = report.items
    assert (item.key, item.type, item.topic, item.points) == ("matching-001", ItemType.MATCHING,
                                                              "Test questions", 1)
    assert item.pairs == (Pair("frog", "amphibian"), Pair("cat", "mammal"),
                          Pair("newt", "amphibian"), Pair("", "insect"))
    assert item.match_choices == ("amphibian", "mammal", "insect")
    assert item.general_feedback == "General feedback."
    assert score_response(item, [0, 1, 0]) == 1
    assert score_response(item, [0, 0, 2]) == Decimal("0.33")  # one pair of three right
    for fmt in ("gift", "moodle_xml", "csv", "qti"):
        assert parse(fmt, dump(fmt, [item])) == [item], fmt
