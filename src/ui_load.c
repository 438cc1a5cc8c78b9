/* ui_load.c: the reader's cold start: the corpus loaded on a thread of its own while the screen shows the articles read so far, with the files done in the status line. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "corpus.h"
#include "options.h"
#include "ui_view.h"
#include "util.h"

#define LOAD_WAIT_MS	150	/* a small corpus is shown whole at once */
#define PEEK_MIN	0.25	/* seconds between two partial lists */

/* Global: the load in progress (one per run: the reader's first), shared
 * with its thread. */
static struct {
	pthread_t	 tid;
	int		 running;	/* started, not yet joined */
	int		 shown;		/* a partial list was shown */
	struct corpus_live *live;
	struct corpus	 fresh;		/* what the load fills */
	atomic_size_t	 done, total;	/* files, as last reported */
	atomic_int	 event;		/* progress or the end to show */
	atomic_int	 finished;	/* the thread is done with FRESH */
	double		 t0, next_peek;
} LD;

/* The load's progress (on its thread): noted, and the main loop woken. */
static void
load_report(void *arg, const struct corpus_progress *p)
{
	(void)arg;
	atomic_store(&LD.done, p->done);
	atomic_store(&LD.total, p->total);
	atomic_store(&LD.event, 1);
	ui_wake();
}

/* The thread: the whole load, telling LD.live of each article read. */
static void *
load_thread(void *arg)
{
	struct ui *ui = arg;

	corpus_load_live(&LD.fresh, ui->opts->paths, ui->opts->npaths,
	    ui->lex, ui->opts->load_flags, load_report, NULL, LD.live);
	atomic_store(&LD.finished, 1);
	atomic_store(&LD.event, 1);
	ui_wake();
	return NULL;
}

/* Waits for the thread and shows the corpus it loaded. */
static void
load_join(struct ui *ui)
{
	if (!LD.running)
		return;
	if (!pthread_equal(LD.tid, pthread_self()))
		pthread_join(LD.tid, NULL);
	LD.running = 0;
	ui_take_corpus(ui, &LD.fresh);
	memset(&LD.fresh, 0, sizeof LD.fresh);
	corpus_live_free(LD.live);
	LD.live = NULL;
}

int
ui_load_begin(struct ui *ui)
{
	struct timespec step = { 0, 5 * 1000 * 1000 };
	sigset_t all, old;
	const char *slow;
	int k;

	if (!corpus_pending(ui->c))
		return 0;
	LD.live = corpus_live_new();
	if ((slow = getenv("TREAD_TEST_SLOW_LOAD")) != NULL)
		corpus_live_slow(LD.live, (unsigned)strtoul(slow, NULL, 10));
	LD.t0 = util_now();
	LD.next_peek = LD.t0 + 0.1;
	/* signals stay with the main thread (SIGWINCH must wake its poll) */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	LD.running = pthread_create(&LD.tid, NULL, load_thread, ui) == 0;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (!LD.running) {	/* no thread: the load before the screen */
		load_thread(ui);
		LD.running = 1;
		LD.tid = pthread_self();
	}
	for (k = 0; k < LOAD_WAIT_MS / 5 && !atomic_load(&LD.finished); k++)
		nanosleep(&step, NULL);
	return atomic_load(&LD.finished) ? ui_load_event(ui) : 0;
}

int
ui_load_poll(void)
{
	return atomic_exchange(&LD.event, 0);
}

int
ui_load_event(struct ui *ui)
{
	struct corpus part;
	double t = util_now(), cost;

	if (atomic_load(&LD.finished)) {
		load_join(ui);
		atomic_store(&LD.finished, 0);
		if (ui->c->n == 0)
			ui_message(ui, 1, "no articles could be loaded");
		else if (LD.shown)
			ui_message(ui, 0, "loaded: %zu article%s in %.1f s",
			    ui->c->n, PLURAL(ui->c->n), util_now() - LD.t0);
		return UI_REDRAW;
	}
	/* a partial list at most every PEEK_MIN seconds, and never more
	 * than a quarter of the time (at 100,000 articles each costs) */
	if (LD.running && t >= LD.next_peek &&
	    corpus_live_peek(LD.live, &part)) {
		ui_take_corpus(ui, &part);
		LD.shown = 1;
		cost = util_now() - t;
		LD.next_peek = util_now() + (3 * cost > PEEK_MIN ? 3 * cost :
		    PEEK_MIN);
	}
	return UI_REDRAW;	/* the status line's count of files */
}

void
ui_load_end(struct ui *ui)
{
	if (!LD.running)
		return;
	corpus_live_stop(LD.live);
	load_join(ui);
	atomic_store(&LD.finished, 0);
}

void
ui_load_describe(const struct ui *ui, struct buf *b)
{
	(void)ui;
	if (!LD.running)
		return;
	buf_addf(b, " loading %zu/%zu files, filters apply to what is loaded "
	    "", atomic_load(&LD.done), atomic_load(&LD.total));
}
