# tests/eval/listlib.py: runs a tread binary's --list once over many
# generated case files (the textmeta evals: dates, languages, titles).
import os
import shutil
import subprocess
import tempfile

COLS = ("id", "path", "date", "lang", "source", "title")


def run_cases(binary, cases, args):
	"""Writes each (name, text) of CASES to its own file in a fresh
	directory, runs BINARY --no-cache -q ARGS DIR (a private home, cache
	and state) and returns its standard output as text."""
	tmp = tempfile.mkdtemp(prefix="tread-eval-")
	try:
		d = os.path.join(tmp, "c")
		os.mkdir(d)
		for name, text in cases:
			with open(os.path.join(d, name + ".txt"), "wb") as f:
				f.write(text.encode("utf-8"))
		env = dict(os.environ, HOME=tmp, LC_ALL="C.UTF-8", TZ="UTC",
			   XDG_CONFIG_HOME=tmp, XDG_CACHE_HOME=tmp,
			   XDG_STATE_HOME=tmp, XDG_DATA_HOME=tmp)
		r = subprocess.run([binary, "--no-cache", "-q"] + list(args) +
				   [d], capture_output=True, env=env,
				   timeout=600)
		return r.stdout.decode("utf-8", "replace")
	finally:
		shutil.rmtree(tmp, ignore_errors=True)


def list_cases(binary, cases, extra=()):
	"""Runs BINARY --list on CASES (see run_cases) and returns {name:
	{column: value}}."""
	out = {}
	for line in run_cases(binary, cases,
			      ["--list"] + list(extra)).splitlines()[1:]:
		row = dict(zip(COLS, line.split("\t")))
		out[os.path.basename(row.get("path", ""))[:-4]] = row
	return out


def pct(n, total):
	"""N of TOTAL as a percentage string."""
	return "%.0f%%" % (100.0 * n / total) if total else "n/a"
