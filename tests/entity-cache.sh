#!/bin/sh
# entity-cache.sh: the entity cache through the binary: a warm --list
# gives the cold output without reading a body again (an article edited
# behind size and mtime keeps its cached entities, as the index cache
# keeps its metadata), --no-cache neither reads nor writes it, and a
# damaged, truncated or foreign file is ignored and rewritten.
. "$(dirname "$0")/lib.sh"

CACHE="$XDG_CACHE_HOME/tread/entities"
CORPUS="$T_TMP/corpus"
mkdir -p "$CORPUS"
cp "$ARTICLES"/*.txt "$CORPUS/"

# list NAME [OPTIONS...]: tread --list of the corpus into $T_TMP/NAME.out
list() {
	n=$1; shift
	"$TREAD" --list "$@" "$CORPUS" >"$T_TMP/$n.out" 2>"$T_TMP/$n.err" ||
		fail "$n: tread exited $?" "$(head -5 "$T_TMP/$n.err")"
}
same() { check_file "$1" "$T_TMP/$2.out" "$T_TMP/$3.out"; }

list nocache --no-cache
[ ! -e "$CACHE" ] && pass "--no-cache writes no entity cache" ||
	fail "--no-cache writes no entity cache"
list cold
[ -s "$CACHE" ] && pass "a load writes the entity cache" ||
	fail "a load writes the entity cache"
list warm
same "warm = cold" cold warm
same "cold = --no-cache" cold nocache

# an edit that keeps size and mtime: the warm run answers from the cache
f="$CORPUS/004_04b1ac220f639b5e.txt"
cp -p "$f" "$T_TMP/orig"
sed 's/Tokayev/Tokayeu/g' "$T_TMP/orig" >"$f"
touch -r "$T_TMP/orig" "$f"
list stale
same "the warm run reads no body again" cold stale
list fresh --no-cache
# (column 8 is entities: the edited article no longer names Tokayev)
awk -F '\t' '$2 ~ /004_/ && $8 ~ /tokayev/' "$T_TMP/fresh.out" | grep -q . &&
	fail "--no-cache sees the edit" || pass "--no-cache sees the edit"
cp -p "$T_TMP/orig" "$f"

# damage: each is ignored, the output stays the cold one, no crash
size=$(wc -c <"$CACHE")
for how in truncate-head truncate-half flip garbage empty; do
	list base
	case $how in
	truncate-head) head -c 20 "$CACHE" >"$T_TMP/c" ;;
	truncate-half) head -c $((size / 2)) "$CACHE" >"$T_TMP/c" ;;
	flip) { head -c $((size / 2)) "$CACHE"; printf 'X'
		tail -c +$((size / 2 + 2)) "$CACHE"; } >"$T_TMP/c" ;;
	garbage) head -c "$size" /dev/urandom >"$T_TMP/c" ;;
	empty) : >"$T_TMP/c" ;;
	esac
	cp "$T_TMP/c" "$CACHE"
	list "damaged-$how"
	same "damaged cache ($how): the same output" cold "damaged-$how"
done
# a symbolic link in its place is not followed for reading
rm -f "$CACHE"
printf 'not a cache\n' >"$T_TMP/target"
ln -s "$T_TMP/target" "$CACHE"
list linked
same "a linked cache: the same output" cold linked
grep -qx 'not a cache' "$T_TMP/target" && pass "the link's target is untouched" ||
	fail "the link's target is untouched"
done_testing
