"""Render briefings: one municipality or all 342, with Quarto or with the same parts built in.

``builtin`` executes the Quarto document in a Jupyter kernel (nbclient) with papermill-style
parameters, turns the result into pandoc markdown, and converts it to HTML, Word and (through
Typst) PDF. A worker keeps its kernel warm across municipalities; each document starts from a
clean namespace, so the batch gives the same content as rendering one at a time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from queue import Empty, Queue
from typing import TYPE_CHECKING, Any, Literal

import polars as pl

from azwa_analysis._build import read_manifest
from azwa_analysis._paths import PROJECT_ROOT, DataPaths
from azwa_analysis._periods import format_date_nl
from azwa_analysis._tables import Tables, load_tables
from azwa_analysis.report._convert import FORMATS, Format, epoch_for
from azwa_analysis.report._qmd import ImageKind, RenderError

if TYPE_CHECKING:
    import nbformat

Engine = Literal["auto", "quarto", "builtin"]
QMD = PROJECT_ROOT / "reports" / "briefing.qmd"
STATE_FILE = ".azwa-render.json"
#: Tables whose rows belong to one municipality: only that municipality's rows count.
LOCAL_TABLES = ("local_status", "official_allocations")


@dataclass(frozen=True)
class RenderResult:
    """What happened to one municipality."""

    code: str
    name: str
    status: Literal["gemaakt", "overgeslagen", "mislukt"]
    files: tuple[str, ...] = ()
    seconds: float = 0.0
    error: str | None = None


@dataclass(frozen=True)
class RenderJob:
    """Everything a worker needs to render one municipality (picklable)."""

    code: str
    name: str
    as_of: dt.date
    formats: tuple[Format, ...]
    out_dir: Path
    data_root: Path
    fingerprint: str
    engine: Literal["quarto", "builtin"]
    template: Path = QMD
    force: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def quarto_available() -> bool:
    return shutil.which("quarto") is not None


def choose_engine(engine: Engine) -> Literal["quarto", "builtin"]:
    """``auto`` is Quarto when it is on PATH, otherwise the built-in renderer."""
    if engine == "auto":
        return "quarto" if quarto_available() else "builtin"
    if engine == "quarto" and not quarto_available():
        raise RenderError("Quarto staat niet op PATH; gebruik --engine builtin of auto.")
    return engine


def _hash_files(paths: Iterable[Path]) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def code_and_template_hash(template: Path = QMD) -> str:
    """Anything that shapes a briefing besides the data: package source (Python and the pandoc
    Lua converter), qmd, templates."""
    package = Path(__file__).resolve().parent.parent
    source = [p for p in package.rglob("*") if p.suffix in {".py", ".lua"}]
    files = [*source, template, *(template.parent / "templates").glob("*")]
    return _hash_files(p for p in files if p.is_file())


def municipality_fingerprints(
    tables: Tables,
    data_root: Path,
    *,
    as_of: dt.date,
    formats: Sequence[str],
    engine: str,
    template: Path = QMD,
) -> dict[str, str]:
    """Per municipality: a hash of exactly the inputs its briefing depends on.

    National tables count whole; local status and official amounts count only with the
    municipality's own rows, so changing one municipality re-renders only that one.
    """
    manifest = read_manifest(data_root / "clean")
    shared = {
        name: entry["sha256"]
        for name, entry in sorted(manifest.get("outputs", {}).items())
        if name not in LOCAL_TABLES
    }
    base = json.dumps(
        {
            "shared": shared,
            "as_of": as_of.isoformat(),
            "formats": list(formats),
            "engine": engine,
            "code": code_and_template_hash(template),
        },
        sort_keys=True,
    )
    local_rows: dict[str, dict[str, str]] = {name: {} for name in LOCAL_TABLES}
    for name in LOCAL_TABLES:
        frame: pl.DataFrame = getattr(tables, name)
        for (code,), part in frame.group_by("municipality_code"):
            local_rows[name][str(code)] = hashlib.sha256(
                part.sort(part.columns).write_csv().encode()
            ).hexdigest()
    result = {}
    for code in tables.municipalities["municipality_code"].to_list():
        payload = base + "|" + "|".join(local_rows[name].get(code, "") for name in LOCAL_TABLES)
        result[code] = hashlib.sha256(f"{code}|{payload}".encode()).hexdigest()
    return result


# ----------------------------------------------------------------------------- kernel session


class KernelSession:
    """A Jupyter kernel kept warm across documents; each run starts from a reset namespace."""

    def __init__(self, *, cwd: Path, env: dict[str, str] | None = None):
        from jupyter_client.manager import KernelManager

        self.cwd = cwd
        # IPC sockets (not TCP on localhost) in a private folder: no port, no plain-text TCP.
        self._sockets = tempfile.mkdtemp(prefix="azwa-kernel-")
        self.km = KernelManager(
            kernel_name="python3", transport="ipc", ip=str(Path(self._sockets) / "k")
        )
        # No input history: IPython writes every cell to SQLite on a thread, 8 % of the
        # kernel's time in a batch, for a history nobody reads.
        self.km.start_kernel(
            cwd=str(cwd),
            env={**os.environ, **(env or {})},
            extra_arguments=["--HistoryManager.enabled=False"],
        )
        # One client for all documents: starting channels costs ~0.25 s per document.
        self.kc = self.km.client()
        self.kc.start_channels()
        self.kc.wait_for_ready(timeout=60)

    #: Run ahead of the document's first code cell, in that cell (a cell of its own would
    #: cost another round trip per document). `%reset -f` ends in a full gc.collect(), which
    #: walks every object the warm kernel holds (polars, Altair, the tables): 0.1 s per
    #: document. Freezing the survivors leaves the next collection only this document's objects.
    RESET = "get_ipython().run_line_magic('reset', '-f'); __import__('gc').freeze()\n"

    def run(self, notebook: nbformat.NotebookNode, *, timeout: int = 300) -> None:
        """Execute ``notebook`` in place, from a reset namespace."""
        import nbformat
        from nbclient import NotebookClient

        first = next((c for c in notebook.cells if c.cell_type == "code"), None)
        inserted = first is None
        if first is None:
            first = nbformat.v4.new_code_cell("")
            notebook.cells.insert(0, first)
        source = first.source
        first.source = self.RESET + source
        client = NotebookClient(
            notebook,
            km=self.km,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(self.cwd)}},
        )
        client.kc = self.kc
        try:
            client.execute()
        finally:
            first.source = source
            if inserted:
                notebook.cells.remove(first)

    def warm_up(self, municipality: str, as_of: dt.date) -> None:
        """Import and compute what the first briefing needs before it runs (see
        :func:`azwa_analysis.report.warm_up`). A failure here is left for the document itself
        to report."""
        import nbformat

        code = (
            "from azwa_analysis.report import warm_up\n"
            f"warm_up({municipality!r}, {as_of.isoformat()!r})"
        )
        notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(code)])
        with contextlib.suppress(Exception):
            self.run(notebook)

    def close(self) -> None:
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)
        shutil.rmtree(self._sockets, ignore_errors=True)


def kernel_env(data_root: Path) -> dict[str, str]:
    """The briefing kernels' environment: the data folder, and pandera's switch for checking
    analysis outputs turned off. The tables themselves are checksum-verified against the
    build's manifest; the output schemas are checked by the test suite for every shipped
    municipality, and are on whenever the document runs elsewhere (Quarto, a notebook)."""
    return {"AZWA_DATA_DIR": str(data_root), "PANDERA_VALIDATION_ENABLED": "False"}


class Worker:
    """What one document at a time needs: a warm kernel and the converters (built-in engine),
    or nothing (Quarto brings its own). Used from one thread at a time."""

    def __init__(
        self,
        engine: Literal["quarto", "builtin"],
        *,
        cwd: Path,
        data_root: Path,
        first: RenderJob,
    ):
        from azwa_analysis.report._convert import Converter

        self.session: KernelSession | None = None
        self.converter: Converter | None = None
        if engine == "builtin":
            self.session = KernelSession(cwd=cwd, env=kernel_env(data_root))
            self.converter = Converter()
            # The kernel warms up on its own core; meanwhile pandoc and Typst load here.
            converters = threading.Thread(target=self.converter.warm_up)
            converters.start()
            self.session.warm_up(first.code, first.as_of)
            converters.join()

    def close(self) -> None:
        if self.session is not None:
            self.session.close()
        if self.converter is not None:
            self.converter.close()


# ----------------------------------------------------------------------------- one document


def output_names(code: str, formats: Iterable[str]) -> dict[str, str]:
    """``GM1954`` → ``GM1954-briefing.html`` …; names come from the code only (never from
    input text), so they cannot escape the output folder."""
    if not code.startswith("GM") or not code[2:].isdigit() or len(code) != 6:
        raise ValueError(f"ongeldige gemeentecode voor een bestandsnaam: {code!r}")
    return {fmt: f"{code}-briefing.{fmt}" for fmt in formats}


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
    from azwa_analysis._notebooks import inject_parameters
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


def _state_path(job: RenderJob) -> Path:
    return job.out_dir / job.code / STATE_FILE


def is_current(job: RenderJob) -> bool:
    """The folder holds every requested file, rendered from the same fingerprint."""
    path = _state_path(job)
    if job.force or not path.exists():
        return False
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except ValueError:
        return False
    names = output_names(job.code, job.formats).values()
    return state.get("fingerprint") == job.fingerprint and all(
        (job.out_dir / job.code / name).exists() for name in names
    )


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
    path = _state_path(job)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, indent=2), encoding="utf-8")
    os.replace(tmp, path)
    return RenderResult(job.code, job.name, "gemaakt", files, time.perf_counter() - start)


# ----------------------------------------------------------------------------- many documents


def plan_jobs(
    tables: Tables,
    codes: Sequence[str],
    *,
    as_of: dt.date,
    formats: Sequence[Format],
    out_dir: Path,
    data_root: Path,
    engine: Literal["quarto", "builtin"],
    force: bool,
    template: Path = QMD,
) -> list[RenderJob]:
    prints = municipality_fingerprints(
        tables, data_root, as_of=as_of, formats=formats, engine=engine, template=template
    )
    names = dict(tables.municipalities.select("municipality_code", "name").iter_rows())
    return [
        RenderJob(
            code,
            names[code],
            as_of,
            tuple(formats),
            out_dir,
            data_root,
            prints[code],
            engine,
            template,
            force,
        )
        for code in codes
    ]


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
            pending, engine=chosen, jobs=jobs, cwd=template.parent, data_root=data.root
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
