#!/bin/sh
# tests/eval/eval-themes-lingua.sh: themes on Lingua's test sentences in 31
# languages, a precision probe of the lexicon's terms (see themes_lingua.py;
# EVAL_VERBOSE=1: the words behind each theme).
exec python3 "$(dirname "$0")/themes_lingua.py"
