"""Uploads stay put: kept in the store per WSP, chosen per session by id, never swapped silently."""

from __future__ import annotations

import threading

from streamlit.testing.v1 import AppTest

from matcher import texts_nl
from tests.app.conftest import APP, sign_in
from webapp.uploads import UploadStore

T = texts_nl.APP_TEXTS
W = "Midden-Utrecht"


def _files(app_env, n_candidates: int) -> tuple[bytes, bytes]:
    lines = (app_env["data"] / "candidates.jsonl").read_bytes().splitlines()
    return b"\n".join(lines[:n_candidates]) + b"\n", (app_env["data"] / "vacancies.jsonl").read_bytes()


def test_uploads_are_kept_per_wsp_until_removed(store_url, app_env):
    store = UploadStore(store_url)
    cand, vac = _files(app_env, 7)
    first = store.save(W, "  Kandidaten   november ", "anna", cand, vac)
    assert first.name == "Kandidaten november"
    second = store.save(W, "december", "bert", *_files(app_env, 9))
    store.save("Amersfoort", "elders", "carla", cand, vac)
    assert [u.id for u in store.list(W)] == [second.id, first.id]  # newest first, only this WSP's
    assert len(store.load(W, first.id).candidates) == 7
    assert store.load("Amersfoort", first.id) is None  # another WSP cannot open it
    assert store.remove(W, first.id) and not store.remove(W, first.id)
    assert store.load(W, first.id) is None and store.info(W, first.id) is None
    assert len(store.load(W, second.id).candidates) == 9


def test_concurrent_uploads_never_replace_each_others_data(store_url, app_env):
    # Twelve sessions (the threads of one app process) upload and read back at the same time; the
    # app used to keep eight uploads and silently hand the ninth session's predecessor the sample.
    store = UploadStore(store_url)
    sessions = 12
    got: dict[int, list[int]] = {}
    errors: list[BaseException] = []
    start = threading.Barrier(sessions)

    def session(n: int) -> None:
        try:
            start.wait()
            info = store.save(W, f"set {n}", f"adviseur{n}", *_files(app_env, n + 1))
            got[n] = [len(store.load(W, info.id).candidates) for _ in range(3)]
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=session, args=(n,)) for n in range(sessions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=300)
    assert not errors, errors[0]
    assert got == {n: [n + 1] * 3 for n in range(sessions)}
    assert len(store.list(W)) == sessions


def _upload(at: AppTest, name: str, candidates: bytes) -> None:
    at.switch_page("webapp/pages/gegevens.py").run()
    at.text_input(key="up_name").input(name)
    at.file_uploader(key="up_cand").set_value(("c.jsonl", candidates, "application/jsonl"))
    at.get("form_submit_button")[0].click().run()
    assert not at.exception


def test_a_session_keeps_its_upload_while_others_upload_and_is_told_when_it_is_removed(signed_in, app_env):
    mine = signed_in("adviseur")
    _upload(mine, "mijn set", _files(app_env, 6)[0])
    # Nine more uploads by colleagues (more than the eight the app used to keep in memory).
    store = UploadStore(app_env["db"])
    for n in range(9):
        store.save(W, f"collega {n}", "bert", *_files(app_env, 10 + n))
    mine.switch_page("webapp/pages/vacature.py").run()
    assert "(6 kandidaten, " in " ".join(c.value for c in mine.caption).replace("\\", "")
    assert "mijn set" in " ".join(c.value for c in mine.caption).replace("\\", "")
    # A colleague's session removes it: this session is told, in Dutch, and shown no other data.
    other = AppTest.from_file(str(APP), default_timeout=60).run()
    sign_in(other, "adviseur")
    other.switch_page("webapp/pages/gegevens.py").run()
    mine_id = next(u.id for u in store.list(W) if u.name == "mijn set")
    next(box for box in other.selectbox if box.label == T["gegevens"]["choose"]).set_value(mine_id).run()
    other.button(key="up_remove").click().run()
    assert not other.exception
    mine.run()
    assert [e.value for e in mine.error] == [T["common"]["upload_gone"].format(name="mijn set")]
    assert not mine.metric and "Kandidaat" not in " ".join(m.value for m in mine.markdown)
    mine.switch_page("webapp/pages/gegevens.py").run()
    assert [e.value for e in mine.error] == [T["common"]["upload_gone"].format(name="mijn set")]
    mine.button(key="up_reset").click().run()
    assert not mine.error
    mine.switch_page("webapp/pages/vacature.py").run()
    assert len(mine.selectbox(key="vac_pick").options) == len(app_env["packages"])
