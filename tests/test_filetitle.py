"""plan.filetitle: a talk's title from the first heading or the file name as written."""

from __future__ import annotations

from pathlib import Path

import pytest

from deckgen.note.parse import parse_note
from deckgen.note.read import Source
from deckgen.plan.filetitle import names_subject, title_from_filename
from deckgen.plan.planner import TalkOptions, plan_talk


@pytest.mark.parametrize("name, title", [
    ("os_cpu_scheduling_and_algorithm.md", "OS CPU Scheduling and Algorithm"),
    ("12_woowahan_techotalk_mutex_and_semaphore.md", "Woowahan Techotalk Mutex and Semaphore"),
    ("_posts/2023-05-08-http-cache.md", "HTTP Cache"),
    ("20240101_TCP handshake.md", "TCP Handshake"),
    ("_posts/2023-05-08-도커-이미지.md", "도커 이미지"),
    ("03-프로세스와-스레드.md", "프로세스와 스레드"),
    ("iOS-앱-구조.md", "iOS 앱 구조"),
    ("the-art-of-MySQL.md", "The Art of MySQL"),
    ("2024.md", "2024"),
])
def test_a_file_name_as_written(name, title):
    assert title_from_filename(name) == title


def test_a_heading_names_the_subject_when_it_shares_a_word_with_the_file_name():
    assert names_subject("뮤텍스와 세마포어 Mutex and Semaphore", "12_mutex_and_semaphore.md")
    assert names_subject("도커 이미지의 구조", "도커-이미지.md")
    assert not names_subject("개요", "os_cpu_scheduling.md")
    assert not names_subject("1. Introduction", "01_and_the.md")  # numbers and small words


def plan(text: str, name: str):
    note, _ = parse_note(Source(Path(name), text))
    return plan_talk(note, TalkOptions())[0]


def test_with_several_h1s_the_first_heading_is_the_title_when_it_names_the_subject():
    talk = plan("# 뮤텍스와 세마포어 Mutex\n\n본문.\n\n# 정리\n\n끝.\n",
                "12_woowahan_techotalk_mutex_and_semaphore.md")
    assert talk.title == "뮤텍스와 세마포어 Mutex"


def test_else_the_file_name_as_written():
    korean = plan("# 개요\n\n본문.\n\n# 알고리즘\n\n끝.\n", "os_cpu_scheduling_and_algorithm.md")
    assert korean.title == "OS CPU Scheduling and Algorithm"
    english = plan("## Overview\n\nText.\n", "03-tcp-and-udp.md")
    assert english.title == "TCP and UDP"
