"""Transcribe Bijlage 2A and 2B of the VWS letter of 12 September 2025 (official brede SPUK
amounts per municipality and SPUK IZA amounts per region, 2025 and 2026) into
data/raw/allocations.csv and data/raw/iza_regions.csv.

A transcription aid, run once by a person and reviewed, not part of the build: it reads the
registered document from the document store, finds each table row by its page and line, and
writes each amount with its page:line and the row's verbatim text as the quote. The build then
checks every quote against the document and every amount against its quote.

    AZWA_DOCUMENTS=../shared/sources uv run python scripts/transcribe/vws_2025_bijlage2.py
"""

from __future__ import annotations

import csv
import io
import os
import re
import sys
from pathlib import Path

import polars as pl

from azwa_analysis.sources import extract, fold_whitespace

ROOT = Path(__file__).resolve().parents[2]
DOCUMENT = "nat_vws_spuk_iza_brede_spuk_mandaatgemeente_2025.pdf"
SOURCE = ("source_document", "source_location", "source_quote", "note")
ROW_2A = re.compile(r"^(?P<name>.+?) € (?P<y2025>[\d.]+),00 € (?P<y2026>[\d.]+),00$")
#: Bijlage 2B as printed: region, mandate holder, and the lines of its row (page, first, last).
#: Read from the page images of pages 13 and 14; the text layer breaks some rows over lines.
REGIONS_2B = (
    ("Achterhoek", "Doetinchem", 13, 29, 29),
    ("Amstelland en De Meerlanden", "Amstelveen", 13, 30, 32),
    ("Amsterdam", "Amsterdam", 13, 33, 33),
    ("Apeldoorn/Zutphen", "Apeldoorn", 13, 34, 34),
    ("Arnhem", "Arnhem", 13, 35, 35),
    ("Drenthe", "Emmen", 13, 36, 36),
    ("DWO-gemeenten", "Delft", 13, 37, 37),
    ("Flevoland", "Almere", 13, 38, 38),
    ("Friesland", "Smallingerland", 13, 39, 39),
    ("Gelderse Vallei", "Ede", 13, 40, 40),
    ("Gooi en Vechtstreek", "Hilversum", 13, 41, 44),
    ("Groningen", "Groningen", 13, 45, 45),
    ("Haaglanden", "Zoetermeer", 13, 46, 46),
    ("Haarlemmermeer", "Haarlemmermeer", 13, 47, 47),
    ("Hart van Brabant", "Tilburg", 13, 48, 48),
    ("Helmond-de Peel", "Helmond", 13, 49, 49),
    ("Holland Rijnland", "Leiden", 13, 50, 50),
    ("Kennemerland", "Haarlem", 13, 51, 51),
    ("Lekstroom", "IJsselstein", 13, 52, 52),
    ("Midden Holland", "Gouda", 13, 53, 53),
    ("Midden-Ijssel", "Deventer", 13, 54, 54),
    ("MVS gemeenten", "Vlaardingen", 13, 55, 55),
    ("Noord en Midden Limburg", "Venlo", 13, 56, 59),
    ("Noordoost Brabant", "'s-Hertogenbosch", 13, 60, 60),
    ("Noord-Holland Noord", "Hoorn", 13, 61, 64),
    ("Noord Veluwe", "Elburg", 13, 65, 65),
    ("Rijk van Nijmegen", "Nijmegen", 13, 66, 66),
    ("Rivierenland", "Tiel", 13, 67, 67),
    ("Rotterdam Rijnmond", "Rotterdam", 14, 15, 18),
    ("Twente", "SamenTwente", 14, 19, 19),
    ("Utrecht", "Utrecht", 14, 20, 20),
    ("Utrecht Zuidoost", "Zeist", 14, 21, 21),
    ("Utrecht/West", "De Ronde Venen", 14, 22, 22),
    ("Utrecht-Eemland", "Amersfoort", 14, 23, 23),
    ("Waardenland", "Dordrecht", 14, 24, 24),
    ("West-Brabant", "Breda", 14, 25, 25),
    ("IJssel-Vecht", "Zwolle", 14, 26, 26),
    ("Zaanstreek Waterland", "Purmerend", 14, 27, 30),
    ("Zeeland", "Goes", 14, 31, 31),
    ("ZHE-BAR", "Nissewaard", 14, 32, 32),
    ("Zuid Oost Brabant", "Eindhoven", 14, 33, 33),
    ("Zuid-Limburg", "Sittard-Geleen", 14, 34, 34),
)


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower().replace("'s-", "s_")).strip("_")


def municipality_code(name: str, names: dict[str, str]) -> str | None:
    """The code of a municipality named as VWS prints it: the CBS name, or the CBS name
    without its province suffix ('Beek' for 'Beek (L.)')."""
    if name in names:
        return names[name]
    bare = {re.sub(r" \([A-Za-z.]+\)$", "", cbs): code for cbs, code in names.items()}
    return bare.get(name)


def main() -> int:
    store = os.environ.get("AZWA_DOCUMENTS")
    if not store:
        print("zet AZWA_DOCUMENTS op de documentenopslag", file=sys.stderr)
        return 2
    pages = extract(Path(store) / DOCUMENT).pages
    municipalities = pl.read_csv(ROOT / "data/raw/municipalities/gemeenten_2025.csv")
    names = dict(zip(municipalities["gemeentenaam"], municipalities["gemeentecode"], strict=True))

    allocations: list[dict[str, object]] = []
    for page in range(4, 13):
        lines = pages[page - 1]
        for number, line in enumerate(lines, start=1):
            match = ROW_2A.match(line)
            first = number
            if match and municipality_code(match["name"], names) is None and number > 1:
                # A name the table wraps over two lines ("Nuenen, Gerwen en" / "Nederwetten …")
                joined = fold_whitespace(f"{lines[number - 2]} {line}")
                match, first = ROW_2A.match(joined), number - 1
            if not match:
                continue
            name = match["name"]
            code = municipality_code(name, names)
            if code is None:
                raise SystemExit(f"geen gemeentecode voor {name!r} (p. {page} r. {number})")
            location = f"{page}:{number}" if first == number else f"{page}:{first}-{number}"
            quote = fold_whitespace(" ".join(lines[first - 1 : number]))
            for year in (2025, 2026):
                allocations.append(
                    {
                        "allocation_id": f"vws2025_brede_spuk_{code.lower()}_{year}",
                        "recipient_kind": "gemeente",
                        "recipient": code,
                        "name_in_source": name,
                        "stream_id": "spuk_gala",
                        "year": year,
                        "amount_eur": int(match[f"y{year}"].replace(".", "")),
                        "source_document": DOCUMENT,
                        "source_location": location,
                        "source_quote": quote,
                        "note": "Bijlage 2A, kolommen 'Totaalbedrag 2025' en 'Totaalbedrag 2026' "
                        "Brede SPUK incl. loon- en prijsontwikkeling (kop p. 4 r. 24-31); "
                        f"dit is de kolom {year}.",
                    }
                )
    regions: list[dict[str, object]] = []
    for region, holder, page, first, last in REGIONS_2B:
        quote = fold_whitespace(" ".join(pages[page - 1][first - 1 : last]))
        amounts = re.findall(r"€ ([\d.]+)", quote)
        expected = fold_whitespace(f"{region} {holder}")
        if len(amounts) != 2 or not quote.replace(" ", "").startswith(expected.replace(" ", "")):
            raise SystemExit(f"rij {region} niet gevonden op p. {page} r. {first}-{last}: {quote}")
        location = f"{page}:{first}" if first == last else f"{page}:{first}-{last}"
        region_id = slug(region)
        regions.append(
            {
                "region_id": region_id,
                "name": region,
                "mandate_holder": holder,
                "mandate_code": municipality_code(holder, names),
                "source_document": DOCUMENT,
                "source_location": location,
                "source_quote": quote,
                "note": None
                if municipality_code(holder, names)
                else "De mandaathouder is geen gemeente maar een openbaar lichaam.",
            }
        )
        for year, amount in zip((2025, 2026), amounts, strict=True):
            allocations.append(
                {
                    "allocation_id": f"vws2025_spuk_iza_{region_id}_{year}",
                    "recipient_kind": "regio",
                    "recipient": region_id,
                    "name_in_source": region,
                    "stream_id": "spuk_iza",
                    "year": year,
                    "amount_eur": int(amount.replace(".", "")),
                    "source_document": DOCUMENT,
                    "source_location": location,
                    "source_quote": quote,
                    "note": "Bijlage 2B, kolommen 'Totaalbedrag SPUK IZA 2025' en '2026' "
                    f"(kop p. 13 r. 25-28); dit is de kolom {year}; uitgekeerd aan de "
                    "mandaatgemeente voor de regio.",
                }
            )
    _write(ROOT / "data/raw/allocations.csv", allocations)
    _write(ROOT / "data/raw/iza_regions.csv", regions)
    print(f"{len(allocations)} bedragen, {len(regions)} regio's")
    return 0


def _write(path: Path, rows: list[dict[str, object]]) -> None:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    path.write_text(buffer.getvalue(), encoding="utf-8")


if __name__ == "__main__":
    raise SystemExit(main())
