/* fault.c: SIGXFSZ ignored; fatal signals give the terminal back and end
 * the process by the same signal. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fault.h"

/* Global: the fatal-signal handler calls it (the UI's restore hook). */
static int (*volatile fault_restore)(void);

/* The handler of the synchronous fatal signals. */
static void
on_fatal(int sig)
{
	int (*restore)(void) = fault_restore;

	fault_restore = NULL;	/* a fault inside it must not loop */
	if (restore != NULL)
		restore();
	fault_reraise(sig);
}

void
fault_init(void)
{
	static const int fatal[] = { SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT };
	struct sigaction sa;
	size_t i;

	signal(SIGXFSZ, SIG_IGN);
#if defined(__SANITIZE_ADDRESS__)
	return;		/* the sanitizer's own handler reports the fault */
#endif
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_fatal;
	sa.sa_flags = SA_RESETHAND | SA_NODEFER;
	for (i = 0; i < sizeof fatal / sizeof *fatal; i++)
		sigaction(fatal[i], &sa, NULL);
}

void
fault_on_fatal(int (*restore)(void))
{
	fault_restore = restore;
}

_Noreturn void
fault_reraise(int sig)
{
	sigset_t set;

	signal(sig, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig);	/* a signal whose default is to be ignored */
}
