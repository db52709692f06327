"""webapp.settings: defaults relative to the repository, environment overrides, encoder choice."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from matcher.errors import SchemaError
from matcher.io import read_packages
from tests.app.conftest import APP, sign_in
from webapp.settings import ROOT, EncoderChoice, Settings


def test_defaults_are_the_bundled_sample_and_var():
    settings = Settings.from_env({})
    assert settings.data_dir == ROOT / "data" / "sample"
    assert settings.users_file == ROOT / "var" / "users.yaml"
    assert settings.database == ROOT / "var" / "banenmatch.sqlite"
    assert settings.reports_dir == ROOT / "reports"
    assert settings.encoder is EncoderChoice.DEFAULT


def test_environment_overrides_and_relative_paths(tmp_path):
    settings = Settings.from_env(
        {"BANENMATCH_VAR": str(tmp_path), "BANENMATCH_DATA": "elders", "BANENMATCH_ENCODER": " Hashing "}
    )
    assert settings.data_dir == ROOT / "elders"
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
    sample = read_packages(ROOT / "data" / "sample" / "vacancies.jsonl").records
    assert at.selectbox(key="vac_pick").value == sample[0].id
    assert len(at.selectbox(key="vac_pick").options) == len(sample)
