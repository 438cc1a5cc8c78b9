#!/bin/sh
# repro.sh: two builds of one source tarball, unpacked in two different
# directories, give the same program (Debian's reproducible-builds
# check), and neither build directory is in it. Slow (two builds), so
# not part of make check: make repro, or tests/repro.sh TARBALL.
#   REPRO_CFLAGS  compiler flags of both builds (default: -g -O2)
set -eu
tarball=${1:?usage: repro.sh tread-VERSION.tar.gz}
case $tarball in /*) ;; *) tarball=$PWD/$tarball ;; esac
T=$(mktemp -d "${TMPDIR:-/tmp}/tread-repro.XXXXXX")
trap 'rm -rf "$T"' EXIT
name=$(basename "$tarball" .tar.gz)

# build DIR: unpack under DIR (paths of different lengths), VPATH build.
build() {
	mkdir -p "$1/build"
	tar -xzf "$tarball" -C "$1"
	(cd "$1/build" && "../$name/configure" --quiet CFLAGS="${REPRO_CFLAGS:--g -O2}" &&
		make -j2 --quiet src/tread >/dev/null)
}
build "$T/a"
build "$T/second-tree/b"
status=0
if cmp "$T/a/build/src/tread" "$T/second-tree/b/build/src/tread"; then
	echo "ok - two builds in two directories give the same src/tread"
else
	echo "not ok - two builds in two directories differ"
	status=1
fi
for d in "$T/a" "$T/second-tree/b"; do
	if grep -qF "$d" "$d/build/src/tread"; then
		echo "not ok - $d/build/src/tread names its build directory"
		status=1
	else
		echo "ok - $d/build/src/tread does not name its build directory"
	fi
done
exit $status
