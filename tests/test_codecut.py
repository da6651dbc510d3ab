"""plan.codecut: long code shown as its signatures and the first lines of each body."""

from __future__ import annotations

import pytest

from deckgen.plan.codecut import GAP_MARK, telling_lines

JAVA = """public class OrderService {
    private final Repo repo;

    public OrderService(Repo repo) {
        this.repo = repo;
        init();
        log("ready");
    }

    public Order place(Cart cart) {
        validate(cart);
        Order order = new Order(cart);
        repo.save(order);
        notify(order);
        return order;
    }

    private void validate(Cart cart) {
        if (cart.isEmpty()) {
            throw new IllegalStateException();
        }
        check(cart);
    }
}"""
SIGNATURES = ["public class OrderService {", "    public OrderService(Repo repo) {",
              "    public Order place(Cart cart) {", "    private void validate(Cart cart) {"]


def kept_in_order(shown: str, code: str) -> bool:
    """Every shown line that is not a gap mark is a line of the code, in the code's order."""
    lines, at = code.split("\n"), 0
    for line in shown.split("\n"):
        if line.strip() == GAP_MARK:
            continue
        if line not in lines[at:]:
            return False
        at = lines.index(line, at) + 1
    return True


def test_the_shape_is_every_signature_within_the_limit():
    shown = telling_lines(JAVA, "java", 12)
    lines = shown.split("\n")
    assert len(lines) <= 12
    for signature in SIGNATURES:
        assert signature in lines
    assert kept_in_order(shown, JAVA)


def test_without_pygments_the_keyword_rule_finds_classes_and_methods():
    lines = telling_lines(JAVA, "", 12).split("\n")
    assert len(lines) <= 12
    for signature in (SIGNATURES[0], SIGNATURES[2], SIGNATURES[3]):
        assert signature in lines


def test_without_pygments_a_constructor_is_a_signature_too():
    assert SIGNATURES[1] in telling_lines(JAVA, "", 12).split("\n")


def test_a_call_or_a_field_is_not_taken_for_a_constructor():
    from deckgen.plan.codecut import _CONSTRUCTOR
    assert _CONSTRUCTOR.match("    public OrderService(Repo repo) throws IOException {")
    assert _CONSTRUCTOR.match("    private 주문서비스(Repo repo) {") is None  # a name, not a type
    for line in ("        Order order = new Order(cart);", "    private final Repo repo;",
                 "        return Order(cart);", "    public Order place(Cart cart);"):
        assert _CONSTRUCTOR.match(line) is None, line


def test_each_kept_signature_shows_how_its_body_starts():
    lines = telling_lines(JAVA, "java", 12).split("\n")
    for signature, first in [(SIGNATURES[1], "        this.repo = repo;"),
                             (SIGNATURES[2], "        validate(cart);")]:
        assert lines[lines.index(signature) + 1] == first


def test_a_gap_mark_stands_at_the_indentation_of_what_it_leaves_out():
    lines = telling_lines(JAVA, "java", 12).split("\n")
    gaps = [line for line in lines if line.strip() == GAP_MARK]
    assert gaps and all(line == "    " + GAP_MARK or line == "            " + GAP_MARK
                        for line in gaps)
    assert lines[lines.index(SIGNATURES[1]) - 1] == "    " + GAP_MARK


def test_more_room_shows_more_of_each_body():
    short, long = (telling_lines(JAVA, "java", n).split("\n") for n in (12, 20))
    assert len(long) > len(short) and len(long) <= 20
    assert "        Order order = new Order(cart);" in long


def test_the_closing_brace_ends_the_block_when_there_is_room():
    code = "class A {\n    void a() {\n        x();\n    }\n\n\n\n\n    void b() {\n        y();\n    }\n}"
    lines = telling_lines(code, "java", 10).split("\n")
    assert len(lines) <= 10 and lines[-1] == "}" and lines[-2] == "    }"


def test_python_without_a_language_is_found_by_its_keywords():
    code = "\n".join(["import os", "", "def load(path):", "    with open(path) as f:",
                      "        return f.read()", "", "class Store:", "    def get(self, key):",
                      "        return self.data[key]", *[f"x{i} = {i}" for i in range(20)]])
    lines = telling_lines(code, "", 9).split("\n")
    assert {"def load(path):", "class Store:", "    def get(self, key):"} <= set(lines)
    assert len(lines) <= 9


def test_code_without_signatures_shows_its_start_and_one_gap():
    code = "\n".join(f"print({n})" for n in range(30))
    assert telling_lines(code, "python", 5) == "print(0)\nprint(1)\nprint(2)\nprint(3)\n" + GAP_MARK


def test_code_within_the_limit_is_untouched():
    code = "fn main() {\n    println!(\"안녕\");\n}"
    assert telling_lines(code, "rust", 3) == code


def test_long_code_shows_the_method_the_slide_talks_about() -> None:
    methods = "\n".join(f"    public void m{n}() {{\n        step{n}();\n        more{n}();\n    }}\n"
                        for n in range(8))
    code = ("public class Registry {\n" + methods +
            "    public void leak(Session s) {\n        SESSIONS.put(s.id(), s);\n"
            "        s.attach(new byte[1024]);\n    }\n}")
    plain = telling_lines(code, "java", 12)
    assert "SESSIONS.put(s.id(), s);" not in plain  # the shape alone: signatures first
    for said in ("문제는 leak 메서드다.", "The leak method never removes a session."):
        told = telling_lines(code, "java", 12, said)
        assert len(told.split("\n")) <= 12
        assert "    public void leak(Session s) {\n        SESSIONS.put(s.id(), s);\n" \
               "        s.attach(new byte[1024]);\n    }" in told
