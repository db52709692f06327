"""Hostile ids and texts reach every markdown element of the app escaped (issue 12), checked with
AppTest on every adviser page; the browser test (test_browser_hostile.py) checks what is drawn."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from matcher import texts_nl
from tests.app.conftest import APP, sign_in
from tests.app.hostile import write_hostile_files
from webapp.render import WORD_JOINER, escape

T = texts_nl.APP_TEXTS
# What markdown would turn into markup: unescaped syntax around a marker, an automatic link, an
# e-mail link, an emoji shortcode or a colour directive. Escaped text has a backslash before the
# syntax, and a word joiner after ':' and '@' and between 'www' and its dot.
RAW_MARKUP = re.compile(
    r"(?<!\\)\*\*BOLDMARK|(?<!\\)_EMMARK|(?<!\\)`CODEMARK|(?<!\\)\[LINKMARK|(?<!\\)<b>HTMLMARK|(?<!\\)\$MATHMARK"
    r"|(?i:https?://|www\.|www\\\.)|@payload|:red\\?\[REDMARK|:small\\?\[SMALLMARK|:smile:"
)
MARKDOWN_KINDS = (
    "title", "header", "subheader", "markdown", "caption", "toast", "info", "warning", "error", "success"
)  # fmt: skip


def _shown(at: AppTest) -> list[str]:
    values = [str(e.value) for kind in MARKDOWN_KINDS for e in at.get(kind)]
    values += [e.label for kind in ("expander", "toggle", "button", "metric", "radio") for e in at.get(kind)]
    return values


def _check(at: AppTest, where: str) -> str:
    assert not at.exception, at.exception
    shown = _shown(at)
    bad = [value for value in shown if RAW_MARKUP.search(value)]
    assert not bad, (where, bad[:3])
    return "\n".join(shown)


@pytest.fixture
def hostile(app_env, monkeypatch):
    folder = app_env["var"].parent / "hostile"
    _, vacancies, _ = write_hostile_files(app_env["data"], folder)
    monkeypatch.setenv("BANENMATCH_DATA", str(folder))
    at = AppTest.from_file(str(APP), default_timeout=60).run()
    sign_in(at, "adviseur")
    return at, [json.loads(line)["id"] for line in vacancies.read_text().splitlines()]


def test_escape_breaks_every_automatic_link_shortcode_and_directive():
    for text in (
        "www.x.nl",
        "WWW.X.NL",
        "http://x.nl",
        "https://x",
        "a@b.nl",
        "mailto:a",
        ":smile:",
        ":red[x]",
    ):
        escaped = escape(text)
        assert not RAW_MARKUP.search(escaped), escaped
        # what markdown shows after resolving the backslashes: the same text, with invisible joiners
        resolved = re.sub(r"\\(.)", r"\1", escaped)
        assert resolved.replace(WORD_JOINER, "") == text
        assert not re.search(r"(?i)https?://|www\.|@[\w-]|:[\w-]+[:\[]", resolved)


def test_hostile_ids_and_texts_are_escaped_on_every_adviser_page(hostile, app_env):
    at, hostile_package_ids = hostile
    page = _check(at, "vacature")
    assert "BOLDMARK" in page  # the data is there, as text
    package = at.selectbox(key="vac_pick").value
    add = next(b for b in at.button if b.key and b.key.startswith(f"add-{package}-"))
    candidate = add.key.removeprefix(f"add-{package}-")
    at.session_state[f"uitleg-{package}-{candidate}"] = True
    add.click().run()
    page = _check(at, "shortlist add")
    assert texts_nl.EXPLANATION["summary"] in page
    assert [t.value for t in at.toast] == [escape(T["vacature"]["added"].format(id=candidate))]
    at.toggle(key=f"why-{package}").set_value(True).run()
    _check(at, "why not")
    at.button(key=f"rm-{package}").click().run()
    _check(at, "shortlist remove")
    assert [t.value for t in at.toast] == [escape(T["shortlist"]["removed"].format(id=candidate))]

    at.switch_page("webapp/pages/werk_naar_werk.py").run()
    page = _check(at, "werk naar werk")
    assert "BOLDMARK" in page
    job = at.selectbox(key="wnw_job").value
    at.toggle(key=f"wnw-why-{job.candidate_id}").set_value(True).run()
    for package_id in hostile_package_ids:  # what a click on every "Uitleg" does
        at.session_state[f"uitleg-{job.candidate_id}-{package_id}"] = True
    at.run()
    page = _check(at, "werk naar werk explanations and why not")
    assert texts_nl.EXPLANATION["summary"] in page

    at.switch_page("webapp/pages/functieprofielen.py").run()
    _check(at, "functieprofielen")
    at.switch_page("webapp/pages/gegevens.py").run()
    _check(at, "gegevens")
