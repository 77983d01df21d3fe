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
        "memory_gib": round(memory / 2**30, 1),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "versions": versions,
    }


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
