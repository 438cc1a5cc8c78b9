#!/bin/sh
# tests/eval/run.sh: `make eval`, measurement on material tread did not
# write (not part of `make check`). Runs every tests/eval/eval-*.sh in
# name order; each prints one table and returns 0 (a figure below its goal
# is reported, not a failure).
#   EVAL_MATERIAL=DIR  fetched public repositories, one git directory per
#                      owner+name (as the search tool's fetch leaves them;
#                      default /work/.mirror). A suite whose material is
#                      missing says so and is skipped.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${TREAD:=$top_builddir/src/tread}"
: "${EVAL_MATERIAL:=/work/.mirror}"
export top_srcdir top_builddir TREAD EVAL_MATERIAL
export TREAD_DATADIR="$top_srcdir/data"
status=0
for s in "$top_srcdir"/tests/eval/eval-*.sh; do
	[ -f "$s" ] || continue
	echo "== $(basename "$s" .sh)"
	sh "$s" || status=1
	echo
done
exit "$status"
