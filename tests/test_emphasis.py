"""CJK-friendly emphasis (`*`, `_`, `~~`) and `==highlight==`: Korean first, English beside it.

Every CJK case also checks that stock CommonMark gets it wrong, so a test cannot pass by the
plugin silently not being installed; every English case checks the plugin changes nothing.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline

from deckgen.note.emphasis import cjk_emphasis_plugin, highlight_plugin, is_cjk


def build(cjk: bool = True, highlight: bool = False) -> MarkdownIt:
    """The dialect of deckgen/note/parse.py that matters here: commonmark + table + ~~."""
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    if cjk:
        md.use(cjk_emphasis_plugin)
    if highlight:
        md.use(highlight_plugin)
    return md


CJK = build()
STOCK = build(cjk=False)
MARKED = build(highlight=True)


def html(md: MarkdownIt, text: str) -> str:
    return md.renderInline(text)


def types(md: MarkdownIt, text: str) -> list[str]:
    children = md.parseInline(text)[0].children or []
    return [token.type for token in children]


# -- what counts as CJK ------------------------------------------------------------------

@pytest.mark.parametrize("char", ["가", "힣", "ㄱ", "ᄀ", "ᅡ", "ﾡ", "漢", "あ", "ア", "ｱ", "。", "「", "（"])
def test_hangul_jamo_kana_han_and_fullwidth_forms_are_cjk(char: str) -> None:
    assert is_cjk(char)


@pytest.mark.parametrize("char", ["😀", "⌚", "☔", "a", "é", "1", "(", "“", "—", " "])
def test_emoji_latin_and_ambiguous_punctuation_are_not_cjk(char: str) -> None:
    assert not is_cjk(char)


# -- Korean -----------------------------------------------------------------------------

KOREAN_FIXED = [
    ("**도커(Docker)**는", "<strong>도커(Docker)</strong>는"),
    ("**Docker(도커)**는", "<strong>Docker(도커)</strong>는"),
    ("**'이미지'**란", "<strong>'이미지'</strong>란"),
    ('**"무상태"**가', "<strong>&quot;무상태&quot;</strong>가"),
    ('**"무상태(stateless)"**가', "<strong>&quot;무상태(stateless)&quot;</strong>가"),
    ("**원하는 상태(desired state)**를", "<strong>원하는 상태(desired state)</strong>를"),
    ("이것은**(중요)**입니다", "이것은<strong>(중요)</strong>입니다"),
    ("*기울임(it)*은", "<em>기울임(it)</em>은"),
    ("__밑줄(under)__은", "<strong>밑줄(under)</strong>은"),
    ("_밑줄(under)_은", "<em>밑줄(under)</em>은"),
    ("한__(under)__은", "한<strong>(under)</strong>은"),
    ("~~취소(cancel)~~된", "<s>취소(cancel)</s>된"),
    ("**굵게 *기울임(it)*도**는", "<strong>굵게 <em>기울임(it)</em>도</strong>는"),
]


@pytest.mark.parametrize(("source", "expected"), KOREAN_FIXED)
def test_korean_phrase_ending_in_punctuation_before_a_particle(source: str, expected: str) -> None:
    assert html(CJK, source) == expected
    assert html(STOCK, source) != expected  # the CommonMark bug this plugin exists for


KOREAN_ALREADY_FINE = [
    ("**3-way 핸드셰이크**로", "<strong>3-way 핸드셰이크</strong>로"),
    ("**HTTP/2**의", "<strong>HTTP/2</strong>의"),
    ("*강조*를", "<em>강조</em>를"),
    ("**컨테이너**입니다.", "<strong>컨테이너</strong>입니다."),
    ("~~취소~~된", "<s>취소</s>된"),
]


@pytest.mark.parametrize(("source", "expected"), KOREAN_ALREADY_FINE)
def test_korean_that_commonmark_already_handles_is_kept(source: str, expected: str) -> None:
    assert html(CJK, source) == expected == html(STOCK, source)


def test_korean_intraword_underscore_stays_literal() -> None:
    # `_` between two Hangul letters is inside a word, as in CommonMark.
    assert html(CJK, "변수_이름_값") == "변수_이름_값"
    assert html(CJK, "밑줄__강조__은") == "밑줄__강조__은"


def test_korean_bold_in_table_cell_and_link_label() -> None:
    table = CJK.render("| 용어 | 뜻 |\n|---|---|\n| **도커(Docker)**는 | 도구 |\n")
    assert "<td><strong>도커(Docker)</strong>는</td>" in table
    # link labels are scanned in silent mode first; the rule must not leak tokens there
    assert (html(CJK, "[**도커(Docker)**는](https://docs.docker.com)")
            == '<a href="https://docs.docker.com"><strong>도커(Docker)</strong>는</a>')


def test_korean_strong_tokens_carry_markup() -> None:
    children = [t for t in CJK.parseInline("**도커(Docker)**는")[0].children or []
                if t.type != "text" or t.content]
    assert [(t.type, t.markup, t.content) for t in children] == [
        ("strong_open", "**", ""), ("text", "", "도커(Docker)"), ("strong_close", "**", ""),
        ("text", "", "는")]


# -- Japanese and Chinese (the proposal's examples) ---------------------------------------

CJ_FIXED = [
    ("**このアスタリスクは強調記号として認識されず、そのまま表示されます。**この文のせいで。",
     "<strong>このアスタリスクは強調記号として認識されず、そのまま表示されます。</strong>この文のせいで。"),
    ("**このアスタリスクは強調の終わりと認識されず、**このように",
     "<strong>このアスタリスクは強調の終わりと認識されず、</strong>このように"),
    ("太郎は**「こんにちわ」**といった", "太郎は<strong>「こんにちわ」</strong>といった"),
    ("**该星号不会被识别，而是直接显示。**这是因为它没有被识别为强调符号。",
     "<strong>该星号不会被识别，而是直接显示。</strong>这是因为它没有被识别为强调符号。"),
    ("**“你好”**世界", "<strong>“你好”</strong>世界"),
]


@pytest.mark.parametrize(("source", "expected"), CJ_FIXED)
def test_japanese_and_chinese_punctuation_inside_the_delimiters(source: str, expected: str) -> None:
    assert html(CJK, source) == expected
    assert html(STOCK, source) != expected


# -- English: exactly CommonMark -----------------------------------------------------------

ENGLISH = [
    ("**Warning:**text", "**Warning:**text"),
    ("**foo**bar", "<strong>foo</strong>bar"),
    ("a*b*c", "a<em>b</em>c"),
    ("snake_case_name", "snake_case_name"),
    ('**"quoted"**.', "<strong>&quot;quoted&quot;</strong>."),
    ("~~gone~~", "<s>gone</s>"),
    ("~~~a~~~", "~<s>a</s>~"),
]


@pytest.mark.parametrize(("source", "expected"), ENGLISH)
def test_english_examples_follow_commonmark(source: str, expected: str) -> None:
    assert html(CJK, source) == expected == html(STOCK, source)


ENGLISH_CORPUS = [
    "Plain text with no marks at all.",
    "*emphasis* and **strong** and ***both***",
    "_emphasis_ and __strong__ and ___both___",
    "**Warning:**text stays literal",
    "**Note**: a colon after the mark",
    "foo*bar*baz and foo_bar_baz",
    "snake_case_word and __init__ and _private",
    "*(*foo*)*",
    "_(_foo_)_",
    "**foo \"*bar*\" foo**",
    "*foo**bar**baz*",
    "*foo**bar*",
    "***foo** bar*",
    "foo***bar***baz",
    "**foo*bar**",
    "*foo _bar* baz_",
    "__foo, __bar__, baz__",
    "a * foo bar*",
    "a*\"foo\"*",
    "5*6*78 and 5_6_78",
    "пристаням_стремятся_",
    "aa_\"bb\"_cc",
    "foo-_(bar)_",
    "*$*alpha. and *£*bravo.",
    "**(**foo) and __(__foo)",
    "_foo_bar_baz_",
    "**foo bar **",
    "** foo bar**",
    "*(**foo**)*",
    "<em>html</em> *and* markdown",
    "`*code*` stays *code*",
    "[link *text*](https://example.org) and ![alt **x**](a.png)",
    "\\*escaped\\* and \\_escaped\\_",
    "~~strike~~through and ~one~ tilde",
    "~~(gone)~~next and a~~b~~c",
    "“**quoted**” and ‘*single*’ curly quotes",
    "em—dash*word*—dash and café*s*",
    "**Step 1.** Install; **Step 2.** Run.",
    "Use `--force` with **care**!",
    "- list *item*\n- **another** item",
    "> quote with _emphasis_",
    "| a | **b** |\n|---|---|\n| *c* | d_e_f |",
    "# Heading with **bold**",
]


@pytest.mark.parametrize("line", ENGLISH_CORPUS)
def test_english_corpus_renders_identically(line: str) -> None:
    assert CJK.render(line) == STOCK.render(line)


LATIN = st.lists(st.sampled_from(list("ab .,()\"'*_~:!-é“”’—\n\\`") + ["**", "__", "~~"]),
                 max_size=20).map("".join)


@settings(max_examples=40, deadline=None)
@given(LATIN)
def test_any_text_without_cjk_renders_identically(text: str) -> None:
    """Fast lane: a few dozen random Latin strings (the slow twin below runs thousands)."""
    assert CJK.render(text) == STOCK.render(text)


@pytest.mark.slow
@settings(max_examples=3000, deadline=None)
@given(LATIN)
def test_many_texts_without_cjk_render_identically(text: str) -> None:
    assert CJK.render(text) == STOCK.render(text)


# -- emoji are not CJK ---------------------------------------------------------------------

def test_emoji_beside_a_delimiter_follows_commonmark() -> None:
    # Korean: the Hangul beside the run counts; the emoji on the other side does not matter
    assert html(CJK, "가**😀**나") == "가<strong>😀</strong>나"
    for source in ("**😀(x)**a", "a**😀**b", "x**😀(y)**z"):
        assert html(CJK, source) == html(STOCK, source) == source


def test_a_cjk_symbol_in_the_same_place_as_an_emoji_does_count() -> None:
    # Same shape as `a**😀**b` (literal above): CJK brackets make it bold.
    assert html(CJK, "a**「x」**b") == "a<strong>「x」</strong>b"


# -- strikethrough wiring -------------------------------------------------------------------

def test_strikethrough_stays_off_unless_enabled() -> None:
    md = MarkdownIt("commonmark").use(cjk_emphasis_plugin)
    assert html(md, "~~취소(cancel)~~된") == "~~취소(cancel)~~된"
    assert html(md, "~~gone~~") == "~~gone~~"
    md.enable("strikethrough")  # enabling after the plugin keeps the CJK-aware rule
    assert html(md, "~~취소(cancel)~~된") == "<s>취소(cancel)</s>된"


# -- ==highlight== --------------------------------------------------------------------------

def test_korean_highlight_before_a_particle() -> None:
    children = [t for t in MARKED.parseInline("==하이라이트(중요)==는")[0].children or []
                if t.type != "text" or t.content]
    assert [(t.type, t.tag, t.nesting) for t in children] == [
        ("highlight_open", "mark", 1), ("text", "", 0), ("highlight_close", "mark", -1),
        ("text", "", 0)]
    assert children[1].content == "하이라이트(중요)" and children[0].markup == "=="
    assert html(MARKED, "==중요==하다") == "<mark>중요</mark>하다"


def test_english_highlight_and_nesting() -> None:
    assert html(MARKED, "an ==important== word.") == "an <mark>important</mark> word."
    assert html(MARKED, "==a **b** c==") == "<mark>a <strong>b</strong> c</mark>"
    assert html(MARKED, "**==강조(x)==**는") == "<strong><mark>강조(x)</mark></strong>는"
    assert html(MARKED, "[==a==](https://x.org)") == '<a href="https://x.org"><mark>a</mark></a>'


@pytest.mark.parametrize("source", ["===제목===", "a ===b=== c", "====x====", "a == b", "==a",
                                    "x = 1", "== 공백 =="])
def test_runs_other_than_two_equals_or_unflanked_never_highlight(source: str) -> None:
    assert "highlight_open" not in types(MARKED, source)
    assert html(MARKED, source) == html(STOCK, source)


def test_highlight_plugin_replaces_an_older_rule_of_the_same_name() -> None:
    def old_rule(state: StateInline, silent: bool) -> bool:
        raise AssertionError("the old highlight rule must not run")

    md = MarkdownIt("commonmark")
    md.inline.ruler.before("emphasis", "highlight", old_rule)
    md.use(highlight_plugin)
    assert md.inline.ruler.get_all_rules().count("highlight") == 1
    assert html(md, "==하이라이트(중요)==는") == "<mark>하이라이트(중요)</mark>는"


# -- end to end: the fixture note ------------------------------------------------------------

def test_korean_bold_phrases_of_the_fixture_are_bullets_and_no_syntax_is_left(tmp_path) -> None:
    from deckgen.build import build

    from conftest import FIXTURES, deck_texts, slide_notes

    note = FIXTURES / "cjk_emphasis.md"
    result = build(note, tmp_path / "cjk.pptx", {}, vault=FIXTURES)
    texts = deck_texts(result.output)
    for phrase in ("Docker(도커)", "도커(Docker)", "'이미지'"):
        assert phrase in texts[texts.index("도커의 기본 개념") + 1].split("\n")
    shown = "\n".join(texts + slide_notes(result.output))
    for syntax in ("**", "~~", "==", "^image-def", "^desired", "dataview", "TABLE file",
                   "not done"):
        assert syntax not in shown, syntax
    assert "「重要」" in shown and "Warning:" in shown
