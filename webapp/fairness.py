"""The app's fair re-ranking setting: switched by an evaluator, applied to every adviser's vacancy lists.

The setting lives in ``$BANENMATCH_VAR/fairness.json`` (``{"enabled": bool, "depth": int}``), so it is
one choice for the whole deployment, visible on the Evaluatie page and in the Vacature page's caption.
The group labels come from ``audit.jsonl`` in the data folder (the sample data ships one); they are
handed to :class:`matcher.fairness.FairRanking` only, which reorders the scored eligible candidates,
never to the features or the scores (see :mod:`matcher.fairness`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from matcher.errors import SchemaError
from matcher.fairness import DEFAULT_DEPTH, FairRanking, read_groups

__all__ = ["GROUPS_FILE", "FairnessSetting", "fairness_for", "load_setting", "save_setting"]

GROUPS_FILE = "audit.jsonl"
"""The file beside the data whose ``limitation_type`` labels are the re-ranker's groups."""

_SETTING_FILE = "fairness.json"


@dataclass(frozen=True)
class FairnessSetting:
    enabled: bool = False
    depth: int = DEFAULT_DEPTH


def load_setting(var_dir: Path) -> FairnessSetting:
    """The saved setting (off when never saved); a damaged file counts as off."""
    path = var_dir / _SETTING_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        depth = int(raw.get("depth", DEFAULT_DEPTH))
        return FairnessSetting(enabled=raw.get("enabled") is True, depth=max(depth, 1))
    except (OSError, ValueError, TypeError, AttributeError):
        return FairnessSetting()


def save_setting(var_dir: Path, setting: FairnessSetting) -> None:
    var_dir.mkdir(parents=True, exist_ok=True)
    (var_dir / _SETTING_FILE).write_text(
        json.dumps({"enabled": setting.enabled, "depth": setting.depth}) + "\n", encoding="utf-8"
    )


def fairness_for(setting: FairnessSetting, data_dir: Path) -> tuple[FairRanking | None, int]:
    """The re-ranking for the data folder, and how many candidates have a group label.

    ``None`` when switched off, or when there is no (readable) groups file.
    """
    path = data_dir / GROUPS_FILE
    try:
        stat = path.stat()
    except OSError:
        return None, 0
    if not path.is_file():
        return None, 0
    try:
        groups = _groups(str(path), (stat.st_mtime_ns, stat.st_size, stat.st_ino))
    except SchemaError:
        return None, 0
    if not setting.enabled:
        return None, len(groups)
    return FairRanking(groups, depth=setting.depth), len(groups)


@lru_cache(maxsize=4)
def _groups(path: str, stamp: tuple[int, int, int]) -> dict[str, str]:
    """The labels of ``path``, read once per version of the file (``stamp``), not on every rerun.

    Callers must not change the dict they get (it is shared); :class:`FairRanking` only reads it.
    """
    return read_groups(path)
