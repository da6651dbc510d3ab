"""A continuation page of code says which method it shows (Korean and English decks alike)."""

from __future__ import annotations

from deckgen.layout.subjects import page_subject
from deckgen.plan.talk import Bullet, Bullets, Code, Run, TableData


def test_a_code_page_is_titled_by_the_method_it_opens() -> None:
    java = Code("    public void leak(Session session) {\n        SESSIONS.put(session.id(), session);",
                "java")
    assert page_subject([java]) == "leak()"
    python = Code("def clear_expired(self, now):\n    pass", "python")
    assert page_subject([python]) == "clear_expired()"
    body = Code("        if (x) {\n            run(x);\n        }", "java")
    assert page_subject([body]) == ""  # a call or a keyword is not a declaration


def test_tables_and_lists_keep_continued() -> None:
    table = TableData(((Run("a"),),), (((Run("항목"),),),))
    assert page_subject([table]) == "" and page_subject([Bullets((Bullet((Run("항목"),)),))]) == ""
