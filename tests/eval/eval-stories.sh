#!/bin/sh
# eval-stories.sh: the story development set (tests/eval/stories, articles
# written for tread: articles/, truth.tsv) through tread --list: pairwise precision
# and recall of "same story" (every pair of articles: the same event in
# the truth, the same story id in tread's output), and the recall of the
# gazetteer entities each article names, per language (the file name's
# prefix). The goal is 0.95 for each.
#   TREAD        the build to measure (default: the build dir's src/tread)
#   STORIES_SET  another set laid out the same way (default: ours)
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/../.." && pwd)}"
: "${top_builddir:=$top_srcdir}"
: "${TREAD:=$top_builddir/src/tread}"
: "${STORIES_SET:=$top_srcdir/tests/eval/stories}"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/tread-evst.XXXXXX")
trap 'rm -rf "$TMP"' EXIT INT TERM
export HOME="$TMP" XDG_CONFIG_HOME="$TMP/c" XDG_CACHE_HOME="$TMP/k" \
	XDG_STATE_HOME="$TMP/s" LC_ALL=C.UTF-8 TZ=UTC

"$TREAD" --no-cache --quiet --list "$STORIES_SET/articles" >"$TMP/list" 2>"$TMP/err" || {
	echo "eval-stories: $TREAD failed:"; cat "$TMP/err"; exit 1; }
# file, entities, story: columns found by name (new columns may follow)
awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
	{ n = split($col["path"], p, "/")
	  print p[n] "\t" $col["entities"] "\t" $col["story"] }' \
	"$TMP/list" >"$TMP/got"

awk -F '\t' '
FNR == NR { if ($0 ~ /^#/ || $1 == "") next
	f[++n] = $1; ev[$1] = $2; want[$1] = $3; next }
{ st[$1] = $3; got[$1] = "," $2 "," }
END {
	for (i = 1; i <= n; i++) if (!(f[i] in st)) {
		printf "missing from the output: %s\n", f[i]; st[f[i]] = "?" i }
	tp = fp = fn = 0
	for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) {
		a = f[i]; b = f[j]; t = ev[a] == ev[b]; g = st[a] == st[b]
		if (t && g) tp++
		else if (g) { fp++; errs = errs sprintf("  joined:   %s %s\n", a, b) }
		else if (t) { fn++; errs = errs sprintf("  split:    %s %s\n", a, b) }
	}
	p = tp + fp ? tp / (tp + fp) : 1; r = tp + fn ? tp / (tp + fn) : 1
	printf "stories: %d articles, pairs: %d same-event, %d joined by tread\n", n, tp + fn, tp + fp
	printf "pairwise precision %.3f  recall %.3f  (goal 0.95 each)\n", p, r
	for (i = 1; i <= n; i++) {
		a = f[i]; l = substr(a, 1, 2); langs[l] = 1
		k = split(want[a], w, ",")
		for (e = 1; e <= k; e++) {
			tot[l]++; all++
			if (index(got[a], "," w[e] ",")) { hit[l]++; hits++ }
			else miss = miss sprintf("  missed:   %s %s\n", a, w[e])
		}
	}
	printf "entity recall per language:"
	for (l in langs) order[++m] = l
	for (x = 1; x <= m; x++) for (y = x + 1; y <= m; y++)
		if (order[y] < order[x]) { t = order[x]; order[x] = order[y]; order[y] = t }
	for (x = 1; x <= m; x++)
		printf " %s %.3f (%d/%d)", order[x], hit[order[x]] / tot[order[x]], hit[order[x]], tot[order[x]]
	printf "\nentity recall, all: %.3f (%d/%d)\n", hits / all, hits, all
	if (errs != "" || miss != "") printf "errors:\n%s%s", errs, miss
}' "$STORIES_SET/truth.tsv" "$TMP/got"
