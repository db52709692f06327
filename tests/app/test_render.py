"""webapp.render: profile text is shown literally, never as markdown, HTML, LaTeX or links."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from webapp.render import WORD_JOINER, bullets, escape

HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "[klik hier](http://voorbeeld.nl)",
    "![plaatje](http://voorbeeld.nl/a.png)",
    "**vet** _schuin_ `code` ~~weg~~",
    "$x^2$ kost 5 $",
    "# kop",
    "1. lijst",
    "- lijst",
    "&lt;script&gt;",
    "regel\nmet\n\nwitregels",
]


def test_escape_leaves_no_unescaped_markdown_or_html_character():
    for text in HOSTILE:
        escaped = escape(text)
        assert "\n" not in escaped
        for index, char in enumerate(escaped):
            if char in "<>[]()*_`~$#&!-.":
                assert escaped[index - 1] == "\\", (text, escaped)


def test_escaping_loses_no_character_of_the_text():
    script = "import streamlit as st\nfrom webapp.render import escape\nst.markdown(escape({text!r}))"
    for text in HOSTILE[:5]:
        at = AppTest.from_string(script.format(text=text)).run()
        assert not at.exception
        shown = at.markdown[0].value
        assert shown.replace("\\", "").replace(WORD_JOINER, "") == " ".join(text.split())


def test_bullets_escape_each_line():
    assert bullets(["a*b", "<c>"]) == "- a\\*b\n- \\<c\\>"
