#!/bin/sh
# tests/eval/eval-legacy.sh: legacy-encoded files (iconv at eval time).
exec python3 "$(dirname "$0")/legacy_cases.py"
