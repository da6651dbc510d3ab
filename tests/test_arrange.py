"""Arranger: pictures and text on one page, cards, and pagination, arranged directly."""

from __future__ import annotations

from itertools import pairwise

import pytest

from deckgen.layout.arrange import Arranger, Page, merge
from deckgen.theme import TECOTALK

GAP = TECOTALK.gaps.element
from deckgen.layout.elements import ElementSetter
from deckgen.layout.frames import (CodeFrame, Frame, Picture, PictureFrame, Rect, TableFrame,
                                   TextFrame)
from deckgen.layout.measure import Measurer
from deckgen.pictures.model import MAX_UPSCALE, SLIDE_PIXELS_WIDE, display_limit
from deckgen.layout.typeset import Typesetter
from deckgen.note.model import ImageRef
from deckgen.plan.talk import (Bullet, Bullets, Card, Code, Element, Run, TableData, Takeaway,
                               Text, text_of)

from conftest import inside, overlap

SLIDE = Rect(0, 0, 960, 540)
REGION = Rect(48, 112, 864, 382)  # the body of a content slide under a one-line title
SIZES = TECOTALK.sizes
WIDE = Picture("wide.png", 1600, 900)
TALL = Picture("tall.png", 600, 1200)
ICON = Picture("icon.png", 120, 120)
KO = "컨테이너는 호스트 커널을 공유하면서 프로세스를 격리합니다"
EN = "Containers share the host kernel while isolating processes"
LANGS = pytest.mark.parametrize("sentence", [KO, EN], ids=["ko", "en"])


@pytest.fixture(scope="module")
def arranger() -> Arranger:
    return Arranger(ElementSetter(Typesetter(TECOTALK, Measurer())), 960.0)


def text(value: str) -> Text:
    return (Run(value),)


def bullets(*lines: str) -> Bullets:
    return Bullets(tuple(Bullet(text(line)) for line in lines))


def numbered(sentence: str, count: int) -> list[str]:
    return [f"{i}번 {sentence} {i}" for i in range(count)]


def assert_well_placed(frames: list[Frame], region: Rect = REGION) -> None:
    """Every frame inside the region and the slide, no two overlapping."""
    assert frames
    for frame in frames:
        assert inside(frame.rect, region), frame.rect
        assert inside(frame.rect, SLIDE), frame.rect
    for i, a in enumerate(frames):
        for b in frames[i + 1:]:
            assert not overlap(a.rect, b.rect), (a.rect, b.rect)


def assert_floors(frames: list[Frame]) -> None:
    for frame in frames:
        if isinstance(frame, TextFrame):
            assert all(p.size >= SIZES.body_min for p in frame.paras)
        if isinstance(frame, TableFrame):
            assert all(p.size >= SIZES.body_min for row in frame.cells for p in row)
        if isinstance(frame, CodeFrame):
            assert frame.size >= SIZES.code_min


def shown_bullets(pages: list[Page]) -> list[str]:
    return [text_of(b.text) for page in pages for e in page.elements
            if isinstance(e, Bullets) for b in e.items]


def pictures_of(frames: list[Frame]) -> list[PictureFrame]:
    return [f for f in frames if isinstance(f, PictureFrame)]


def texts_of(frames: list[Frame]) -> list[TextFrame]:
    return [f for f in frames if isinstance(f, TextFrame)]


# -- pictures -----------------------------------------------------------------------------

@pytest.mark.parametrize("picture", [WIDE, TALL, ICON, Picture("big.png", 4000, 3000)],
                         ids=["wide", "tall", "icon", "big"])
def test_a_picture_keeps_its_aspect_and_stays_in_the_area(arranger: Arranger, picture: Picture):
    [rect] = arranger.picture_rects([picture], REGION)
    assert inside(rect, REGION)
    assert rect.w / rect.h == pytest.approx(picture.aspect, rel=1e-6)
    assert rect.w <= display_limit(picture, 960) + 0.01


def test_a_small_picture_is_not_blown_up(arranger: Arranger):
    [rect] = arranger.picture_rects([ICON], REGION)
    assert rect.w <= ICON.width * MAX_UPSCALE * 960 / SLIDE_PIXELS_WIDE + 0.01
    assert rect.w < REGION.h / 2  # far smaller than the area would allow
    center = (rect.x + rect.w / 2, rect.y + rect.h / 2)
    assert center == pytest.approx((REGION.x + REGION.w / 2, REGION.y + REGION.h / 2))


def test_the_authors_width_hint_caps_the_picture(arranger: Arranger):
    hinted = Picture("hint.png", 1600, 900, size_hint=350)
    [rect] = arranger.picture_rects([hinted], REGION)
    assert rect.w <= 960 * 350 / 700 + 0.01
    assert rect.w < arranger.picture_rects([WIDE], REGION)[0].w


def test_several_pictures_share_the_area_without_overlap(arranger: Arranger):
    pictures = [WIDE, TALL, Picture("sq.png", 800, 800)]
    rects = arranger.picture_rects(pictures, REGION)
    assert len(rects) == 3
    for rect, picture in zip(rects, pictures):
        assert inside(rect, REGION) and rect.w / rect.h == pytest.approx(picture.aspect)
    assert not any(overlap(a, b) for i, a in enumerate(rects) for b in rects[i + 1:])


def test_four_pictures_may_form_a_grid(arranger: Arranger):
    four = [Picture(f"{i}.png", 1600, 1200) for i in range(4)]
    rects = arranger.picture_rects(four, REGION)
    assert len({round(r.y) for r in rects}) == 2 and len({round(r.x) for r in rects}) == 2
    assert all(inside(r, REGION) for r in rects)
    assert not any(overlap(a, b) for i, a in enumerate(rects) for b in rects[i + 1:])


# -- text ---------------------------------------------------------------------------------

@LANGS
def test_text_height_grows_with_elements_and_counts_the_gaps(arranger: Arranger, sentence: str):
    one = arranger.text_height([bullets(sentence)], 600, 28)
    assert one is not None
    two = arranger.text_height([bullets(sentence), Takeaway(text(sentence))], 600, 28)
    assert two is not None and two > one + GAP
    wide = arranger.text_height([bullets(sentence, sentence)], 864, 28)
    narrow = arranger.text_height([bullets(sentence, sentence)], 400, 28)
    assert wide is not None and narrow is not None and narrow > wide


def test_text_height_is_none_when_the_width_is_unreadable(arranger: Arranger):
    assert arranger.text_height([bullets(KO)], 80, 28) is None


@LANGS
def test_place_text_stacks_elements_in_order(arranger: Arranger, sentence: str):
    elements: list[Element] = [bullets(sentence), Code("docker ps  # 목록", "bash"),
                               Takeaway(text(sentence))]
    frames = arranger.place_text(elements, 48, 112, 864, 28)
    assert [type(f) for f in frames] == [TextFrame, CodeFrame, TextFrame]
    for above, below in pairwise(frames):
        assert below.rect.y == pytest.approx(above.rect.bottom + GAP)


# -- one page -----------------------------------------------------------------------------

@LANGS
def test_text_alone_sits_inside_the_region(arranger: Arranger, sentence: str):
    frames = arranger.arrange([bullets(*numbered(sentence, 3))], [], REGION, 28)
    assert frames is not None
    assert_well_placed(frames)


@LANGS
def test_too_much_text_for_one_page_is_refused(arranger: Arranger, sentence: str):
    assert arranger.arrange([bullets(*numbered(sentence, 30))], [], REGION, 28) is None


@LANGS
def test_a_lone_takeaway_is_centred(arranger: Arranger, sentence: str):
    frames = arranger.arrange([Takeaway(text(sentence))], [], REGION, 28)
    assert frames is not None and len(frames) == 1
    frame = frames[0]
    assert isinstance(frame, TextFrame) and frame.paras[0].align == "ctr"
    assert frame.rect.y + frame.rect.h / 2 == pytest.approx(REGION.y + REGION.h / 2)


@LANGS
def test_a_wide_picture_goes_above_the_text(arranger: Arranger, sentence: str):
    frames = arranger.arrange([bullets(sentence[:14])], [WIDE], REGION, 28)
    assert frames is not None
    assert_well_placed(frames)
    [picture], [body] = pictures_of(frames), texts_of(frames)
    assert picture.rect.bottom <= body.rect.y
    assert picture.rect.w / picture.rect.h == pytest.approx(16 / 9)
    assert picture.rect.w * picture.rect.h > 0.4 * REGION.w * REGION.h  # shown large


@LANGS
def test_a_tall_picture_goes_beside_the_text(arranger: Arranger, sentence: str):
    frames = arranger.arrange([bullets(sentence[:14], "둘 two")], [TALL], REGION, 28)
    assert frames is not None
    assert_well_placed(frames)
    [picture], [body] = pictures_of(frames), texts_of(frames)
    assert body.rect.right <= picture.rect.x
    assert picture.rect.w / picture.rect.h == pytest.approx(0.5)


def test_text_that_leaves_no_room_for_a_legible_picture_is_refused(arranger: Arranger):
    assert arranger.arrange([bullets(*numbered(KO, 8))], [WIDE], REGION, 28) is None


def test_pictures_alone_fill_the_region(arranger: Arranger):
    frames = arranger.arrange([], [WIDE, TALL], REGION, 28)
    assert frames is not None and len(pictures_of(frames)) == 2
    assert_well_placed(frames)


# -- cards --------------------------------------------------------------------------------

def card(title: str, number: str, detail: str) -> Card:
    return Card(text(title), ImageRef(f"{number}.png", "", 3), (Bullet(text(detail)),), number)


@LANGS
def test_cards_sit_side_by_side_when_they_fit(arranger: Arranger, sentence: str):
    cards = (card("빌드 build", "1.", sentence[:20]), card("실행 run", "2.", sentence[-20:]))
    frames = arranger.arrange_cards(cards, [WIDE, TALL], REGION, 28)
    assert frames is not None
    assert_well_placed(frames)
    assert_floors(frames)
    pictures, texts = pictures_of(frames), texts_of(frames)
    assert len(pictures) == 2 and len(texts) == 2
    assert pictures[0].rect.right <= pictures[1].rect.x
    assert pictures[0].rect.bottom == pytest.approx(pictures[1].rect.bottom)  # one baseline
    for picture, body in zip(pictures, texts):
        assert picture.rect.bottom <= body.rect.y
        assert picture.rect.w / picture.rect.h == pytest.approx(picture.picture.aspect)
        assert picture.rect.w <= display_limit(picture.picture, 960) + 0.01
        assert picture.line == 3
    assert texts[0].paras[0].runs[0].text == "1. " and texts[0].paras[0].runs[0].accent
    assert texts[0].paras[1].size == 24  # details are set smaller


def test_too_many_cards_for_the_width_are_refused(arranger: Arranger):
    cards = tuple(card(f"단계 {i} step", f"{i}.", "설명") for i in range(4))
    assert arranger.arrange_cards(cards, [WIDE] * 4, REGION, 28) is None


def test_cards_with_too_much_text_are_refused(arranger: Arranger):
    long = " ".join([KO] * 6)
    cards = (card("빌드", "1.", long), card("실행", "2.", long))
    assert arranger.arrange_cards(cards, [WIDE, WIDE], REGION, 28) is None


# -- pagination ---------------------------------------------------------------------------

@LANGS
def test_too_long_content_splits_and_shows_every_bullet_once(arranger: Arranger, sentence: str):
    lines = numbered(sentence, 30)
    pages = arranger.paginate([bullets(*lines)], [], REGION, 28)
    assert len(pages) > 1
    assert shown_bullets(pages) == lines
    assert all(not page.moved_to_notes for page in pages)
    for page in pages:
        assert_well_placed(page.frames)
        assert_floors(page.frames)
        shown = " ".join(text_of(p.runs) for f in texts_of(page.frames) for p in f.paras)
        assert shown == " ".join(text_of(b.text) for e in page.elements
                                 if isinstance(e, Bullets) for b in e.items)


def test_content_that_fits_stays_on_one_page(arranger: Arranger):
    lines = numbered(KO, 5)
    pages = arranger.paginate([bullets(*lines)], [], REGION, 28)
    assert len(pages) == 1 and shown_bullets(pages) == lines


def test_a_smaller_size_is_preferred_to_a_continuation(arranger: Arranger):
    lines = [f"항목 {i} item {i}" for i in range(9)]
    assert arranger.arrange([bullets(*lines)], [], REGION, 28) is None  # too tall at body size
    pages = arranger.paginate([bullets(*lines)], [], REGION, 28)
    assert len(pages) == 1 and shown_bullets(pages) == lines
    sizes = {p.size for f in texts_of(pages[0].frames) for p in f.paras}
    assert sizes and max(sizes) < 28 and min(sizes) >= SIZES.body_min


def test_sparse_text_is_set_larger_than_body(arranger: Arranger):
    pages = arranger.paginate([bullets("짧은 요점", "short point")], [], REGION, 28)
    [frame] = texts_of(pages[0].frames)
    assert all(p.size > 28 for p in frame.paras)
    assert_well_placed(pages[0].frames)


def test_pictures_come_first_with_what_fits_beside_them(arranger: Arranger):
    lines = numbered(KO, 12)
    pages = arranger.paginate([bullets(*lines)], [TALL], REGION, 28)
    assert len(pages) > 1
    assert pages[0].pictures == [TALL] and len(pictures_of(pages[0].frames)) == 1
    assert all(not pictures_of(page.frames) for page in pages[1:])
    assert shown_bullets(pages) == lines
    for page in pages:
        assert_well_placed(page.frames)


def test_an_oversized_bullet_is_cut_and_the_rest_goes_to_the_notes(arranger: Arranger):
    words = " ".join(f"단어{i} word{i}" for i in range(60))
    pages = arranger.paginate([bullets(words)], [], REGION, 28)
    moved = [note for page in pages for note in page.moved_to_notes]
    assert len(moved) == 1
    [kept] = shown_bullets(pages)
    assert kept.endswith(" …")
    assert (kept[:-2] + " " + moved[0]).split() == words.split()  # every word exactly once
    for page in pages:
        assert_well_placed(page.frames)
        assert_floors(page.frames)


def test_long_code_is_split_across_pages_never_below_the_code_floor(arranger: Arranger):
    source = "\n".join(f"echo '{i} 번째 줄 line'" for i in range(22))
    pages = arranger.paginate([Code(source, "bash")], [], REGION, 28)
    assert len(pages) > 1
    shown = "\n".join(e.text for page in pages for e in page.elements if isinstance(e, Code))
    assert shown == source
    for page in pages:
        assert_well_placed(page.frames)
        assert_floors(page.frames)


def test_a_long_table_repeats_its_header_on_each_page(arranger: Arranger):
    header = (text("이름 name"), text("설명 description"))
    rows = tuple((text(f"항목 {i}"), text(f"{KO} {i}")) for i in range(20))
    pages = arranger.paginate([TableData(header, rows)], [], REGION, 28)
    assert len(pages) > 1
    tables = [e for page in pages for e in page.elements if isinstance(e, TableData)]
    assert all(t.header == header for t in tables)
    assert [r for t in tables for r in t.rows] == list(rows)
    for page in pages:
        assert_well_placed(page.frames)
        assert_floors(page.frames)


# -- merge --------------------------------------------------------------------------------

def test_merge_joins_neighbouring_atoms_of_one_kind(arranger: Arranger):
    setter = arranger.setter
    element = bullets(KO, EN, "셋째 third")
    assert merge(setter, [(0, a) for a in setter.atoms(element)]) == [element]
    source = Code("a = 1\nb = 2  # 둘", "python")
    mixed = [*((0, a) for a in setter.atoms(element)), (1, Takeaway(text(KO))),
             *((2, a) for a in setter.atoms(source))]
    assert merge(setter, mixed) == [element, Takeaway(text(KO)), source]
    assert merge(setter, []) == []


def test_two_code_blocks_in_a_row_stay_two_boxes(arranger: Arranger):
    """Separate blocks of one language are not glued into one box (their atoms would join)."""
    first = Code("x = 1  # 첫 번째\ny = 2", "python")
    second = Code("z = 3  # 두 번째 block\nw = 4", "python")
    pages = arranger.paginate([first, second], [], REGION, 28)
    shown = [e for page in pages for e in page.elements if isinstance(e, Code)]
    assert shown == [first, second]
