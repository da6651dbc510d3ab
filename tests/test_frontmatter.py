"""note.frontmatter: YAML front matter read safely; nothing in it stops a build."""

from __future__ import annotations

import datetime
import sys

from deckgen.note.frontmatter import MAX_DEPTH_NOTE, load_front_matter


def test_ordinary_front_matter_is_a_mapping_without_warnings():
    data, warnings = load_front_matter(
        "title: 도커 입문\ntags: [docker, 컨테이너]\nminutes: 10\ndate: 2024-05-08\n")
    assert data == {"title": "도커 입문", "tags": ["docker", "컨테이너"], "minutes": 10,
                    "date": datetime.date(2024, 5, 8)}
    assert warnings == []


def test_an_impossible_date_is_kept_as_text_with_a_warning():
    data, warnings = load_front_matter("date: 2024-02-30\n제목: 발표\n")
    assert data == {"date": "2024-02-30", "제목": "발표"}
    assert [(w.message, w.line) for w in warnings] == [
        ("front matter: '2024-02-30' is not a real date; kept as text", 1)]


def test_a_number_of_thousands_of_digits_is_kept_as_short_text():
    data, warnings = load_front_matter("n: " + "7" * 5000 + "\n")
    assert data == {"n": "7" * 40}
    assert "too large" in warnings[0].message


def test_yaml_that_does_not_parse_is_ignored_with_the_notes_line():
    # the front matter starts on the note's line 2 (line 1 is the opening ---)
    data, warnings = load_front_matter("title: 도커\ntags: [a, b\nminutes: 10\n")
    assert data is None
    assert warnings[0].message == "front matter is not valid YAML; ignored"
    assert warnings[0].line >= 3


def test_deep_nesting_is_ignored_instead_of_overflowing_the_stack():
    limit = sys.getrecursionlimit()
    sys.setrecursionlimit(1000)  # Python's default: other libraries raise it for themselves
    try:
        data, warnings = load_front_matter("x: " + "[" * 600 + "]" * 600)
    finally:
        sys.setrecursionlimit(limit)
    assert data is None and [w.message for w in warnings] == [MAX_DEPTH_NOTE]


def test_a_front_matter_that_is_not_a_mapping_still_loads():
    assert load_front_matter("- 하나\n- two\n") == (["하나", "two"], [])


def test_nothing_unsafe_is_constructed():
    data, warnings = load_front_matter("x: !!python/object/apply:os.system ['echo hi']\n")
    assert data is None and "not valid YAML" in warnings[0].message


def test_aliases_are_not_expanded_into_copies():
    data, _ = load_front_matter("a: &x [1, 2]\nb: *x\n")
    assert data["b"] is data["a"]  # shared, never multiplied (a billion laughs stays small)
