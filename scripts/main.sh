#!/usr/bin/env bash
# The main job: build the clean tables from data/raw, then render the Beekdaelen briefing
# (HTML, Word, PDF) into reports/out/GM1954/. Extra arguments go to `azwa render`
# (e.g. --as-of 2026-11-22, or --all --jobs 2 for every municipality instead).
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
run azwa build
if [ "$#" -eq 0 ]; then
  run azwa render --municipality Beekdaelen --format html,docx,pdf --out reports/out
else
  run azwa render --format html,docx,pdf --out reports/out "$@"
fi
