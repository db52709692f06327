"""Write a :class:`~evaluation.experiment.Scorecard` as ``metrics.json``, PNG plots and ``report.md``.

``metrics.json``::

    {"vacancy":   {"SYSTEM": {"ndcg@10": .., "map": .., "mrr": .., "recall@20": .., "violations@10": ..,
                              "violations_share@10": .., "coverage@10": .., "query_coverage": ..,
                              "ci95": {...}, "exposure@10": {...}, ...}},
     "candidate": {"SYSTEM": {..., "ndcg@10_by_group": {...}}},
     "significance": {"DIRECTION": {"SYSTEM": {"METRIC": {"p_student": .., "p_randomisation": ..,
                                                          "difference": .., "significant": .., ...}}}},
     "baseline": "NAME", "settings": {...}, "data": {...}, "notes": [...]}

Relevance metrics are ``null`` for a direction without qrels. ``report.md`` says in plain words when a
direction has fewer than :data:`MIN_JUDGED_QUERIES` judged queries, and leaves its tests out (they stay
in ``metrics.json``).
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from pathlib import Path

from evaluation.experiment import Scorecard
from evaluation.runs import Direction

__all__ = ["FAIR_BAND", "MIN_JUDGED_QUERIES", "write_metrics", "write_plots", "write_report"]

MIN_JUDGED_QUERIES = 30
"""Below this many judged queries in a direction its means can be chance and its p-values mean nothing
(the app's Evaluatie page uses the same number, ``webapp.reports.MIN_JUDGED_QUERIES``)."""

FAIR_BAND = (0.8, 1.25)
"""The exposure ratio band the fair re-ranking aims at (the "four-fifths" rule and its inverse)."""

_WHAT = {
    Direction.VACANCY: "vacancy → candidates (query = package, documents = candidates)",
    Direction.CANDIDATE: "candidate → packages (query = candidate, documents = packages)",
}


def provenance() -> dict:
    """When and from which code a report was made: UTC date, git commit (``None`` outside a checkout)."""
    import subprocess
    from datetime import UTC, datetime

    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short=12", "HEAD"],
            cwd=Path(__file__).resolve().parent,
            capture_output=True,
            text=True,
            check=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        commit = None
    return {"date": datetime.now(UTC).strftime("%Y-%m-%d"), "commit": commit or None}


def write_metrics(card: Scorecard, path: Path) -> Path:
    """``metrics.json`` (strict JSON: no NaN), with its :func:`provenance` (the command is in report.md)."""
    payload = {**card.to_json(), "provenance": provenance()}
    path.write_text(json.dumps(payload, indent=2, allow_nan=False) + "\n", encoding="utf-8")
    return path


def write_plots(card: Scorecard, folder: Path) -> list[Path]:
    """PNG plots (matplotlib, Agg): the group metric per system with 95% intervals, and exposure ratios."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    written = []
    metric = card.settings.group_metric or card.settings.metrics[0]
    directions = [d for d in card.directions() if any(s.means for s in card.of(d))]
    if directions:
        fig, axes = plt.subplots(1, len(directions), figsize=(5.5 * len(directions), 4), squeeze=False)
        for ax, direction in zip(axes[0], directions, strict=True):
            rows = card.of(direction)
            means = [s.means.get(metric, 0.0) for s in rows]
            errors = [[0.0, 0.0] for _ in rows]
            for i, s in enumerate(rows):
                ci = s.ci95(metric)
                if ci is not None:
                    errors[i] = [means[i] - ci[0], ci[1] - means[i]]
            ax.bar(range(len(rows)), means, yerr=list(zip(*errors, strict=True)), capsize=4, color="#4c72b0")
            ax.set_xticks(range(len(rows)), [s.system for s in rows], rotation=30, ha="right")
            ax.set_ylim(0, 1)
            ax.set_ylabel(metric)
            ax.set_title(direction.value)
        fig.suptitle(f"{metric} per system (mean over judged queries, bootstrap 95% interval)")
        fig.tight_layout()
        path = folder / f"{metric}.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        written.append(path)
    exposed = [s for s in card.of(Direction.VACANCY) if s.exposure]
    if exposed:
        attributes = list(exposed[0].exposure)
        fig, axes = plt.subplots(1, len(attributes), figsize=(5 * len(attributes), 4), squeeze=False)
        width = 0.8 / len(exposed)
        for ax, attribute in zip(axes[0], attributes, strict=True):
            groups = sorted(
                {g for s in exposed for g in s.exposure[attribute] if s.exposure[attribute][g].population}
            )
            for i, s in enumerate(exposed):
                ratios = [s.exposure[attribute].get(g) for g in groups]
                values = [r.ratio if r is not None and not math.isnan(r.ratio) else 0.0 for r in ratios]
                ax.bar([x + i * width for x in range(len(groups))], values, width, label=s.system)
            ax.axhline(1.0, color="black", linewidth=0.8)
            ax.set_xticks([x + 0.4 - width / 2 for x in range(len(groups))], groups, rotation=30, ha="right")
            ax.set_title(attribute)
            ax.set_ylabel("exposure share / population share")
        axes[0][0].legend(fontsize=7)
        fig.suptitle(
            f"Exposure of candidate groups in the top {card.settings.cutoff} (vacancy direction; 1 = proportional)"
        )
        fig.tight_layout()
        path = folder / "exposure.vacancy.png"
        fig.savefig(path, dpi=110)
        plt.close(fig)
        written.append(path)
    for direction in card.directions():
        path = _plot_exposure_ratio(card, direction, folder, plt)
        if path is not None:
            written.append(path)
    if card.calibration:
        written.append(_plot_reliability(card.calibration, folder, plt))
    return written


def _plot_reliability(calibration: Mapping, folder: Path, plt) -> Path:
    """Reliability diagram of the held-out durability estimates: overall and per limitation type."""
    fig, ax = plt.subplots(figsize=(5.5, 5))
    ax.plot([0, 1], [0, 1], color="black", linewidth=0.8, linestyle="--", label="perfectly calibrated")
    curves = [("all", calibration["reliability"]), *sorted(calibration.get("group_reliability", {}).items())]
    for name, table in curves:
        ax.plot(
            [row["mean_estimate"] for row in table],
            [row["observed"] for row in table],
            marker="o",
            linewidth=2.2 if name == "all" else 1.0,
            markersize=4 if name == "all" else 2.5,
            label=name,
        )
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.set_xlabel("mean estimate in bin (P lasts a year)")
    ax.set_ylabel("observed share that lasted")
    ax.set_title(
        f"Durability, held out: ECE {calibration['ece']:.3f}, Brier {calibration['brier']:.3f}, "
        f"AUC {calibration['auc']:.3f}",
        fontsize=9,
    )
    ax.legend(fontsize=7)
    fig.tight_layout()
    path = folder / "reliability.durability.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _target_nl(entry: Mapping) -> str:
    """The group target's state; a miss that a calibrated model would also show 1 in 20 times says so."""
    if not entry["checked"]:
        return "too few to check"
    if entry["target_met"]:
        return "met"
    return "NOT met (within noise)" if entry["within_noise"] else "NOT met"


def _calibration_markdown(c: Mapping) -> list[str]:
    out = [
        "## Durability estimate: calibration on held-out placements",
        "",
        f"Calibrator chosen by ECE on held-out placements: **{c['method']}**. Fitted on {c['train_examples']} "
        f"placements, scored on {c['test_examples']} placements of other candidates.",
        "",
        f"- ECE (10 bins) **{c['ece']:.4f}** (target <= {c['overall_target']}: "
        f"{'met' if c['overall_target_met'] else 'not met'}; a perfectly calibrated model would score "
        f"{c['noise_floor']:.4f} on average, {c['noise_floor_p95']:.4f} in 95 of 100 draws); Brier {c['brier']:.4f} (base rate "
        f"{c['brier_base_rate']:.4f}); ROC AUC {_f(c['auc'])}; observed {c['observed']:.3f}, "
        f"mean estimate {c['mean_estimate']:.3f}; marked less certain: {c['uncertain_share']:.1%}.",
        "",
    ]
    for attribute, groups in c["by_group"].items():
        out += [
            f"By `{attribute}` (checked against ECE <= {c['group_target']} with at least "
            f"{c['min_group_examples']} examples; noise floor: the ECE of a perfectly calibrated model on "
            "the group's own estimates, mean and 95th percentile of 1,000 seeded draws):",
            "",
        ]
        table = [
            [
                g,
                str(e["n"]),
                f"{e['ece']:.4f}",
                f"{e['noise_floor']:.4f} / {e['noise_floor_p95']:.4f}",
                _f(e["brier"], 4),
                _f(e["auc"]),
                _target_nl(e),
                f"{e['uncertain_share']:.1%}",
            ]
            for g, e in groups.items()
        ]
        out += _table(
            [
                "group",
                "n",
                "ECE",
                "noise floor (mean / p95)",
                "Brier",
                "AUC",
                "target",
                "marked less certain",
            ],
            table,
        )
        out.append("")
    return out


def _plot_exposure_ratio(card: Scorecard, direction: Direction, folder: Path, plt) -> Path | None:
    """Exposure against merit per group and system, with bootstrap intervals and the [0.8, 1.25] band."""
    rated = [s for s in card.of(direction) if s.exposure_ratio]
    if not rated:
        return None
    attributes = list(rated[0].exposure_ratio)
    fig, axes = plt.subplots(1, len(attributes), figsize=(5 * len(attributes), 4), squeeze=False)
    width = 0.8 / len(rated)
    for ax, attribute in zip(axes[0], attributes, strict=True):
        groups = sorted({g for s in rated for g, e in s.exposure_ratio[attribute].items() if e.merit})
        for i, s in enumerate(rated):
            found = [s.exposure_ratio[attribute].get(g) for g in groups]
            values = [e.ratio if e is not None and not math.isnan(e.ratio) else 0.0 for e in found]
            low = [
                v - e.ci95[0] if e is not None and e.ci95 else 0.0 for v, e in zip(values, found, strict=True)
            ]
            high = [
                e.ci95[1] - v if e is not None and e.ci95 else 0.0 for v, e in zip(values, found, strict=True)
            ]
            ax.bar(
                [x + i * width for x in range(len(groups))],
                values,
                width,
                yerr=[low, high],
                capsize=2,
                label=s.system,
            )
        ax.axhspan(FAIR_BAND[0], FAIR_BAND[1], color="#2ca02c", alpha=0.12)
        ax.axhline(1.0, color="black", linewidth=0.8)
        ax.set_xticks([x + 0.4 - width / 2 for x in range(len(groups))], groups, rotation=30, ha="right")
        ax.set_title(attribute)
        ax.set_ylabel("exposure share / merit share")
    axes[0][0].legend(fontsize=7)
    fig.suptitle(
        f"Exposure relative to merit in the top {card.settings.cutoff}, {direction.value} direction "
        f"(1 = proportional to relevant eligible documents; band {FAIR_BAND[0]}-{FAIR_BAND[1]})"
    )
    fig.tight_layout()
    path = folder / f"exposure_ratio.{direction.value}.png"
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return path


def _f(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _ci_text(ci: Sequence[float] | None) -> str:
    return "" if ci is None else f" ({ci[0]:.2f}–{ci[1]:.2f})"


def _ratio_cell(e) -> str:
    if e is None or math.isnan(e.ratio):
        return "–"
    return f"{e.ratio:.2f}{_ci_text(e.ci95)}"


def _p(value: float) -> str:
    return "<0.001" if value < 0.001 else f"{value:.3f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return lines


def _markdown(
    card: Scorecard, plots: Sequence[Path], skipped: Mapping[str, Sequence[str]], command: str | None
) -> str:
    s = card.settings
    k = s.cutoff
    data = card.data_summary
    out = ["# Ranking benchmark report", ""]
    if command:
        out += ["Command:", "", f"    {command}", ""]
    out += [
        f"Data: {data['candidates']} candidates, {data['packages']} packages, {data['placements']} placements"
        f" ({data['invalid_records']} invalid records set aside). Baseline for the tests: `{s.baseline}`.",
        "",
    ]
    if skipped:
        out += ["Systems not run (their matcher modules are missing):", ""]
        out += [f"- `{name}`: needs {', '.join(mods)}" for name, mods in skipped.items()]
        out.append("")
    for direction in card.directions():
        rows = card.of(direction)
        out += [f"## {_WHAT[direction]}", ""]
        header = ["system", *s.metrics, f"violations@{k} (share)", f"coverage@{k}", "query coverage"]
        table = []
        for sc in rows:
            cells = [f"`{sc.system}`"]
            for m in s.metrics:
                ci = sc.ci95(m)
                cell = _f(sc.means.get(m))
                if ci is not None and m == s.group_metric:
                    cell += f" ({ci[0]:.3f}–{ci[1]:.3f})"
                cells.append(cell)
            cells += [
                f"{sc.violations.count} ({sc.violations.share:.1%})",
                _f(sc.coverage.documents),
                _f(sc.coverage.queries),
            ]
            table.append(cells)
        out += _table(header, table)
        judged = len(next(iter(rows[0].per_query.values()), {})) if rows[0].per_query else 0
        out += [
            "",
            f"Means over {judged} judged queries ({rows[0].unjudged} without any relevant document left out); "
            f"{s.group_metric} with its bootstrap 95% interval.",
            "",
        ]
        too_few = judged < MIN_JUDGED_QUERIES and any(sc.per_query for sc in rows)  # not without qrels
        if too_few:
            out += [
                f"**Too few judged queries to conclude anything**: {judged} (at least {MIN_JUDGED_QUERIES} are "
                "needed). These means can be chance, so the tests against the baseline are left out "
                "(`metrics.json` keeps them). Use a larger world, or `world --region` to make it denser.",
                "",
            ]
        offenders = [sc for sc in rows if sc.violations.count]
        if offenders:
            out += [f"Pairs in a top {k} that break the hard rule (independent oracle), first examples:", ""]
            for sc in offenders:
                pairs = ", ".join(f"({q}, {d})" for q, d in sc.violations.examples[:5])
                out.append(
                    f"- `{sc.system}`: {sc.violations.count} pairs in {sc.violations.queries} queries: {pairs}"
                )
            out.append("")
        tests = card.significance.get(direction, {})
        if tests and not too_few:
            out += [
                f"Against `{s.baseline}` (difference of means; p of the paired t-test / paired randomisation "
                f"test; * when both are below {s.alpha}):",
                "",
            ]
            table = []
            for system, metrics in tests.items():
                cells = [f"`{system}`"]
                for m in s.metrics:
                    c = metrics[m]
                    star = "*" if c.significant(s.alpha) else ""
                    cells.append(f"{c.difference:+.3f}{star} ({_p(c.p_student)} / {_p(c.p_randomisation)})")
                table.append(cells)
            out += _table(["system", *s.metrics], table)
            out.append("")
        exposed = [sc for sc in rows if sc.exposure]
        for attribute in exposed[0].exposure if exposed else ():
            groups = sorted({g for sc in exposed for g in sc.exposure[attribute]})
            out += [f"Exposure share in the top {k} by `{attribute}` (population share in the header):", ""]
            pop = exposed[0].exposure[attribute]
            header = ["system", *(f"{g} ({pop[g].population:.0%})" if g in pop else g for g in groups)]
            table = [
                [
                    f"`{sc.system}`",
                    *(
                        _f(sc.exposure[attribute][g].exposure) if g in sc.exposure[attribute] else "–"
                        for g in groups
                    ),
                ]
                for sc in exposed
            ]
            out += [*_table(header, table), ""]
        rated = [sc for sc in rows if sc.exposure_ratio]
        for attribute in rated[0].exposure_ratio if rated else ():
            groups = sorted({g for sc in rated for g, e in sc.exposure_ratio[attribute].items() if e.merit})
            merit = rated[0].exposure_ratio[attribute]
            out += [
                f"Exposure relative to merit in the top {k} by `{attribute}` (exposure share / share of the "
                "relevant eligible documents, bootstrap 95% interval; merit share in the header):",
                "",
            ]
            header = ["system", *(f"{g} ({merit[g].merit:.1%})" if g in merit else g for g in groups)]
            table = [
                [f"`{sc.system}`", *(_ratio_cell(sc.exposure_ratio[attribute].get(g)) for g in groups)]
                for sc in rated
            ]
            out += [*_table(header, table), ""]
        grouped = [sc for sc in rows if sc.by_group]
        for attribute in grouped[0].by_group if grouped else ():
            groups = sorted({g for sc in grouped for g in sc.by_group[attribute]})
            out += [f"{s.group_metric} by the query candidate's `{attribute}` (bootstrap 95% interval):", ""]
            table = [
                [
                    f"`{sc.system}`",
                    *(
                        _f(sc.by_group[attribute].get(g)) + _ci_text(sc.by_group_ci.get(attribute, {}).get(g))
                        for g in groups
                    ),
                ]
                for sc in grouped
            ]
            out += [*_table(["system", *groups], table), ""]
    if card.calibration:
        out += _calibration_markdown(card.calibration)
    if plots:
        out += ["## Plots", ""]
        out += [f"![{p.stem}](plots/{p.name})" for p in plots]
        out.append("")
    out += [
        "## How to read this",
        "",
        "- nDCG uses linear gain (grade / log2(rank + 1), as trec_eval); MAP, MRR and recall count grades >= 1 as "
        "relevant. MAP and MRR are over the whole run (its depth is `--k`). Queries with no relevant document "
        "are left out; a judged query a system did not answer scores 0.",
        f"- violations@{k}: (query, document) pairs in a top {k} that break the hard rule, judged by "
        "`evaluation.oracle`, an implementation of DESIGN.md section 4 written apart from `matcher.constraints`. "
        "Systems marked as unconstrained (random, popularity, tfidf, embedding) are expected to show some; "
        "`embedding_constraints` and `full` must show 0.",
        f"- coverage@{k}: share of all documents that appear in at least one top {k}; query coverage: share of "
        "queries with at least one result (a query may have no eligible document at all).",
        f"- exposure: position-weighted (1 / log2(rank + 1)) share of the top {k} per candidate group, beside the "
        "group's share of the population; audit labels are never features.",
        f"- exposure relative to merit (`exposure_ratio@{k}`): the same exposure set beside the group's share of "
        "the *relevant eligible* documents of each query (vacancy direction), or, in the candidate direction, the "
        "relevant work a candidate's top list shows them beside what a ranking by relevance would show "
        "(`evaluation.metrics.merit`). 1 is proportional to merit; the fair re-ranking aims at "
        f"{FAIR_BAND[0]}–{FAIR_BAND[1]}.",
        "- Runs are in `runs/`; `python -m evaluation score` re-scores them without re-running the systems.",
    ]
    if card.notes:
        out += ["", "## Notes", ""] + [f"- {n}" for n in card.notes]
    return "\n".join(out) + "\n"


def write_report(
    card: Scorecard,
    folder: Path | str,
    *,
    skipped: Mapping[str, Sequence[str]] | None = None,
    command: str | None = None,
) -> dict[str, Path]:
    """Write ``metrics.json``, ``plots/*.png`` and ``report.md`` into ``folder``.

    Returns
    -------
    dict
        ``{"metrics": path, "report": path, "plots": [paths]}``-style mapping of what was written.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    metrics = write_metrics(card, folder / "metrics.json")
    plots = write_plots(card, folder / "plots")
    report = folder / "report.md"
    report.write_text(_markdown(card, plots, skipped or {}, command), encoding="utf-8")
    return {"metrics": metrics, "report": report, **{f"plot:{p.stem}": p for p in plots}}
