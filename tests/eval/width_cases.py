#!/usr/bin/env python3
# tests/eval/width_cases.py: display width and line breaking in --show,
# judged by jquast/wcwidth (its Python module, taken from the fetched git
# directory at eval time, is the oracle) on strings made from its tables:
# emoji + U+FE0F, wide emoji, emoji ZWJ and skin-tone sequences, combining
# marks, CJK, and soft hyphens in German words (Lingua's sentences). Each
# sample is a word of copies as wide as two lines (2W columns by wcwidth):
# right when it is shown on two lines, none wider than W, and no line
# starts inside a grapheme cluster.
import os
import subprocess
import sys
import tempfile
import unicodedata

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evallib

TOP = os.environ.get("top_srcdir", ".")
W = 30


def oracle(gd):
	"""The wcwidth module of the fetched repository."""
	tmp = tempfile.mkdtemp(prefix="tread-wcwidth-")
	tar = subprocess.run(["git", "--git-dir", gd, "archive", "HEAD",
			      "wcwidth"], capture_output=True, check=True).stdout
	subprocess.run(["tar", "-x", "-C", tmp], input=tar, check=True)
	sys.path.insert(0, tmp)
	import wcwidth
	return wcwidth


def points(ranges, lo=0, step=1):
	"""Every STEP-th code point of RANGES from LO."""
	out = [c for a, b in ranges for c in range(max(a, lo), b + 1)]
	return [chr(c) for c in out[::step]]


def newest(table):
	return table[sorted(table, key=lambda v: [int(x) for x in
						   v.split(".")])[-1]]


def samples(wc):
	"""{class: [grapheme cluster]} from wcwidth's tables."""
	wide = points(newest(wc.WIDE_EASTASIAN), 0x1F300, 9)
	zero = [c for c in points(newest(wc.ZERO_WIDTH), 0x300, 3)
		if unicodedata.category(c) == "Mn"][:150]
	cls = {
		"emoji + U+FE0F": [c + "\ufe0f" for c in
				   points(newest(wc.VS16_NARROW_TO_WIDE), 0x80)],
		"wide emoji": wide[:150],
		"emoji + skin tone": [c + "\U0001F3FD" for c in
				      "\U0001F44D\U0001F44B\U0001F469\U0001F468"
				      "\U0001F9D1\U0001F64F\U0001F44F\U0001F476"],
		"emoji ZWJ sequence": [a + "\u200d" + b for a in
				       "\U0001F469\U0001F468\U0001F9D1"
				       for b in "\U0001F4BB\U0001F52C\U0001F680"
				       "\U0001F3A8\U0001F692\U0001F373"],
		"letter + combining": ["a" + c for c in zero],
		"CJK": points(newest(wc.WIDE_EASTASIAN), 0x4E00, 997)[:100],
	}
	return cls


def shy_words(wc):
	"""Long German words with a soft hyphen every four letters."""
	src, lines = evallib.sentences("de", TOP)
	words = sorted({w.strip(".,;:!?\"'()") for l in lines[:400]
			for w in l.split() if len(w) >= 12 and w.isalpha()})
	return ["\u00ad".join(w[i:i + 4] for i in range(0, len(w), 4))
		for w in words[:100]]


def fill(wc, g):
	"""Copies of G as wide as two lines (by the oracle), or None."""
	w = wc.width(g)
	return g * (2 * W // w) if 0 < w <= W and W % w == 0 else None


def broken(wc, a, b):
	"""Does the break between lines A and B fall inside a cluster?"""
	if not a or not b:
		return False
	last = list(wc.iter_graphemes(a))[-1]
	first = list(wc.iter_graphemes(b))[0]
	return len(list(wc.iter_graphemes(last + first))) == 1


def judge(wc, run, text, nlines):
	"""Is TEXT shown right (no line over W, on NLINES lines if given, no
	line starting inside a cluster)?"""
	lines = run.body(text, width=W).split("\n")
	if any(wc.width(l) > W for l in lines):
		return False
	if any(broken(wc, a, b) for a, b in zip(lines, lines[1:])):
		return False
	return nlines is None or len(lines) == nlines


def main():
	gd = evallib.git_dir("jquast+wcwidth")
	evallib.need(gd, "jquast/wcwidth")
	wc = oracle(gd)
	cls = samples(wc)
	res = {}
	for label, binary in evallib.binaries():
		run = evallib.Runner(binary)
		for name, gs in cls.items():
			words = [w for w in (fill(wc, g) for g in gs) if w]
			ok = sum(judge(wc, run, w, 2) for w in words)
			res.setdefault(name, {})[label] = "%d of %d" % (ok,
								      len(words))
		shy = shy_words(wc)
		ok = sum(judge(wc, run, " ".join(shy[i:i + 6]), None)
			 for i in range(0, len(shy), 6))
		res.setdefault("soft hyphen paragraphs", {})[label] = \
			"%d of %d" % (ok, (len(shy) + 5) // 6)
	evallib.table(list(res.items()), [l for l, _ in evallib.binaries()])
	print("right: on two lines, none wider than %d columns (wcwidth), no"
	      " break inside a grapheme cluster" % W)


main()
