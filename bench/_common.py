"""Shared helpers for the benchmark scripts: machine facts, process-tree memory, results."""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
import subprocess
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"


def machine() -> dict[str, Any]:
    """What the figures were measured on."""
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = int(line.split()[1]) * 1024
    except OSError:
        pass
    from importlib import metadata

    versions = {}
    for package in (
        "azwa-analysis",
        "polars",
        "pandera",
        "nbclient",
        "pypandoc-binary",
        "typst",
        "vl-convert-python",
        "papermill",
    ):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "python_loop_seconds": python_loop_seconds(),
        "python_loop_seconds_on_every_core": python_loop_seconds_on_every_core(),
        "memory_gib": round(memory / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
    }


def python_loop_seconds(repeat: int = 5) -> float:
    """Seconds for ten million additions in a Python loop, best of ``repeat``: a yardstick for
    comparing figures from different machines (ours differ by a factor of two with the same
    model name and core count). Saved with every result; smaller is faster."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        total = 0
        for number in range(10_000_000):
            total += number
        best = min(best, time.perf_counter() - start)
    return round(best, 3)


def python_loop_seconds_on_every_core(repeat: int = 3) -> float:
    """The same loop in one process per core at once, the slowest of them, best of ``repeat``:
    how much two busy processes slow each other (on one of our 2-core machines 0.58 s
    against 0.40 s alone, so a batch on 2 workers gets about 1.4 cores' worth of work)."""
    from concurrent.futures import ProcessPoolExecutor

    cores = os.cpu_count() or 1
    best = float("inf")
    with ProcessPoolExecutor(cores) as pool:
        for _ in range(repeat):
            best = min(best, max(pool.map(python_loop_seconds, [1] * cores)))
    return round(best, 3)


def _tree_rss(root: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    return _tree_memory(root)[0]


def _tree_memory(root: int) -> tuple[int, int]:
    """(RSS, PSS) in bytes summed over a process tree. RSS counts a shared library once per
    process that maps it; PSS divides shared pages among them (the machine's real use)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    page = os.sysconf("SC_PAGE_SIZE")
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            pages = int((entry / "statm").read_text().split()[1])
        except (OSError, IndexError, ValueError):
            continue
        pid = int(entry.name)
        children.setdefault(parent, []).append(pid)
        rss[pid] = pages * page
    total, pss, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        try:
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Pss:"):
                    pss += int(line.split()[1]) * 1024
                    break
        except OSError:
            pass
        todo.extend(children.get(pid, []))
    return total, pss


@dataclass
class Run:
    """A timed subprocess with the peak RSS of its whole process tree."""

    args: Sequence[str]
    seconds: float = 0.0
    peak_rss_bytes: int = 0
    peak_pss_bytes: int = 0
    returncode: int = 0
    output: str = ""
    env: dict[str, str] = field(default_factory=dict)


def timed(args: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path = ROOT) -> Run:
    run = Run(args, env=env or {})
    start = time.perf_counter()
    process = subprocess.Popen(
        list(args),
        cwd=cwd,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            rss, pss = _tree_memory(process.pid)
            run.peak_rss_bytes = max(run.peak_rss_bytes, rss)
            run.peak_pss_bytes = max(run.peak_pss_bytes, pss)
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    run.seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    run.returncode = process.returncode
    run.output = output[-4000:]
    return run


def save(name: str, result: dict[str, Any]) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    payload = {
        "benchmark": name,
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine(),
        **result,
    }
    path.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path
