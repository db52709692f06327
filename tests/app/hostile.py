"""Hostile records for the app tests: ids and texts full of markdown, HTML, URL, e-mail, emoji and colour
payloads, each built around a unique marker word. Shown literally, a marker always sits next to its
syntax; an element whose whole text is a marker means markup was made from the data."""

from __future__ import annotations

import json
from pathlib import Path

__all__ = ["HOST", "ID_PAYLOAD", "MARKERS", "TEXT_PAYLOAD", "write_hostile_files"]

HOST = "payload.test"
MARKERS = [
    "BOLDMARK",
    "EMMARK",
    "CODEMARK",
    "REDMARK",
    "HTMLMARK",
    "LINKMARK",
    "IMGMARK",
    "MATHMARK",
    "DELMARK",
    "HEADMARK",
    "SMALLMARK",
]
TEXT_PAYLOAD = (
    f" **BOLDMARK** _EMMARK_ `CODEMARK` :red[REDMARK] <b>HTMLMARK</b> <img src=http://{HOST}/h.png> "
    f"[LINKMARK](http://{HOST}/l) ![IMGMARK](http://{HOST}/i.png) www.{HOST}/w https://{HOST}/u "
    f"mail@{HOST} $MATHMARK$ :smile: ~~DELMARK~~ # HEADMARK :small[SMALLMARK] <script>alert(1)</script>"
)
ID_PAYLOAD = f"-**BOLDMARK**![IMGMARK](http://{HOST}/x.png):red[REDMARK]www.{HOST}"


def write_hostile_files(folder: Path, out: Path) -> tuple[Path, Path, Path]:
    """The data folder ``folder`` (candidates, vacancies, placements) with every id and text made hostile,
    ids consistent across the files, written to ``out``; plus one invalid candidate line full of payload."""
    out.mkdir(parents=True, exist_ok=True)
    candidates = [json.loads(line) for line in (folder / "candidates.jsonl").read_text().splitlines()]
    packages = [json.loads(line) for line in (folder / "vacancies.jsonl").read_text().splitlines()]
    for record in candidates:
        record["id"] += ID_PAYLOAD
        record["experience"] = [text + TEXT_PAYLOAD for text in record.get("experience", [])]
        record["wishes"] = record.get("wishes", "") + TEXT_PAYLOAD
        record["competences"] = [*record.get("competences", []), TEXT_PAYLOAD.strip()]
    for record in packages:
        record["id"] += ID_PAYLOAD
        for name in ("employer", "title", "description"):
            record[name] = record.get(name, "") + TEXT_PAYLOAD
        record["tasks"] = [(t if isinstance(t, str) else t["text"]) + TEXT_PAYLOAD for t in record["tasks"]]
        record["required_competences"] = [*record.get("required_competences", []), TEXT_PAYLOAD.strip()]
    placements = [json.loads(line) for line in (folder / "placements.jsonl").read_text().splitlines()]
    for record in placements:
        record["candidate_id"] += ID_PAYLOAD
        record["package_id"] += ID_PAYLOAD
    paths = out / "candidates.jsonl", out / "vacancies.jsonl", out / "placements.jsonl"
    lines = [json.dumps(r, ensure_ascii=False) for r in candidates]
    lines.append(json.dumps({"id": "<b>X</b>", "hours": {"max_per_week": "**9**"}, TEXT_PAYLOAD: 1}))
    paths[0].write_text("\n".join(lines) + "\n", encoding="utf-8")
    for path, records in ((paths[1], packages), (paths[2], placements)):
        path.write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8"
        )
    return paths
