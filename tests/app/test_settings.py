"""webapp.settings: the bundled sample and the checkout's var/ by default, environment overrides, encoder choice."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from matcher.errors import SchemaError
from matcher.io import read_packages
from matcher.paths import SAMPLE_DIR
from matcher.texts_nl import APP_TEXTS
from tests.app.conftest import APP, sign_in
from webapp.settings import BASE_DIR, CHECKOUT, EncoderChoice, Settings


def test_defaults_are_the_bundled_sample_and_var():
    settings = Settings.from_env({})
    assert settings.data_dir == SAMPLE_DIR
    assert (settings.data_dir / "candidates.jsonl").is_file()
    assert settings.users_file == BASE_DIR / "var" / "users.yaml"
    assert settings.database == BASE_DIR / "var" / "banenmatch.sqlite"
    assert settings.reports_dir == BASE_DIR / "reports"
    assert settings.encoder is EncoderChoice.DEFAULT


def test_run_time_state_goes_to_the_checkout_not_into_the_package():
    # The tests run from a checkout (editable install): var/ and reports/ are the repository's.
    assert CHECKOUT
    assert (BASE_DIR / "pyproject.toml").is_file()
    assert not str(BASE_DIR).startswith(str(SAMPLE_DIR.parent.parent))


def test_environment_overrides_and_relative_paths(tmp_path):
    settings = Settings.from_env(
        {"BANENMATCH_VAR": str(tmp_path), "BANENMATCH_DATA": "elders", "BANENMATCH_ENCODER": " Hashing "}
    )
    assert settings.data_dir == BASE_DIR / "elders"
    assert (
        settings.users_file == tmp_path / "users.yaml" and settings.database == tmp_path / "banenmatch.sqlite"
    )
    assert settings.encoder is EncoderChoice.HASHING


def test_an_unknown_encoder_is_refused_with_the_choices():
    with pytest.raises(
        SchemaError, match="BANENMATCH_ENCODER: expected one of default, hashing, found 'bert'"
    ):
        Settings.from_env({"BANENMATCH_ENCODER": "bert"})


def test_the_app_opens_the_bundled_sample_by_default(app_env, monkeypatch):
    monkeypatch.delenv("BANENMATCH_DATA")
    at = AppTest.from_file(str(APP), default_timeout=120).run()
    sign_in(at, "adviseur")
    assert not at.exception
    sample = read_packages(SAMPLE_DIR / "vacancies.jsonl").records
    assert at.selectbox(key="vac_pick").value == sample[0].id
    assert len(at.selectbox(key="vac_pick").options) == len(sample)
    # The first screen: a real list (issue 12: the old sample opened on a vacancy with 1 candidate).
    explanation = APP_TEXTS["common"]["explanation"]
    assert int(at.metric[0].value) >= 10
    assert len([e for e in at.expander if e.label == explanation]) == 10  # ten cards, each explained
    at.switch_page("webapp/pages/werk_naar_werk.py").run()
    assert not at.exception
    assert APP_TEXTS["werk"]["no_results"] not in [w.value for w in at.warning]
    assert [e for e in at.expander if e.label == explanation]  # the default person has fitting packages
