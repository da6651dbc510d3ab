"""Slides that make a claim: a fragment shows the sentence its phrase was bolded in."""

from __future__ import annotations

from deckgen.plan.claims import claim, is_fragment, with_claims
from deckgen.plan.talk import Bullet, Bullets, Notes, Run, Slide, SlideKind, Takeaway, text_of
from deckgen.note.model import KEY


def _slide(points: list[str], script: str) -> Slide:
    return Slide(SlideKind.CONTENT, "t", notes=Notes(script),
                 body=(Bullets(tuple(Bullet((Run(p, KEY),)) for p in points)),))


def test_a_noun_phrase_keeps_its_predicate_korean_and_english() -> None:
    ko = with_claims(_slide(["Stop-The-World"], "Stop-The-World는 애플리케이션 스레드를 모두 "
                                               "멈추는 것이다. 튜닝은 이 멈춤을 줄이는 일이다."))
    (bullet,) = ko.body[0].items
    assert text_of(bullet.text) == "Stop-The-World는 애플리케이션 스레드를 모두 멈추는 것이다"
    assert [r.text for r in bullet.text if r.accent] == ["Stop-The-World"]
    en = with_claims(_slide(["a movable pointer"], "A branch is a movable pointer to a commit."))
    assert text_of(en.body[0].items[0].text) == "A branch is a movable pointer to a commit"


def test_two_phrases_of_one_sentence_show_it_once_with_both_marked() -> None:
    slide = with_claims(_slide(["이미지", "컨테이너"], "도커는 이미지로 컨테이너를 만든다."))
    (bullet,) = slide.body[0].items
    assert text_of(bullet.text) == "도커는 이미지로 컨테이너를 만든다"
    assert [r.text for r in bullet.text if r.accent] == ["이미지", "컨테이너"]


def test_a_fragment_that_is_still_short_shows_the_next_sentence() -> None:
    slide = with_claims(_slide(["항상 새 트랜잭션을 만든다"],
                               "항상 새 트랜잭션을 만든다. 바깥 트랜잭션은 잠시 멈춘다. 로그에 쓴다."))
    assert not is_fragment(slide)
    (bullets,) = slide.body  # the next sentence is one more point, set like the first
    assert [text_of(b.text) for b in bullets.items] == ["항상 새 트랜잭션을 만든다", "바깥 트랜잭션은 잠시 멈춘다",
                                                    "로그에 쓴다"]
    alone = with_claims(Slide(SlideKind.CONTENT, "t", notes=Notes("짧다. 그래도 두 번째 문장은 말한다."),
                              body=(Takeaway((Run("짧다."),)),)))
    assert isinstance(alone.body[-1], Takeaway)


def test_a_slide_that_says_enough_is_left_alone() -> None:
    slide = _slide(["컨테이너를 생성하고 관리하기 위한 도구", "데이터와 프로그램을 격리시키는 기능"], "긴 설명.")
    assert with_claims(slide) == slide


def test_a_long_sentence_is_cut_at_a_clause_never_inside_one() -> None:
    point = Bullet((Run("G1", KEY),))
    said = claim(point, "G1은 힙을 Region으로 나눠 청소한다, 그리고 목표 멈춤 시간을 옵션으로 정하며 "
                        "Java 9부터 기본값이 되었다.", limit=30)
    assert text_of(said.text) == "G1은 힙을 Region으로 나눠 청소한다"
    long_one = claim(point, "G1은 힙을 같은 크기의 여러 Region으로 나눠 쓰레기가 가장 많은 곳부터 "
                            "차례로 청소하는 수집기이다.", limit=30)
    assert text_of(long_one.text) == "G1"  # no clause boundary: the phrase as bolded
