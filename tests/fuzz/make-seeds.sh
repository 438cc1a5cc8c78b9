#!/bin/sh
# make-seeds.sh: writes the seeds of the cache, word index and config
# harnesses into tests/fuzz/seeds/{cache,windex,config}: real files that
# tread wrote (their checksums right), from small corpora copied to
# /tmp/tread-fuzz-seed/articles (the root fuzz_cache.c looks for).
# Run it again after a change of the file formats or of data/themes.ini
# (the cache is for one lexicon): ./tests/fuzz/make-seeds.sh [TREAD]
set -eu
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
TREAD=${1:-$srcdir/src/tread}
S=$srcdir/tests/fuzz/seeds
R=/tmp/tread-fuzz-seed
export TREAD_DATADIR="$srcdir/data" XDG_CONFIG_HOME="$R/config" \
	XDG_STATE_HOME="$R/state" LC_ALL=C.UTF-8 TZ=UTC
mkdir -p "$S/cache" "$S/windex" "$S/config"
# seed NAME FILE...: one cache and one word index from the articles FILE.
seed() {
	n=$1; shift
	rm -rf "$R"
	mkdir -p "$R/articles"
	cp "$@" "$R/articles/"
	XDG_CACHE_HOME="$R/cache" "$TREAD" --list "$R/articles" >/dev/null
	cp "$R/cache/tread/index" "$S/cache/$n"
	chmod 644 "$S/cache/$n"
	cp "$R/cache/tread/words" "$S/windex/$n"
	chmod 644 "$S/windex/$n"
}
a=$srcdir/data/articles
seed one "$(ls "$a"/*.txt | head -1)"
seed two $(ls "$a"/*.txt | head -2)
printf 'Short title\n\nChina and Kazakhstan.\n' >"$R.small.txt"
seed small "$R.small.txt"
seed all "$a"/*.txt
rm -rf "$R" "$R.small.txt"
cp "$srcdir/data/tread.ini" "$S/config/default.ini"
cat >"$S/config/keys.ini" <<'EOI'
[keys]
quit = q Q C-c
page-down = PgDn Space f
search = / C-s
[layout]
side_width = 30
[colors]
cursor = white blue bold
EOI
ls -l "$S/cache" "$S/windex" "$S/config"
