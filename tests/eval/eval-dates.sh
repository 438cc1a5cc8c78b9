#!/bin/sh
# tests/eval/eval-dates.sh: dates under the title in kk zh pl de en ru fr,
# dateparser's test strings and month forms, baseline beside current
# (EVAL_VERBOSE=1 lists the current build's misses).
exec python3 "$(dirname "$0")/date_cases.py"
