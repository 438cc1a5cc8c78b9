#!/usr/bin/env python3
# tests/eval/ftfy_cases.py: ftfy's public mojibake cases (rspeer/python-ftfy,
# tests/test-cases/*.json, read from the fetched git directory at eval time)
# through tread --show, for the baseline and the current build.
#   must-fix:  expect "pass" and the original differs from "fixed-encoding"
#              (else "fixed"): fixed / partly / damaged / left alone
#   must-stay: expect "pass" and no change expected: kept
# known-failures.json (expect "fail") is left out, as ftfy's own test does.
import difflib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import evallib


def cases(gd):
	"""(name, original, expected) of every case that must pass."""
	out = []
	for p in evallib.git_files(gd):
		if not (p.startswith("tests/test-cases/") and p.endswith(".json")):
			continue
		for i, c in enumerate(json.loads(evallib.git_show(gd, p))):
			if c.get("expect") != "pass":
				continue
			exp = c.get("fixed-encoding", c["fixed"])
			out.append(("%s#%d" % (os.path.basename(p), i),
				    c["original"], exp))
	return out


def no_controls(s):
	"""S without the C0/C1 controls tread drops on purpose (its output
	never carries one; ftfy's own fix_text drops U+001A too), trimmed
	as --show trims."""
	return "".join(c for c in s if not (ord(c) < 0x20 and c not in "\t\n")
		       and not 0x7F <= ord(c) < 0xA0).rstrip()


def verdict(orig, exp, got):
	"""fixed / alone / partly / damaged for a must-fix case."""
	if got == exp:
		return "fixed"
	if got == orig:
		return "alone"
	before = difflib.SequenceMatcher(None, orig, exp).ratio()
	after = difflib.SequenceMatcher(None, got, exp).ratio()
	return "partly" if after > before else "damaged"


def main():
	gd = evallib.git_dir("rspeer+python-ftfy")
	evallib.need(gd, "rspeer/python-ftfy")
	cs = cases(gd)
	verbose = os.environ.get("EVAL_VERBOSE")
	res = {}
	for label, binary in evallib.binaries():
		run = evallib.Runner(binary)
		k = {"fixed": 0, "partly": 0, "damaged": 0, "alone": 0,
		     "kept": 0, "fix": 0, "stay": 0, "ctl": 0}
		for name, orig, exp in cs:
			# --show trims line ends: so do the expectations
			got, orig, exp = run.body(orig), orig.rstrip(), exp.rstrip()
			if orig == exp:
				k["stay"] += 1
				k["kept"] += got == orig
				v = "kept" if got == orig else "changed"
				k["ctl"] += got != orig and got == no_controls(orig)
			else:
				k["fix"] += 1
				v = verdict(orig, exp, got)
				k[v] += 1
			if verbose and label == "current" and v not in ("fixed", "kept"):
				print("%s %s\n  in:  %r\n  exp: %r\n  got: %r" %
				      (v, name, orig, exp, got))
		res[label] = k
	labels = list(res)
	rows = [
		("must-fix fixed", {l: "%d of %d (%.0f%%)" % (res[l]["fixed"],
			res[l]["fix"], 100.0 * res[l]["fixed"] / res[l]["fix"])
			for l in labels}),
		("must-fix partly", {l: str(res[l]["partly"]) for l in labels}),
		("must-fix damaged", {l: str(res[l]["damaged"]) for l in labels}),
		("must-fix left alone", {l: str(res[l]["alone"]) for l in labels}),
		("must-stay kept", {l: "%d of %d" % (res[l]["kept"],
			res[l]["stay"]) for l in labels}),
		("  changed: controls dropped", {l: str(res[l]["ctl"])
			for l in labels}),
	]
	evallib.table(rows, labels)
	print("goal: >= 90% fixed, at most 1 must-stay changed")


main()
