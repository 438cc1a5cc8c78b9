#!/bin/sh
# tests/eval/eval-width.sh: width and breaking judged by wcwidth.
exec python3 "$(dirname "$0")/width_cases.py"
