"""Pandoc (from pypandoc-binary) and Typst (the ``typst`` package): markdown to HTML, Word and
PDF, with no network and deterministic output (``SOURCE_DATE_EPOCH``).

The options are those of ``pandoc --standalone --embed-resources --css briefing.css --toc`` for
HTML, ``-t docx --reference-doc reference.docx`` for Word and ``--template briefing.typ`` for
Typst; one long-lived ``pandoc lua`` process (:class:`PandocServer`) applies them, so each
document is parsed once. ``reference.docx`` is made by ``scripts/make_reference_docx.py``.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import tempfile
from pathlib import Path
from typing import IO, Literal

from azwa_analysis._paths import PROJECT_ROOT

Format = Literal["html", "docx", "pdf"]
FORMATS: tuple[Format, ...] = ("html", "docx", "pdf")
TEMPLATES = PROJECT_ROOT / "reports" / "templates"


class ConversionError(RuntimeError):
    """Pandoc or Typst failed; the message carries their error output."""


def pandoc_path() -> str:
    import pypandoc

    return str(pypandoc.get_pandoc_path())


def epoch_for(day: dt.date) -> int:
    """Timestamps inside the files (docx properties) are the as-of date, not 'now'."""
    return int(dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC).timestamp())


SERVER_SCRIPT = Path(__file__).with_name("convert_server.lua")
#: The Haskell runtime's garbage collector for the long-lived server: a 64 MB allocation area
#: (instead of 4 MB) and the old generation collected at four times its live size (instead
#: of two). Pandoc spent 18 % of its time collecting; with these, the server takes 7–9 % less
#: CPU per briefing for about 20 MB more memory (CPU of the pandoc process over 24 briefings,
#: runs alternated with and without).
RTS_OPTIONS = ("+RTS", "-A64m", "-F4", "-RTS")

#: Typst marks its tagged PDFs ``/MarkInfo<</Marked true/Suspects false>>``; poppler (pdfinfo,
#: pdftotext) reads ``Suspects`` as the wrong type and prints a syntax error
#: (typst/typst#7140). ``false`` is the default, so leaving the entry out means the same.
_MARK_INFO = b"/MarkInfo<</Marked true/Suspects false>>"
_MARK_INFO_PLAIN = b"/MarkInfo<</Marked true" + b" " * len(b"/Suspects false") + b">>"


def without_suspects_entry(pdf: bytes) -> bytes:
    """Blank out ``/Suspects false`` in the catalogue's MarkInfo with as many spaces, so the
    cross-reference offsets stay valid and the PDF stays tagged.

    >>> without_suspects_entry(b"<</Type/Catalog/MarkInfo<</Marked true/Suspects false>>>>")
    b'<</Type/Catalog/MarkInfo<</Marked true               >>>>'
    """
    if pdf.count(_MARK_INFO) != 1:
        return pdf
    return pdf.replace(_MARK_INFO, _MARK_INFO_PLAIN)


class PandocServer:
    """One ``pandoc lua`` process converting many documents: each markdown file is parsed once
    and written to every format from the same document, without a process per format.

    Not for concurrent use: give each worker thread its own server.
    """

    def __init__(self) -> None:
        # Closed in close(): the file lives as long as the process writing to it.
        self._stderr: IO[bytes] = tempfile.TemporaryFile()  # noqa: SIM115
        self._process = subprocess.Popen(
            [pandoc_path(), *RTS_OPTIONS, "lua", str(SERVER_SCRIPT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )

    def _stderr_tail(self) -> str:
        self._stderr.seek(0)
        return self._stderr.read().decode("utf-8", "replace").strip()[-2000:]

    def convert(
        self,
        markdown: Path,
        *,
        metadata: dict[str, str],
        epoch: int,
        html: Path | None = None,
        docx: Path | None = None,
        typst_source: Path | None = None,
    ) -> None:
        """Write the requested files from ``markdown`` (figures beside it: ``fig-*.svg`` for
        HTML and Typst, ``fig-*.png`` for Word)."""
        outputs = {
            name: str(path.resolve())
            for name, path in (("html", html), ("docx", docx), ("typst", typst_source))
            if path is not None
        }
        request = {
            "dir": str(markdown.parent.resolve()),
            "markdown": str(markdown.resolve()),
            "metadata": metadata,
            "epoch": str(epoch),
            "css": str(TEMPLATES / "briefing.css"),
            "reference_doc": str(TEMPLATES / "reference.docx"),
            "typst_template": str(TEMPLATES / "briefing.typ"),
            "outputs": outputs,
        }
        assert self._process.stdin is not None
        assert self._process.stdout is not None
        try:
            self._process.stdin.write(json.dumps(request) + "\n")
            self._process.stdin.flush()
            line = self._process.stdout.readline()
        except (BrokenPipeError, OSError) as error:
            raise ConversionError(f"pandoc is gestopt: {self._stderr_tail()}") from error
        if not line:
            raise ConversionError(f"pandoc is gestopt: {self._stderr_tail()}")
        reply = json.loads(line)
        if not reply.get("ok"):
            raise ConversionError(f"pandoc faalde: {reply.get('error')}")

    def close(self) -> None:
        if self._process.stdin is not None:
            self._process.stdin.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        if self._process.stdout is not None:
            self._process.stdout.close()
        self._stderr.close()

    def __enter__(self) -> PandocServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Converter:
    """What one worker thread converts with: a pandoc server, and a Typst compiler that keeps
    its fonts and caches between documents (a fresh one per document costs 8 ms more).

    Markdown, with its figures beside it (``fig-*.svg``; ``fig-*.png`` for Word), becomes any
    of HTML, Word and PDF. Not for concurrent use.
    """

    def __init__(self) -> None:
        import typst

        self.pandoc = PandocServer()
        self._typst = typst.Compiler()

    def convert(
        self,
        markdown: Path,
        outputs: dict[Format, Path],
        *,
        metadata: dict[str, str],
        epoch: int,
    ) -> None:
        typst_source = markdown.with_suffix(".typ") if "pdf" in outputs else None
        self.pandoc.convert(
            markdown,
            metadata=metadata,
            epoch=epoch,
            html=outputs.get("html"),
            docx=outputs.get("docx"),
            typst_source=typst_source,
        )
        if typst_source is not None:
            try:
                pdf = self._typst.compile(input=str(typst_source), root=str(typst_source.parent))
            except Exception as error:  # typst raises its own error types
                raise ConversionError(f"typst faalde: {error}") from error
            assert isinstance(pdf, bytes), "typst gaf geen PDF"
            outputs["pdf"].write_bytes(without_suspects_entry(pdf))

    def warm_up(self) -> None:
        """A small document through pandoc and Typst with the briefing's templates: the first
        real document then finds pandoc's readers and writers and Typst's fonts loaded."""
        with tempfile.TemporaryDirectory(prefix="azwa-warm-") as tmp:
            folder = Path(tmp)
            markdown = folder / "warm.md"
            markdown.write_text(
                "## Opwarmen\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", encoding="utf-8"
            )
            outputs: dict[Format, Path] = {fmt: folder / f"warm.{fmt}" for fmt in FORMATS}
            self.convert(markdown, outputs, metadata={"title": "x", "municipality": "x"}, epoch=0)

    def close(self) -> None:
        self.pandoc.close()

    def __enter__(self) -> Converter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
