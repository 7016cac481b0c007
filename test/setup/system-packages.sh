#!/usr/bin/env bash
# What the suites need from the system, checked before `npm test` (its `pretest`) and by `.ci/run`:
#   chromium        the dashboard and report tests drive Debian's Chromium through playwright-core
#                   (no browser download); `suptech report` prints the PDF with it
#   poppler-utils   pdftoppm, to look at the report's PDF pages as a reader would
#   fonts-noto-cjk  the dashboards' Simplified Chinese text, rendered rather than as boxes
# Missing ones are installed quietly when running as root with apt-get; otherwise this stops
# at once with the command to run, rather than letting fifty tests fail one by one.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# Read fc-list whole before matching: `grep -q` would stop early and, under pipefail, the
# SIGPIPE'd fc-list would make an installed font look missing.
fonts=$(fc-list : family 2>/dev/null || true)
grep -qi 'noto sans cjk' <<<"$fonts" || missing+=(fonts-noto-cjk)
((${#missing[@]} == 0)) && exit 0

install=(apt-get install -y -qq --no-install-recommends "${missing[@]}")
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "test setup: installing ${missing[*]} (Debian packages the browser and report suites need)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${install[@]}" >/dev/null
  exit 0
fi
echo "test setup: the suites need the Debian packages ${missing[*]}. Install them, then run npm test again:" >&2
echo "  sudo apt-get update && sudo ${install[*]}" >&2
exit 1
