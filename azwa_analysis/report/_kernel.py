"""Warm Jupyter kernels for the built-in engine: one per worker, reused across documents."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from azwa_analysis.report._jobs import RenderJob

if TYPE_CHECKING:
    import nbformat


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
    """The briefing kernels' environment: the data folder, pandera's switch for checking
    analysis outputs turned off, and polars on one thread.

    The tables themselves are checksum-verified against the build's manifest; the output
    schemas are checked by the test suite for every shipped municipality, and are on whenever
    the document runs elsewhere (Quarto, a notebook). A batch runs one worker per core, and a
    briefing's queries are on tables of a few hundred rows: polars' thread pool only hands
    them between threads (18 % of the briefing's own computing time)."""
    return {
        "AZWA_DATA_DIR": str(data_root),
        "PANDERA_VALIDATION_ENABLED": "False",
        "POLARS_MAX_THREADS": "1",
    }


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
