/* corpus.c: walking paths, loading articles on every core, the theme
 * table (lexicon themes, then discovered ones). */
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cache.h"
#include "corpus.h"
#include "discover.h"
#include "lexicon.h"
#include "match.h"
#include "paths.h"
#include "text.h"
#include "util.h"

#define RESIDENT_MAX	(32u << 20)	/* keep bodies when the corpus is small */
#define MAX_THREADS	8
#define MAX_DEPTH	64
#define DISCOVER_MAX	12		/* discovered themes offered */
#define PHRASES_PER	8		/* candidate phrases per article */

/* What the walk collects: file paths, and the directories already seen
 * (device, inode) so that symlink loops end. */
struct walk {
	char		**files;
	size_t		 nfiles;
	uint64_t	 bytes;
	dev_t		*dev;
	ino_t		*ino;
	size_t		 ndirs;
};

/* Storage the corpus owns beyond its arrays. */
struct corpus_priv {
	struct discovered *disc;
	size_t		 ndisc;
	struct article	 scratch;	/* the body re-read by corpus_body */
	long		 scratch_i;
};

static void walk_path(struct walk *, const char *, int depth, int explicit);

/* Records directory ST; returns 0 when it was seen before (a loop). */
static int
walk_mark_dir(struct walk *w, const struct stat *st)
{
	size_t i;

	for (i = 0; i < w->ndirs; i++)
		if (w->dev[i] == st->st_dev && w->ino[i] == st->st_ino)
			return 0;
	w->dev = xreallocarray(w->dev, w->ndirs + 1, sizeof *w->dev);
	w->ino = xreallocarray(w->ino, w->ndirs + 1, sizeof *w->ino);
	w->dev[w->ndirs] = st->st_dev;
	w->ino[w->ndirs++] = st->st_ino;
	return 1;
}

/* Walks directory PATH (already stat'ed as ST), hidden entries skipped. */
static void
walk_dir(struct walk *w, const char *path, const struct stat *st, int depth)
{
	struct dirent *de;
	struct buf b;
	DIR *d;

	if (!walk_mark_dir(w, st)) {
		warn_at(path, "directory loop, skipped");
		return;
	}
	if (depth > MAX_DEPTH) {
		warn_at(path, "directories nested too deep, skipped");
		return;
	}
	if ((d = opendir(path)) == NULL) {
		warn_at(path, "%s", strerror(errno));
		return;
	}
	buf_init(&b);
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		b.len = 0;
		buf_adds(&b, path);
		if (b.len == 0 || b.s[b.len - 1] != '/')
			buf_addc(&b, '/');
		buf_adds(&b, de->d_name);
		walk_path(w, b.s, depth + 1, 0);
	}
	buf_free(&b);
	closedir(d);
}

/* Adds PATH: a file, or a directory walked recursively. */
static void
walk_path(struct walk *w, const char *path, int depth, int explicit)
{
	struct stat st;

	if (stat(path, &st) == -1) {
		struct stat lst;

		if (errno == ENOENT && lstat(path, &lst) == 0)
			warn_at(path, "dangling symbolic link, skipped");
		else
			warn_at(path, "%s", strerror(errno));
		return;
	}
	if (S_ISDIR(st.st_mode)) {
		walk_dir(w, path, &st, depth);
		return;
	}
	if (!S_ISREG(st.st_mode)) {
		if (explicit)
			warn_at(path, "not a regular file, skipped");
		return;
	}
	w->files = xreallocarray(w->files, w->nfiles + 1, sizeof *w->files);
	w->files[w->nfiles++] = xstrdup(path);
	w->bytes += (uint64_t)st.st_size;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Shared by the loader threads. */
struct loader {
	struct walk	*w;
	struct article	*v;
	char		*ok;		/* v[i] loaded */
	struct phrase	**phr;		/* per-article key phrases */
	size_t		*nphr;
	const struct lexicon *lex;
	const struct cache *cache;
	int		 resident;
	int		 discover;
	atomic_size_t	 next;
};

/* Loads, matches and (maybe) mines article I. */
static void
load_one(struct loader *L, struct fold_cache *fc, size_t i)
{
	struct article *a = &L->v[i];
	struct match_result r;
	char err[256];

	if (L->cache != NULL && !L->discover && cache_lookup(L->cache, a) == 1) {
		L->ok[i] = 1;
		return;
	}
	if (article_load(a, L->w->files[i], err, sizeof err) == -1) {
		warn_at(L->w->files[i], "%s", err);
		return;
	}
	L->ok[i] = 1;
	match_article(L->lex, fc, a->title, a->body, a->body_len, 0, &r);
	a->hits = r.hits;
	a->nhits = (uint16_t)(r.nhits > UINT16_MAX ? UINT16_MAX : r.nhits);
	free(r.spans);
	if (L->discover)
		L->nphr[i] = discover_article(fc, a->lang, a->body, a->body_len,
		    PHRASES_PER, &L->phr[i]);
	if (!L->resident)
		article_drop_body(a);
}

static void *
loader_thread(void *arg)
{
	struct loader *L = arg;
	struct fold_cache *fc = fold_cache_new();
	size_t i;

	while ((i = atomic_fetch_add(&L->next, 1)) < L->w->nfiles)
		load_one(L, fc, i);
	fold_cache_free(fc);
	return NULL;
}

/* Runs the loader on as many threads as there are cores (one for tiny
 * corpora, where starting threads costs more than it saves). */
static void
load_all(struct loader *L)
{
	pthread_t t[MAX_THREADS];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int n, i;

	n = ncpu < 1 ? 1 : ncpu > MAX_THREADS ? MAX_THREADS : (int)ncpu;
	if (L->w->nfiles < 64)
		n = 1;
	for (i = 1; i < n; i++)
		if (pthread_create(&t[i], NULL, loader_thread, L) != 0)
			break;
	loader_thread(L);
	while (--i > 0)
		pthread_join(t[i], NULL);
}

/* Newest first; undated last; then by path, for a stable order. */
static int
cmp_article(const void *pa, const void *pb)
{
	const struct article *a = pa, *b = pb;
	int c;

	if ((a->date[0] == '\0') != (b->date[0] == '\0'))
		return a->date[0] == '\0' ? 1 : -1;
	if ((c = strcmp(b->date, a->date)) != 0)
		return c;
	return strcmp(a->path, b->path);
}

/* Adds theme T (score S) to article A's hits, after the lexicon ones. */
static void
add_hit(struct article *a, uint16_t t, float s)
{
	if (a->nhits == UINT16_MAX)
		return;
	a->hits = xreallocarray(a->hits, a->nhits + 1u, sizeof *a->hits);
	a->hits[a->nhits].theme = t;
	a->hits[a->nhits++].score = s;
}

/* Builds the theme table and gives articles their discovered themes. */
static void
build_themes(struct corpus *c, struct loader *L, size_t n)
{
	struct corpus_priv *p = c->priv;
	size_t nlex = c->lex != NULL ? lexicon_count(c->lex) : 0, i, j;

	if (L->discover)
		p->ndisc = discover_select(c->lex, L->phr, L->nphr, n,
		    DISCOVER_MAX, &p->disc);
	c->nthemes = nlex + p->ndisc;
	c->themes = xcalloc(c->nthemes, sizeof *c->themes);
	for (i = 0; i < nlex; i++) {
		c->themes[i].id = lexicon_id(c->lex, i);
		c->themes[i].label = lexicon_label(c->lex, i);
		c->themes[i].kind = THEME_LEXICON;
	}
	for (j = 0; j < p->ndisc; j++) {
		struct ctheme *t = &c->themes[nlex + j];

		t->id = p->disc[j].id;
		t->label = p->disc[j].label;
		t->kind = THEME_DISCOVERED;
		for (i = 0; i < p->disc[j].narticles; i++)
			if (p->disc[j].articles[i] < n)
				add_hit(&L->v[p->disc[j].articles[i]],
				    (uint16_t)(nlex + j), 0);
	}
}

/* Keeps the loaded articles only, sorted; counts each theme. */
static void
compact(struct corpus *c, struct loader *L, size_t n)
{
	size_t i, k = 0, h;

	for (i = 0; i < n; i++) {
		if (L->ok[i])
			L->v[k++] = L->v[i];
		else
			article_free(&L->v[i]);
	}
	qsort(L->v, k, sizeof *L->v, cmp_article);
	c->v = L->v;
	c->n = k;
	for (i = 0; i < k; i++)
		for (h = 0; h < c->v[i].nhits; h++)
			if (c->v[i].hits[h].theme < c->nthemes)
				c->themes[c->v[i].hits[h].theme].count++;
}

size_t
corpus_load(struct corpus *c, char *const *paths, size_t npaths,
    const struct lexicon *lex, int flags)
{
	struct walk w = { 0 };
	struct loader L = { 0 };
	struct cache *cache = NULL;
	char *cpath;
	size_t i, k = 0;

	memset(c, 0, sizeof *c);
	c->lex = lex;
	c->priv = xcalloc(1, sizeof(struct corpus_priv));
	((struct corpus_priv *)c->priv)->scratch_i = -1;
	for (i = 0; i < npaths; i++)
		walk_path(&w, paths[i], 0, 1);
	qsort(w.files, w.nfiles, sizeof *w.files, cmp_str);
	for (i = 0; i < w.nfiles; i++) {
		if (k > 0 && strcmp(w.files[k - 1], w.files[i]) == 0)
			free(w.files[i]);	/* named twice */
		else
			w.files[k++] = w.files[i];
	}
	w.nfiles = k;
	c->resident = (flags & CORPUS_RESIDENT) || w.bytes <= RESIDENT_MAX;
	if (!(flags & CORPUS_NOCACHE) && lex != NULL) {
		cpath = paths_cache("index");
		cache = cache_open(cpath, lexicon_hash(lex));
		free(cpath);
	}
	L.w = &w;
	L.v = xcalloc(w.nfiles, sizeof *L.v);
	L.ok = xcalloc(w.nfiles, 1);
	L.phr = xcalloc(w.nfiles, sizeof *L.phr);
	L.nphr = xcalloc(w.nfiles, sizeof *L.nphr);
	L.lex = lex;
	L.cache = c->resident ? NULL : cache;
	L.resident = c->resident;
	L.discover = !(flags & CORPUS_NODISCOVER);
	atomic_init(&L.next, 0);
	load_all(&L);
	build_themes(c, &L, w.nfiles);
	compact(c, &L, w.nfiles);
	if (cache != NULL) {
		cache_save(cache, c->v, c->n);
		cache_close(cache);
	}
	for (i = 0; i < w.nfiles; i++) {
		discover_phrases_free(L.phr[i], L.nphr[i]);
		free(w.files[i]);
	}
	free(L.phr);
	free(L.nphr);
	free(L.ok);
	free(w.files);
	free(w.dev);
	free(w.ino);
	return c->n;
}

void
corpus_free(struct corpus *c)
{
	struct corpus_priv *p = c->priv;
	size_t i;

	for (i = 0; i < c->n; i++)
		article_free(&c->v[i]);
	free(c->v);
	free(c->themes);
	if (p != NULL) {
		discover_themes_free(p->disc, p->ndisc);
		article_free(&p->scratch);
		free(p);
	}
	memset(c, 0, sizeof *c);
}

const char *
corpus_body(struct corpus *c, size_t i, size_t *len)
{
	struct corpus_priv *p = c->priv;
	char err[256];

	if (i >= c->n)
		return NULL;
	if (c->v[i].body != NULL) {
		*len = c->v[i].body_len;
		return c->v[i].body;
	}
	if (p->scratch_i != (long)i) {
		article_free(&p->scratch);
		p->scratch_i = -1;
		if (article_load(&p->scratch, c->v[i].path, err, sizeof err) == -1) {
			warn_at(c->v[i].path, "%s", err);
			return NULL;
		}
		p->scratch_i = (long)i;
	}
	*len = p->scratch.body_len;
	return p->scratch.body;
}

int
corpus_theme(const struct corpus *c, const char *id)
{
	size_t i;

	for (i = 0; i < c->nthemes; i++)
		if (strcmp(c->themes[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
corpus_has_theme(const struct corpus *c, size_t i, unsigned t)
{
	size_t h;

	for (h = 0; h < c->v[i].nhits; h++)
		if (c->v[i].hits[h].theme == t)
			return 1;
	return 0;
}

long
corpus_find(const struct corpus *c, const char *idpath)
{
	char *end;
	unsigned long id;
	size_t i;

	errno = 0;
	id = strtoul(idpath, &end, 10);
	if (*idpath >= '0' && *idpath <= '9' && *end == '\0' && errno == 0)
		return id >= 1 && id <= c->n ? (long)id - 1 : -1;
	for (i = 0; i < c->n; i++)
		if (strcmp(c->v[i].path, idpath) == 0)
			return (long)i;
	return -1;
}
