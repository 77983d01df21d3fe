"""The briefing as a person sees it: HTML in a browser without network, the PDF's pages, the
Word document's structure, and a snapshot of the Beekdaelen text."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import subprocess
from pathlib import Path

import docx
import pytest

from azwa_analysis._paths import PROJECT_ROOT, DataPaths
from azwa_analysis.report._render import RenderResult, render_briefings
from tests._tools import need

AS_OF = dt.date(2026, 11, 29)
SNAPSHOT = Path(__file__).parent / "snapshots" / "beekdaelen_2026-11-29.md"


@pytest.fixture(scope="module")
def rendered(built: DataPaths, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("briefings")
    results = render_briefings(
        LETTERS, as_of=AS_OF, out_dir=out, engine="builtin", data=built, jobs=2
    )
    assert [r.status for r in results] == ["gemaakt"] * len(LETTERS), results
    return out


#: Beekdaelen, Groningen (no letter), Arnhem and Woerden.
LETTERS = ["GM1954", "GM0014", "GM0202", "GM0632"]


def test_all_three_formats_exist(rendered: Path) -> None:
    """HTML, Word and PDF per municipality, in a folder named after the code."""
    names = sorted(p.name for p in (rendered / "GM1954").iterdir() if not p.name.startswith("."))
    assert names == [
        "GM1954-briefing.docx",
        "GM1954-briefing.html",
        "GM1954-briefing.md",
        "GM1954-briefing.pdf",
    ]


def test_html_is_self_contained(rendered: Path) -> None:
    """No external URL is loaded: no src/href to http(s), charts are inline SVG images."""
    html = (rendered / "GM1954" / "GM1954-briefing.html").read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']https?://""", html)
    assert "<script" not in html
    assert html.count("data:image/svg+xml") + html.count("<svg") >= 3


def test_html_in_chromium_without_network_draws_the_charts(rendered: Path, tmp_path: Path) -> None:
    """Headless Chromium with networking off: the DOM has the three chart images decoded and
    the net log shows no request other than the local file."""
    chromium = need("chromium")
    page = rendered / "GM1954" / "GM1954-briefing.html"
    netlog = tmp_path / "net.json"
    result = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--proxy-server=http://127.0.0.1:9",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--log-net-log={netlog}",
            "--virtual-time-budget=5000",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    dom = result.stdout
    assert "Kernboodschap" in dom
    figures = re.findall(r"<figure.*?</figure>", dom, flags=re.DOTALL)
    assert len(figures) >= 3
    assert all("data:image/svg+xml" in f or "<svg" in f for f in figures)
    assert page_requests(netlog) == set()


def page_requests(netlog: Path) -> set[str]:
    """Remote URLs the page itself asked for (Chromium's own background requests, which have
    no initiating origin, are left out)."""
    text = netlog.read_text(encoding="utf-8").rstrip()
    if not text.endswith("}"):
        text += "]}"  # Chromium may stop before closing the log
    log = json.loads(text)
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls = {
        event["params"].get("url", "")
        for event in log.get("events", [])
        if event.get("type") == start_job
        and event.get("params", {}).get("initiator") != "not an origin"
    }
    return {u for u in urls if u.startswith(("http://", "https://", "ws://", "wss://"))}


def test_html_screenshot_shows_coloured_chart_pixels(rendered: Path, tmp_path: Path) -> None:
    """A screenshot of the page has many non-grey pixels (the bars), not only text."""
    chromium = need("chromium")
    shot = tmp_path / "page.png"
    subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--window-size=1000,4000",
            f"--screenshot={shot}",
            (rendered / "GM1954" / "GM1954-briefing.html").as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    from PIL import Image

    image = Image.open(shot).convert("RGB").resize((250, 1000))
    pixels = list(image.get_flattened_data())
    coloured = sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) > 60)
    assert coloured / len(pixels) > 0.01


def _pdf_text(path: Path, page: int) -> str:
    pdftotext = need("pdftotext")
    return subprocess.run(
        [pdftotext, "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_pdf_pages_have_header_and_page_numbers(rendered: Path) -> None:
    """Every page: municipality and as-of date in the header, 'Pagina n van N' in the footer."""
    pdf = rendered / "GM1954" / "GM1954-briefing.pdf"
    result = subprocess.run([need("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True)
    assert result.stderr == ""  # no "Syntax Error: Suspects object is wrong type"
    info = result.stdout
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]
    assert pages >= 3
    for page in range(1, pages + 1):
        text = _pdf_text(pdf, page)
        assert "Gemeente Beekdaelen" in text
        assert "29 november 2026" in text
        assert f"Pagina {page} van {pages}" in text


def test_pdf_contains_the_charts(rendered: Path, tmp_path: Path) -> None:
    """Three figures with captions, drawn as vector graphics: the rendered pages (pdftoppm)
    show coloured chart pixels."""
    pdf = rendered / "GM1954" / "GM1954-briefing.pdf"
    text = subprocess.run(
        [need("pdftotext"), str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert len(re.findall(r"Figuur \d", text)) >= 3
    subprocess.run(
        [need("pdftoppm"), "-r", "30", "-png", str(pdf), str(tmp_path / "p")], check=True
    )
    from PIL import Image

    colourful_pages = 0
    for page in sorted(tmp_path.glob("p-*.png")):
        pixels = list(Image.open(page).convert("RGB").get_flattened_data())
        coloured = sum(1 for r, g, b in pixels if max(r, g, b) - min(r, g, b) > 60)
        colourful_pages += coloured / len(pixels) > 0.02
    assert colourful_pages >= 2


def test_docx_has_headings_tables_and_images(rendered: Path) -> None:
    """A clerk can edit it: Word headings, real tables, embedded chart pictures."""
    document = docx.Document(str(rendered / "GM1954" / "GM1954-briefing.docx"))
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for title in (
        "Aanleiding",
        "Kernboodschap",
        "Wat betekent dit voor Beekdaelen",
        "Geld nu en straks",
        "Lokale programma’s",
        "Taken",
        "Vervolg",
        "Landelijke achtergrond",
        "Bijlage A. Werkwijze",
        "Bijlage C. Begrippen en afkortingen",
        "Bijlage D. Bronnen",
        "Colofon",
    ):
        assert any(h.replace("'", "’").startswith(title) for h in headings), (title, headings)
    assert len(document.tables) >= 5
    assert len(document.inline_shapes) >= 3
    header = [c.text for c in document.tables[0].rows[0].cells]
    assert header[:2] == ["Jaar", "Beekdaelen zelf"]


def test_municipality_without_local_data_says_what_is_unknown(rendered: Path) -> None:
    """Groningen: its official 2026 amount, estimated later years, the agenda, and plainly
    what is not known: its programmes, its D5 status, the adviser's words."""
    text = (rendered / "GM0014" / "GM0014-briefing.md").read_text(encoding="utf-8")
    assert "Welke lokale programma's van Groningen hun geld verliezen, is niet vastgelegd" in text
    assert "Voor Groningen zijn geen lokale programma's met hun geld vastgelegd" in text
    assert "Groningen ontvangt in 2026 officieel € 2.962.867" in text.replace("\u00a0", " ")
    assert "Voor 2027 schatten wij het deel van Groningen op" in text
    assert "Het standpunt van het college is nog niet ingevuld." in text
    assert "| Wanneer | Wat | Wie | Stand |" in text


def _normalise(text: str) -> str:
    text = re.sub(r"azwa-analysis \d+\.\d+\.\d+\S*", "azwa-analysis X", text)
    return re.sub(r"build [0-9a-f]{12}", "build X", text)


def test_beekdaelen_snapshot(rendered: Path) -> None:
    """The Beekdaelen briefing text (with every figure) is reviewed as a snapshot; set
    AZWA_UPDATE_SNAPSHOTS=1 to accept a change."""
    text = _normalise((rendered / "GM1954" / "GM1954-briefing.md").read_text(encoding="utf-8"))
    if os.environ.get("AZWA_UPDATE_SNAPSHOTS") == "1" or not SNAPSHOT.exists():
        SNAPSHOT.write_text(text, encoding="utf-8")
    assert text == SNAPSHOT.read_text(encoding="utf-8")


def test_rerun_skips_and_force_renders(rendered: Path, built: DataPaths) -> None:
    """Unchanged inputs: skipped. --force: rendered again with the same content."""
    before = (rendered / "GM1954" / "GM1954-briefing.md").read_text(encoding="utf-8")
    (again,) = render_briefings(
        ["GM1954"], as_of=AS_OF, out_dir=rendered, engine="builtin", data=built
    )
    assert again.status == "overgeslagen"
    (forced,) = render_briefings(
        ["GM1954"], as_of=AS_OF, out_dir=rendered, engine="builtin", data=built, force=True
    )
    assert forced.status == "gemaakt"
    assert (rendered / "GM1954" / "GM1954-briefing.md").read_text(encoding="utf-8") == before


def test_a_failure_is_a_result_not_a_crash(built: DataPaths, tmp_path: Path) -> None:
    """A template that breaks gives 'mislukt' with a one-line reason; others still render."""
    template = tmp_path / "reports" / "briefing.qmd"
    template.parent.mkdir()
    (template.parent / "templates").symlink_to(PROJECT_ROOT / "reports" / "templates")
    template.write_text(
        '---\ntitle: "x"\n---\n\n```{python}\n#| tags: [parameters]\n'
        'municipality = "GM1954"\nas_of = "2026-01-01"\n```\n\n```{python}\n'
        'if municipality == "GM0014":\n    raise ValueError("kapot")\n```\n',
        encoding="utf-8",
    )
    results = render_briefings(
        ["GM0014", "GM1954"],
        as_of=AS_OF,
        out_dir=tmp_path / "out",
        engine="builtin",
        data=built,
        template=template,
        formats=["html"],
    )
    assert [r.status for r in results] == ["mislukt", "gemaakt"]
    failed: RenderResult = results[0]
    assert failed.error is not None
    assert "kapot" in failed.error
    assert "\x1b[" not in failed.error


def test_quarto_engine_renders_the_same_document(built: DataPaths, tmp_path: Path) -> None:
    """Where Quarto is installed, `quarto render` accepts the document unchanged."""
    import shutil

    if shutil.which("quarto") is None:
        pytest.skip(
            "Quarto staat niet op PATH (kan op deze machines niet geïnstalleerd worden); "
            "de builtin-route gebruikt dezelfde onderdelen"
        )
    (result,) = render_briefings(
        ["GM1954"], as_of=AS_OF, out_dir=tmp_path, engine="quarto", data=built, formats=["html"]
    )
    assert result.status == "gemaakt", result.error


@pytest.mark.slow
def test_batch_output_is_identical_to_one_at_a_time(built: DataPaths, tmp_path: Path) -> None:
    """Two workers with warm kernels give the same documents as separate one-off renders."""
    codes = ["GM1954", "GM0014", "GM0632"]
    render_briefings(
        codes, as_of=AS_OF, out_dir=tmp_path / "batch", engine="builtin", data=built, jobs=2
    )
    for code in codes:
        render_briefings(
            [code], as_of=AS_OF, out_dir=tmp_path / "single", engine="builtin", data=built
        )
    for code in codes:
        batch, single = tmp_path / "batch" / code, tmp_path / "single" / code
        for suffix in ("md", "html", "docx", "pdf"):  # byte for byte: timestamps are as_of
            name = f"{code}-briefing.{suffix}"
            assert (batch / name).read_bytes() == (single / name).read_bytes(), name


@pytest.mark.slow
def test_cli_render_with_a_relative_data_dir_and_a_repeated_format(
    built: DataPaths, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`azwa render --format html,html --data-dir data` from the data folder's parent: one
    HTML file, rendered by a kernel that (running in reports/) still finds the data."""
    from tests.steward._helpers import invoke

    monkeypatch.chdir(built.root.parent)
    out = tmp_path / "out"
    result = invoke(
        "render",
        "-m",
        "GM1954",
        "--format",
        "html,html",
        "--as-of",
        AS_OF.isoformat(),
        "--engine",
        "builtin",
        "--out",
        str(out),
        "--data-dir",
        built.root.name,
    )
    assert result.exit_code == 0, result.output
    assert "1 gemaakt" in result.output
    assert (out / "GM1954" / "GM1954-briefing.html").is_file()


# ---------------------------------------------------------------- a briefing a council can act on

PARTS = [
    "## Aanleiding",
    "## Kernboodschap",
    "## Wat betekent dit voor",
    "### Geld nu en straks",
    "### Lokale programma's",
    "### Taken",
    "## Vervolg",
    "## Landelijke achtergrond",
    "## Bijlage A. Werkwijze",
    "## Bijlage B.",
    "## Bijlage C. Begrippen en afkortingen",
    "## Bijlage D. Bronnen",
    "## Colofon",
]


def _md(rendered: Path, code: str) -> str:
    return (rendered / code / f"{code}-briefing.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("code", LETTERS)
def test_the_parts_of_a_raadsinformatiebrief_in_order(rendered: Path, code: str) -> None:
    """Local content first (aanleiding, key message, what it means, next steps), national
    background after it, then the appendices and a colophon."""
    text = _md(rendered, code)
    positions = [text.find(part) for part in PARTS]
    assert all(p >= 0 for p in positions), dict(zip(PARTS, positions, strict=True))
    assert positions == sorted(positions)
    key = text[positions[1] : positions[2]]
    bullets = [line for line in key.splitlines() if line.startswith("- ")]
    assert 3 <= len(bullets) <= 5
    assert "landelijk" not in bullets[0]  # about this municipality, not national totals


@pytest.mark.parametrize("code", LETTERS)
def test_readable_footnotes_dates_and_amounts(rendered: Path, code: str) -> None:
    """Short footnotes (document and line; quotes in the appendix), Dutch dates, estimates
    rounded, no '€' apart from its amount, no build text before the colophon."""
    text = _md(rendered, code)
    notes = [line for line in text.splitlines() if line.startswith("[^")]
    words = len(text.split())
    assert sum(len(line.split()) for line in notes) / words < 0.2
    assert all(len(line.split()) < 60 for line in notes)
    assert "Voetnoten:" not in text
    assert not re.search(r"\b20\d\d-\d\d(-\d\d)?\b", text)  # no ISO dates
    assert not re.search(r"ca\. €\s?\d{1,3}\.\d{3}", text)  # an estimate is not to the euro
    assert not re.search(r"€ \d", text)  # an amount stays with its '€' (no-break space)
    body = text.split("## Colofon")[0]
    assert "azwa-analysis" not in body
    assert "build " not in body


@pytest.mark.parametrize("code", LETTERS)
def test_tables_list_their_sources_under_them(rendered: Path, code: str) -> None:
    """A table cell carries a numbered mark, not a footnote (Typst lays a table out again for
    every note in it); the numbers are explained under the table and quoted in bijlage D."""
    text = _md(rendered, code)
    rows = [line for line in text.splitlines() if line.startswith("| ")]
    assert rows
    assert not [row for row in rows if "[^" in row]
    marked = [row for row in rows if re.search(r"\^\d+\^", row)]
    assert marked
    assert text.count("*Bronnen bij de tabel:*") >= 3


@pytest.mark.parametrize("code", LETTERS)
def test_the_glossary_explains_the_abbreviations_used(rendered: Path, code: str) -> None:
    text = _md(rendered, code)
    body, glossary = text.split("## Bijlage C. Begrippen en afkortingen")
    glossary = glossary.split("## Bijlage D")[0]
    terms = re.findall(r"^\*\*(.+?)\*\*$", glossary, flags=re.MULTILINE)
    for used in ("AZWA", "D5", "D6", "GALA", "GGD", "HLO", "IZA", "SPUK", "VWS"):
        assert used in terms, used
    for term in terms:
        assert term.replace("\\", "") in body.replace("\\", ""), term


@pytest.mark.parametrize("code", LETTERS)
def test_the_regional_context_is_named(rendered: Path, code: str) -> None:
    line = next(ln for ln in _md(rendered, code).splitlines() if ln.startswith("**Regio:**"))
    assert "GGD" in line or "Gezondheidsregio" in line
    assert "zorgkantoorregio" in line
    assert "IZA-regio" in line


def test_the_risk_cases_read_as_the_letters_say(rendered: Path) -> None:
    """Arnhem's Preventieakkoord goes on within the GALA (middel, not hoog); Arnhem's SPUK IZA
    projects go on in the SPUK AZWA if they fit; Beekdaelen's PlusWIJken is one programme with
    its four aanpakken; Woerden's own caveat is in its ratings."""
    arnhem = _md(rendered, "GM0202")
    row = next(ln for ln in arnhem.splitlines() if ln.startswith("| Arnhems Preventieakkoord"))
    assert row.rstrip(" |").endswith("middel")
    assert "werkagenda" in row
    assert "Brede SPUK GALA" in row
    wijk = next(ln for ln in arnhem.splitlines() if ln.startswith("| Pilot wijknetwerken"))
    assert "SPUK IZA tot en met 2026" in wijk
    assert "SPUK AZWA" in wijk
    beekdaelen = _md(rendered, "GM1954")
    rows = [ln for ln in beekdaelen.splitlines() if ln.startswith("| PlusWIJken")]
    assert len(rows) == 1
    assert "Welzijn op Recept" in rows[0]
    assert not any(
        ln.startswith(("| Doorbraakmethode", "| Kernteam")) for ln in beekdaelen.splitlines()
    )
    woerden = _md(rendered, "GM0632")
    assert "geen structurele investeringen" in woerden
