import json
import os
from pathlib import Path

from deckgen.note.model import ImageRef
from deckgen.note.vault import ImageFinder, Located, Unavailable, find_vault_root

from conftest import png


def ref(target: str, embed: bool = True) -> ImageRef:
    return ImageRef(target, "", 1, embed=embed)


def test_vault_root_is_the_folder_with_obsidian_or_deckgen_toml(tmp_path: Path):
    (tmp_path / "v" / ".obsidian").mkdir(parents=True)
    note = tmp_path / "v" / "deep" / "n.md"
    note.parent.mkdir()
    assert find_vault_root(note, tmp_path) == tmp_path / "v"
    (tmp_path / "w" / "sub").mkdir(parents=True)
    (tmp_path / "w" / "deckgen.toml").write_text("")
    assert find_vault_root(tmp_path / "w" / "sub" / "n.md", tmp_path) == tmp_path / "w"


def test_without_markers_the_current_folder_when_the_note_is_inside(tmp_path: Path):
    (tmp_path / "notes").mkdir()
    assert find_vault_root(tmp_path / "notes" / "n.md", tmp_path) == tmp_path
    elsewhere = tmp_path / "other"
    elsewhere.mkdir()
    assert find_vault_root(tmp_path / "notes" / "n.md", elsewhere) == tmp_path / "notes"


def test_images_folder_up_the_tree(vault: Path):
    image = png(vault / "images" / "Pasted image 1.png")
    finder = ImageFinder(vault / "notes" / "n.md", vault)
    assert finder.find(ref("Pasted image 1.png")) == Located(image.resolve())


def test_attachment_folder_from_app_json_including_relative_form(vault: Path):
    (vault / ".obsidian" / "app.json").write_text(json.dumps({"attachmentFolderPath": "./att"}))
    image = png(vault / "notes" / "att" / "x.png")
    finder = ImageFinder(vault / "notes" / "n.md", vault)
    assert finder.find(ref("x.png")) == Located(image.resolve())


def test_vault_wide_search_by_file_name(vault: Path):
    image = png(vault / "a" / "b" / "c" / "deep.png")
    finder = ImageFinder(vault / "notes" / "n.md", vault)
    assert finder.find(ref("deep.png")) == Located(image.resolve())


def test_markdown_paths_are_relative_to_the_note(vault: Path):
    image = png(vault / "notes" / "pics" / "a b.png")
    finder = ImageFinder(vault / "notes" / "n.md", vault)
    assert finder.find(ref("pics/a b.png", embed=False)) == Located(image.resolve())


def test_nothing_outside_the_vault_is_read(tmp_path: Path):
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    secret = png(tmp_path / "secret.png")
    finder = ImageFinder(vault / "n.md", vault)
    assert finder.find(ref("../secret.png", embed=False)) == Unavailable("outside the vault (not read)")
    assert isinstance(finder.find(ref(str(secret), embed=False)), Unavailable)
    os.symlink(secret, vault / "link.png")
    assert isinstance(finder.find(ref("link.png")), Unavailable)


def test_remote_and_file_urls_are_never_fetched(vault: Path):
    finder = ImageFinder(vault / "n.md", vault)
    assert finder.find(ref("https://example.com/a.png", False)).reason.startswith("remote")
    assert finder.find(ref("file:///etc/passwd", False)).reason.startswith("file:")


def test_excalidraw_drawing_uses_its_exported_picture(tmp_path: Path):
    (tmp_path / ".obsidian").mkdir()
    (tmp_path / "Excalidraw").mkdir()
    (tmp_path / "Excalidraw" / "구조도.excalidraw.md").write_text("---\n---\n", encoding="utf-8")
    exported = png(tmp_path / "Excalidraw" / "구조도.excalidraw.png")
    finder = ImageFinder(tmp_path / "n.md", tmp_path)
    for target in ("구조도.excalidraw", "구조도.excalidraw.md", "Excalidraw/구조도.excalidraw"):
        assert finder.find(ref(target)) == Located(exported.resolve())


def test_excalidraw_svg_export_is_found_when_there_is_no_png(tmp_path: Path):
    (tmp_path / "Drawing.excalidraw.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    finder = ImageFinder(tmp_path / "n.md", tmp_path)
    assert finder.find(ref("Drawing.excalidraw")) == Located((tmp_path / "Drawing.excalidraw.svg")
                                                             .resolve())


def test_excalidraw_without_export_says_to_turn_auto_export_on(tmp_path: Path):
    (tmp_path / "Sketch.excalidraw.md").write_text("---\n---\n", encoding="utf-8")
    found = ImageFinder(tmp_path / "n.md", tmp_path).find(ref("Sketch.excalidraw"))
    assert isinstance(found, Unavailable) and "auto-export" in found.reason


def test_notes_are_found_by_name_inside_the_vault_only(tmp_path: Path):
    vault = tmp_path / "vault"
    (vault / ".obsidian").mkdir(parents=True)
    (vault / "deep").mkdir()
    (vault / "deep" / "용어집.md").write_text("x", encoding="utf-8")
    (tmp_path / "secret.md").write_text("x", encoding="utf-8")
    finder = ImageFinder(vault / "n.md", vault)
    assert finder.find_note("용어집") == Located((vault / "deep" / "용어집.md").resolve())
    assert finder.find_note("../secret") == Unavailable("outside the vault (not read)")


def test_a_git_repository_is_the_vault_and_nothing_outside_it_is_read(tmp_path: Path):
    repo = tmp_path / "study"
    (repo / ".git").mkdir(parents=True)
    note = repo / "network" / "http.md"
    note.parent.mkdir()
    assert find_vault_root(note, note.parent) == repo
    (tmp_path / "wt" / "sub").mkdir(parents=True)  # a worktree or submodule: .git is a file
    (tmp_path / "wt" / ".git").write_text("gitdir: /elsewhere\n")
    assert find_vault_root(tmp_path / "wt" / "sub" / "n.md", tmp_path) == tmp_path / "wt"
    inside = png(repo / "resources" / "그림.png")
    png(tmp_path / "secret.png")
    finder = ImageFinder(note, find_vault_root(note, note.parent))
    assert finder.find(ref("../resources/그림.png", embed=False)) == Located(inside.resolve())
    assert finder.find(ref("../../secret.png", embed=False)) == \
        Unavailable("outside the vault (not read)")
