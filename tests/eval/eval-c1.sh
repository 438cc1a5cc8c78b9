#!/bin/sh
# tests/eval/eval-c1.sh: C1 characters from cp1252 read as Latin-1.
exec python3 "$(dirname "$0")/c1_cases.py"
