"""Planning rules on small notes: the plan is pure data, checked without rendering."""

from pathlib import Path

from deckgen.note.parse import parse_note
from deckgen.plan.ending import reference_title
from deckgen.plan.filetitle import title_from_filename
from deckgen.plan.planner import TalkOptions, budget_warning, clean_title, plan_talk
from deckgen.note.model import Link
from deckgen.note.read import Source
from deckgen.plan.notes import notes_text
from deckgen.plan.talk import Bullets, Columns, SlideKind, Takeaway, text_of
from deckgen.plan.talk import kind_spec


def plan(text: str, name: str = "note.md", **options):
    note, _ = parse_note(Source(Path(name), text))
    talk, warnings = plan_talk(note, TalkOptions(**options))
    return talk


def bullets(slide) -> list[str]:
    return [text_of(b.text) for e in slide.body if isinstance(e, Bullets) for b in e.items]


def test_title_precedence_flag_then_sole_h1_then_file_name():
    assert plan("# Only One\n## a\nx\n", title="From Flag").title == "From Flag"
    assert plan("# Only One\n## a\nx\n").title == "Only One"
    assert plan("# A\n# B\n", name="docker.md").title == "Docker"
    assert title_from_filename("notes/my-study_note.md") == "My Study Note"
    assert title_from_filename("_posts/2023-05-08-http-cache.md") == "HTTP Cache"  # acronyms spelled as acronyms
    assert title_from_filename("_posts/2023-05-08-도커-이미지.md") == "도커 이미지"


def test_tecotalk_title_form_with_speaker_and_emoji():
    korean = plan("## 주제\n본문입니다\n", title="도커", speaker="검프", emoji="☂️")
    assert korean.slides[0].title == "☂️ 검프의 도커"
    english = plan("## Topic\nSome text here\n", title="Docker", speaker="Gump")
    assert english.slides[0].title == "Docker" and "by Gump" in english.slides[0].subtitle


def test_agenda_lists_h1s_or_three_h2s():
    two_h1 = plan("# A\n## a\nx\n# B\n## b\ny\n")
    assert two_h1.slides[1].kind == SlideKind.AGENDA and bullets(two_h1.slides[1]) == ["A", "B"]
    three_h2 = plan("## a\nx\n## b\ny\n## c\nz\n")
    assert bullets(three_h2.slides[1]) == ["a", "b", "c"]
    two_h2 = plan("## a\nx\n## b\ny\n")
    assert all(s.kind != SlideKind.AGENDA for s in two_h2.slides)


def test_h1_with_subsections_opens_with_a_numbered_statement_slide():
    talk = plan("# 도커\n## 도커란?\n**도구**\n# 이미지\n## 레이어\n**층**\n")
    statements = [s for s in talk.slides if s.kind == SlideKind.SECTION]
    assert [(s.number, s.title) for s in statements] == [("01", "도커"), ("02", "이미지")]


def test_titles_lose_check_marks_and_trailing_colons_but_keep_emoji():
    assert clean_title("도커란? ✔") == "도커란?"
    assert clean_title("Setup ✅:") == "Setup"
    assert clean_title("🐳 Docker ☑️") == "🐳 Docker"


def test_bold_and_highlighted_phrases_become_bullets_in_order_without_duplicates():
    talk = plan("## s\n**a** text ==b== more **a** and **c**\n", fit=False)  # as written
    assert bullets(talk.slides[1]) == ["a", "b", "c"]


def test_list_item_with_bold_lead_shows_it_and_its_other_bold_as_level_two():
    talk = plan("## s\n1. **Lead**\n   prose with **detail** here\n2. plain item\n", fit=False)
    body = talk.slides[1].body[0]
    assert [(text_of(b.text), b.level, b.number) for b in body.items] == [
        ("Lead", 0, "1."), ("detail", 1, None), ("plain item", 0, "2.")]
    assert "prose with detail here" in talk.slides[1].notes.script


def test_two_marker_groups_make_a_comparison():
    talk = plan("## s\n▶VM\n**heavy** guest\n\n▶Container\n**light** shared\n")
    columns = talk.slides[1].body[0]
    assert isinstance(columns, Columns)
    assert [text_of(g.label) for g in columns.groups] == ["VM", "Container"]
    assert talk.slides[1].layout == "Comparison"


def test_prose_only_slide_shows_its_first_sentence():
    talk = plan("## s\nFirst sentence here. Second one follows.\n", fit=False)
    assert talk.slides[1].body == (Takeaway(talk.slides[1].body[0].text),)
    assert text_of(talk.slides[1].body[0].text) == "First sentence here."


def test_each_image_keeps_its_text_and_adjacent_images_share_a_slide():
    talk = plan("## s\n![[a.png]]\n**about a**\n\n![[b.png]]\n**about b**\n\n![[c.png]]\n\n![[d.png]]\n")
    content = [s for s in talk.slides if s.kind == SlideKind.CONTENT]
    assert [[r.target for r in s.pictures] for s in content] == [["a.png"], ["b.png"],
                                                                 ["c.png", "d.png"]]
    assert bullets(content[0]) == ["about a"] and bullets(content[1]) == ["about b"]


def test_text_before_the_first_image_goes_with_it():
    talk = plan("## s\n**intro**\n\n![[a.png]]\n")
    content = [s for s in talk.slides if s.kind == SlideKind.CONTENT]
    assert len(content) == 1 and bullets(content[0]) == ["intro"]


def test_numbered_items_each_with_image_and_title_become_cards():
    talk = plan("## s\n1. **One**\ntext\n![[a.png]]\n\n2. **Two**\ntext\n![[b.png]]\n")
    cards = talk.slides[1].cards
    assert [(text_of(c.title), c.picture.target, c.number) for c in cards] == [
        ("One", "a.png", "1."), ("Two", "b.png", "2.")]


def test_every_slide_has_notes_and_time():
    talk = plan("# A\n## a\n![[x.png]]\n\n# B\n## b\n**x**\n[l](https://l.org)\n")
    assert all(notes_text(s.notes, talk.language).strip() for s in talk.slides)
    # every slide takes at least its pause; the ones with words to say (not the list of
    # links) take more than the pause alone
    assert all(s.seconds >= kind_spec(s.kind).pause for s in talk.slides)
    assert all(s.seconds > kind_spec(s.kind).pause + 0.3 for s in talk.slides
               if s.kind != SlideKind.REFERENCES)


def test_closing_slides_summary_references_thanks_in_the_note_language():
    korean = plan("# 가\n## 나\n**다라**\n# 마\n## 바\n**사아**\n[링크](https://x.org)\n")
    kinds = [s.kind for s in korean.slides[-3:]]
    assert kinds == [SlideKind.SUMMARY, SlideKind.REFERENCES, SlideKind.CLOSING]
    assert [s.title for s in korean.slides[-3:]] == ["정리", "참고 자료", "감사합니다"]
    english = plan("# One\n## a\n**b**\n# Two\n## c\n**d**\n")
    assert [s.title for s in english.slides[-2:]] == ["Summary", "Thank you"]
    assert bullets(english.slides[-2]) == ["One  b", "Two  d"]


def test_reference_titles_drop_tab_counters_and_name_short_links():
    assert reference_title(Link("(46) Talk - YouTube", "https://youtube.com/x", 1)) == \
        "Talk - YouTube"
    assert reference_title(Link("docs", "https://www.docker.com/a", 1)) == "docs (docker.com)"


def test_budget_warning_names_the_costliest_slides():
    long_text = "## 긴 절\n" + "가나다라마바사아자차 " * 400 + "\n## 짧은 절\n짧다.\n"
    talk = plan(long_text, minutes=1, fit=False)  # fitted, the long section goes to the backup
    warning = budget_warning(tuple((s.title, s.seconds) for s in talk.slides), 1)
    assert warning is not None and "긴 절" in warning.message and "against 1:00" in warning.message
    short = plan("## a\n짧다.\n").slides
    assert budget_warning(tuple((s.title, s.seconds) for s in short), 10) is None


def test_a_callout_after_groups_keeps_its_key_phrase():
    # found by the property-based run: the callout was swallowed by the last group
    talk = plan("## s\n▶A\n**a**\n\n▶B\n**b**\n\n> [!note] N\n> **inside**\n")
    from deckgen.plan.talk import Box
    # the callout now belongs to group B (issue 13: a group keeps its boxes on its slide)
    boxes = [(s, e) for s in talk.slides for e in s.body if isinstance(e, Box)]
    assert boxes and text_of(boxes[0][1].items[0].text) == "inside"
    assert text_of(boxes[0][0].body[0].items[0].text) == "B"
