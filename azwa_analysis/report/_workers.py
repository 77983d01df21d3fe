"""How many render workers a batch gets: the usable cores by default, never more than the cores
or the memory allow, and never more than there are municipalities to render.

A worker is a Jupyter kernel, a ``pandoc lua`` process and a Typst compiler in a driver thread;
``bench/workers.py`` measures what one more worker costs (``WORKER_MEMORY_GIB``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from azwa_analysis._format import format_number

#: Peak memory one more worker adds: 0.46 GiB RSS (0.27 GiB PSS) measured with
#: ``bench/workers.py`` (24 municipalities × HTML, Word, PDF; 1, 2 and 3 workers); a full
#: batch of 342 grows a little (1.33 GiB for two workers and the driver), so 0.6 is reserved.
WORKER_MEMORY_GIB = 0.6
#: What the driver process needs besides its workers (one worker's batch peaked at 0.79 GiB).
DRIVER_MEMORY_GIB = 0.35


def usable_cores() -> int:
    """Cores this process may run on (its CPU affinity, which a container or ``taskset`` can
    narrow), not the machine's count."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def available_memory_gib(meminfo: Path = Path("/proc/meminfo")) -> float | None:
    """Memory the system can give without swapping (``MemAvailable``), or None if unknown."""
    try:
        for line in meminfo.read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) / 2**20
    except (OSError, ValueError, IndexError):
        return None
    return None


@dataclass(frozen=True)
class WorkerPlan:
    """The number of workers, and (when it is fewer than asked or than the cores) why."""

    workers: int
    note: str | None = None


def plan_workers(
    requested: int | None,
    *,
    municipalities: int,
    cores: int | None = None,
    memory_gib: float | None = None,
) -> WorkerPlan:
    """Workers for a batch: ``requested`` (default: the usable cores), capped at the usable
    cores and at what the available memory holds, and at the number of municipalities.

    Examples
    --------
    >>> plan_workers(None, municipalities=342, cores=2, memory_gib=20.0)
    WorkerPlan(workers=2, note=None)
    >>> plan_workers(1000, municipalities=342, cores=2, memory_gib=20.0).note
    '--jobs 1000 begrensd tot 2: 2 bruikbare processorkernen'
    >>> plan_workers(8, municipalities=342, cores=16, memory_gib=2.3).note
    '--jobs 8 begrensd tot 3: 2,3 GiB geheugen beschikbaar, 0,6 GiB per werker'
    """
    cores = cores or usable_cores()
    wanted = requested if requested is not None else cores
    limits: list[tuple[int, str]] = [(cores, f"{cores} bruikbare processorkernen")]
    memory = available_memory_gib() if memory_gib is None else memory_gib
    if memory is not None:
        fits = max(1, int((memory - DRIVER_MEMORY_GIB) / WORKER_MEMORY_GIB + 1e-9))
        limits.append(
            (
                fits,
                f"{format_number(memory, decimals=1)} GiB geheugen beschikbaar, "
                f"{format_number(WORKER_MEMORY_GIB, decimals=1)} GiB per werker",
            )
        )
    limit, reason = min(limits)
    workers = max(1, min(wanted, limit, max(1, municipalities)))
    if workers < min(wanted, max(1, municipalities)):
        shown = f"--jobs {requested}" if requested is not None else f"standaard {wanted}"
        return WorkerPlan(workers, f"{shown} begrensd tot {workers}: {reason}")
    return WorkerPlan(workers)
