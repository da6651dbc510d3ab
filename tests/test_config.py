from pathlib import Path

from deckgen.config import settings

FOLDERS = (Path("/vault"), Path("/vault/notes"), Path("/cwd"))


def test_precedence_flags_front_matter_toml_defaults():
    chosen, warnings = settings({"speaker": "flag"}, {"speaker": "front", "minutes": 7},
                      {"speaker": "toml", "minutes": 3, "event": "테코톡", "theme": "plain"}, FOLDERS)
    assert chosen.talk.speaker == "flag" and chosen.talk.minutes == 7
    assert chosen.talk.event == "테코톡" and chosen.theme == "plain"
    assert settings({}, {}, {}, FOLDERS)[0].talk.minutes == 10


def test_aliases_and_bad_values_warn_and_fall_back():
    chosen, warnings = settings({}, {"author": "검프", "minutes": "lots", "accent": "red"}, {},
                                FOLDERS)
    assert chosen.talk.speaker == "검프" and chosen.talk.minutes == 10 and chosen.accent == ""
    assert len(warnings) == 2


def test_template_paths_are_relative_to_where_they_were_written():
    from_toml, warnings = settings({}, {}, {"template": "t.pptx"}, FOLDERS)
    assert from_toml.template == Path("/vault/t.pptx")
    from_front, warnings = settings({}, {"template": "t.pptx"}, {}, FOLDERS)
    assert from_front.template == Path("/vault/notes/t.pptx")


def test_jekyll_and_hugo_keys_author_description_and_date():
    import datetime

    front = {"layout": "post", "author": "검프", "description": "캐시 정리",
             "date": datetime.datetime(2023, 5, 8, 21, 30), "tags": ["http"],
             "categories": "network", "permalink": "/x/"}
    chosen, warnings = settings({}, front, {}, (Path("."),) * 3)
    assert warnings == []
    assert (chosen.talk.speaker, chosen.talk.subtitle, chosen.talk.date) == \
        ("검프", "캐시 정리", "2023-05-08")
    english, warnings = settings({}, {"author": {"name": "Gump", "url": "https://x"},
                                      "description": "Caching", "subtitle": "Own subtitle",
                                      "date": "2023-05-08 21:30:00 +0900"}, {}, (Path("."),) * 3)
    assert (english.talk.speaker, english.talk.subtitle, english.talk.date) == \
        ("Gump", "Own subtitle", "2023-05-08")
    assert warnings == []
