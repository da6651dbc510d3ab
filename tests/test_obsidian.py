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
