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


def test_an_ordered_list_counts_from_its_start_as_commonmark_does():
    for text in ("1. 하나\n1. 둘\n1. 셋\n", "1. one\n1. two\n1. three\n"):
        (block,) = parse(text)[0].preamble
        assert [item.number for item in block.items] == [1, 2, 3]
    (block,) = parse("0. zero\n7. one\n")[0].preamble
    assert [item.number for item in block.items] == [0, 1]


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


def test_block_ids_never_reach_the_text_and_name_their_blocks():
    note, _ = parse("## 개념\n**도커**는 플랫폼이다. ^intro\n\n- 첫째 ^first\n- second\n\n"
                    "| a |\n|---|\n| 1 |\n\n^tbl\n\nEnglish line ^en-1\n")
    blocks = note.sections[0].blocks
    assert plain(blocks[0].spans) == "도커는 플랫폼이다."
    assert plain(blocks[1].items[0].blocks[0].spans) == "첫째"
    assert plain(blocks[-1].spans) == "English line"
    assert plain(note.anchors["intro"][0].spans) == "도커는 플랫폼이다."
    assert note.anchors["first"][0].items == (blocks[1].items[0],)
    assert isinstance(note.anchors["tbl"][0], Table)
    assert len(blocks) == 4  # the lone `^tbl` line adds no block


def test_block_links_show_alias_or_the_block_text_even_further_down():
    note, _ = parse("[[#^later|별칭]] and [[#^later]] and [[#^nowhere]]\n\n"
                    "**나중** 문단 text ^later\n")
    assert plain(note.preamble[0].spans) == "별칭 and 나중 문단 text and nowhere"


def test_block_links_to_another_note_ask_for_its_text():
    asked = []

    def block_text(note: str, block: str) -> str | None:
        asked.append((note, block))
        return "그 블록의 글" if block == "b1" else None

    note, _ = parse_note(Source(Path("n.md"), "[[용어#^b1]] / [[Terms#^zz]] / [[용어#^b1|별칭]]\n"),
                         block_text)
    assert plain(note.preamble[0].spans) == "그 블록의 글 / Terms › zz / 별칭"
    assert asked == [("용어", "b1"), ("Terms", "zz")]


def test_query_blocks_are_dropped_with_one_warning():
    note, warnings = parse("## 할 일\n```dataview\nTABLE file.name\n```\n\n본문 **유지**\n\n"
                           "```tasks\nnot done\n```\n\n```dataviewjs\ndv.list()\n```\n\n"
                           "```query\ntag:#x\n```\n\n```python\nprint('kept')\n```\n")
    blocks = note.sections[0].blocks
    assert [type(b).__name__ for b in blocks] == ["Paragraph", "CodeBlock"]
    assert blocks[1].language == "python"
    assert len(warnings) == 1 and warnings[0].line == 2
    assert "4 query block(s) (dataview, tasks, dataviewjs, query)" in warnings[0].message
    assert "paste" in warnings[0].message


def test_pdf_and_excalidraw_embeds_are_pictures_and_titles_are_kept():
    note, _ = parse("![[논문.pdf#page=3|그림 3]]\n\n![[paper.pdf]]\n\n![[Drawing.excalidraw]]\n\n"
                    "![[스케치.excalidraw.md|400]]\n\n![대체 글](a.png \"제목 글\")\n")
    refs = [b.ref for b in note.preamble]
    assert [(r.target, r.page, r.alt) for r in refs[:2]] == [("논문.pdf", 3, "그림 3"),
                                                            ("paper.pdf", 1, "")]
    assert refs[2].target == "Drawing.excalidraw" and refs[2].page is None
    assert refs[3].target == "스케치.excalidraw.md" and refs[3].width == 400
    assert (refs[4].alt, refs[4].title) == ("대체 글", "제목 글")
