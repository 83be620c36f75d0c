"""The verifiable draw: spec conformance, fixed test vectors, fairness, blueprint coverage."""

import hashlib
import hmac
import random
import unicodedata
from collections import Counter
from itertools import permutations

import pytest

from question_bank.draw import (
    Cell,
    HmacStream,
    Part,
    canonical_json,
    check_pool,
    commitment,
    derive_seed,
    draw_paper,
    paper_fingerprint,
    snapshot_digest,
)
from question_bank.items import Criterion, Item, Option, true_false_options
from question_bank.samples import load_sample

SECRET = bytes(range(32))
PUBLIC = "Xổ số kiến thiết Thủ đô 2025-06-01: 123456"
SEED = derive_seed(SECRET, PUBLIC)
TOPICS = ["Luật Cán bộ, công chức", "Quản lý nhà nước và thủ tục hành chính",
          "Luật Ngân sách nhà nước", "Kỹ năng lãnh đạo, quản lý"]

# Computed once from this implementation; any change to the algorithm must fail here.
EXPECTED_SNAPSHOT = "e9d2ff72b6d3385e718184e39ffcb372932770d942b49791c0e3a86acb1e047e"
EXPECTED_FINGERPRINT = "69b43dd11ba4da563adc80f05fca6aabb0bbb02bc1c7f1474be9bcc822f084b3"
EXPECTED_KEYS = ["t1-tf", "t0-easy-5", "t0-easy-4", "t1-hard-0", "t0-easy-1", "t1-hard-2", "e0"]


@pytest.fixture(scope="module")
def bank():
    return load_sample()


def blueprint():
    objective = tuple(
        cell
        for topic in TOPICS
        for cell in (
            Cell(topic, "easy", "single_choice", 2, 1),
            Cell(topic, "medium", "single_choice", 1, 1),
            Cell(topic, "medium", "multiple_response", 1, 2),
            Cell(topic, "easy", "true_false", 1, "0.5"),
        )
    )
    essay = (Cell(TOPICS[0], "hard", "essay", 1, 10),)
    return [Part("A", "Trắc nghiệm", objective),
            Part("B", "Tự luận", essay, essay_mode="shared_variant")]


def test_commitment_follows_the_spec():
    expected = hashlib.sha256(b"thituyen-commit-v1\x00board-secret\x00" + SECRET).hexdigest()
    assert commitment("board-secret", SECRET) == expected
    assert commitment("board-secret", SECRET) != commitment("bank-snapshot", SECRET)


def test_seed_follows_the_spec_and_normalises_the_public_value():
    msg = b"thituyen-seed-v1\x00" + unicodedata.normalize("NFC", PUBLIC).encode()
    assert hmac.new(SECRET, msg, hashlib.sha256).digest() == SEED
    assert derive_seed(SECRET, unicodedata.normalize("NFD", PUBLIC)) == SEED
    assert derive_seed(SECRET, PUBLIC + " ") != SEED
    with pytest.raises(ValueError, match="16 bytes"):
        derive_seed(b"short", PUBLIC)


def test_stream_blocks_follow_the_spec():
    stream = HmacStream(SEED, "ctx")
    expected = b"".join(
        hmac.new(SEED, b"ctx\x00" + i.to_bytes(8, "big"), hashlib.sha256).digest() for i in range(3)
    )
    assert stream.read(40) + stream.read(56) == expected


def test_randbelow_is_rejection_sampling_not_modulo():
    """n = 3 needs 2 bits: a byte masked to 0..3, with 3 thrown away instead of folded."""
    stream, raw = HmacStream(SEED, "rej"), HmacStream(SEED, "rej")
    drawn = [stream.randbelow(3) for _ in range(200)]
    reference = []
    while len(reference) < 200:
        value = raw.read(1)[0] & 3
        if value < 3:
            reference.append(value)
    assert drawn == reference
    assert HmacStream(SEED, "one").randbelow(1) == 0


@pytest.mark.parametrize("n", [3, 5, 6, 7, 10, 100])
def test_randbelow_is_uniform_for_n_not_a_power_of_two(n):
    draws = 1000 * n
    stream = HmacStream(SEED, f"uniform|{n}")
    counts = Counter(stream.randbelow(n) for _ in range(draws))
    assert set(counts) == set(range(n))
    chi2 = sum((c - 1000) ** 2 / 1000 for c in counts.values())
    # 99.9th percentile of chi-square with n-1 degrees of freedom is below 3(n-1) + 20 here.
    assert chi2 < 3 * (n - 1) + 20, counts


def test_sample_frequencies_within_15_percent():
    """3000 draws of 2 from 10: each item expected 600 times; all within 510..690."""
    population = [f"q{i:02d}" for i in range(10)]
    counts = Counter()
    for i in range(3000):
        picked = HmacStream(SEED, f"freq|{i}").sample(population, 2)
        assert len(set(picked)) == 2
        counts.update(picked)
    assert all(510 <= counts[p] <= 690 for p in population), counts
    chi2 = sum((counts[p] - 600) ** 2 / 600 for p in population)
    assert chi2 < 27.88  # chi-square, 9 degrees of freedom, p = 0.001


def test_shuffle_gives_every_permutation_evenly():
    counts = Counter(tuple(HmacStream(SEED, f"perm|{i}").shuffle("abc")) for i in range(6000))
    assert set(counts) == set(permutations("abc"))
    assert all(850 <= c <= 1150 for c in counts.values()), counts


def test_sample_requires_sorted_population():
    with pytest.raises(ValueError, match="sorted"):
        HmacStream(SEED, "x").sample(["b", "a"], 1)
    with pytest.raises(ValueError, match="cannot sample 3"):
        HmacStream(SEED, "x").sample(["a", "b"], 3)


def fixed_snapshot():
    """A bank defined here, not the editable sample, so only the algorithm can move the vector."""
    items = []
    for t in range(2):
        for d in ("easy", "hard"):
            for i in range(6):
                items.append(Item(f"t{t}-{d}-{i}", "single_choice", f"Câu {t}{d}{i}", 1, f"Chủ đề {t}",
                                  d, options=tuple(Option(f"Ý {j}", 1 if j == i % 4 else 0)
                                                   for j in range(4))))
        items.append(Item(f"t{t}-tf", "true_false", "Đúng hay sai?", 1, f"Chủ đề {t}", "easy",
                          options=true_false_options(True)))
    for i in range(3):
        items.append(Item(f"e{i}", "essay", f"Tự luận {i}", 10, "Chủ đề 0", "hard",
                          rubric=(Criterion("Nội dung", 10),)))
    return items


FIXED_PARTS = [
    Part("A", "Trắc nghiệm", (Cell("Chủ đề 0", "easy", "single_choice", 3),
                              Cell("Chủ đề 1", "hard", "single_choice", 2),
                              Cell("Chủ đề 1", "easy", "true_false", 1))),
    Part("B", "Tự luận", (Cell("Chủ đề 0", "hard", "essay", 1, 10),), "shared_variant"),
]


def test_fixed_paper_fingerprint():
    snapshot = fixed_snapshot()
    assert snapshot_digest(snapshot) == EXPECTED_SNAPSHOT
    paper = draw_paper(SEED, snapshot, FIXED_PARTS, "TS-0001")
    assert paper_fingerprint(paper) == EXPECTED_FINGERPRINT
    assert [d.item_key for d in paper] == EXPECTED_KEYS


def test_every_cell_is_filled_with_distinct_matching_items(bank):
    parts = blueprint()
    by_key = {item.key: item for item in bank}
    paper = draw_paper(SEED, bank, parts, "TS-0002")
    assert len({d.item_key for d in paper}) == len(paper)
    for part in parts:
        lines = [d for d in paper if d.part_key == part.key]
        assert [d.position for d in lines] == list(range(1, len(lines) + 1))
        for cell in part.cells:
            assert sum(cell.matches(by_key[d.item_key]) for d in lines) == cell.count
    for d in paper:
        item = by_key[d.item_key]
        assert sorted(d.option_order) == list(range(len(item.options)))
        if item.type == "true_false":
            assert d.option_order == (0, 1)


def test_candidates_get_different_papers_but_the_same_shared_essay(bank):
    papers = {c: draw_paper(SEED, bank, blueprint(), c) for c in (f"TS-{i:04d}" for i in range(30))}
    objective = {tuple((d.item_key, d.option_order) for d in p if d.part_key == "A")
                 for p in papers.values()}
    assert len(objective) == 30
    essays = {tuple(d.item_key for d in p if d.part_key == "B") for p in papers.values()}
    assert len(essays) == 1
    shuffled_options = sum(d.option_order != tuple(sorted(d.option_order))
                           for p in papers.values() for d in p)
    assert shuffled_options > 200


def test_draw_is_pure_and_ignores_storage_order(bank):
    shuffled = list(bank)
    random.Random(7).shuffle(shuffled)
    first = draw_paper(SEED, bank, blueprint(), "TS-0003")
    assert draw_paper(SEED, shuffled, blueprint(), "TS-0003") == first
    assert draw_paper(SEED, bank, blueprint(), unicodedata.normalize("NFD", "TS-0003")) == first
    other_seed = derive_seed(SECRET, PUBLIC + "!")
    assert draw_paper(other_seed, bank, blueprint(), "TS-0003") != first


def test_check_pool_names_every_short_cell(bank):
    parts = [Part("A", "x", (Cell(TOPICS[0], "hard", "single_choice", 5),
                             Cell(TOPICS[1], "hard", "numeric", 1),
                             Cell(TOPICS[2], "easy", "single_choice", 3)))]
    assert check_pool(parts, bank) == [
        f"topic {TOPICS[0]} / hard / single_choice: needs 5, pool has 1",
        f"topic {TOPICS[1]} / hard / numeric: needs 1, pool has 0",
    ]
    with pytest.raises(ValueError, match="needs 5, pool has 1"):
        draw_paper(SEED, bank, parts, "TS-1")
    assert check_pool(blueprint(), bank) == []


def test_blueprint_refuses_duplicate_cells(bank):
    cell = Cell(TOPICS[0], "easy", "single_choice", 1)
    problems = check_pool([Part("A", "x", (cell,)), Part("B", "y", (cell,))], bank)
    assert problems == [f"topic {TOPICS[0]} / easy / single_choice: appears in 2 cells"]


def test_snapshot_digest_is_order_free_and_edit_sensitive(bank):
    digest = snapshot_digest(bank)
    assert snapshot_digest(reversed(bank)) == digest
    edited = [Item(**{**vars(bank[0]), "stem": bank[0].stem + "?"}), *bank[1:]]
    assert snapshot_digest(edited) != digest
    with pytest.raises(ValueError, match="duplicate"):
        snapshot_digest([bank[0], bank[0]])


def test_canonical_json():
    decomposed = unicodedata.normalize("NFD", "Quốc hội")
    assert canonical_json({"b": [1, (2, None)], "a": decomposed}) == '{"a":"Quốc hội","b":[1,[2,null]]}'
    with pytest.raises(TypeError, match="floats"):
        canonical_json({"x": 0.1})


def test_option_order_refers_to_original_indices(bank):
    item = Item("z-1", "single_choice", "?", 1, "Z", "easy",
                options=tuple(Option(f"O{i}", 1 if i == 0 else 0) for i in range(6)))
    orders = {draw_paper(SEED, [item], [Part("P", "p", (Cell("Z", "easy", "single_choice", 1),))],
                         f"c{i}")[0].option_order for i in range(50)}
    assert len(orders) > 30
