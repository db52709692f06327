"""scripts/bench_common.py: the machine description the benchmark scripts record."""

from __future__ import annotations

import platform
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import bench_common


def test_cpu_model_reads_the_model_name_line(monkeypatch):
    text = "processor\t: 0\nmodel name\t: Test CPU @ 2.30GHz\nflags\t: fpu\n"
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: text)
    assert bench_common.cpu_model() == "Test CPU @ 2.30GHz"


def test_cpu_model_falls_back_to_platform_without_proc(monkeypatch):
    def unreadable(self, *a, **k):
        raise OSError("no /proc here")

    monkeypatch.setattr(Path, "read_text", unreadable)
    assert bench_common.cpu_model() == (platform.processor() or platform.machine())
