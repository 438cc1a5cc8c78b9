# tests/eval/evallib.py: what the decode evals share: reading fetched git
# material, running a tread binary's --show on a text, the side-by-side table.
import os
import subprocess
import sys
import tempfile

MATERIAL = os.environ.get("EVAL_MATERIAL", "/work/.mirror")
TITLE = "Eval case for tread"


def git_dir(owner_name):
	"""The git directory of a fetched repository, or None."""
	for d in (os.path.join(MATERIAL, owner_name, "repo"),
		  os.path.join(MATERIAL, owner_name)):
		if os.path.isdir(os.path.join(d, "objects")):
			return d
	return None


def git_files(gd):
	"""Every path in the newest commit of git directory GD."""
	out = subprocess.run(["git", "--git-dir", gd, "ls-tree", "-r",
			      "--name-only", "HEAD"], capture_output=True, check=True)
	return out.stdout.decode("utf-8", "replace").splitlines()


def git_show(gd, path):
	"""The bytes of PATH at HEAD of GD."""
	return subprocess.run(["git", "--git-dir", gd, "show", "HEAD:" + path],
			      capture_output=True, check=True).stdout


def binaries():
	"""(label, path) of the baseline and the current build that exist."""
	cur = os.environ.get("TREAD", "src/tread")
	base = os.environ.get("TREAD_BASELINE", "/work/baseline/src/tread")
	out = []
	if os.access(base, os.X_OK):
		out.append(("baseline", base))
	out.append(("current", cur))
	return out


class Runner:
	"""Runs one tread binary on files in a private temporary home."""

	def __init__(self, binary, extra=()):
		self.binary = binary
		self.extra = list(extra)
		self.tmp = tempfile.mkdtemp(prefix="tread-eval-")
		self.n = 0
		self.env = dict(os.environ, HOME=self.tmp, LC_ALL="C.UTF-8",
				XDG_CONFIG_HOME=self.tmp, XDG_CACHE_HOME=self.tmp,
				XDG_STATE_HOME=self.tmp, XDG_DATA_HOME=self.tmp,
				TZ="UTC")
		# each build reads the data of its own tree (the baseline's
		# may not parse today's)
		data = os.path.join(os.path.dirname(os.path.dirname(
			os.path.abspath(binary))), "data")
		if os.path.isdir(data):
			self.env["TREAD_DATADIR"] = data

	def show_bytes(self, data, width=1000, extra=()):
		"""tread --show on a file holding DATA: its stdout as text."""
		self.n += 1
		path = os.path.join(self.tmp, "case%05d.txt" % self.n)
		with open(path, "wb") as f:
			f.write(data)
		r = subprocess.run([self.binary, "--no-cache", "-q", "--width",
				    str(width)] + self.extra + list(extra) +
				   ["--show", path], capture_output=True,
				   env=self.env, timeout=20)
		os.unlink(path)
		return r.stdout.decode("utf-8", "replace")

	def body(self, text, width=1000, raw=None, extra=()):
		"""The body tread shows for TEXT under a fixed title line."""
		data = raw if raw is not None else \
			(TITLE + "\n\n" + text + "\n").encode("utf-8")
		out = self.show_bytes(data, width, extra)
		lines = out.split("\n")
		# title line(s), the meta line, an empty line, then the body
		for i, l in enumerate(lines):
			if l == "" and i >= 2:
				return "\n".join(lines[i + 1:]).rstrip("\n")
		return ""


def table(rows, labels):
	"""Prints ROWS (name, {label: value}) with one column per label."""
	w = max(len(r[0]) for r in rows) + 2
	print("%-*s" % (w, "check") + "".join("%-22s" % l for l in labels))
	for name, vals in rows:
		print("%-*s" % (w, name) + "".join("%-22s" % vals.get(l, "-")
						    for l in labels))


def need(gd, what):
	"""Says the material is missing and exits 0 (the suite is skipped)."""
	if gd is None:
		print("skipped: %s not under %s" % (what, MATERIAL))
		sys.exit(0)


def lingua_sentences(lang):
	"""Lingua's test sentences in LANG (ISO 639-1), or None when no
	fetched Lingua repository holds them."""
	import re
	pat = re.compile(r"(^|/)sentences/%s\.txt$" % re.escape(lang))
	if not os.path.isdir(MATERIAL):
		return None
	for d in sorted(os.listdir(MATERIAL)):
		if "lingua" not in d.lower():
			continue
		gd = git_dir(d)
		if gd is None:
			continue
		for p in git_files(gd):
			if pat.search(p):
				text = git_show(gd, p).decode("utf-8", "replace")
				return [l for l in text.splitlines() if l.strip()]
	return None


def shipped_lines(lang, top):
	"""The non-empty lines of tread's own test articles in LANG."""
	out = []
	d = os.path.join(top, "tests", "data", "articles")
	for f in sorted(os.listdir(d)):
		if f.startswith(lang + "_"):
			with open(os.path.join(d, f), encoding="utf-8") as fp:
				out += [l.strip() for l in fp if l.strip()]
	return out


def sentences(lang, top):
	"""(source name, lines) in LANG: Lingua's if fetched, else shipped."""
	s = lingua_sentences(lang)
	if s:
		return "lingua", s
	return "shipped", shipped_lines(lang, top)
