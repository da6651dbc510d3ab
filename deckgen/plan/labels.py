"""The words deckgen adds itself (목차, 정리, (계속) …), in the note's language.

Planning and layout both write them; they are data, kept apart from the timing rules.
"""

from __future__ import annotations

WORDS = {
    "ko": {
        "agenda": "목차",
        "summary": "정리",
        "references": "참고 자료",
        "thanks": "감사합니다",
        "questions": "Q&A",
        "continued": "(계속)",
        "continued_again": "(계속 {n})",  # the second and later continuation of one slide
        "image_missing": "그림을 찾을 수 없음",
        "by": "",
        "more_detail": "— 더 자세히 (시간이 남으면) —",
        "demo": "▶ 데모",
        "picture": "그림",
        "appendix": "부록",
        "comments": "노트의 주석 (작성자용)",
        "opening": "시작",
        "overview": "개요",
        "wrap_up": "마무리",
    },
    "en": {
        "agenda": "Agenda",
        "summary": "Summary",
        "references": "References",
        "thanks": "Thank you",
        "questions": "Questions?",
        "continued": "(cont.)",
        "continued_again": "(cont. {n})",
        "image_missing": "image not found",
        "by": "by",
        "more_detail": "— More detail (if time allows) —",
        "demo": "▶ Demo",
        "picture": "Picture",
        "appendix": "Appendix",
        "comments": "Comments in the note (for the author)",
        "opening": "Opening",
        "overview": "Overview",
        "wrap_up": "Wrap-up",
    },
}


def word(language: str, key: str) -> str:
    return WORDS.get(language, WORDS["en"])[key]
