"""HTML in notes (deckgen/note/html.py and its use in parse.py), in Korean and English."""

from __future__ import annotations

from pathlib import Path

from deckgen.note.html import image_markdown, inline_tag, size_hint, to_markdown
from deckgen.note.model import Image, Paragraph, plain
from deckgen.note.parse import parse_note
from deckgen.note.read import Source


def parse(text: str):
    return parse_note(Source(Path("n.md"), text))


def blocks(text: str):
    note, warnings = parse(text)
    return [b for s in note.sections for b in s.blocks] or list(note.preamble), warnings


def test_img_in_a_centred_paragraph_is_a_picture_with_its_size_and_alt():
    found, warnings = blocks('# 제목\n\n<p align="center">\n  <img src="../resources/a b.png" '
                             'width="500px" height=300 alt="캐시 흐름 | flow">\n</p>\n')
    assert warnings == []
    (image,) = found
    assert isinstance(image, Image)
    assert (image.ref.target, image.ref.alt, image.ref.width, image.ref.height) == \
        ("../resources/a b.png", "캐시 흐름 / flow", 500, 300)
    assert image.ref.line == 4


def test_img_in_div_figure_and_picture_and_inline_in_text():
    text = ('# T\n\n<div><img src="a.png"></div>\n\n<figure><img src="b.png" alt="Figure B">'
            '<figcaption>그림 설명</figcaption></figure>\n\n<picture><source srcset="c.webp">'
            '<img src="c.png" width="50%"></picture>\n\nText <img src="d.png" width=300> 이어서\n')
    found, _ = blocks(text)
    images = [b.ref for b in found if isinstance(b, Image)]
    assert [(r.target, r.width) for r in images] == [("a.png", None), ("b.png", None),
                                                     ("c.png", None), ("d.png", 300)]
    assert any(isinstance(b, Paragraph) and plain(b.spans) == "그림 설명" for b in found)


def test_markdown_after_a_br_line_is_markdown_with_its_emphasis():
    for br in ("<br>", "<br/>", "<br><br>", "<br />\n<br>"):
        found, _ = blocks(f"# 제목\n\n{br}\n**도커 컨테이너**는 도구다.\nA **key phrase** here.\n"
                          "![그림](x.png)\n")
        para, image = found
        keys = [s.text for s in para.spans if s.is_key]
        assert keys == ["도커 컨테이너", "key phrase"], br
        assert "<" not in plain(para.spans) and isinstance(image, Image)


def test_html_emphasis_tags_are_key_phrases_in_blocks_and_inline():
    found, _ = blocks("# T\n\n<p><b>굵게</b>, <strong>strong</strong>, <mark>형광</mark>, "
                      "<u>밑줄</u><sup>2</sup></p>\n\n문장 <b>인라인</b> and <mark>marked</mark>.\n")
    keys = [s.text for b in found for s in b.spans if s.is_key]
    assert keys == ["굵게", "strong", "형광", "인라인", "marked"]
    texts = " ".join(plain(b.spans) for b in found)
    assert "밑줄2" in texts and "<" not in texts


def test_details_summary_is_a_key_phrase_and_its_content_plain():
    text = ("# 제목\n\n<details>\n<summary>정답 보기 (answer)</summary>\n\n답은 **캐시**입니다.\n"
            "The answer is **cache**.\n\n</details>\n\n다음 문단.\n")
    found, _ = blocks(text)
    summary, content, after = found
    assert [s.text for s in summary.spans if s.is_key] == ["정답 보기 (answer)"]
    assert "답은 캐시입니다." in plain(content.spans) and not any(s.is_key for s in content.spans)
    assert plain(after.spans) == "다음 문단."
    assert after.line == 11  # the line in the note


def test_what_is_dropped_gets_a_warning_and_literal_text_stays_literal():
    found, warnings = blocks("# T\n\n<div>\n<script>alert(1)</script>\n<iframe src=x></iframe>\n"
                             "a &lt;div&gt; tag &amp; 텍스트\n</div>\n\n문장 <script>x()</script> 끝\n")
    texts = [plain(b.spans) for b in found]
    assert texts == ["a <div> tag & 텍스트", "문장 끝"]
    messages = sorted(w.message for w in warnings)
    assert messages == ["HTML <iframe> cannot be shown on a slide; dropped",
                        "HTML <script> cannot be shown on a slide; dropped",
                        "HTML <script> cannot be shown on a slide; dropped"]


def test_html_inside_a_list_item_is_read_too():
    found, _ = blocks('# T\n\n- 항목\n\n  <p align="center"><img src="x.png" alt="엑스"></p>\n')
    (lst,) = found
    assert any(isinstance(b, Image) and b.ref.alt == "엑스" for b in lst.items[0].blocks)


def test_headings_in_html_make_sections():
    note, _ = parse('<h1 align="center">도커 Docker</h1>\n\n<h2>개요</h2>\n\n본문\n')
    assert [plain(s.title) for s in note.sections] == ["도커 Docker"]
    assert [plain(c.title) for c in note.sections[0].children] == ["개요"]


def test_helpers():
    assert size_hint("640") == 640 and size_hint("640px") == 640
    assert size_hint("50%") is None and size_hint(None) is None and size_hint("0") is None
    assert image_markdown({"src": "https://x.io/a.png", "alt": "원격"}) == \
        "![원격](<https://x.io/a.png>)"
    assert image_markdown({"alt": "no src"}) == ""
    assert inline_tag("</strong>").closing and inline_tag("<img src=a.png>").attrs["src"] == "a.png"
    assert inline_tag("<!-- comment -->") is None
    assert to_markdown("<b> 굵게 </b>").markdown == " **굵게** ".strip()
    assert to_markdown("<b></b>").markdown == ""


def test_openers_that_open_no_tag_are_text_before_the_parser_sees_them():
    """A `<` followed by another `<` before any `>`, or a `<!--` never closed, is text."""
    from deckgen.note.html import defuse

    assert defuse("<b>굵게</b> a < b <!-- 주석 --> <i>x") == "<b>굵게</b> a &lt; b <!-- 주석 --> <i>x"
    assert defuse("<!-- 열린 주석 <b>bold</b>") == "&lt;!-- 열린 주석 <b>bold</b>"
    assert defuse("<p align='center'><img src='a.png'></p>") == "<p align='center'><img src='a.png'></p>"
