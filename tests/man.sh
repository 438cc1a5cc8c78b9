#!/bin/sh
# man.sh: tread(1) and tread-themes(5) are clean for mandoc -Tlint
# -Wwarning, and the installed pages name the configured directories.
. "$(dirname "$0")/lib.sh"
cd "$top_srcdir" || exit 1

if command -v mandoc >/dev/null 2>&1; then
	for page in man/*.[1-9]; do
		if mandoc -Tlint -Wwarning "$page" >"$T_TMP/lint" 2>&1; then
			pass "mandoc -Tlint -Wwarning $page"
		else
			fail "mandoc -Tlint -Wwarning $page" "$(head -20 "$T_TMP/lint")"
		fi
	done
else
	echo "# mandoc not installed (./bootstrap installs it): lint skipped"
fi

# The pages as installed (man/out/, made by make from the sources).
: "${pkgdatadir:=/usr/local/share/tread}" "${sysconfdir:=/usr/local/etc}"
for page in tread.1 tread-themes.5 tread-entities.5; do
	out="$top_builddir/man/out/$page"
	if [ ! -f "$out" ]; then
		fail "man/out/$page is built"
		continue
	fi
	grep -q "^\.\(It \)\{0,1\}Pa $pkgdatadir/[a-z]" "$out" &&
		pass "man/out/$page names $pkgdatadir" ||
		fail "man/out/$page names $pkgdatadir" "$(grep -n 'Pa ' "$out" | head -5)"
	grep -q '\$datadir' "$out" && fail "man/out/$page: no \$datadir" ||
		pass "man/out/$page: no \$datadir"
	# only the configured directories remain (unless they are the defaults)
	case $pkgdatadir in /usr/local/share/tread) ;; *)
		grep -q '/usr/local/share/tread\|/usr/local/etc/tread' "$out" &&
			fail "man/out/$page: no default path left" ||
			pass "man/out/$page: no default path left" ;;
	esac
done
grep -q "^\.Pa $sysconfdir/tread/tread.ini\$\|^\.It Pa $sysconfdir/tread/tread.ini\$" \
	"$top_builddir/man/out/tread.1" && pass "tread(1) names $sysconfdir/tread/tread.ini" ||
	fail "tread(1) names $sysconfdir/tread/tread.ini"

# The bug address of --help is the one of tread(1).
bug=$("$TREAD" --help | sed -n 's/^Report bugs to <\(.*\)>\.$/\1/p')
[ -n "$bug" ] && grep -qF "Mt $bug" man/tread.1 && pass "tread(1) BUGS has $bug" ||
	fail "tread(1) BUGS has the address of --help ($bug)"
done_testing
