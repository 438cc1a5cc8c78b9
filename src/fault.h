/* fault.h: faults and limits of the process: SIGXFSZ ignored (a write
 * past ulimit -f fails with EFBIG instead of killing tread), and fatal
 * signals that leave the terminal usable and end tread by the signal. */
#ifndef TREAD_FAULT_H
#define TREAD_FAULT_H

/* Ignores SIGXFSZ; on SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT runs
 * the restore hook, then dies of the same signal. Called first in main. */
void	 fault_init(void);

/* The function that gives the terminal back (the UI registers endwin
 * while the screen is up, NULL after). It runs inside a signal handler
 * of a crashing process: a best effort, never a save of the state,
 * whose memory may be what broke. */
void	 fault_on_fatal(int (*restore)(void));

/* Ends the process by signal SIG with its default action (after a
 * graceful save of a SIGTERM, SIGHUP or SIGINT), so that the parent sees
 * how tread ended. Does not return. */
_Noreturn void fault_reraise(int sig);

#endif
