#!/bin/sh
# themes-langs.sh: the lexicon's terms of the languages beyond the seven
# core ones. Every article of tests/eval/themes-langs gets exactly the
# themes of its truth.tsv, and a few sentences written here check one
# error class each (an abbreviation that folds to another word, a
# homonym, both spellings of the Uzbek o', a term inside a katakana word).
. "$(dirname "$0")/lib.sh"
SET=$top_srcdir/tests/eval/themes-langs

# themes_of FILE: the themes tread lists for FILE, sorted, comma-separated.
themes_of() {
	"$TREAD" --no-cache -q --list "$1" | awk -F'\t' 'NR == 2 { print $7 }' |
		tr ',' '\n' | sort | paste -sd, -
}

# sorted LIST: LIST's items sorted, comma-separated.
sorted() { printf '%s\n' "$1" | tr ',' '\n' | sort | paste -sd, -; }

# is NAME WANT GOT: one check of a theme list.
is() {
	if [ "$2" = "$3" ]; then pass "$1"; else fail "$1" "want '$2', got '$3'"; fi
}

# (a tab is white space to read: an empty theme field would vanish, so
# awk splits the lines, and "-" stands for no theme)
awk -F '\t' '!/^#/ && $1 != "" { print $1, ($2 == "" ? "-" : $2), $3 }' \
	"$SET/truth.tsv" | while read -r f want cls; do
	[ "$want" != - ] || want=
	is "$f ($cls)" "$(sorted "$want")" "$(themes_of "$SET/$f")"
done >"$T_TMP/set.out"
cat "$T_TMP/set.out"
t_pass=$((t_pass + $(grep -c '^ok' "$T_TMP/set.out")))
t_fail=$((t_fail + $(grep -c '^not ok' "$T_TMP/set.out")))

# art NAME TITLE BODY: an article of our own.
art() { printf '%s\n\n%s\n' "$2" "$3" >"$T_TMP/$1.txt"; }

art sos 'SOS volání z hor' \
	'Horská služba přijala v sobotu SOS signál od dvou turistů v Krkonoších. Záchranáři je našli po třech hodinách a odvezli do nemocnice v Trutnově.'
is "cs: SOS is not the ŠOS" "" "$(themes_of "$T_TMP/sos.txt")"
art sos2 'Summit ŠOS v Astaně' \
	'Prezidenti členských států ŠOS se sešli na summitu v Astaně. Šanghajská organizace pro spolupráci přijala novou strategii.'
is "cs: ŠOS with its summit" "sco" "$(themes_of "$T_TMP/sos2.txt")"
art uz1 'Buyuk Ipak yo‘li' \
	'“Bir makon, bir yo‘l” tashabbusi doirasida yangi temir yo‘l liniyasi quriladi. Yuk tashish hajmi ikki baravar oshadi.'
art uz2 'Buyuk Ipak yoʻli' \
	'“Bir makon, bir yoʻl” tashabbusi doirasida yangi temir yoʻl liniyasi quriladi. Yuk tashish hajmi ikki baravar oshadi.'
is "uz: o‘ (punctuation) spelling" "belt-and-road,transport" "$(themes_of "$T_TMP/uz1.txt")"
is "uz: oʻ (letter) spelling" "belt-and-road,transport" "$(themes_of "$T_TMP/uz2.txt")"
art ko '면접은 일대일로' \
	'올해 채용 면접은 지원자와 면접관이 일대일로 진행한다. 회사는 일대일로 만나면 지원자가 덜 긴장한다고 설명했다.'
is "ko: 일대일로 'one-to-one' is not Belt and Road" "" "$(themes_of "$T_TMP/ko.txt")"
art ja 'カスピ海の港で祭り' \
	'カスピ海に面した港町で夏祭りが開かれ、カスピ海の魚料理を味わう観光客でにぎわった。ウランバートルから来た楽団も演奏した。'
is "ja: カスピ海 and ウランバートル hold no energy term" "" \
	"$(themes_of "$T_TMP/ja.txt" | tr ',' '\n' | grep -x energy)"
art ar 'المياه المعدنية' \
	'ارتفعت مبيعات المياه المعدنية في الصيف، وقال التجار إن الطلب على المياه المعدنية تضاعف في الأسواق.'
is "ar: mineral water is not mining" "" "$(themes_of "$T_TMP/ar.txt")"
done_testing
