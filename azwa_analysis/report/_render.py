"""Render briefings: one municipality or all 342, with Quarto or with the same parts built in.

``builtin`` executes the Quarto document in a Jupyter kernel (nbclient) with papermill-style
parameters, turns the result into pandoc markdown, and converts it to HTML, Word and (through
Typst) PDF. A worker keeps its kernel warm across municipalities; each document starts from a
clean namespace, so the batch gives the same content as rendering one at a time.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from queue import Empty, Queue
from typing import TYPE_CHECKING, Any, Literal

from azwa_analysis._paths import DataPaths
from azwa_analysis._periods import format_date_nl
from azwa_analysis._tables import load_tables
from azwa_analysis.report._convert import FORMATS, Format, epoch_for
from azwa_analysis.report._jobs import (
    QMD,
    RenderJob,
    RenderResult,
    is_current,
    output_names,
    plan_jobs,
    state_path,
)
from azwa_analysis.report._kernel import Worker
from azwa_analysis.report._qmd import ImageKind, RenderError

if TYPE_CHECKING:
    pass

Engine = Literal["auto", "quarto", "builtin"]
#: The reference dates a briefing can be made for: the years the agreements cover.
AS_OF_FIRST = dt.date(2015, 1, 1)
AS_OF_LAST = dt.date(2040, 12, 31)


def quarto_available() -> bool:
    return shutil.which("quarto") is not None


def choose_engine(engine: Engine) -> Literal["quarto", "builtin"]:
    """``auto`` is Quarto when it is on PATH, otherwise the built-in renderer."""
    if engine == "auto":
        return "quarto" if quarto_available() else "builtin"
    if engine == "quarto" and not quarto_available():
        raise RenderError("Quarto staat niet op PATH; gebruik --engine builtin of auto.")
    return engine


# ----------------------------------------------------------------------------- kernel session


# ----------------------------------------------------------------------------- one document


def _metadata(front: dict[str, Any], name: str, as_of: dt.date) -> dict[str, str]:
    return {
        "title": str(front.get("title", "Raadsinformatiebrief")),
        "subtitle": str(front.get("subtitle", "")),
        "pagetitle": f"{front.get('title', 'Raadsinformatiebrief')} — {name}",
        "lang": "nl-NL",
        "municipality": name,
        "asof": format_date_nl(as_of),
    }


def render_builtin(job: RenderJob, worker: Worker) -> tuple[str, ...]:
    """Execute, assemble, convert; returns the files written (atomically, into out/CODE/)."""
    from azwa_analysis.report._notebooks import inject_parameters
    from azwa_analysis.report._qmd import read_qmd, to_markdown

    assert worker.session is not None
    assert worker.converter is not None
    document = read_qmd(job.template)
    notebook = document.notebook
    inject_parameters(notebook, {"municipality": job.code, "as_of": job.as_of.isoformat()})
    worker.session.run(notebook)
    target = job.out_dir / job.code
    target.mkdir(parents=True, exist_ok=True)
    names = output_names(job.code, job.formats)
    with tempfile.TemporaryDirectory(dir=target, prefix=".work-") as work_dir:
        work = Path(work_dir)
        kinds: tuple[ImageKind, ...] = ("svg", "png") if "docx" in job.formats else ("svg",)
        markdown = work / "briefing.md"
        markdown.write_text(
            to_markdown(notebook, image_dir=work, image_kinds=kinds), encoding="utf-8"
        )
        results = {fmt: work / names[fmt] for fmt in job.formats}
        worker.converter.convert(
            markdown,
            results,
            metadata=_metadata(document.front_matter, job.name, job.as_of),
            epoch=epoch_for(job.as_of),
        )
        for fmt in job.formats:
            os.replace(results[fmt], target / names[fmt])
        os.replace(markdown, target / f"{job.code}-briefing.md")
    return tuple(names[fmt] for fmt in job.formats)


def render_quarto(job: RenderJob) -> tuple[str, ...]:
    """``quarto render`` on the unchanged document, one format at a time."""
    target = job.out_dir / job.code
    target.mkdir(parents=True, exist_ok=True)
    names = output_names(job.code, job.formats)
    quarto_format = {"html": "html", "docx": "docx", "pdf": "typst"}
    written = []
    for fmt in job.formats:
        with tempfile.TemporaryDirectory(prefix="azwa-quarto-") as tmp:
            staged = Path(tmp) / job.template.parent.name
            shutil.copytree(job.template.parent, staged)
            result = subprocess.run(
                [
                    "quarto",
                    "render",
                    job.template.name,
                    "--to",
                    quarto_format[fmt],
                    "-P",
                    f"municipality:{job.code}",
                    "-P",
                    f"as_of:{job.as_of.isoformat()}",
                    "--output",
                    names[fmt],
                ],
                cwd=staged,
                capture_output=True,
                text=True,
                check=False,
                env={**os.environ, "AZWA_DATA_DIR": str(job.data_root)},
            )
            if result.returncode != 0:
                raise RenderError(f"quarto render faalde: {result.stderr.strip()[-2000:]}")
            produced = next(staged.rglob(names[fmt]))
            os.replace(produced, target / names[fmt])
            written.append(names[fmt])
    return tuple(written)


_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def short_error(error: BaseException) -> str:
    """One readable line: the exception type and its last meaningful message line (cell
    errors from the kernel carry a whole coloured traceback)."""
    text = _ANSI.sub("", str(error))
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    last = lines[-1] if lines else ""
    return f"{type(error).__name__}: {last}"[:500]


def run_job(job: RenderJob, worker: Worker) -> RenderResult:
    """Render one municipality unless it is current; never raises (failures are results)."""
    if is_current(job):
        return RenderResult(job.code, job.name, "overgeslagen")
    start = time.perf_counter()
    try:
        files = render_quarto(job) if job.engine == "quarto" else render_builtin(job, worker)
    except Exception as error:  # one failure never stops the batch
        return RenderResult(
            job.code,
            job.name,
            "mislukt",
            seconds=time.perf_counter() - start,
            error=short_error(error),
        )
    state = {
        "fingerprint": job.fingerprint,
        "as_of": job.as_of.isoformat(),
        "formats": list(job.formats),
        "files": list(files),
        "engine": job.engine,
    }
    path = state_path(job)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2), encoding="utf-8")
    os.replace(tmp, path)
    return RenderResult(job.code, job.name, "gemaakt", files, time.perf_counter() - start)


# ----------------------------------------------------------------------------- many documents


def render_briefings(
    codes: Sequence[str],
    *,
    as_of: dt.date,
    formats: Sequence[Format] = FORMATS,
    out_dir: Path,
    engine: Engine = "auto",
    jobs: int = 1,
    force: bool = False,
    data: DataPaths | None = None,
    template: Path = QMD,
    on_result: Callable[[RenderResult], None] | None = None,
) -> list[RenderResult]:
    """Render briefings for the given municipality codes; returns one result per code.

    With ``jobs > 1`` the work is spread over that many worker threads, each with its own warm
    kernel, pandoc process and Typst compiler. A municipality whose inputs (and template and
    code) did not change since its last render is skipped unless ``force``.
    """
    data = data or DataPaths.default()
    formats = tuple(dict.fromkeys(formats))  # 'html,html' is one HTML file, written once
    if not AS_OF_FIRST <= as_of <= AS_OF_LAST:
        raise RenderError(
            f"peildatum {as_of.isoformat()} ligt buiten {AS_OF_FIRST.year}–{AS_OF_LAST.year}"
        )
    # Planning needs names and row hashes only; `azwa build` validated these exact files, and
    # the manifest's checksums guard them here and in every kernel.
    tables = load_tables(data, validate=False)
    chosen = choose_engine(engine)
    out_dir = out_dir.resolve()
    planned = plan_jobs(
        tables,
        codes,
        as_of=as_of,
        formats=formats,
        out_dir=out_dir,
        data_root=data.root.resolve(),
        engine=chosen,
        force=force,
        template=template,
    )
    pending = [job for job in planned if not is_current(job)]
    results: dict[str, RenderResult] = {}
    for job in planned:
        if job not in pending:
            results[job.code] = RenderResult(job.code, job.name, "overgeslagen")
            if on_result:
                on_result(results[job.code])
    if pending:
        for result in _run_pending(
            pending, engine=chosen, jobs=jobs, cwd=template.parent, data_root=data.root.resolve()
        ):
            results[result.code] = result
            if on_result:
                on_result(result)
    return [results[code] for code in codes]


def _close_thread_event_loop() -> None:
    """nbclient runs its coroutines on an event loop that jupyter_core makes per thread and
    never closes; a worker thread closes its own before it ends."""
    from jupyter_core.utils import ensure_event_loop

    ensure_event_loop().close()


def _run_pending(
    pending: Sequence[RenderJob],
    *,
    engine: Literal["quarto", "builtin"],
    jobs: int,
    cwd: Path,
    data_root: Path,
) -> Iterator[RenderResult]:
    """Render on ``jobs`` threads, each with its own worker (kernel, pandoc server, Typst); yields
    results as they finish, in the calling thread.

    Threads, not processes: the work happens in the kernels, pandoc and Typst, outside this
    interpreter, so one driver process serves every worker and memory holds one copy of it.
    """
    queue: Queue[RenderJob] = Queue()
    for job in pending:
        queue.put(job)
    done: Queue[RenderResult] = Queue()

    def take() -> RenderJob | None:
        try:
            return queue.get_nowait()
        except Empty:
            return None

    def work() -> None:
        job = take()
        if job is None:
            return
        worker: Worker | None = None
        try:
            worker = Worker(engine, cwd=cwd, data_root=data_root, first=job)
            while job is not None:
                done.put(run_job(job, worker))  # never raises
                job = take()
        except Exception as error:  # a worker that cannot start fails the jobs it takes
            while job is not None:
                done.put(RenderResult(job.code, job.name, "mislukt", error=short_error(error)))
                job = take()
        finally:
            if worker is not None:
                worker.close()
            _close_thread_event_loop()

    threads = [
        threading.Thread(target=work, name=f"azwa-render-{n}", daemon=True)
        for n in range(max(1, min(jobs, len(pending))))
    ]
    for thread in threads:
        thread.start()
    for _ in pending:
        yield done.get()
    for thread in threads:
        thread.join()
