#!/bin/sh
# tests/eval/eval-ftfy.sh: ftfy's mojibake cases, baseline beside current
# (EVAL_VERBOSE=1 lists every case the current build misses).
exec python3 "$(dirname "$0")/ftfy_cases.py"
