"""Write the bundled sample data ``matcher/data/sample/`` with the synthetic world generator.

The sample is what one WSP sees: the arbeidsmarktregio Midden-Utrecht (homes and workplaces in its 15
municipalities, in proportion to their population), with 1,500 candidates and 150 work packages
(vacancies), their placement history, graded qrels for both directions, the audit labels and the
latent truth. The world generator gives it the register's data gaps: about 55% of the candidates have
assessed capacities, education is missing for about 42% (as in UWV's Kandidatenverkenner), and
hours, days, needs and availability are partly unrecorded (``evaluation/world/observe.py``). It is
fully synthetic: no real person is in it.

``python scripts/make_sample.py``
    (Re)write ``matcher/data/sample/``.
``python scripts/make_sample.py --check``
    Write nothing; exit 1 when the committed files differ from what the generator gives now (the
    generator changed and the sample must be regenerated and committed).
"""

from __future__ import annotations

import argparse
import filecmp
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from evaluation.world import generate_world, write_world  # noqa: E402
from evaluation.world.write import FILES  # noqa: E402

SAMPLE_DIR = ROOT / "matcher" / "data" / "sample"
SIZE = 1500
N_PACKAGES = 150
SEED = 20250101
REGION = "Midden-Utrecht"


def make_sample(out_dir: Path) -> Path:
    """Generate the sample world and write it to ``out_dir``."""
    world = generate_world(SIZE, SEED, n_packages=N_PACKAGES, region=REGION)
    return write_world(world, out_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=SAMPLE_DIR, help="output folder (default: matcher/data/sample)")
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed sample, write nothing"
    )
    args = parser.parse_args(argv)
    if not args.check:
        out = make_sample(args.out)
        print(f"wrote the sample ({SIZE} candidates, {N_PACKAGES} packages, seed {SEED}) to {out}")
        return 0
    with tempfile.TemporaryDirectory() as tmp:
        fresh = make_sample(Path(tmp))
        names = [*FILES, "manifest.json"]
        _, mismatch, errors = filecmp.cmpfiles(args.out, fresh, names, shallow=False)
    for name in [*mismatch, *errors]:
        print(f"{args.out / name}: differs from the generator's output; run python scripts/make_sample.py")
    return 1 if mismatch or errors else 0


if __name__ == "__main__":
    sys.exit(main())
