#!/bin/sh
# tests/eval/eval-lang.sh: language of Lingua's test sentences (uk be bg tr
# pt nl, tread's own languages, others that must stay empty), sentence and
# headline-only files, baseline beside current (EVAL_VERBOSE=1: misses).
exec python3 "$(dirname "$0")/lang_cases.py"
