"""Memory per render worker: ``uv run python bench/workers.py`` renders the same sample of
municipalities (HTML, Word, PDF, built-in engine) with 1, 2 and 3 workers from a clean state and
reports the peak memory of the whole process tree (driver, kernels, pandoc, Typst) for each. The
difference between runs is what one more worker costs; ``azwa render`` uses it to cap
``--jobs`` by the memory available (``report/_workers.py``, ``WORKER_MEMORY_GIB``).
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import save, timed
from run import _codes, _data_copy, _render_args


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sample", type=int, default=24)
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 3])
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="azwa-bench-workers-") as tmp:
        data = _data_copy(Path(tmp))
        codes = _codes(data)[: options.sample]
        runs = {}
        for jobs in options.workers:
            out = Path(tmp) / f"out{jobs}"
            run = timed([*_render_args(data, out, jobs=jobs, codes=codes), "--force"])
            assert run.returncode == 0, run.output
            runs[jobs] = {
                "wall_seconds": round(run.seconds, 1),
                "peak_rss_gib": round(run.peak_rss_bytes / 2**30, 2),
                "peak_pss_gib": round(run.peak_pss_bytes / 2**30, 2),
            }
            print(f"{jobs} worker(s): {runs[jobs]}", flush=True)
    steps = sorted(runs)
    per_worker = (
        {
            kind: round(
                max(
                    (runs[b][kind] - runs[a][kind]) / (b - a) for a, b in itertools.pairwise(steps)
                ),
                2,
            )
            for kind in ("peak_rss_gib", "peak_pss_gib")
        }
        if len(steps) > 1
        else {}
    )
    print(f"one more worker costs at most: {per_worker}")
    save("workers", {"sample": options.sample, "runs": runs, "per_worker_gib": per_worker})


if __name__ == "__main__":
    main()
