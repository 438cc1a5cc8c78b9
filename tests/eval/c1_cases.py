#!/usr/bin/env python3
# tests/eval/c1_cases.py: C1 characters (U+0080..U+009F) in UTF-8 text, as
# left by Windows-1252 text read as Latin-1: Lingua's French, German and
# English test sentences (or tread's shipped articles when Lingua was not
# fetched) that hold a character cp1252 puts at 0x80..0x9F (’ œ € – “ …),
# converted at eval time; tread must give back the sentence.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evallib

TOP = os.environ.get("top_srcdir", ".")


def c1_fixed(s):
	"""S with each C1 character read as the cp1252 byte it stands for
	(the five bytes cp1252 leaves undefined dropped)."""
	out = []
	for ch in s:
		if 0x80 <= ord(ch) < 0xA0:
			try:
				ch = bytes([ord(ch)]).decode("cp1252")
			except UnicodeDecodeError:
				ch = ""
		out.append(ch)
	return "".join(out)


def cases():
	"""(source, [(clean sentence, its C1 form)]): sentences that carry C1
	characters as they are (Lingua's French has them), and ones made by
	reading cp1252 bytes as Latin-1."""
	out, srcs = [], set()
	for lang in ("fr", "de", "en", "es", "it"):
		src, lines = evallib.sentences(lang, TOP)
		srcs.add(src)
		for s in lines[:1000]:
			if any(0x80 <= ord(ch) < 0xA0 for ch in s):
				out.append((c1_fixed(s), s))
				continue
			try:
				b = s.encode("cp1252")
			except UnicodeEncodeError:
				continue
			if any(0x80 <= c < 0xA0 for c in b):
				out.append((s, b.decode("latin-1")))
	return "+".join(sorted(srcs)), out


def main():
	src, cs = cases()
	if not cs:
		print("skipped: no sentence with a cp1252 0x80..0x9F character")
		return
	res = {}
	for label, binary in evallib.binaries():
		run = evallib.Runner(binary)
		ok = 0
		for s, c1 in cs:
			# one sentence a file; a reference run of the clean form
			# takes out what --show itself changes (spaces, quotes)
			got, ref = run.body(c1), run.body(s)
			ok += got == ref and got != ""
			if os.environ.get("EVAL_VERBOSE") and got != ref and \
			   label == "current":
				print("  exp: %r\n  got: %r" % (ref, got))
		res[label] = "%d of %d" % (ok, len(cs))
	evallib.table([("C1 sentences read right (%s)" % src, res)], list(res))


main()
