"""The batch engine's parts: the pandoc server, and the checks the batch kernels leave to the
test suite (analysis output schemas, Vega-Lite specs) because they switch them off."""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from pandera.config import get_config_context

from azwa_analysis import (
    Tables,
    coverage,
    deadlines,
    estimate_allocation,
    funding_cliffs,
)
from azwa_analysis.report import Briefing
from azwa_analysis.report._convert import ConversionError, Converter
from azwa_analysis.report._kernel import KernelSession, kernel_env

AS_OF = dt.date(2026, 11, 29)
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20">'
    '<rect width="40" height="20" fill="#154273"/></svg>'
)


def _work_folder(folder: Path) -> Path:
    from PIL import Image

    (folder / "fig-x.svg").write_text(SVG, encoding="utf-8")
    Image.new("RGB", (40, 20), "#154273").save(folder / "fig-x.png")
    markdown = folder / "b.md"
    markdown.write_text(
        "## Kop\n\nTekst met een voetnoot.[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n"
        "![Onderschrift](fig-x.svg){#fig-x}\n\n[^1]: Bron, regel 3.\n",
        encoding="utf-8",
    )
    return markdown


def test_pandoc_server_writes_every_format_from_one_parse(tmp_path: Path) -> None:
    markdown = _work_folder(tmp_path)
    outputs = {fmt: tmp_path / f"out.{fmt}" for fmt in ("html", "docx", "pdf")}
    with Converter() as converter:
        converter.convert(markdown, outputs, metadata={"title": "Titel", "lang": "nl-NL"}, epoch=0)
    html = outputs["html"].read_text(encoding="utf-8")
    assert "data:image/svg+xml;base64," in html  # the figure travels inside the file
    assert 'lang="nl-NL"' in html
    assert '<nav id="TOC"' in html
    assert "Inhoud" in html
    assert "<link" not in html  # the stylesheet is inlined, nothing is fetched
    with zipfile.ZipFile(outputs["docx"]) as word:
        names = word.namelist()
        core = word.read("docProps/core.xml").decode()
    assert any(name.startswith("word/media/") and name.endswith(".png") for name in names)
    assert "1970-01-01T00:00:00Z" in core  # SOURCE_DATE_EPOCH per request, not "now"
    assert outputs["pdf"].read_bytes().startswith(b"%PDF")


def test_pandoc_server_reports_a_bad_document_and_keeps_serving(tmp_path: Path) -> None:
    markdown = _work_folder(tmp_path)
    with Converter() as converter:
        with pytest.raises(ConversionError, match=r"pandoc faalde: .*ontbreekt\.md"):
            converter.convert(
                tmp_path / "ontbreekt.md",
                {"html": tmp_path / "x.html"},
                metadata={},
                epoch=0,
            )
        (tmp_path / "fig-x.png").unlink()  # Word needs the PNG twin
        with pytest.raises(ConversionError, match=r"fig-x\.png"):
            converter.convert(markdown, {"docx": tmp_path / "x.docx"}, metadata={}, epoch=0)
        converter.convert(markdown, {"html": tmp_path / "x.html"}, metadata={}, epoch=0)
    assert (tmp_path / "x.html").exists()
    assert not (tmp_path / "x.docx").exists()


def test_batch_kernels_switch_output_checks_off_and_the_tests_keep_them_on() -> None:
    assert kernel_env(Path("/data"))["PANDERA_VALIDATION_ENABLED"] == "False"
    assert get_config_context().validation_enabled  # so the tests below check the schemas


def test_batch_kernels_run_polars_on_one_thread(tmp_path: Path) -> None:
    """One worker per core: a kernel's own polars thread pool would only hand its tiny queries
    between threads. The setting has to reach the kernel before it imports polars."""
    session = KernelSession(cwd=tmp_path, env=kernel_env(tmp_path))
    printed: list[str] = []

    def collect(message: dict[str, Any]) -> None:
        if message["msg_type"] == "stream":
            printed.append(message["content"]["text"])

    try:
        session.kc.execute_interactive(
            "import polars; print(polars.thread_pool_size())", output_hook=collect
        )
    finally:
        session.close()
    assert "".join(printed).strip() == "1"


def _with_local_data(tables: Tables) -> list[str]:
    return sorted(set(tables.local_status["municipality_code"].to_list()))


def test_allocation_output_schema_holds_for_every_shipped_municipality(tables: Tables) -> None:
    """What the batch kernels do not check per document is checked here, for all 342."""
    codes = tables.municipalities["municipality_code"].to_list()
    total = 0
    for code in codes:
        frame = estimate_allocation(tables, code, years=range(2023, 2031))  # validates
        total += frame.filter(pl.col("year") == 2027)["amount_eur"].sum()
    assert len(codes) == 342
    assert total > 0


def test_local_analyses_and_chart_specs_hold_where_the_letters_give_data(tables: Tables) -> None:
    """Municipalities with local status (and some without) through every analysis the briefing
    uses, with pandera on, and every briefing chart against the Vega-Lite schema."""
    without = tables.municipalities["municipality_code"].sort().to_list()[::70]
    for code in [*_with_local_data(tables), *without]:
        funding_cliffs(tables, code, as_of_year=AS_OF.year)
        coverage(tables, code)
        deadlines(tables, as_of=AS_OF, municipality=code)
        briefing = Briefing.create(code, AS_OF, tables=tables)
        for chart in briefing.charts():
            chart.to_dict(validate=True)


def test_the_allocation_figure_is_the_altair_charts_picture(tables: Tables) -> None:
    """The briefing fills this municipality's data into a spec Altair made once; the picture
    is the one Altair's own chart gives, for municipalities with official, estimated and
    ranged amounts."""
    from azwa_analysis.report._charts import _spec, spec_images

    for code in ["GM1954", "GM0202", "GM0014", "GM0060", "GM0363"]:
        briefing = Briefing.create(code, AS_OF, tables=tables)
        chart = briefing.charts()[2]
        svg, png = spec_images(_spec(chart))
        figure = briefing.allocation_figure()
        assert figure.svg == svg, code
        assert figure.png == png, code
        assert briefing.municipality.name in svg


def test_figure_repr_is_short() -> None:
    """IPython keeps a cell result's text repr for the kernel's lifetime; a figure's must not
    carry its images (that grew each batch kernel by 3 MB per document)."""
    briefing = Briefing.create("GM1954", AS_OF)
    figure = briefing.allocation_figure()
    assert len(repr(figure)) < 100
    assert repr(figure).startswith("<Figure: SVG ")


def test_png_drawn_from_the_svg_equals_vega_lites_own_png() -> None:
    """Word's PNG is rasterised from the figure's SVG instead of laying the chart out again;
    the pixels are the same bytes."""
    import vl_convert as vlc

    from azwa_analysis.report._charts import LOCALE, chart_png

    chart = Briefing.create("GM0202", AS_OF).charts()[2]
    direct = vlc.vegalite_to_png(
        chart.to_dict(), scale=2.0, format_locale=LOCALE, time_format_locale=LOCALE
    )
    assert chart_png(chart) == bytes(direct)


def test_the_pandoc_converter_is_part_of_the_code_fingerprint(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Changing the Lua converter changes every briefing, so it must re-render them."""
    from azwa_analysis.report import _jobs
    from azwa_analysis.report._convert import SERVER_SCRIPT

    seen: list[Path] = []
    original = _jobs.hash_files

    def recording(paths: Iterable[Path]) -> str:
        seen.extend(paths)
        return original(seen)

    monkeypatch.setattr(_jobs, "hash_files", recording)
    _jobs.code_and_template_hash()
    assert SERVER_SCRIPT.resolve() in {p.resolve() for p in seen}
