/* warn.h: warnings and errors on stderr (warn.c). */
#ifndef TREAD_WARN_H
#define TREAD_WARN_H

#include <stdarg.h>

/*
 * Warnings and errors: "tread: WHERE: message" on stderr. WHERE (a path,
 * or "path:line") is passed through the output sanitiser, so a hostile
 * file name cannot reach the terminal as a control sequence.
 */
void	 warn_at(const char *where, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
void	 vwarn_at(const char *where, const char *fmt, va_list);
/* The same for an error that ends the run: said even under --quiet. */
void	 err_at(const char *where, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
extern int warn_quiet;		/* set by tests and --quiet */

/*
 * A status line on stderr (a terminal: the caller checks), rewritten in
 * place by each call and erased by warn_status_end; a warning meanwhile
 * erases it and takes the line (the next status comes below it).
 */
void	 warn_status(const char *fmt, ...)
	    __attribute__((format(printf, 1, 2)));
void	 warn_status_end(void);

#endif
