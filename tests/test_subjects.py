"""A continuation page says what it adds: the method its code opens, the group, the first
bold phrase or step of its list, the range of its numbered points or of its table's first
column (Korean and English decks alike); "" where nothing short says it."""

from __future__ import annotations

from deckgen.layout.subjects import page_subject
from deckgen.note.model import Marks
from deckgen.plan.talk import (Box, Bullet, Bullets, Code, Columns, Group, Run, TableData,
                               Takeaway)

BOLD = Marks(bold=True)


def test_a_code_page_is_titled_by_the_method_it_opens() -> None:
    java = Code("    public void leak(Session session) {\n        SESSIONS.put(session.id(), session);",
                "java")
    assert page_subject([java]) == "leak()"
    python = Code("def clear_expired(self, now):\n    pass", "python")
    assert page_subject([python]) == "clear_expired()"
    body = Code("        if (x) {\n            run(x);\n        }", "java")
    assert page_subject([body]) == ""  # a call or a keyword is not a declaration


def test_a_yaml_page_is_titled_by_the_outermost_block_it_opens() -> None:
    yaml = Code("  name: web\nspec:\n  replicas: 3\n  selector:\n    matchLabels:", "yaml")
    assert page_subject([yaml]) == "spec"


def test_a_table_page_names_the_range_of_its_first_column() -> None:
    for first, last in (("ZGC", "Shenandoah"), ("Serial GC", "CMS GC")):
        table = TableData(((Run("이름"),), (Run("특징"),)),
                          (((Run(first),), (Run("짧은 멈춤"),)), ((Run(last),), (Run("병렬"),))))
        assert page_subject([table]) == f"{first}–{last}"
    one = TableData(((Run("a"),),), (((Run("항목"),),),))
    assert page_subject([one]) == "항목"
    steps = TableData(((Run("단계"),), (Run("플래그"),)), tuple(((Run(n),), (Run("SYN"),)) for n in "123"))
    assert page_subject([steps, Bullets((Bullet((Run("왜 세 번인가"),)),))]) == "왜 세 번인가"
    long = TableData(((Run("a"),),), (((Run("애플리케이션 스레드를 모두 멈추는 경우"),),),))
    assert page_subject([long]) == ""  # nothing short: "(계속)"


def test_a_list_page_names_its_bold_phrase_its_step_or_its_numbers() -> None:
    bold = Bullets((Bullet((Run("Stop-The-World", BOLD), Run(" 동안 멈춘다")),),))
    assert page_subject([bold]) == "Stop-The-World"
    assert page_subject([Bullets((Bullet((Run("Write barrier", BOLD), Run(" records it")),),))]) \
        == "Write barrier"
    steps = Bullets((Bullet((Run("Compact: 살아남은 객체를 한쪽으로 모은다"),), 0, "3."),))
    assert page_subject([steps]) == "Compact"
    assert page_subject([Bullets((Bullet((Run("Sweep: free what is unmarked"),), 0, "2."),))]) \
        == "Sweep"
    agenda = Bullets(tuple(Bullet((Run(t),), 0, f"{n}.") for n, t in
                           ((8, "트라이"), (9, "그래프 표현"), (14, "Dynamic programming"))))
    assert page_subject([agenda]) == "8–14"
    assert page_subject([Bullets((Bullet((Run("JRE"),)), Bullet((Run("JVM"),))))]) == "JRE"
    repeated = Bullets(tuple(Bullet((Run("a longer point that says more"),), 0, "1.") for _ in "ab"))
    assert page_subject([repeated]) == ""  # numbers that do not count up name no range
    plain = Bullets((Bullet((Run("항목 하나를 길게 설명하는 문장입니다"),)),))
    assert page_subject([plain]) == "" and page_subject([Takeaway((Run("A sentence."),))]) == ""


def test_a_group_or_callout_page_names_its_label() -> None:
    columns = Columns((Group((Run("G1 GC"),), (Bullet((Run("Region"),)),)),))
    assert page_subject([columns]) == "G1 GC"
    assert page_subject([Box("tip", (Run("Tuning tips"),), ())]) == "Tuning tips"
