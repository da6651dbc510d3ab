from pathlib import Path

from deckgen.note.model import Callout, CodeBlock, Embed, Image, ListBlock, Paragraph, Table, plain
from deckgen.note.parse import parse_note
from deckgen.note.read import Source


def parse(text: str):
    return parse_note(Source(Path("note.md"), text))


def test_sections_nest_by_level_and_keep_lines():
    note, _ = parse("# A\n## a1\ntext\n## a2\n# B\n")
    assert [plain(s.title) for s in note.sections] == ["A", "B"]
    assert [plain(c.title) for c in note.sections[0].children] == ["a1", "a2"]
    assert note.sections[0].children[0].line == 2


def test_front_matter_is_read_and_bad_yaml_warns():
    note, warnings = parse("---\ntitle: 도커\nminutes: 5\n---\n# x\n")
    assert note.meta == {"title": "도커", "minutes": 5}
    assert not warnings
    note, warnings = parse("---\ntitle: [unclosed\n---\n# x\n")
    assert note.meta == {} and "front matter" in warnings[0].message


def test_paragraph_is_split_at_images_with_lines():
    note, _ = parse("## s\ntext before\n![[a.png]]\n**bold** after\n")
    blocks = note.sections[0].blocks
    assert [type(b) for b in blocks] == [Paragraph, Image, Paragraph]
    assert blocks[1].ref.target == "a.png" and blocks[1].line == 3
    assert blocks[2].line == 4 and blocks[2].spans[0].marks.bold


def test_markdown_images_decode_spaces_and_escapes_and_size_in_alt():
    note, _ = parse("![diagram|300](<my pics/a b.png>)\n![x](c%20d.png)\n")
    refs = [b.ref for b in note.preamble if isinstance(b, Image)]
    assert [(r.target, r.alt, r.width) for r in refs] == [("my pics/a b.png", "diagram", 300),
                                                        ("c d.png", "x", None)]


def test_lists_keep_numbers_delimiters_and_nesting():
    note, _ = parse("5) five\n6) six\n   - nested\n")
    block = note.preamble[0]
    assert isinstance(block, ListBlock) and block.ordered and block.delimiter == ")"
    assert [item.number for item in block.items] == [5, 6]
    assert isinstance(block.items[1].blocks[1], ListBlock)


def test_code_table_and_callout_blocks():
    note, _ = parse("```py\nx = 1\n```\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n> [!tip] T\n> body\n")
    code, table, callout = note.preamble
    assert isinstance(code, CodeBlock) and code.language == "py" and code.text == "x = 1"
    assert isinstance(table, Table) and table.aligns == ("left", "right")
    assert isinstance(callout, Callout) and callout.kind == "tip" and plain(callout.title) == "T"


def test_link_block_before_first_heading_is_references():
    note, _ = parse("#tag\n\n[A](https://a.org)\n[B](https://b.org)\n\n# H\n[C](https://c.org)\n")
    assert [link.text for link in note.references] == ["A", "B"]
    assert [link.url for link in note.links] == ["https://a.org", "https://b.org", "https://c.org"]
    assert note.tags == ("tag",)
    assert note.preamble == ()


def test_tags_inside_link_text_stay_text():
    note, _ = parse("[Docker #이론편](https://y.com)\n")
    assert note.references[0].text == "Docker #이론편"


def test_note_embed_is_left_for_transclusion():
    note, warnings = parse("## s\n본문 ![[다른 노트#개념]]\n\n![[Other note#^b-1]]\n")
    blocks = note.sections[0].blocks
    assert plain(blocks[0].spans) == "본문"
    assert blocks[1] == Embed("다른 노트", "개념", "", 2)
    assert blocks[2] == Embed("Other note", "", "b-1", 4)
    assert warnings == []


def test_html_block_keeps_its_text_only():
    note, _ = parse("<div>\n<b>hello</b> world<br>next\n</div>\n")
    assert plain(note.preamble[0].spans) == "hello world next"
