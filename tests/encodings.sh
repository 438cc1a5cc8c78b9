#!/bin/sh
# encodings.sh: files in legacy encodings, made here with iconv(1) from
# UTF-8 text of our own, must show as their UTF-8 originals do (uchardet
# names the encoding, iconv converts); --encoding forces one; a name
# iconv does not know is a usage error.
. "$(dirname "$0")/lib.sh"
D=$T_TMP/enc
mkdir -p "$D"

# article LANG: a short article of our own in LANG.
article() {
	case $1 in
	pl) printf '%s\n\n%s\n\n%s\n' "Rząd ogłosił nowy plan budowy dróg" \
		"Minister powiedział w środę, że budowa nowych dróg i mostów zacznie się jesienią, a pieniądze na inwestycję pochodzą z budżetu państwa oraz z funduszy europejskich." \
		"Według ekspertów przedsięwzięcie poprawi bezpieczeństwo kierowców i skróci czas podróży między największymi miastami. Żółw, źdźbło, łąka." ;;
	ru) printf '%s\n\n%s\n\n%s\n' "Правительство объявило о новом плане" \
		"В среду министр сообщил, что строительство новых дорог и мостов начнётся осенью, а деньги на проект выделят из государственного бюджета." \
		"По мнению экспертов, это повысит безопасность водителей и сократит время в пути между крупнейшими городами страны." ;;
	zh) printf '%s\n\n%s\n\n%s\n' "政府宣布新的道路建设计划" \
		"部长星期三表示，新的道路和桥梁将于秋季开始建设，资金来自国家预算和地方政府。" \
		"专家认为，这项工程将提高司机的安全，并缩短主要城市之间的旅行时间。" ;;
	tw) printf '%s\n\n%s\n\n%s\n' "政府宣佈新的道路建設計畫" \
		"部長星期三表示，新的道路和橋樑將於秋季開始建設，資金來自國家預算和地方政府。" \
		"專家認為，這項工程將提高司機的安全，並縮短主要城市之間的旅行時間。" ;;
	de) printf '%s\n\n%s\n\n%s\n' "Regierung kündigt neuen Straßenplan an" \
		"Der Minister sagte am Mittwoch, dass der Bau neuer Straßen und Brücken im Herbst beginnt; das Geld stammt aus dem Bundeshaushalt und aus Fördermitteln." \
		"Nach Ansicht der Fachleute erhöht das die Sicherheit der Fahrer und verkürzt die Reisezeit zwischen den größten Städten. „Endlich“, sagte er – 100 €." ;;
	esac
}

# show FILE [OPTION...]: the article as --show prints it, without the
# line that names the file.
show() {
	f=$1; shift
	"$TREAD" --no-cache -q --width 200 "$@" --show "$f" 2>&1 |
		grep -v "$(basename "$f")"
}

for pair in pl:WINDOWS-1250 pl:ISO-8859-2 ru:WINDOWS-1251 ru:KOI8-R \
    ru:CP866 zh:GB18030 tw:BIG5 de:WINDOWS-1252; do
	lang=${pair%%:*} enc=${pair#*:}
	article "$lang" >"$D/$lang.utf8"
	iconv -f UTF-8 -t "$enc" "$D/$lang.utf8" >"$D/$lang.$enc" ||
		{ fail "iconv to $enc"; continue; }
	if cmp -s "$D/$lang.utf8" "$D/$lang.$enc"; then
		fail "$enc: the converted file differs from UTF-8"; continue
	fi
	show "$D/$lang.utf8" >"$D/want"
	show "$D/$lang.$enc" >"$D/got"
	# the text itself, not an error message, is compared
	grep -q "$(article "$lang" | sed -n 3p | cut -c1-12)" "$D/want" ||
		fail "$lang: the UTF-8 original shows" "$(head -3 "$D/want")"
	check_file "$lang in $enc reads as the UTF-8 original" "$D/want" "$D/got"
done

# --encoding forces one: KOI8-R read as CP866 is not Russian.
show "$D/ru.KOI8-R" --encoding CP866 >"$D/got"
show "$D/ru.utf8" >"$D/want"
if cmp -s "$D/want" "$D/got"; then fail "--encoding CP866 forces CP866"
else pass "--encoding CP866 forces CP866"; fi
show "$D/ru.KOI8-R" --encoding koi8-r >"$D/got"
check_file "--encoding koi8-r (any case)" "$D/want" "$D/got"
# A short Polish file uchardet cannot judge: forced, it is right.
printf 'Za\263\363\277 g\352\266l\261 ja\274\361\n' >"$D/short.txt"
iconv -f ISO-8859-2 -t UTF-8 "$D/short.txt" | head -1 >"$D/want"
show "$D/short.txt" --encoding ISO-8859-2 | head -1 >"$D/got"
check_file "--encoding ISO-8859-2 on a one-line file" "$D/want" "$D/got"
# A UTF-8 file with a BOM stays UTF-8 whatever --encoding says.
printf '\357\273\277%s\n' "$(article de | head -1)" >"$D/bom.txt"
show "$D/bom.txt" --encoding KOI8-R | head -1 >"$D/got"
article de | head -1 >"$D/want"
check_file "a UTF-8 BOM wins over --encoding" "$D/want" "$D/got"

# An unknown name: exit 2, one message.
"$TREAD" --encoding no-such-code --list "$D/ru.utf8" >"$T_TMP/out" 2>"$T_TMP/err"
rc=$?
if [ $rc -eq 2 ] && grep -q '^tread: --encoding: unknown encoding: no-such-code$' "$T_TMP/err"; then
	pass "--encoding with an unknown name: exit 2"
else fail "--encoding with an unknown name: exit 2" "rc=$rc $(cat "$T_TMP/err")"; fi
"$TREAD" --encoding auto --list "$D/ru.KOI8-R" >"$T_TMP/out" 2>"$T_TMP/err" &&
	grep -q 'Правительство' "$T_TMP/out" && pass "--encoding auto detects" ||
	fail "--encoding auto detects" "$(cat "$T_TMP/out" "$T_TMP/err")"

# A directory's .tread.ini names the encoding of its files; the nearest
# one wins, --encoding wins over it.
mkdir -p "$D/dir/sub"
cp "$D/short.txt" "$D/dir/sub/short.txt"
printf '[decode]\nencoding = ISO-8859-2\n' >"$D/dir/.tread.ini"
iconv -f ISO-8859-2 -t UTF-8 "$D/short.txt" | head -1 >"$D/want"
show "$D/dir/sub/short.txt" | head -1 >"$D/got"
check_file ".tread.ini in a directory above names the encoding" "$D/want" "$D/got"
printf '[decode]\nencoding = CP866\n' >"$D/dir/sub/.tread.ini"
show "$D/dir/sub/short.txt" | head -1 >"$D/got"
if cmp -s "$D/want" "$D/got"; then fail "the nearest .tread.ini wins"
else pass "the nearest .tread.ini wins"; fi
show "$D/dir/sub/short.txt" --encoding ISO-8859-2 | head -1 >"$D/got"
check_file "--encoding wins over .tread.ini" "$D/want" "$D/got"
done_testing
