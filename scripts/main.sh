#!/usr/bin/env bash
# The main job: build the clean tables from data/raw (and, from there, the briefing).
source "$(dirname "${BASH_SOURCE[0]}")/_env.sh"
run azwa build "$@"
