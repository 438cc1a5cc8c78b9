#!/bin/sh
# run.sh: `make fuzz`. Builds the libFuzzer harnesses with clang in a
# separate build tree and runs each for FUZZ_SECONDS (default 60) with a
# seed corpus from data/articles, tests/data, tests/bad and tests/fuzz/seeds.
# Crash inputs are kept in the build tree's fuzz/crashes/ and fail the run;
# copy them to tests/bad/regress/ once fixed, the bad-input test replays them.
#   FUZZ_SECONDS=N  FUZZ_TARGETS="article date ..."  FUZZ_BUILDDIR=DIR  FUZZ_JOBS=N
set -u
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
B=${FUZZ_BUILDDIR:-$PWD/fuzz-build}
SECS=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-article decode date lexicon query state cache windex config history}
CC_FUZZ=${CC_FUZZ:-clang}

command -v "$CC_FUZZ" >/dev/null || { echo "fuzz: $CC_FUZZ not found (apt-get install clang)" >&2; exit 2; }
mkdir -p "$B" || exit 2
B=$(cd "$B" && pwd)

# A source tree configured in place refuses VPATH builds: use a dist copy.
tree=$srcdir
if [ -f "$srcdir/config.status" ]; then
	rm -rf "$B/tree"
	make -C "$srcdir" distdir distdir="$B/tree" >/dev/null || exit 2
	tree=$B/tree
fi
if [ ! -f "$B/build/Makefile" ]; then
	mkdir -p "$B/build"
	(cd "$B/build" && "$tree/configure" --quiet --enable-fuzz CC="$CC_FUZZ") || exit 2
fi
progs=
for t in $TARGETS; do progs="$progs tests/fuzz/fuzz_$t"; done
make -C "$B/build" -j"${FUZZ_JOBS:-2}" $progs >"$B/build.log" 2>&1 ||
	{ tail -30 "$B/build.log"; echo "fuzz: build failed, see $B/build.log" >&2; exit 2; }

# seeds NAME: the read-only seed directories for harness NAME.
seeds() {
	case $1 in
	article) echo "$srcdir/data/articles $srcdir/tests/data $srcdir/tests/bad" ;;
	decode) echo "$srcdir/tests/data/decode $srcdir/tests/bad/articles $srcdir/data/articles" ;;
	date) echo "$srcdir/tests/fuzz/seeds/date $srcdir/data/articles $srcdir/tests/data" ;;
	lexicon) echo "$srcdir/tests/bad/lexicon $srcdir/tests/data" ;;
	query) echo "$srcdir/tests/fuzz/seeds/query" ;;
	state) echo "$srcdir/tests/fuzz/seeds/state" ;;
	history) echo "$srcdir/tests/fuzz/seeds/history" ;;
	# real files tread wrote (tests/fuzz/make-seeds.sh); the harnesses
	# fix the checksum of each input up, so mutations reach the checks
	cache) echo "$srcdir/tests/fuzz/seeds/cache" ;;
	windex) echo "$srcdir/tests/fuzz/seeds/windex" ;;
	config) echo "$srcdir/tests/fuzz/seeds/config $srcdir/tests/bad/config" ;;
	esac
}

# A flat copy of every seed file (libFuzzer reads one level only).
# Crashes of an earlier run stay, aside, until removed by hand.
if [ -n "$(ls "$B/crashes" 2>/dev/null)" ]; then
	mkdir -p "$B/crashes.old" && mv "$B/crashes"/* "$B/crashes.old/"
fi
mkdir -p "$B/crashes"
failed=0
for t in $TARGETS; do
	c="$B/corpus/$t"
	mkdir -p "$c"
	[ "$t" = lexicon ] && cp "$srcdir/data/themes.ini" "$c/themes.ini"
	for d in $(seeds "$t"); do
		[ -d "$d" ] && find "$d" -type f -size -256k ! -name '*.sh' -exec cp {} "$c/" \; 2>/dev/null
	done
	case $t in article|decode|cache) max=65536 ;; windex) max=131072 ;;
	lexicon|config) max=16384 ;; *) max=4096 ;; esac
	echo "fuzz: $t for ${SECS}s ($(ls "$c" | wc -l) inputs)"
	TREAD_DATADIR="$srcdir/data" "$B/build/tests/fuzz/fuzz_$t" \
		-max_total_time="$SECS" -max_len=$max -timeout=20 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$B/crashes/$t-" \
		"$c" >"$B/$t.log" 2>&1
	rc=$?
	grep -E '^(Done|stat::number_of_executed_units)' "$B/$t.log" | head -2
	if [ $rc -ne 0 ]; then
		failed=$((failed + 1))
		echo "fuzz: $t FAILED (exit $rc), log $B/$t.log:"
		grep -E 'ERROR|SUMMARY|Test unit written' "$B/$t.log" | head -10
	fi
done
n=$(ls "$B/crashes" | wc -l)
[ "$n" -eq 0 ] || echo "fuzz: $n crash/timeout inputs in $B/crashes"
[ $failed -eq 0 ] && [ "$n" -eq 0 ] && echo "fuzz: all clean" && exit 0
exit 1
