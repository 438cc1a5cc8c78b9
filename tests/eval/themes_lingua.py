# tests/eval/themes_lingua.py: a precision probe of the theme lexicon on
# Lingua's test sentences (pemistahl/lingua-py language-testdata): in each
# language, 50 files of 20 consecutive sentences on everything and
# nothing. Few of them are about one of the themes, so the themes tread
# gives them are mostly false: their count per language, and the words
# behind them (EVAL_VERBOSE=1), show a term reading another language's
# ordinary word (a folded Czech "může" for a museum, a Danish "med" for
# copper). Nothing of Lingua's data is kept in tread.
import json
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
import evallib
import listlib

LANGS = ("en", "de", "fr", "pl", "ru", "kk", "zh", "es", "it", "pt", "nl",
	 "uk", "tr", "cs", "sk", "hu", "ro", "sv", "da", "nb", "fi", "bg",
	 "be", "sr", "hr", "sl", "et", "ar", "fa", "ja", "ko")
PER_FILE, FILES = 20, 50


def themes(binary, files):
	"""{name: (themes, evidence texts per theme)} of BINARY on FILES."""
	out = {}
	for a in json.loads(listlib.run_cases(binary, files, [
			"--list", "--format", "json", "--evidence"]) or "[]"):
		name = os.path.basename(a["path"])[:-4]
		ev = {t: [e["text"] for e in a.get("evidence", [])
			  if e["theme"] == t] for t in a["themes"]}
		out[name] = (a["themes"], ev)
	return out


def main():
	files = []
	for lang in LANGS:
		s = evallib.lingua_sentences(lang)
		for i in range(FILES if s else 0):
			part = s[i * PER_FILE:(i + 1) * PER_FILE]
			if part:
				files.append(("%s-%02d" % (lang, i), "Notes %d\n\n%s\n"
					      % (i, "\n\n".join(part))))
	if not files:
		evallib.need(None, "a Lingua repository with language-testdata")
	res = themes(os.environ.get("TREAD", "src/tread"), files)
	print("themes on %d files of %d Lingua sentences per language "
	      "(files with a theme, themes given)" % (FILES, PER_FILE))
	total = 0
	for lang in LANGS:
		got = [v for k, v in sorted(res.items()) if k.startswith(lang + "-")]
		if not got:
			continue
		n = sum(len(t) for t, _ in got)
		total += n
		print("  %-3s %3d %3d" % (lang, sum(1 for t, _ in got if t), n))
		if os.environ.get("EVAL_VERBOSE"):
			for t, ev in got:
				for th in t:
					print("      %s: %s" % (th, ", ".join(ev[th][:8])))
	print("  all %d themes on %d files" % (total, len(res)))


main()
