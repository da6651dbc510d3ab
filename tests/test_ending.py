"""The slides that end a talk: references and the thank-you slide, Korean and English."""

from deckgen.note.model import Link
from deckgen.plan.ending import closing_slide, reference_title, references_slide
from deckgen.plan.talk import SlideKind


def test_references_are_clickable_bullets_named_for_the_audience():
    links = [Link("(3) 도커 공식 문서: 시작하기 안내서", "https://docs.docker.com/get-started/", 12),
             Link("https://example.com/a", "https://example.com/a", 14)]
    slide = references_slide(links, "ko")
    assert (slide.kind, slide.title) == (SlideKind.REFERENCES, "참고 자료")
    runs = [bullet.text[0] for bullet in slide.body[0].items]
    assert [run.text for run in runs] == ["도커 공식 문서: 시작하기 안내서", "example.com/a"]
    assert [run.marks.link for run in runs] == [link.url for link in links]
    assert slide.line == 12 and "https://docs.docker.com/get-started/" in slide.notes.script


def test_short_reference_names_its_site_in_either_language():
    assert reference_title(Link("공식 문서", "https://www.docker.com/x", 1)) == "공식 문서 (docker.com)"
    assert reference_title(Link("Docs", "https://docs.python.org/3/", 1)) == "Docs (docs.python.org)"


def test_the_closing_slide_thanks_and_invites_questions_in_the_talks_language():
    korean, english = closing_slide("ko"), closing_slide("en")
    assert (korean.title, korean.subtitle) == ("감사합니다", ("Q&A",))
    assert (english.title, english.subtitle) == ("Thank you", ("Questions?",))
    assert korean.seconds > 0 and english.seconds > 0
