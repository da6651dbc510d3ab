"""The markdown-it rules for Obsidian syntax, on their own."""

from deckgen.note.parse import markdown


def inline_tokens(text: str):
    return markdown().parseInline(text)[0].children


def test_embed_with_size_keeps_target_and_size_in_meta():
    token = inline_tokens("![[Pasted image 1.png|400x300]]")[0]
    assert token.type == "obsidian_embed"
    assert token.meta == {"target": "Pasted image 1.png", "width": 400, "height": 300}


def test_wikilink_shows_alias_or_note_and_heading():
    tokens = [t for t in inline_tokens("[[Note]] [[Note|alias]] [[Docker#Install]]")
              if t.type == "wikilink"]
    assert [t.content for t in tokens] == ["Note", "alias", "Docker › Install"]


def test_tags_need_a_letter_and_a_space_before():
    tokens = inline_tokens("#태그 and #123 and C#sharp and #a/b-c")
    tags = [t.meta["tag"] for t in tokens if t.type == "tag"]
    assert tags == ["태그", "a/b-c"]


def test_highlight_nests_other_marks():
    types = [t.type for t in inline_tokens("==a **b** c==")]
    assert types[0] == "highlight_open" and "strong_open" in types and types[-1] == "highlight_close"


def test_inline_comment_is_dropped_and_unclosed_drops_the_rest():
    assert "".join(t.content for t in inline_tokens("a %%hidden%% b")) == "a  b"
    assert "".join(t.content for t in inline_tokens("a %%hidden b")) == "a "


def test_a_comments_text_is_plain_without_marks_or_its_demo_mark():
    from deckgen.note.obsidian import comment_text
    assert comment_text("%%\n여러 줄 주석 **굵어도** [[노트|별칭]]\n%%") == "여러 줄 주석 굵어도 별칭"
    assert comment_text("%% see [[Note]] and ==this== `x` [a](https://x.org) %%") == "see Note and this x a"
    assert comment_text("%% demo 2:00 %%") == ""  # the demo mark says nothing more


def test_silent_mode_consumes_without_tokens():
    # link text is tokenised in silent mode first; an embed inside must not leak tokens twice
    tokens = inline_tokens("[see ![[x.png]] here](https://x.org)")
    assert sum(1 for t in tokens if t.type == "obsidian_embed") == 1


def test_block_comment_spans_lines_and_blank_lines():
    tokens = markdown().parse("before\n\n%%\nhidden\n\n**also hidden**\n%%\n\nafter\n")
    texts = [t.content for t in tokens if t.type == "inline"]
    assert texts == ["before", "after"]


def test_callout_marks_the_quote_and_drops_its_marker_line():
    tokens = markdown().parse("> [!warning]- Careful\n> body text\n")
    quote = next(t for t in tokens if t.type == "blockquote_open")
    assert quote.meta == {"callout": "warning", "fold": "-", "title": "Careful"}
    assert [t.content for t in tokens if t.type == "inline"] == ["body text"]


# -- ^block-ids ---------------------------------------------------------------------------

def _inlines(text: str):
    return [t for t in markdown().parse(text) if t.type == "inline"]


def test_a_trailing_block_id_leaves_the_text_and_is_kept_in_meta():
    korean, english = _inlines("**도커**는 컨테이너다. ^docker-1\n\nA plain sentence ^en\n")
    assert korean.content == "**도커**는 컨테이너다." and korean.meta["block_id"] == "docker-1"
    assert english.content == "A plain sentence" and english.meta["block_id"] == "en"
    assert not korean.meta["alone"]


def test_a_block_id_alone_on_a_line_names_the_block_before():
    alone = _inlines("- 하나\n- two\n\n^list-id\n")[-1]
    assert alone.content == "" and alone.meta == {"block_id": "list-id", "alone": True}


def test_carets_that_are_not_block_ids_stay():
    for text in ("2^10 바이트", "x^2 + y^2", "끝에 ^ 기호", "a ^b c", "^id 다음 글"):
        assert _inlines(text)[0].content == text
        assert "block_id" not in (_inlines(text)[0].meta or {})


def test_wikilinks_say_when_they_point_at_a_block():
    tokens = [t for t in inline_tokens("[[#^id|별칭]] [[Note#^b-2]] [[Note#Heading]]")
              if t.type == "wikilink"]
    assert [t.meta["block"] for t in tokens] == [True, True, False]
    assert [t.meta["alias"] for t in tokens] == [True, False, False]


def test_a_block_id_closing_any_line_of_a_block_is_not_text():
    korean, english = _inlines("HTTP는 요청과 응답 프로토콜입니다. ^http-def\n다음 줄입니다.\n\n"
                               "A first line ^first\nand a second ^second\n")
    assert korean.content == "HTTP는 요청과 응답 프로토콜입니다.\n다음 줄입니다."
    assert english.content == "A first line\nand a second" and english.meta["block_id"] == "second"
    kept = _inlines("2^10 바이트\nx^2 끝\n마지막")[0]
    assert kept.content == "2^10 바이트\nx^2 끝\n마지막"  # no space before the caret: no id
