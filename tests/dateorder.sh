#!/bin/sh
# dateorder.sh: the order of day and month in "03/04/2024": what the text
# shows, a directory's .tread.ini ([date] order, the nearest that sets
# it wins, auto stops the search) and --date-order, which wins over it.
. "$(dirname "$0")/lib.sh"
D=$T_TMP/d
mkdir -p "$D/us/sub" "$D/us/auto" "$D/us/enc" "$D/eu"

# article DIR NAME: an article of our own with an ambiguous slashed date.
article() {
	printf '%s\n\n%s\n\n%s\n' "Council approves the new bridge" \
		"Posted 03/04/2024 by the city desk" \
		"The council voted to build a second bridge over the river, and work should start in the spring." >"$1/$2.txt"
}
for d in us us/sub us/auto us/enc eu; do article "$D/$d" a; done
printf '[date]\norder = mdy\n' >"$D/us/.tread.ini"
printf '[date]\norder = auto\n' >"$D/us/auto/.tread.ini"
printf '[decode]\nencoding = UTF-8\n' >"$D/us/enc/.tread.ini"

# date_of FILE [OPTION...]: the date column tread lists for FILE.
date_of() {
	f=$1; shift
	"$TREAD" --no-cache -q "$@" --list "$f" | awk -F'\t' 'NR == 2 { print $3 }'
}

# is NAME WANT GOT: one check of a date.
is() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "want $2, got $3"; fi
}

is "no setting: day first" 2024-04-03 "$(date_of "$D/eu/a.txt")"
is "[date] order = mdy: month first" 2024-03-04 "$(date_of "$D/us/a.txt")"
is "inherited by a subdirectory" 2024-03-04 "$(date_of "$D/us/sub/a.txt")"
is "order = auto below it: the text tells again" 2024-04-03 \
	"$(date_of "$D/us/auto/a.txt")"
is "a .tread.ini without [date] leaves it to the one above" 2024-03-04 \
	"$(date_of "$D/us/enc/a.txt")"
is "--date-order dmy wins over the directory" 2024-04-03 \
	"$(date_of "$D/us/a.txt" --date-order dmy)"
is "--date-order mdy" 2024-03-04 "$(date_of "$D/eu/a.txt" --date-order mdy)"
is "--date-order auto: the directory's" 2024-03-04 \
	"$(date_of "$D/us/a.txt" --date-order auto)"
printf '[date]\norder = sideways\n' >"$D/eu/.tread.ini"
is "an unknown order in .tread.ini is ignored" 2024-04-03 \
	"$(date_of "$D/eu/a.txt")"

"$TREAD" --date-order ymd --list "$D/eu" >"$T_TMP/out" 2>"$T_TMP/err"
rc=$?
if [ $rc -eq 2 ] && grep -q '^tread: --date-order: expected auto, dmy or mdy: ymd$' "$T_TMP/err"
then pass "--date-order ymd: usage error"
else fail "--date-order ymd: usage error" "exit $rc: $(cat "$T_TMP/err")"; fi
done_testing
