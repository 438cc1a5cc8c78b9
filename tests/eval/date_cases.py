# tests/eval/date_cases.py: dates under a title, from dateparser's test
# strings and its (CLDR-derived) month forms, for tread's seven date
# languages; baseline beside current. Reads the fetched
# scrapinghub/dateparser at eval time (nothing of it is kept in tread).
# EVAL_VERBOSE=1 lists every case the current build gets wrong or misses.
import ast
import datetime
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
import evallib
import listlib

LANGS = ("kk", "zh", "pl", "de", "en", "ru", "fr")
NAMES = {"English": "en", "French": "fr", "Russian": "ru", "German": "de",
	 "Polish": "pl", "Chinese": "zh", "Kazakh": "kk"}
MONTHS = ("january", "february", "march", "april", "may", "june", "july",
	  "august", "september", "october", "november", "december")
# How each language writes "the 21st of MONTH 2024" around a month form.
TEMPLATES = {
	"en": ("{m} 21, 2024", "21 {m} 2024"),
	"de": ("21. {m} 2024",),
	"fr": ("21 {m} 2024",),
	"pl": ("21 {m} 2024",),
	"ru": ("21 {m} 2024",),
	"kk": ("2024 жылғы 21 {m}", "21 {m} 2024"),
	"zh": ("2024年{m}21日",),
}


def has_year(s, y):
	"""Does S write the 4-digit year Y?"""
	return re.search(r"(?<!\d)%d(?!\d)" % y, s) is not None


def parser_cases(gd):
	"""(lang, string, (y, m, d)) from tests/test_date_parser.py: the
	param("...", datetime(Y, M, D ...)) lines under a "# X dates"
	comment, when the string itself writes the year."""
	src = evallib.git_show(gd, "tests/test_date_parser.py").decode("utf-8")
	langs = {}
	cur = None
	for no, line in enumerate(src.splitlines(), 1):
		m = re.match(r"\s*#\s*(\w+)(\s+dates)?\s*$", line)
		if m:
			cur = NAMES.get(m.group(1))
		langs[no] = cur
	out = []
	for node in ast.walk(ast.parse(src)):
		if not (isinstance(node, ast.Call) and getattr(node.func, "id",
		    None) == "param" and len(node.args) >= 2):
			continue
		a, b = node.args[0], node.args[1]
		if not (isinstance(a, ast.Constant) and isinstance(a.value, str)
			and isinstance(b, ast.Call) and
			getattr(b.func, "id", None) == "datetime"):
			continue
		try:
			ymd = tuple(ast.literal_eval(x) for x in b.args[:3])
		except ValueError:
			continue
		lang = langs.get(node.lineno)
		if lang in LANGS and has_year(a.value, ymd[0]):
			out.append((lang, a.value, ymd))
	return out


def english_date(t):
	"""(y, m, d) from dateparser's English translation of a test string."""
	m = re.search(r"(\d{4})-(\d\d)-(\d\d)", t)
	if m:
		return tuple(int(x) for x in m.groups())
	m = re.search(r"(\d{1,2}) (%s) (\d{4})" % "|".join(MONTHS), t)
	if m:
		return (int(m.group(3)), MONTHS.index(m.group(2)) + 1,
			int(m.group(1)))
	return None


def language_cases(gd):
	"""(lang, string, (y, m, d)) from tests/test_languages.py: the
	param(LANG, "...", "english") translations that name a full date."""
	src = evallib.git_show(gd, "tests/test_languages.py").decode("utf-8")
	out = []
	for node in ast.walk(ast.parse(src)):
		if not (isinstance(node, ast.Call) and getattr(node.func, "id",
		    None) == "param" and len(node.args) == 3):
			continue
		try:
			lang, s, t = (ast.literal_eval(x) for x in node.args)
		except ValueError:
			continue
		if lang not in LANGS or not isinstance(t, str):
			continue
		ymd = english_date(t)
		if ymd and has_year(s, ymd[0]):
			out.append((lang, s, ymd))
	return out


def month_cases(gd):
	"""(lang, string, (2024, m, 21)) for every month form of
	dateparser/data/date_translation_data/LANG.py in each template."""
	out = []
	for lang in LANGS:
		p = "dateparser/data/date_translation_data/%s.py" % lang
		tree = ast.parse(evallib.git_show(gd, p).decode("utf-8"))
		info = ast.literal_eval(tree.body[0].value)
		for k, month in enumerate(MONTHS, 1):
			for form in sorted(set(info.get(month, []))):
				for t in TEMPLATES[lang]:
					out.append((lang, t.format(m=form),
						    (2024, k, 21)))
	return out


def articles(cases):
	"""(name, article text, want) for each case: a title, the date line
	under it, a sentence of body."""
	out = []
	for i, (lang, s, ymd) in enumerate(cases):
		want = "%04d-%02d-%02d" % ymd
		out.append(("%s-%05d" % (lang, i),
			    "Eval case for tread\n%s\n\nBody text of the case.\n"
			    % s, want))
	return out


def main():
	gd = evallib.git_dir("scrapinghub+dateparser")
	evallib.need(gd, "scrapinghub/dateparser")
	cases = parser_cases(gd) + language_cases(gd) + month_cases(gd)
	arts = articles(cases)
	res = {}
	for label, binary in evallib.binaries():
		res[label] = listlib.list_cases(binary, [(n, t) for n, t, _ in arts])
	labels = [l for l, _ in evallib.binaries()]
	print("dates under the title: dateparser's test strings + its month "
	      "forms (right / wrong / none)")
	rows = []
	for lang in LANGS + ("all",):
		vals = {}
		for label in labels:
			r = w = e = 0
			for (name, _, want), (lg, s, _) in zip(arts, cases):
				if lang != "all" and lg != lang:
					continue
				got = res[label].get(name, {}).get("date", "")
				if got == want:
					r += 1
				elif got:
					w += 1
				else:
					e += 1
			vals[label] = "%s %d/%d/%d" % (listlib.pct(r, r + w + e),
						       r, w, e)
		rows.append(("dates " + lang, vals))
	evallib.table(rows, labels)
	if os.environ.get("EVAL_VERBOSE"):
		cur = res[labels[-1]]
		for (name, _, want), (lg, s, _) in zip(arts, cases):
			got = cur.get(name, {}).get("date", "")
			if got != want:
				print("  %s %-40r want %s got %s" % (lg, s, want,
								   got or "-"))


main()
