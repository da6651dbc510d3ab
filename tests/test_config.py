from pathlib import Path

from deckgen.config import settings
from deckgen.errors import BuildWarning

FOLDERS = (Path("/vault"), Path("/vault/notes"), Path("/cwd"))


def test_precedence_flags_front_matter_toml_defaults():
    warnings: list[BuildWarning] = []
    chosen = settings({"speaker": "flag"}, {"speaker": "front", "minutes": 7},
                      {"speaker": "toml", "minutes": 3, "event": "테코톡", "theme": "plain"},
                      FOLDERS, warnings)
    assert chosen.talk.speaker == "flag" and chosen.talk.minutes == 7
    assert chosen.talk.event == "테코톡" and chosen.theme == "plain"
    assert settings({}, {}, {}, FOLDERS, warnings).talk.minutes == 10


def test_aliases_and_bad_values_warn_and_fall_back():
    warnings: list[BuildWarning] = []
    chosen = settings({}, {"author": "검프", "minutes": "lots", "accent": "red"}, {}, FOLDERS,
                      warnings)
    assert chosen.talk.speaker == "검프" and chosen.talk.minutes == 10 and chosen.accent == ""
    assert len(warnings) == 2


def test_template_paths_are_relative_to_where_they_were_written():
    warnings: list[BuildWarning] = []
    from_toml = settings({}, {}, {"template": "t.pptx"}, FOLDERS, warnings)
    assert from_toml.template == Path("/vault/t.pptx")
    from_front = settings({}, {"template": "t.pptx"}, {}, FOLDERS, warnings)
    assert from_front.template == Path("/vault/notes/t.pptx")


def test_jekyll_and_hugo_keys_author_description_and_date():
    import datetime

    warnings: list[BuildWarning] = []
    front = {"layout": "post", "author": "검프", "description": "캐시 정리",
             "date": datetime.datetime(2023, 5, 8, 21, 30), "tags": ["http"],
             "categories": "network", "permalink": "/x/"}
    chosen = settings({}, front, {}, (Path("."),) * 3, warnings)
    assert (chosen.talk.speaker, chosen.talk.subtitle, chosen.talk.date) == \
        ("검프", "캐시 정리", "2023-05-08")
    english = settings({}, {"author": {"name": "Gump", "url": "https://x"},
                            "description": "Caching", "subtitle": "Own subtitle",
                            "date": "2023-05-08 21:30:00 +0900"}, {}, (Path("."),) * 3, warnings)
    assert (english.talk.speaker, english.talk.subtitle, english.talk.date) == \
        ("Gump", "Own subtitle", "2023-05-08")
    assert warnings == []
