"""The fair re-ranking setting: an evaluator switches it on the Evaluatie page; advisers' lists follow."""

from __future__ import annotations

import json
import shutil

from matcher import texts_nl
from matcher.encoders import HashingEncoder
from matcher.fairness import FairRanking
from matcher.io import read_placements
from matcher.recommend import Matcher
from tests.app.test_app_pages import texts
from webapp.fairness import FairnessSetting, fairness_for, load_setting, save_setting

T = texts_nl.APP_TEXTS["evaluatie"]


def _with_groups(app_env, monkeypatch, tmp_path):
    folder = tmp_path / "data"
    shutil.copytree(app_env["data"], folder)
    groups = {c.id: ("a", "b", "c")[n % 3] for n, c in enumerate(app_env["candidates"])}
    with (folder / "audit.jsonl").open("w", encoding="utf-8") as out:
        for cid, group in groups.items():
            out.write(json.dumps({"id": cid, "limitation_type": group}) + "\n")
    monkeypatch.setenv("BANENMATCH_DATA", str(folder))
    return folder, groups


def test_without_a_groups_file_the_setting_says_it_is_not_available(signed_in):
    at = signed_in("evaluator")
    assert not at.exception
    assert T["fair_no_groups"].format(file="audit.jsonl") in texts(at)


def test_the_evaluator_switches_it_on_and_the_adviser_sees_the_reranked_list(
    signed_in, app_env, monkeypatch, tmp_path
):
    folder, groups = _with_groups(app_env, monkeypatch, tmp_path)
    at = signed_in("evaluator")
    assert "eerlijke herschikking" in texts(at).lower()
    at.toggle(key="ev_fair_on").set_value(True)
    at.number_input(key="ev_fair_depth").set_value(10)
    at.button(key="ev_fair_save").click().run()
    assert load_setting(app_env["var"]) == FairnessSetting(enabled=True, depth=10)
    fair = Matcher(encoder=HashingEncoder(), fairness=FairRanking(groups, depth=10)).fit(
        app_env["candidates"], app_env["packages"], read_placements(folder / "placements.jsonl").records
    )
    lists = {p.id: fair.for_vacancy(p.id, k=10) for p in app_env["packages"]}
    package_id, expected = next((p, m) for p, m in lists.items() if any(x.explanation.raised_from for x in m))
    adviser = signed_in("adviseur")
    adviser.selectbox(key="vac_pick").set_value(package_id).run()
    page = texts(adviser)
    shown = [line.strip() for line in page.splitlines() if "Kandidaat" in line and line.startswith("**")]
    assert shown[: len(expected)] == [f"**{m.rank}. Kandidaat {m.candidate_id}**" for m in expected]
    raised = next(m for m in expected if m.explanation.raised_from)
    adviser.session_state[f"uitleg-{package_id}-{raised.candidate_id}"] = True
    adviser.run()
    assert "Hoger gezet door de eerlijke herschikking" in texts(adviser)


def test_a_damaged_setting_file_counts_as_off(tmp_path):
    (tmp_path / "fairness.json").write_text("{broken", encoding="utf-8")
    assert load_setting(tmp_path) == FairnessSetting()
    save_setting(tmp_path, FairnessSetting(enabled=True, depth=50))
    assert load_setting(tmp_path).enabled
    assert fairness_for(load_setting(tmp_path), tmp_path) == (None, 0)  # no groups file


def test_a_list_an_adviser_saw_before_the_switch_is_not_served_after_it(
    signed_in, app_env, monkeypatch, tmp_path
):
    """The page's result cache (state.vacancy_matches) is keyed by the setting: no stale list."""
    folder, groups = _with_groups(app_env, monkeypatch, tmp_path)
    placements = read_placements(folder / "placements.jsonl").records
    plain = Matcher(encoder=HashingEncoder()).fit(app_env["candidates"], app_env["packages"], placements)
    fair = Matcher(encoder=HashingEncoder(), fairness=FairRanking(groups, depth=10)).fit(
        app_env["candidates"], app_env["packages"], placements
    )
    package_id = next(
        p.id
        for p in app_env["packages"]
        if [m.candidate_id for m in plain.for_vacancy(p.id, k=10)]
        != [m.candidate_id for m in fair.for_vacancy(p.id, k=10)]
    )

    def shown(at) -> list[str]:
        return [
            line.strip() for line in texts(at).splitlines() if line.startswith("**") and "Kandidaat" in line
        ]

    def expected(matcher) -> list[str]:
        return [f"**{m.rank}. Kandidaat {m.candidate_id}**" for m in matcher.for_vacancy(package_id, k=10)]

    adviser = signed_in("adviseur")
    adviser.selectbox(key="vac_pick").set_value(package_id).run()
    assert shown(adviser)[:10] == expected(plain)
    save_setting(app_env["var"], FairnessSetting(enabled=True, depth=10))
    adviser.run()
    assert shown(adviser)[:10] == expected(fair)


def test_the_groups_file_is_read_again_when_it_changes(tmp_path):
    setting = FairnessSetting(enabled=True, depth=10)
    path = tmp_path / "audit.jsonl"
    path.write_text('{"id": "K1", "limitation_type": "a"}\n', encoding="utf-8")
    assert fairness_for(setting, tmp_path)[1] == 1
    path.write_text(
        '{"id": "K1", "limitation_type": "a"}\n{"id": "K2", "limitation_type": "b"}\n', encoding="utf-8"
    )
    assert fairness_for(setting, tmp_path)[1] == 2
