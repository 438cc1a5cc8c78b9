# tests/eval/lang_cases.py: the language of Lingua's test sentences
# (pemistahl/lingua-py or another fetched Lingua repository with
# language-testdata/sentences), baseline beside current: right / empty /
# wrong for the languages that were confused with tread's (uk be bg tr pt
# nl), right for tread's first seven-plus, empty-or-right for languages
# tread has no profile for, and the same for headline-only files.
# Nothing of Lingua's data is kept in tread. EVAL_VERBOSE=1 prints misses.
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import evallib
import listlib

NEW = ("uk", "be", "bg", "tr", "pt", "nl")
KNOWN = ("en", "de", "fr", "es", "it", "pl", "ru", "kk", "zh")
# Languages tread had no profile for when this eval was written (sv, ca,
# af, da, nb, fi, et, ro and mk have one now): an answer must be empty
# or right.
OTHER = ("cs", "sk", "sl", "hr", "sv", "da", "nb", "ro", "hu", "fi", "et",
	 "lt", "lv", "ca", "sr", "mk", "mn", "az", "id", "af", "sq", "eo")
PER_LANG = int(os.environ.get("EVAL_SENTENCES", "300"))


def cases():
	"""(name, lang, text of the sentence file, text of the headline file)."""
	out = []
	for lang in NEW + KNOWN + OTHER:
		s = evallib.lingua_sentences(lang)
		if not s:
			continue
		for i, line in enumerate(s[:PER_LANG]):
			out.append(("%s-%04d" % (lang, i), lang, line))
	return out


def tally(res, cs, langs):
	"""{lang: (right, empty, wrong)} over the cases of LANGS."""
	t = {}
	for name, lang, _ in cs:
		if lang not in langs:
			continue
		got = res.get(name, {}).get("lang", "")
		r, e, w = t.get(lang, (0, 0, 0))
		t[lang] = (r + (got == lang), e + (got == ""),
			   w + (got not in ("", lang)))
	return t


def fmt(x):
	"""right/empty/wrong as "R% E% W%"."""
	r, e, w = x
	n = r + e + w
	return "%s %s %s" % (listlib.pct(r, n), listlib.pct(e, n),
			     listlib.pct(w, n))


def main():
	cs = cases()
	if not cs:
		evallib.need(None, "a Lingua repository with language-testdata")
	labels = [l for l, _ in evallib.binaries()]
	body, head = {}, {}
	for label, binary in evallib.binaries():
		body[label] = listlib.list_cases(binary, [(n, "%s\n\n%s\n" %
		    (s, s)) for n, _, s in cs])
		head[label] = listlib.list_cases(binary, [(n, s + "\n")
		    for n, _, s in cs])
	for what, res in (("sentence files", body), ("headline-only files",
			  head)):
		print("language of %d Lingua sentences per language, %s "
		      "(right empty wrong)" % (PER_LANG, what))
		rows = []
		tl = {l: tally(res[l], cs, NEW + KNOWN + OTHER) for l in labels}
		for lang in NEW + KNOWN:
			rows.append((lang, {l: fmt(tl[l].get(lang, (0, 0, 0)))
					    for l in labels}))
		vals = {}
		for l in labels:
			r = e = w = 0
			for lang in OTHER:
				x = tl[l].get(lang, (0, 0, 0))
				r, e, w = r + x[0], e + x[1], w + x[2]
			vals[l] = "%s ok (%d wrong)" % (listlib.pct(r + e,
				r + e + w), w)
		rows.append(("%d others" % len(OTHER), vals))
		evallib.table(rows, labels)
		print()
	if os.environ.get("EVAL_VERBOSE"):
		cur = body[labels[-1]]
		for name, lang, s in cs:
			got = cur.get(name, {}).get("lang", "")
			if got != lang and (lang not in OTHER or got):
				print("  %s got %-3s %s" % (lang, got or "-", s[:90]))


main()
