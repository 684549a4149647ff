"""Write docs/accuracy.md: the per-category scores of the sample letters' digests, as the shared scorer reports them.

    python eval/accuracy.py --scorer ../shared/eval/score.py --digests var/digest --out docs/accuracy.md
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from datetime import date
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scorer", type=Path, required=True)
    parser.add_argument("--digests", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    run = subprocess.run(
        [sys.executable, str(args.scorer), str(args.digests), "--json"], capture_output=True, text=True, check=True
    )
    scores = json.loads(run.stdout)
    lines = [
        "# Extraction accuracy on the sample letters",
        "",
        f"Measured {date.today().isoformat()} with `make eval`: `kamergraph digest data/letters/*.txt` (digests "
        "computed by SPARQL over the validated store) scored by the evaluation contract's `score.py` against the "
        "hand-made gold annotations. The samples are five documents; the same scorer is also run on real documents "
        "that are not in this repository, where scores are lower.",
        "",
        "| category | precision | recall | F1 |",
        "| --- | ---: | ---: | ---: |",
    ]
    for category, s in scores["categories"].items():
        lines.append(f"| {category} | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} |")
    lines += ["", "| attribute | accuracy |", "| --- | ---: |"]
    lines += [f"| {name} | {value:.3f} |" for name, value in scores["attributes"].items()]
    lines += ["", f"**Overall F1: {scores['overall_f1']:.3f}**", ""]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"overall F1 {scores['overall_f1']:.3f}; wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
