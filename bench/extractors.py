"""Which PDF library reads the documents: pypdfium2 against pypdf and pdfplumber.

Run: ``uv run --group bench python bench/extractors.py [--documents DIR] [--repeats 3]``.
pdfplumber (and pdfminer.six under it) is in the ``bench`` dependency group only, not a
runtime dependency: ``uv sync`` and CI leave it out, ``--group bench`` adds it for this run
(a later plain ``uv sync`` removes it again). Prints figures and writes
``bench/results/extractors.json`` with the machine description. Not a test: it measures.

The documents are every PDF in the document store: ``--documents``, else ``$AZWA_DOCUMENTS``,
else ``../shared/sources`` beside the repository. Each library reads each page's text:

- pypdfium2 as the project uses it (``azwa_analysis/sources/_pdf.py``): ``get_textpage()``
  and ``get_text_bounded()`` per page; the normalised lines are checked to equal the project's
  own ``pdf_pages``;
- pypdf: ``page.extract_text()``, and ``page.extract_text(extraction_mode="layout")``;
- pdfplumber: ``page.extract_text()`` (pdfminer.six's layout analysis).

Speed is the time of those calls (opening and closing the file included) over all PDFs; the
best of ``--repeats`` runs counts, the runs of the libraries taking turns so that a load on
the machine hits all of them alike. Compare the ratios, not the seconds. Everything after
that works on the lines the project's rules make (``normalise_lines``: NFC, one space for
any white space, empty lines dropped), so that layout padding does not count:

characters
    non-space characters in those lines, over all PDFs.
table columns (brede SPUK)
    Bijlage 2A of the VWS letter of 12 September 2025 lists the brede SPUK per municipality
    for 2025 and 2026 (342 rows). The names are VWS's own spellings as the project recorded
    them (``name_in_source`` of the ``data/raw/allocations.csv`` rows citing that letter:
    "Beek", "'s-Gravenhage", "Bergen (NH.)"). A row counts as kept when some line holds the
    name, not glued to a longer name, followed by two euro amounts (``€ 401.280,00``): name
    and both year columns together on one line, as a quote needs them. One name,
    "Nuenen, Gerwen en Nederwetten", wraps inside its cell in the PDF itself, so 341 is the
    most a line-by-line reading can keep (the project cites that row as lines 22-23).
table columns (CW 3.1)
    The CW 3.1 framework for D5 and D6 (10 March 2026) has two series of six amounts
    (2026-2031). Counted: series whose six amounts stand on one line; of those, series whose
    line also starts with the row's label; and whether the year row (202 over 6 in narrow
    cells) comes out as one line "2026 2027 ... 2031" anywhere.
margin mixed in
    VWS letters carry a margin column ("Directie Maatschappelijke Ondersteuning", ...) beside
    the body. Counted: lines in which "Directie Maatschappelijke" shares the line with other
    text, i.e. the margin was read into a body line.
scanned letter
    The VWS letter of 22 April 2026 is a scan with a recognised text layer. Read when every
    page has at least the project's ``MIN_CHARS_PER_PAGE`` non-space characters; its
    reference "1097348-DMO" is looked for as a sample.

Licences come from the installed packages' metadata (``importlib.metadata``). A library under
the AGPL would be refused, whatever its figures: the project is MIT and is given away, and
PyMuPDF (AGPL) is left out of this comparison for that reason. Every installed distribution is
scanned for an AGPL licence as well.
"""

from __future__ import annotations

import argparse
import csv
import logging
import os
import re
import sys
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _common import ROOT, save

from azwa_analysis.sources._pdf import pdf_pages
from azwa_analysis.sources._text import MIN_CHARS_PER_PAGE, normalise_lines

SPUK = "nat_vws_spuk_iza_brede_spuk_mandaatgemeente_2025.pdf"
CW31 = "nat_azwa_2026_cw31_kader_d5_d6.pdf"
SCAN = "nat_vws_brief_azwa_d5_d6_financieringsinstrument_2026.pdf"
SCAN_REFERENCE = "1097348-DMO"
CW31_SERIES = {
    "Basisfunctionaliteit": "20 133 204 263 168 173",
    "Basisinfrastructuur": "30 103 128 154 173 198",
}
CW31_YEARS = "2026 2027 2028 2029 2030 2031"
MARGIN = "Directie Maatschappelijke"
AMOUNT = r"€ ?\d{1,3}(?:\.\d{3})*,\d{2}"
#: pdfium marks a hyphen that ends a line with U+0002 (or U+FFFE), as in _pdf.py.
PDFIUM_HYPHEN = re.compile("[\x02\ufffe]")

Pages = list[str]  # raw text per page


def read_pypdfium2(path: Path) -> Pages:
    import pypdfium2  # type: ignore[import-untyped]

    document = pypdfium2.PdfDocument(str(path))
    pages = []
    try:
        for index in range(len(document)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    pages.append(PDFIUM_HYPHEN.sub("-\n", str(textpage.get_text_bounded())))
                finally:
                    textpage.close()
            finally:
                page.close()
    finally:
        document.close()
    return pages


def read_pypdf(path: Path) -> Pages:
    import pypdf

    return [page.extract_text() for page in pypdf.PdfReader(path).pages]


def read_pypdf_layout(path: Path) -> Pages:
    import pypdf

    return [page.extract_text(extraction_mode="layout") for page in pypdf.PdfReader(path).pages]


def read_pdfplumber(path: Path) -> Pages:
    import pdfplumber

    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            pages.append(page.extract_text() or "")
            page.close()  # frees pdfminer's layout objects of the page
    return pages


#: name -> (distribution, engine distribution or None, the call, reader)
LIBRARIES: dict[str, tuple[str, str | None, str, Callable[[Path], Pages]]] = {
    "pypdfium2": ("pypdfium2", None, "get_textpage().get_text_bounded()", read_pypdfium2),
    "pypdf": ("pypdf", None, "page.extract_text()", read_pypdf),
    "pypdf layout": ("pypdf", None, 'extract_text(extraction_mode="layout")', read_pypdf_layout),
    "pdfplumber": ("pdfplumber", "pdfminer.six", "page.extract_text()", read_pdfplumber),
}


def licence(distribution: str) -> str:
    """The licence a distribution declares: License-Expression, else License, else the
    licence classifiers."""
    meta = metadata.metadata(distribution).json
    for field in ("license_expression", "license"):
        value = meta.get(field)
        if isinstance(value, str) and value and len(value) < 200:
            return value.strip()
    classifiers = [
        c.rsplit("::", 1)[1].strip() for c in meta.get("classifier", []) if "License" in c
    ]
    return ", ".join(classifiers) or "unknown"


def is_agpl(text: str) -> bool:
    return "AGPL" in text.upper() or "AFFERO" in text.upper()


def agpl_installed() -> list[str]:
    """Installed distributions whose metadata names the AGPL."""
    found = set()
    for dist in metadata.distributions():
        meta = dist.metadata.json
        texts = [str(meta.get("license_expression", "")), str(meta.get("license", ""))[:200]]
        texts += [c for c in meta.get("classifier", []) if "License" in c]
        if any(is_agpl(t) for t in texts):
            found.add(f"{dist.name} {dist.version}")
    return sorted(found)


def spuk_names() -> list[str]:
    """VWS's spellings of the 342 municipalities in Bijlage 2A, as the project recorded them."""
    with (ROOT / "data" / "raw" / "allocations.csv").open(encoding="utf-8") as handle:
        return sorted(
            {
                row["name_in_source"]
                for row in csv.DictReader(handle)
                if row["source_document"] == SPUK and row["recipient_kind"] == "gemeente"
            }
        )


def rows_kept(lines: list[str], names: list[str]) -> tuple[int, list[str]]:
    """How many names stand on a line followed by two euro amounts; the names that do not."""
    text = "\n".join(lines)
    missing = [
        name
        for name in names
        if not re.search(rf"(?<![\w'’-]){re.escape(name)} ?{AMOUNT} ?{AMOUNT}", text)
    ]
    return len(names) - len(missing), missing


def cw31(lines: list[str]) -> dict[str, Any]:
    on_one_line = [s for s, values in CW31_SERIES.items() if any(values in ln for ln in lines)]
    with_label = [
        s
        for s, values in CW31_SERIES.items()
        if any(ln.startswith(s) and values in ln for ln in lines)
    ]
    return {
        "series_amounts_on_one_line": len(on_one_line),
        "series_with_label_on_that_line": len(with_label),
        "series": len(CW31_SERIES),
        "year_row_on_one_line": any(CW31_YEARS in ln for ln in lines),
    }


def margin_mixed(line: str) -> bool:
    """The margin's "Directie Maatschappelijke (Ondersteuning)" with other text on the line."""
    return MARGIN in line and bool(line.replace(MARGIN, "").replace("Ondersteuning", "").strip())


def characters(lines: list[str]) -> int:
    return sum(len(line) - line.count(" ") for line in lines)


def measure(
    pdfs: list[Path], repeats: int
) -> tuple[dict[str, list[float]], dict[str, dict[str, list[list[str]]]]]:
    """Seconds per run per library (libraries taking turns), and the lines of the last run."""
    seconds: dict[str, list[float]] = {name: [] for name in LIBRARIES}
    lines: dict[str, dict[str, list[list[str]]]] = {}
    for run in range(repeats):
        for name, (_, _, _, reader) in LIBRARIES.items():
            raw: dict[str, Pages] = {}
            start = time.perf_counter()
            for pdf in pdfs:
                raw[pdf.name] = reader(pdf)
            seconds[name].append(time.perf_counter() - start)
            print(f"  run {run + 1}: {name} {seconds[name][-1]:.2f} s", flush=True)
            lines[name] = {doc: [normalise_lines(p) for p in pages] for doc, pages in raw.items()}
    return seconds, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--documents", type=Path, default=None, help="the document store")
    parser.add_argument("--repeats", type=int, default=3, help="runs per library; best counts")
    args = parser.parse_args()
    # pypdf warns that fontTools would parse one CFF font's encoding fully; its text is the
    # same as the others' (the character counts agree), so the warning is noise here.
    logging.getLogger("pypdf").setLevel(logging.ERROR)
    store = args.documents or Path(
        os.environ.get("AZWA_DOCUMENTS") or ROOT.parent / "shared" / "sources"
    )
    pdfs = sorted(store.glob("*.pdf"))
    if not pdfs:
        sys.exit(f"geen PDF's in {store}: geef --documents of zet AZWA_DOCUMENTS")
    for needed in (SPUK, CW31, SCAN):
        if not (store / needed).is_file():
            sys.exit(f"{needed} ontbreekt in {store}")
    names = spuk_names()
    print(f"{len(pdfs)} PDFs in {store}; {len(names)} municipalities in Bijlage 2A")

    seconds, lines = measure(pdfs, args.repeats)
    project = {pdf.name: [list(p) for p in pdf_pages(pdf)] for pdf in pdfs}
    assert lines["pypdfium2"] == project, "pypdfium2 here differs from the project's pdf_pages"

    pages = sum(len(p) for p in lines["pypdfium2"].values())
    base = min(seconds["pypdfium2"])
    libraries: dict[str, dict[str, Any]] = {}
    for name, (dist, engine, call, _) in LIBRARIES.items():
        docs = lines[name]
        every = [ln for doc in docs.values() for page in doc for ln in page]
        kept, missing = rows_kept([ln for page in docs[SPUK] for ln in page], names)
        scan = docs[SCAN]
        scan_chars = [characters(page) for page in scan]
        licences = {dist: licence(dist)} | ({engine: licence(engine)} if engine else {})
        best = min(seconds[name])
        libraries[name] = {
            "call": call,
            "versions": {d: metadata.version(d) for d in licences},
            "licences": licences,
            "agpl": any(is_agpl(v) for v in licences.values()),
            "seconds_runs": [round(s, 3) for s in seconds[name]],
            "seconds_best": round(best, 3),
            "pages_per_second": round(pages / best, 1),
            "time_vs_pypdfium2": round(best / base, 1),
            "characters": characters(every),
            "lines": len(every),
            "brede_spuk_rows_kept": kept,
            "brede_spuk_rows": len(names),
            "brede_spuk_missing_sample": missing[:8],
            "cw31": cw31([ln for page in docs[CW31] for ln in page]),
            "margin_mixed_lines": sum(margin_mixed(ln) for ln in every),
            "scanned_letter": {
                "pages": len(scan),
                "pages_with_text": sum(c >= MIN_CHARS_PER_PAGE for c in scan_chars),
                "characters": sum(scan_chars),
                "reference_found": any(SCAN_REFERENCE in ln for page in scan for ln in page),
            },
        }

    header = (
        f"{'library':<13} {'best s':>7} {'pages/s':>8} {'×':>5} {'chars':>8} "
        f"{'SPUK rows':>10} {'CW3.1':>6} {'margin':>6} {'scan':>5}  licence"
    )
    print(f"\n{pages} pages in {len(pdfs)} PDFs, best of {args.repeats} runs\n{header}")
    for name, r in libraries.items():
        c = r["cw31"]
        scan = r["scanned_letter"]
        print(
            f"{name:<13} {r['seconds_best']:>7.2f} {r['pages_per_second']:>8.1f} "
            f"{r['time_vs_pypdfium2']:>5.1f} {r['characters']:>8} "
            f"{r['brede_spuk_rows_kept']:>5}/{r['brede_spuk_rows']:<4} "
            f"{c['series_amounts_on_one_line']}/{c['series_with_label_on_that_line']}/"
            f"{'y' if c['year_row_on_one_line'] else 'n':<2} {r['margin_mixed_lines']:>6} "
            f"{scan['pages_with_text']}/{scan['pages']:<3}  "
            + "; ".join(f"{d} {v}" for d, v in r["licences"].items())
            + ("  AGPL: REFUSED" if r["agpl"] else "")
        )
    agpl = agpl_installed()
    print(
        "CW3.1: series with six amounts on one line / with their label / year row on one line."
        "\nAGPL in this environment: "
        + (", ".join(agpl) or "none")
        + "; PyMuPDF (AGPL) left out on purpose."
    )
    path = save(
        "extractors",
        {
            "command": "uv run --group bench python bench/extractors.py",
            "documents": [{"file": p.name, "pages": len(lines["pypdfium2"][p.name])} for p in pdfs],
            "pages": pages,
            "repeats": args.repeats,
            "libraries": libraries,
            "agpl_installed": agpl,
            "excluded": {"PyMuPDF": "AGPL-3.0: refused for an MIT project that is given away"},
        },
    )
    print(f"saved {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
