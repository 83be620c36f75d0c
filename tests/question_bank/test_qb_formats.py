"""GIFT, Moodle XML and CSV: round trips, the sample bank, and all-or-nothing errors."""

import pytest

from question_bank.formats import FORMATS, ImportFormatError, dump, parse, read
from question_bank.items import Criterion, Item, ItemType, Option, Pair, true_false_options
from question_bank.samples import SAMPLE_FILES, load_sample, sample_path

TOPIC = "Luật Cán bộ, công chức"
STEM = "Luật Cán bộ, công chức năm 2008 quy định… người đăng ký dự tuyển phải đủ bao nhiêu tuổi?"

ITEMS = [
    Item("cc-01", "single_choice", STEM + " {braces} a:b = c # d ~ e \\ f\ndòng hai", 1, TOPIC,
         "easy", options=(Option("Đủ 18 tuổi", 1), Option("Đủ 20 tuổi: ~ = #", 0)),
         source="Luật Cán bộ, công chức năm 2008, Điều 36", general_feedback='Xem "Điều 36"'),
    Item("cc-02", "multiple_response", "Hình thức kỷ luật đối với công chức?", 2, TOPIC, "medium",
         options=(Option("Khiển trách", "0.5"), Option("Cảnh cáo", "0.5"),
                  Option("Bãi nhiệm", "-0.5"), Option("Phạt tiền", 0))),
    Item("cc-03", "true_false", "Bãi nhiệm áp dụng với công chức.", 1, TOPIC, "hard",
         options=true_false_options(False)),
    Item("ql-01", "short_answer", "Chính phủ thực hiện quyền gì?", "1.5", "Quản lý/nhà nước",
         "medium", accepted_answers=("hành pháp", "quyền hành pháp"), case_sensitive=True,
         diacritics_sensitive=False),
    Item("ns-01", "numeric", "Dự phòng tối thiểu (%)?", 1, "Ngân sách", "easy",
         numeric_answer="2.5", tolerance="0.25"),
    Item("ns-02", "numeric", "Năm hiệu lực?", 1, "Ngân sách", "easy", numeric_answer=2017),
    Item("ld-01", "essay", "[html] Trình bày chương trình hành động…", "10", "Lãnh đạo", "hard",
         rubric=(Criterion("Nội dung", 6, 'Đủ ý "a"\nvà b'), Criterion("Trình bày", 4)),
         source="Đề án"),
    Item("gh-01", "matching", "Ghép cơ quan với thẩm quyền: {a} = b", 2, TOPIC, "medium",
         pairs=(Pair("Quốc hội", "lập pháp ~ # ="), Pair("Chính phủ", "hành pháp"),
                Pair("Bộ Nội vụ", "hành pháp"), Pair("", "tư pháp"))),
    Item("hd-01", "description", "Phần sau gồm các câu hỏi về Luật Cán bộ, công chức.\nĐọc kỹ.",
         0, TOPIC, ""),
]


@pytest.mark.parametrize("fmt", FORMATS)
def test_round_trip_every_type(fmt):
    assert {i.type for i in ITEMS} == set(ItemType)
    assert all(not i.validate() for i in ITEMS)
    text = dump(fmt, ITEMS)
    back = parse(fmt, text)
    assert back == ITEMS
    assert dump(fmt, back) == text


@pytest.mark.parametrize("fmt", FORMATS)
def test_sample_files_are_canonical_and_identical(fmt):
    items = load_sample(fmt)
    assert items == load_sample("gift")
    assert sample_path(fmt).read_text(encoding="utf-8") == dump(fmt, items)


def test_sample_bank_covers_the_blueprint_grid():
    items = load_sample()
    assert len(items) == 40
    assert len({i.topic for i in items}) == 4
    assert {i.difficulty for i in items} == {"easy", "medium", "hard"}
    # The sample bank fills a blueprint: no matching items or descriptions in it.
    assert {i.type for i in items} == set(ItemType) - {ItemType.MATCHING, ItemType.DESCRIPTION}
    assert sum(i.type == "essay" for i in items) == 4
    assert set(SAMPLE_FILES) == set(FORMATS)


def test_unknown_format():
    with pytest.raises(ValueError, match="unknown format"):
        parse("blackboard", "")


def problems_of(fmt, text):
    with pytest.raises(ImportFormatError) as info:
        parse(fmt, text)
    return info.value.problems


GOOD_GIFT = """$CATEGORY: T

// @difficulty: easy
::a:: Câu một {=Đúng ~Sai rồi}
"""


def test_gift_plain_moodle_syntax_is_understood():
    text = """$CATEGORY: $course$/top/Chủ đề

// @difficulty: easy
::a:: [html]Câu? {~%50%A#fb ~%50%B ~%-100%C####chung}

// @difficulty: easy
::b:: Đúng không? {TRUE}

// @difficulty: hard
::c:: Khoảng? {#1..2}
"""
    a, b, c = parse("gift", text)
    assert a.topic == "Chủ đề"
    assert a.stem == "Câu?"
    assert a.type == "multiple_response"
    assert a.general_feedback == "chung"
    assert [o.text for o in a.options] == ["A", "B", "C"]
    assert b.options == true_false_options(True)
    assert (c.numeric_answer, c.tolerance) == (1.5, 0.5)


def test_gift_rejects_the_whole_file_and_names_lines():
    text = GOOD_GIFT + """
// @difficulty: easy
::b:: Không có đáp án đúng {~A ~B}

::c:: Thiếu độ khó {=A ~B}

// @difficulty: easy
Không có khóa {=A ~B}

// @difficulty: easy
// @colour: red
::d:: Chỗ trống {=A ~B} sau
"""
    problems = problems_of("gift", text)
    joined = "\n".join(problems)
    assert "line 7 (b)" in joined
    assert "at least one correct" in joined
    assert "line 15: unknown metadata @colour" in joined
    # As Moodle writes them: no difficulty (to classify), no name, missing-word form.
    assert not any(f"line {n}" in p for p in problems for n in (4, 9, 12, 16))


def test_gift_duplicate_keys_and_type_mismatch():
    text = GOOD_GIFT + "\n// @difficulty: easy\n// @type: essay\n::a:: Lại {=X ~Y}\n"
    problems = problems_of("gift", text)
    assert any("line 8" in p and "@type says essay" in p for p in problems)
    text = GOOD_GIFT + "\n// @difficulty: easy\n::a:: Lại {=X ~Y}\n"
    report = read("gift", text)
    assert [i.key for i in report.items] == ["a", "a (2)"]
    assert "already used at line 4 (a): imported as 'a (2)'" in report.entries[1].notes[0]
    row = 'a,true_false,T,easy,?,"1|Đúng\n0|Sai"\n'
    csv_text = "key,type,topic,difficulty,stem,options\n" + row + row
    assert any("already used at line 2" in p for p in problems_of("csv", csv_text))


def test_gift_trailing_metadata_and_empty_file():
    assert any("not followed by a question" in p for p in problems_of("gift", GOOD_GIFT + "\n// @difficulty: hard\n"))
    assert problems_of("gift", "// only a comment\n") == ["the file contains no question"]


XML_HEAD = '<?xml version="1.0"?>\n<quiz>\n'


def test_xml_names_item_and_line():
    text = XML_HEAD + """<question type="category"><category><text>$course$/top/T</text></category></question>
<question type="multichoice">
  <name><text>x1</text></name><questiontext><text>Câu?</text></questiontext>
  <answer fraction="100"><text>A</text></answer><answer fraction="0"><text>B</text></answer>
  <tags><tag><text>difficulty:easy</text></tag></tags>
</question>
<question type="cloze">
  <name><text>x2</text></name>
</question>
<question type="multichoice">
  <name><text>x3</text></name><questiontext><text>Câu?</text></questiontext>
  <answer fraction="100"><text>A</text></answer>
</question>
</quiz>
"""
    problems = problems_of("moodle_xml", text)
    assert problems[0] == "item 2 (x2), line 9: question type 'cloze' is not supported"
    assert problems[1].startswith("item 3 (x3), line 12: a single choice item needs at least 2")
    assert len(problems) == 2


def test_xml_not_well_formed_reports_line():
    problems = problems_of("moodle_xml", XML_HEAD + "<question>\n</quiz>\n")
    assert problems[0].startswith("line 4: the XML is not well-formed")


def test_xml_refuses_entity_expansion():
    bomb = """<?xml version="1.0"?>
<!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>
<quiz><question type="essay"><name><text>&b;</text></name></question></quiz>
"""
    problems = problems_of("moodle_xml", bomb)
    assert problems == ["line 2: DOCTYPE/ENTITY declarations are not allowed"]


CSV_HEAD = "key,type,topic,difficulty,stem,options\n"


def test_csv_reports_line_numbers_of_multiline_records():
    text = CSV_HEAD + (
        'a,single_choice,T,easy,"Câu\nhai dòng","1|A\n0|B"\n'
        'b,single_choice,T,easy,Câu,"0|A\n0|B"\n'
        "c,single_choice,T,impossible,Câu,1|A\n"
        "d,single_choice,T,easy,Câu,A only\n"
        "e,essay,T,easy\n"
    )
    problems = problems_of("csv", text)
    assert len(problems) == 4
    assert problems[0].startswith("line 5 (b): a single choice item needs exactly one correct")
    assert problems[1].startswith("line 7: 'impossible' is not a valid Difficulty")
    assert problems[2].startswith("line 8: option 'A only' is not written as fraction|text")
    assert problems[3] == "line 9: 4 cells, but the header has 6"


def test_csv_header_errors():
    problems = problems_of("csv", "key,type,topic,stem,colour\n")
    assert "line 1: unknown column 'colour'" in problems
    assert "line 1: required column 'difficulty' is missing" in problems


def test_csv_accepts_excel_bom_and_defaults():
    (item,) = parse("csv", "\ufeff" + CSV_HEAD + 'a,single_choice,T,easy,Câu,"1|A\n0|B"\n')
    assert item.points == 1
    assert item.diacritics_sensitive
