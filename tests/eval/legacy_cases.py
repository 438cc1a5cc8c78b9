#!/usr/bin/env python3
# tests/eval/legacy_cases.py: files in legacy encodings. Polish, Russian,
# Chinese, French and German text (Lingua's test sentences when fetched, else
# tread's shipped articles), ten sentences a file, converted with iconv(1)
# at eval time; a file is read right when tread shows it as it shows the
# same text in UTF-8.
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evallib

TOP = os.environ.get("top_srcdir", ".")
SETS = [("pl", "WINDOWS-1250"), ("pl", "ISO-8859-2"), ("ru", "KOI8-R"),
	("ru", "CP866"), ("ru", "WINDOWS-1251"), ("zh", "GB18030"),
	("zh", "BIG5"), ("fr", "WINDOWS-1252"), ("de", "WINDOWS-1252")]
FILES = int(os.environ.get("EVAL_LEGACY_FILES", "20"))
PER_FILE = 10


def iconv(data, frm, to):
	"""DATA converted by iconv(1), unconvertible characters dropped."""
	return subprocess.run(["iconv", "-c", "-f", frm, "-t", to], input=data,
			      capture_output=True).stdout


def files(lang, enc):
	"""(source, [(UTF-8 bytes, the same text in ENC)])."""
	src, lines = evallib.sentences(lang, TOP)
	out = []
	for k in range(0, min(len(lines), FILES * PER_FILE), PER_FILE):
		text = evallib.TITLE + "\n\n" + "\n\n".join(
			lines[k:k + PER_FILE]) + "\n"
		legacy = iconv(text.encode("utf-8"), "UTF-8", enc)
		out.append((iconv(legacy, enc, "UTF-8"), legacy))
	return src, out


def main():
	rows, labels = [], [l for l, _ in evallib.binaries()]
	runners = {l: evallib.Runner(b) for l, b in evallib.binaries()}
	for lang, enc in SETS:
		src, fs = files(lang, enc)
		if not fs:
			continue
		vals = {}
		for label in labels:
			run = runners[label]
			ok = 0
			for u8, leg in fs:
				ref = run.body(None, raw=u8)
				ok += ref != "" and run.body(None, raw=leg) == ref
			vals[label] = "%d of %d" % (ok, len(fs))
		rows.append(("%s %s (%s)" % (lang, enc, src), vals))
	evallib.table(rows, labels)


main()
