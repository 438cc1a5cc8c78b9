#!/bin/sh
# cache.sh: the index cache through the binary: a warm run gives the same
# output as a cold one, changed files and another lexicon are re-read or
# re-matched, another build's caches are not read, and a damaged cache
# file is rebuilt with one warning.
. "$(dirname "$0")/lib.sh"

CACHE="$XDG_CACHE_HOME/tread/index"
CORPUS="$T_TMP/corpus"
mkdir -p "$CORPUS/sub"
cp "$ARTICLES"/*.txt "$CORPUS/"
mv "$CORPUS/004_04b1ac220f639b5e.txt" "$CORPUS/sub/"

# list NAME [OPTIONS...]: tread --list of the corpus into $T_TMP/NAME.out
# (stderr into NAME.err); fails the test when tread fails.
list() {
	n=$1; shift
	"$TREAD" --list "$@" "$CORPUS" >"$T_TMP/$n.out" 2>"$T_TMP/$n.err" ||
		fail "$n: tread exited $?" "$(head -5 "$T_TMP/$n.err")"
}

# same NAME A B: two outputs are identical.
same() { check_file "$1" "$T_TMP/$2.out" "$T_TMP/$3.out"; }

# differ NAME A B: two outputs are not identical.
differ() {
	if cmp -s "$T_TMP/$2.out" "$T_TMP/$3.out"; then fail "$1"
	else pass "$1"; fi
}

# quiet NAME RUN: the run printed nothing on stderr.
quiet() {
	if [ -s "$T_TMP/$2.err" ]; then fail "$1" "$(head -5 "$T_TMP/$2.err")"
	else pass "$1"; fi
}

# --- no cache: nothing written
list nocache --no-cache
[ ! -e "$CACHE" ] && pass "--no-cache writes no cache" ||
	fail "--no-cache writes no cache"

# --- cold, then warm
list cold
[ -s "$CACHE" ] && pass "cold run writes the cache" ||
	fail "cold run writes the cache"
same "cold run = --no-cache run" nocache cold
before=$(ls -i "$CACHE")
list warm
same "warm run = cold run" cold warm
quiet "warm run is quiet" warm
[ "$(ls -i "$CACHE")" = "$before" ] && pass "unchanged corpus: cache not rewritten" ||
	fail "unchanged corpus: cache not rewritten"
"$TREAD" --themes --no-cache "$CORPUS" >"$T_TMP/themes-cold.out" 2>/dev/null
"$TREAD" --themes "$CORPUS" >"$T_TMP/themes-warm.out" 2>/dev/null
"$TREAD" --themes "$CORPUS" >"$T_TMP/themes-warm2.out" 2>/dev/null
same "warm --themes = cold (discovered themes too)" themes-cold themes-warm
same "warm --themes again (discovered themes reused)" themes-cold themes-warm2
# Word queries of a warm run come from the word index the cold run left
# (the articles themselves come from the cache's snapshot): same answers.
[ -s "$XDG_CACHE_HOME/tread/words" ] && pass "the cold run wrote the word index" ||
	fail "the cold run wrote the word index"
for q in energy 'energ*' '"Xi Jinping"' '-energy lang:en' lodz 'kazakh* -sco'; do
	list "wq-cold" --no-cache --filter "$q"
	list "wq-warm" --filter "$q"
	same "warm word query = scanned: $q" wq-cold wq-warm
done
# A deleted word index (the README calls that safe) is rebuilt by the
# next run, not left for every query to scan around.
WORDS="$XDG_CACHE_HOME/tread/words"
rm -f "$WORDS"
list rewords
[ -s "$WORDS" ] && pass "missing word index: rebuilt by the next run" ||
	fail "missing word index: rebuilt by the next run"
same "missing word index: same output" cold rewords
quiet "missing word index: rebuilt quietly" rewords
before=$(ls -i "$WORDS")
list rewords2
[ "$(ls -i "$WORDS")" = "$before" ] &&
	pass "rebuilt word index: not rewritten again" ||
	fail "rebuilt word index: not rewritten again"
list warmjson --format json
"$TREAD" --list --format json --no-cache "$CORPUS" >"$T_TMP/coldjson.out" 2>/dev/null
same "warm JSON = cold JSON" coldjson warmjson

# --- a changed file: its row changes, the others stay
f="$CORPUS/002_d4b47ef68aae7118.txt"
{ printf 'Cache test headline about a brand new dry port\n\n'; cat "$f"; } >"$T_TMP/new"
cp "$T_TMP/new" "$f"
list changed
grep -q 'Cache test headline about a brand new dry port' "$T_TMP/changed.out" &&
	pass "modified file: new title listed" ||
	fail "modified file: new title listed" "$(cat "$T_TMP/changed.out")"
grep -v 002_d4b47ef68aae7118 "$T_TMP/cold.out" | cut -f2- | sort >"$T_TMP/rest-cold.out"
grep -v 002_d4b47ef68aae7118 "$T_TMP/changed.out" | cut -f2- | sort >"$T_TMP/rest-changed.out"
same "modified file: other rows unchanged" rest-cold rest-changed
list changed-nocache --no-cache
same "modified file: warm = --no-cache" changed-nocache changed

# same size, new mtime: re-read, still right
touch -d '2001-01-01 00:00:00' "$f"
list touched
same "touched file: same rows" changed touched
list touched2
same "touched file: warm again" touched touched2

# a deleted file leaves the listing (and the cache)
rm "$CORPUS/sub/004_04b1ac220f639b5e.txt"
list deleted
if grep -q 004_04b1ac220f639b5e "$T_TMP/deleted.out"; then
	fail "deleted file: gone"
else pass "deleted file: gone"; fi
cp "$ARTICLES/004_04b1ac220f639b5e.txt" "$CORPUS/sub/"

# --- another lexicon: every article re-matched
cat >"$T_TMP/themes.ini" <<'EOF'
[cachetest]
label = Cache test
en = Kazakhstan
de = Kasachstan
pl = Kazachstan
ru = Казахстан
fr = Kazakhstan
EOF
list lexa
list lexb --themes-file "$T_TMP/themes.ini"
list lexb-nocache --no-cache --themes-file "$T_TMP/themes.ini"
same "other lexicon: warm = --no-cache" lexb-nocache lexb
differ "other lexicon: themes re-matched" lexa lexb
grep -q cachetest "$T_TMP/lexb.out" && pass "other lexicon: new theme listed" ||
	fail "other lexicon: new theme listed" "$(cut -f1,7 "$T_TMP/lexb.out")"
list lexa2
same "back to the default lexicon" lexa lexa2

# --- another build: the keys carry the checksum of the code that fills
# the caches (src/engine_id.h), so a rule changed in match.c is not
# hidden by a cache the old code wrote. The header must be that of the
# sources as they are now.
if [ -n "${CACHED_BY:-}" ] && [ -f "$top_builddir/src/engine_id.h" ]; then
	want=$(cd "$top_srcdir" && cat $CACHED_BY | cksum | awk '{ print $1 "-" $2 }')
	grep -q "\"$want\"" "$top_builddir/src/engine_id.h" &&
		pass "engine_id.h is the checksum of the cached-by sources" ||
		fail "engine_id.h is the checksum of the cached-by sources" \
		    "want $want; $(cat "$top_builddir/src/engine_id.h")"
	for f in match.c lexicon.c article.c text.c discover.c; do
		case " $CACHED_BY " in
		*" src/$f "*) pass "$f is in the cache key" ;;
		*) fail "$f is in the cache key" "CACHED_BY: $CACHED_BY" ;;
		esac
	done
else
	fail "CACHED_BY and src/engine_id.h are there" "run through make check"
fi

# --- damaged cache files: one warning, the right output, then quiet
list good
printf 'this is not an index cache\n' >"$CACHE"
list garbage
grep -q "^tread: $CACHE: index cache corrupt, rebuilt\$" "$T_TMP/garbage.err" &&
	pass "garbage cache: warned" ||
	fail "garbage cache: warned" "$(cat "$T_TMP/garbage.err")"
[ "$(wc -l <"$T_TMP/garbage.err")" -eq 1 ] && pass "garbage cache: one warning" ||
	fail "garbage cache: one warning" "$(cat "$T_TMP/garbage.err")"
same "garbage cache: right output" good garbage
list rebuilt
quiet "rebuilt cache: quiet" rebuilt
same "rebuilt cache: right output" good rebuilt

size=$(wc -c <"$CACHE")
head -c $((size / 2)) "$CACHE" >"$T_TMP/half" && cp "$T_TMP/half" "$CACHE"
list truncated
grep -q "index cache corrupt, rebuilt" "$T_TMP/truncated.err" &&
	pass "truncated cache: warned" || fail "truncated cache: warned"
same "truncated cache: right output" good truncated

# one byte flipped in the middle
list rebuilt2
size=$(wc -c <"$CACHE")
printf 'X' | dd of="$CACHE" bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
list flipped
grep -q "index cache corrupt, rebuilt" "$T_TMP/flipped.err" &&
	pass "flipped byte: warned" || fail "flipped byte: warned"
same "flipped byte: right output" good flipped

# an unwritable cache directory: a warning, never a failure
rm -rf "$XDG_CACHE_HOME"
printf 'x' >"$XDG_CACHE_HOME"
list unwritable
same "unwritable cache: right output" good unwritable
rm -f "$XDG_CACHE_HOME"

# --- the reader: a warm start shows the cache's snapshot at once, then
# checks the files behind it; a change shows up after that check
if command -v tmux >/dev/null 2>&1; then
	. "$(dirname "$0")/ui/uilib.sh"
	UI_ARTS=$CORPUS UI_NOCACHE=
	list snap			# writes the snapshot of $CORPUS
	old=$(awk -F '\t' 'NR == 2 { print $6 }' "$T_TMP/snap.out")
	ui_start 160 30
	see "warm reader: first screen from the snapshot" "$old"
	sleep 1				# nothing changed: no message
	grep -q "files changed" "$T_TMP/screen" &&
	    fail "warm reader: unchanged files, no reload" ||
	    pass "warm reader: unchanged files, no reload"
	tm send-keys -t 0 q
	see "warm reader: quits" "TREAD-EXIT=0"
	# the reader's check rebuilds a missing word index behind the screen
	rm -f "$XDG_CACHE_HOME/tread/words"
	ui_start 160 30
	see "warm reader, no word index: first screen" "$old"
	i=0
	while [ ! -s "$XDG_CACHE_HOME/tread/words" ] && [ $i -lt 100 ]; do
		sleep 0.1; i=$((i + 1))
	done
	[ -s "$XDG_CACHE_HOME/tread/words" ] &&
	    pass "warm reader: a missing word index is rebuilt" ||
	    fail "warm reader: a missing word index is rebuilt"
	tm send-keys -t 0 q
	see "warm reader, no word index: quits" "TREAD-EXIT=0"
	f=$(awk -F '\t' 'NR == 2 { print $2 }' "$T_TMP/snap.out")
	printf 'Changed before the start\n\n2030-01-02\n\nA body.\n' >"$f"
	printf 'Added after the snapshot\n\n2031-01-02\n\nA body.\n' \
	    >"$CORPUS/sub/added.txt"
	ui_start 160 30
	see "warm reader: a file changed before the start gets its new title" \
	    "Changed before the start"
	see "warm reader: an added file shows up" "Added after the snapshot"
	see "warm reader: the change is told" "files changed"
	grep -qF "$old" "$T_TMP/screen" &&
	    fail "warm reader: the old title is gone" "$(cat "$T_TMP/screen")" ||
	    pass "warm reader: the old title is gone"
	ui_stop
	list snap2
	grep -q "Changed before the start" "$T_TMP/snap2.out" &&
	    pass "batch after the reader: exact" ||
	    fail "batch after the reader: exact" "$(head -3 "$T_TMP/snap2.out")"
fi

# --- a crafted cache whose checksum is fixed up (anyone who can write the
# file can do that): an escape sequence in place of a date, then of a
# title. The reader checks every field: the file is refused and rebuilt,
# and no control byte reaches the output.
RESEAL="$top_builddir/tests/unit/reseal"
ESC=$(printf '\033')
rm -f "$CACHE"
list craft0
d=$(sed -n 2p "$T_TMP/craft0.out" | cut -f3)
t=$(sed -n 2p "$T_TMP/craft0.out" | cut -f6 | cut -c1-8)
# craft WHAT PATTERN: replace PATTERN (10 or 8 bytes) in the cache by
# escape sequences of the same length, fix the sum, list again.
craft() {
	cp "$CACHE" "$T_TMP/good.cache"
	D="$2" perl -0777 -pi -e 'my $r = substr("\e[2J\e]0;x\a\e[5m", 0, length $ENV{D});
		s/\Q$ENV{D}\E/$r/' "$CACHE"
	if cmp -s "$CACHE" "$T_TMP/good.cache"; then
		fail "crafted $1: pattern found" "$2"; return
	fi
	"$RESEAL" "$CACHE" || { fail "crafted $1: resealed"; return; }
	list "craft-$1"
	grep -q "$ESC" "$T_TMP/craft-$1.out" &&
		fail "crafted $1: no escape in the output" "$(grep "$ESC" "$T_TMP/craft-$1.out" | od -c | head -5)" ||
		pass "crafted $1: no escape in the output"
	same "crafted $1: the output of a cold run" craft0 "craft-$1"
	grep -q "index cache corrupt, rebuilt" "$T_TMP/craft-$1.err" &&
		pass "crafted $1: refused with a warning" ||
		fail "crafted $1: refused with a warning" "$(cat "$T_TMP/craft-$1.err")"
}
[ -x "$RESEAL" ] || fail "reseal helper built"
[ -n "$d" ] && craft date "$d" || fail "a dated article to craft"
craft title "$t"
list craft-after
same "crafted: the rebuilt cache is sound" craft0 craft-after
quiet "crafted: the rebuilt cache is quiet" craft-after

# --- the cache directory: created 0700; one writable by others is not
# used (a warning, the listing still right).
mode=$(stat -c %a "$XDG_CACHE_HOME/tread")
[ "$mode" = 700 ] && pass "cache directory made 0700" ||
	fail "cache directory made 0700" "$mode"
chmod 777 "$XDG_CACHE_HOME/tread"
list open-dir
same "a directory writable by others: output unchanged" craft0 open-dir
grep -q "writable by others" "$T_TMP/open-dir.err" &&
	pass "a directory writable by others: refused with a message" ||
	fail "a directory writable by others: refused with a message" "$(cat "$T_TMP/open-dir.err")"
chmod 700 "$XDG_CACHE_HOME/tread"

# --- temp files of a killed run are removed by the next one.
: >"$XDG_CACHE_HOME/tread/index.999999999.AbCdEf"
: >"$XDG_CACHE_HOME/tread/words.999999999.GhIjKl"
touch -d '2 hours ago' "$XDG_CACHE_HOME/tread/words.MnOpQr"
list clean
[ ! -e "$XDG_CACHE_HOME/tread/index.999999999.AbCdEf" ] &&
[ ! -e "$XDG_CACHE_HOME/tread/words.999999999.GhIjKl" ] &&
[ ! -e "$XDG_CACHE_HOME/tread/words.MnOpQr" ] &&
	pass "a killed run's temp files are removed" ||
	fail "a killed run's temp files are removed" "$(ls "$XDG_CACHE_HOME/tread")"

# --- ulimit -f: SIGXFSZ is ignored, the cache write fails (EFBIG) and the
# listing is still printed, exit 0.
rm -rf "$XDG_CACHE_HOME/tread"
(ulimit -f 50; "$TREAD" --list "$CORPUS" >"$T_TMP/fsz.out" 2>"$T_TMP/fsz.err")
rc=$?
[ $rc -eq 0 ] && pass "ulimit -f: exit 0" || fail "ulimit -f: exit 0" "exit $rc: $(cat "$T_TMP/fsz.err")"
same "ulimit -f: the listing" craft0 fsz
grep -q "File too large" "$T_TMP/fsz.err" && pass "ulimit -f: the failed cache write is told" ||
	fail "ulimit -f: the failed cache write is told" "$(cat "$T_TMP/fsz.err")"

done_testing
