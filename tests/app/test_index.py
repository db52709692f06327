"""The app on a saved index (BANENMATCH_INDEX), and its refusal to build a Matcher for large data itself."""

from __future__ import annotations

import pytest

from matcher import cli, texts_nl
from matcher.recommend import Matcher
from tests.app.test_app_pages import texts
from webapp import state

T = texts_nl.APP_TEXTS


def test_the_app_answers_from_a_saved_index_as_from_the_data_folder(
    signed_in, app_env, monkeypatch, tmp_path
):
    data = app_env["data"]
    index = tmp_path / "index"
    code = cli.main(
        [
            "build",
            "--candidates",
            str(data / "candidates.jsonl"),
            "--vacancies",
            str(data / "vacancies.jsonl"),
            "--encoder",
            "hashing",
            "--out",
            str(index),
        ]
    )
    assert code == 0
    monkeypatch.setenv("BANENMATCH_INDEX", str(index))
    monkeypatch.setenv("BANENMATCH_DATA", str(tmp_path / "no-such-folder"))  # the index is all it needs
    at = signed_in("adviseur")
    package = app_env["packages"][0]
    at.selectbox(key="vac_pick").set_value(package.id).run()
    assert not at.exception, at.exception
    expected = Matcher.load(index).for_vacancy(package.id, k=10)
    shown = [line.strip() for line in texts(at).splitlines() if "Kandidaat" in line and line.startswith("**")]
    assert expected and shown[: len(expected)] == [
        f"**{m.rank}. Kandidaat {m.candidate_id}**" for m in expected
    ]
    assert shown[0] == f"**1. Kandidaat {app_env['twins'][package.id]}**"


def test_a_broken_index_is_named_in_dutch_and_nothing_is_built(signed_in, app_env, monkeypatch, tmp_path):
    (tmp_path / "leeg").mkdir()
    monkeypatch.setenv("BANENMATCH_INDEX", str(tmp_path / "leeg"))
    at = signed_in("adviseur")
    assert not at.exception
    assert "De index in BANENMATCH_INDEX kan niet worden gebruikt" in texts(at)
    assert "banenmatch build" in texts(at)


def test_large_data_gets_the_build_command_instead_of_a_build_on_request(signed_in, app_env, monkeypatch):
    monkeypatch.setattr(state, "IN_APP_BUILD_MAX", len(app_env["candidates"]) - 1)
    built = []
    monkeypatch.setattr(Matcher, "fit", lambda *a, **k: built.append(a) or pytest.fail("built a Matcher"))
    at = signed_in("adviseur")
    assert not at.exception, at.exception
    page = texts(at)
    assert "te groot om bij het starten van de app te verwerken" in page
    assert f"banenmatch build --candidates {app_env['data']}/candidates.jsonl" in page
    assert not built
