"""All benchmarks in one command: ``uv run python bench/run.py`` (add ``--quick`` for a short
run). Prints figures and writes JSON to bench/results/. Not a test: nothing here can fail a
build; it measures.

1. batch        — ``azwa render --all`` × html,docx,pdf from a clean state: wall, per document,
                  peak RSS of the process tree.
2. baseline     — the same briefing for a sample rendered one papermill process (fresh kernel)
                  per municipality plus the same conversions, against our engine on the sample.
3. floor        — the conversion steps alone on the already-executed sample documents.
4. incremental  — a no-op rerun, and a rerun after one municipality's local status changed.
5. validation   — 1,000,000 synthetic funding rows through pandera vs the same rules in polars.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, save, timed

AS_OF = "2026-11-22"
AZWA = [sys.executable, "-m", "azwa_analysis.cli"]


def _data_copy(base: Path) -> Path:
    data = base / "data"
    shutil.copytree(ROOT / "data" / "raw", data / "raw")
    (data / "clean").mkdir(parents=True)
    build = timed([*AZWA, "build", "--data-dir", str(data)])
    assert build.returncode == 0, build.output
    return data


def _codes(data: Path) -> list[str]:
    import polars as pl

    return (
        pl.read_parquet(data / "clean" / "municipalities.parquet")["municipality_code"]
        .sort()
        .to_list()
    )


def _render_args(data: Path, out: Path, *, jobs: int, codes: list[str] | None) -> list[str]:
    """`azwa render` for all three formats with the built-in engine (all or some codes)."""
    args = [
        *AZWA,
        "render",
        "--format",
        "html,docx,pdf",
        "--as-of",
        AS_OF,
        "--out",
        str(out),
        "--engine",
        "builtin",
        "--jobs",
        str(jobs),
        "--data-dir",
        str(data),
    ]
    return args + (["--all"] if codes is None else [a for c in codes for a in ("-m", c)])


def bench_batch(data: Path, out: Path, *, jobs: int, codes: list[str] | None) -> dict:
    args = [*_render_args(data, out, jobs=jobs, codes=codes), "--force"]
    run = timed(args)
    count = len(list(out.glob("GM*/GM*-briefing.pdf")))
    result = {
        "municipalities": count,
        "formats": 3,
        "jobs": jobs,
        "wall_seconds": round(run.seconds, 2),
        "seconds_per_document": round(run.seconds / max(count, 1), 3),
        "peak_rss_gib": round(run.peak_rss_bytes / 2**30, 2),
        "peak_pss_gib": round(run.peak_pss_bytes / 2**30, 2),
        "returncode": run.returncode,
        "command": " ".join(["azwa", *args[3:]]),
    }
    print(
        f"batch: {count} municipalities × 3 formats in {run.seconds:.1f} s "
        f"({result['seconds_per_document']} s each), peak RSS {result['peak_rss_gib']} GiB "
        f"(PSS {result['peak_pss_gib']} GiB)"
    )
    return result


def bench_incremental(data: Path, out: Path, *, jobs: int, codes: list[str] | None) -> dict:
    base = _render_args(data, out, jobs=jobs, codes=codes)
    noop = timed(base)
    # Change one municipality's local status the way a steward would: an import, then a build.
    from azwa_analysis import load_tables
    from azwa_analysis._paths import DataPaths
    from azwa_analysis.steward import import_file, write_template

    paths = DataPaths(data)
    tables = load_tables(paths)
    with tempfile.TemporaryDirectory() as tmp:
        workbook = Path(tmp) / "beekdaelen.xlsx"
        write_template(tables, workbook, municipality="GM1954")
        import openpyxl

        book = openpyxl.load_workbook(workbook)
        sheet = book["Lokale stand"]
        sheet.cell(2, 3).value = "pilot"
        book.save(workbook)
        result = import_file(workbook, tables, paths=paths, supplied_by="benchmark")
        assert result.written, [i.format() for i in result.validation.issues]
    build = timed([*AZWA, "build", "--data-dir", str(data)])
    changed = timed(base)
    made = re.search(r"Klaar in [^:]*: (\d+) gemaakt", changed.output)
    figures = {
        "noop_seconds": round(noop.seconds, 2),
        "build_after_change_seconds": round(build.seconds, 2),
        "one_changed_seconds": round(changed.seconds, 2),
        "rendered_after_change": int(made.group(1)) if made else None,
    }
    print(
        f"incremental: no-op {noop.seconds:.2f} s; after one change: build {build.seconds:.2f} "
        f"s + render {changed.seconds:.2f} s ({figures['rendered_after_change']} re-rendered)"
    )
    return figures


def bench_baseline(data: Path, work: Path, sample: list[str], *, jobs: int) -> dict:
    import nbformat

    from azwa_analysis.report._qmd import read_qmd

    notebook = work / "briefing.ipynb"
    nbformat.write(read_qmd(ROOT / "reports" / "briefing.qmd").notebook, notebook)
    per_doc: list[dict] = []
    executed_dir = work / "executed"
    executed_dir.mkdir()
    for code in sample:
        executed = executed_dir / f"{code}.ipynb"
        papermill = timed(
            [
                sys.executable,
                "-m",
                "papermill",
                str(notebook),
                str(executed),
                "-p",
                "municipality",
                code,
                "-p",
                "as_of",
                AS_OF,
                "--cwd",
                str(ROOT / "reports"),
                "-k",
                "python3",
                "--log-level",
                "ERROR",
            ],
            env={"AZWA_DATA_DIR": str(data)},
        )
        assert papermill.returncode == 0, papermill.output
        out = work / "baseline" / code
        out.mkdir(parents=True)
        convert = timed(
            [sys.executable, str(ROOT / "bench" / "convert_one.py"), str(executed), str(out), code],
            env={"AZWA_DATA_DIR": str(data)},
        )
        assert convert.returncode == 0, convert.output
        per_doc.append(
            {
                "code": code,
                "papermill_seconds": round(papermill.seconds, 3),
                "conversion_process_seconds": round(convert.seconds, 3),
                "total_seconds": round(papermill.seconds + convert.seconds, 3),
            }
        )
    ours = bench_batch(data, work / "ours", jobs=jobs, codes=sample)
    ours_1 = bench_batch(data, work / "ours1", jobs=1, codes=sample)
    baseline_mean = statistics.mean(d["total_seconds"] for d in per_doc)
    for d in per_doc:
        d["ratio_vs_ours"] = round(d["total_seconds"] / ours["seconds_per_document"], 1)
    result = {
        "sample": sample,
        "baseline_per_document": per_doc,
        "baseline_mean_seconds": round(baseline_mean, 3),
        "ours": ours,
        "ours_one_worker": ours_1,
        "ratio_mean": round(baseline_mean / ours["seconds_per_document"], 1),
        "ratio_one_worker": round(baseline_mean / ours_1["seconds_per_document"], 1),
    }
    print(
        f"baseline: papermill + conversions {baseline_mean:.2f} s per document; ours "
        f"{ours['seconds_per_document']} s ({jobs} workers) → {result['ratio_mean']}×; "
        f"one worker {ours_1['seconds_per_document']} s → {result['ratio_one_worker']}×"
    )
    return result


def bench_floor(work: Path, *, jobs: int, repeats: int = 3) -> dict:
    """The conversions alone (markdown and figures out of the executed notebook, pandoc, Typst)
    on the sample's executed documents, with ``jobs`` threads each owning a converter (pandoc
    server, Typst compiler, started outside the measurement): the engine minus execution. The
    fastest of ``repeats`` passes counts, so the floor is the best the converters do."""
    import nbformat

    notebooks = [
        nbformat.read(p, as_version=4) for p in sorted((work / "executed").glob("*.ipynb"))
    ]
    walls = [_floor_pass(notebooks, jobs=jobs) for _ in range(repeats)]
    per_doc = min(walls) / len(notebooks)
    result = {
        "documents": len(notebooks),
        "threads": jobs,
        "wall_seconds_per_pass": [round(w, 3) for w in walls],
        "floor_seconds_per_document": round(per_doc, 3),
    }
    print(
        f"floor: conversions alone {per_doc:.3f} s per document ({jobs} threads; passes "
        + ", ".join(f"{w:.2f}" for w in walls)
        + " s)"
    )
    return result


def _floor_pass(notebooks: list, *, jobs: int) -> float:
    from azwa_analysis.report._convert import Converter, epoch_for

    epoch = epoch_for(dt.date(2026, 11, 22))
    metadata = {"title": "Raadsinformatiebrief", "municipality": "x", "asof": "22 november 2026"}
    pending = list(notebooks)
    lock = threading.Lock()
    barrier = threading.Barrier(jobs + 1)

    def convert_all() -> None:
        with Converter() as converter, tempfile.TemporaryDirectory() as tmp:
            converter.warm_up()
            barrier.wait()
            while True:
                with lock:
                    if not pending:
                        return
                    notebook = pending.pop()
                folder = Path(tempfile.mkdtemp(dir=tmp))
                converter.convert(
                    _floor_markdown(notebook, folder),
                    {fmt: folder / f"b.{fmt}" for fmt in ("html", "docx", "pdf")},
                    metadata=metadata,
                    epoch=epoch,
                )

    threads = [threading.Thread(target=convert_all) for _ in range(jobs)]
    for thread in threads:
        thread.start()
    barrier.wait()
    start = time.perf_counter()
    for thread in threads:
        thread.join()
    return time.perf_counter() - start


def _floor_markdown(notebook: object, folder: Path) -> Path:
    from azwa_analysis.report._qmd import to_markdown

    markdown = folder / "b.md"
    markdown.write_text(
        to_markdown(notebook, image_dir=folder, image_kinds=("svg", "png")),  # type: ignore[arg-type]
        encoding="utf-8",
    )
    return markdown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="small sample, no full batch")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument(
        "--only", nargs="*", default=None, help="batch baseline floor incremental validation"
    )
    args = parser.parse_args()
    wanted = set(args.only or ["batch", "baseline", "floor", "incremental", "validation"])
    with tempfile.TemporaryDirectory(prefix="azwa-bench-") as tmp:
        work = Path(tmp)
        data = _data_copy(work)
        codes = _codes(data)
        summary: dict[str, object] = {}
        if "batch" in wanted and not args.quick:
            batch = bench_batch(data, work / "batch", jobs=args.jobs, codes=None)
            summary["batch"] = batch
            save("batch", batch)
        if "baseline" in wanted or "floor" in wanted:
            step = max(1, len(codes) // args.sample)
            sample = sorted(set(codes[::step][: args.sample - 3]) | {"GM1954", "GM0202", "GM0632"})
            if args.quick:
                sample = sample[:5]
            baseline = bench_baseline(data, work, sample, jobs=args.jobs)
            summary["baseline"] = baseline
            save("baseline", baseline)
            floor = bench_floor(work, jobs=args.jobs)
            floor["ours_seconds_per_document"] = baseline["ours"]["seconds_per_document"]
            floor["ours_vs_floor"] = round(
                baseline["ours"]["seconds_per_document"] / floor["floor_seconds_per_document"], 2
            )
            batch_file = ROOT / "bench" / "results" / "batch.json"
            if "batch" not in summary and batch_file.exists():  # the last full batch
                summary["batch"] = json.loads(batch_file.read_text(encoding="utf-8"))
            if "batch" in summary:  # the full batch against the same floor
                batch_per_doc = summary["batch"]["seconds_per_document"]  # type: ignore[index]
                floor["batch_seconds_per_document"] = batch_per_doc
                floor["batch_vs_floor"] = round(
                    batch_per_doc / floor["floor_seconds_per_document"], 2
                )
            summary["floor"] = floor
            save("floor", floor)
            print(
                f"ours / floor: {floor['ours_vs_floor']}× on the sample (start-up included)"
                + (f", {floor['batch_vs_floor']}× for the full batch" if "batch" in summary else "")
            )
        if "incremental" in wanted:
            out = work / "batch"
            if not out.exists():  # render everything once, so the reruns have a state to keep
                bench_batch(data, out, jobs=args.jobs, codes=None if not args.quick else codes[:10])
            incremental = bench_incremental(
                data, out, jobs=args.jobs, codes=None if not args.quick else codes[:10]
            )
            summary["incremental"] = incremental
            save("incremental", incremental)
        if "validation" in wanted:
            from validation import bench_validation

            validation = bench_validation(rows=100_000 if args.quick else 1_000_000)
            summary["validation"] = validation
            save("validation", validation)
        print(json.dumps(summary, indent=2, ensure_ascii=False)[:3000])


if __name__ == "__main__":
    main()
