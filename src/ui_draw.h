/* ui_draw.h: colours and the one safe way to put text on the screen. */
#ifndef TREAD_UI_DRAW_H
#define TREAD_UI_DRAW_H

#include "ui_view.h"

/* Sets up colour pairs (or monochrome attributes when the terminal has
 * no colours or NO_COLOR is set) from the configuration. */
void	 ui_colors_init(struct ui *);

/*
 * Draws S (LEN bytes of UTF-8) at the cursor of WIN with ATTR, at most
 * COLS columns and never past the window's right edge: sanitised first,
 * transliterated to ASCII on a non-UTF-8 terminal, cut at a character
 * boundary by display width. Returns the columns used.
 */
int	 ui_text(struct ui *, WINDOW *, const char *s, size_t len, int cols,
	    attr_t attr);
/* The same for a NUL-terminated string. */
int	 ui_str(struct ui *, WINDOW *, const char *s, int cols, attr_t);
/* Pads with COLS spaces (fewer at the window's edge) in ATTR. */
void	 ui_pad(WINDOW *, int cols, attr_t);
/* A whole line: S at (Y, X), padded to COLS with ATTR, cut with an
 * ellipsis when it does not fit (headers say they were cut). */
void	 ui_line(struct ui *, WINDOW *, int y, int x, const char *s, int cols,
	    attr_t);
/* S aligned to the right of line Y of WIN (what fits). */
int	 ui_right(struct ui *, WINDOW *, int y, const char *s, attr_t);
/* S (LEN bytes) in at most COLS columns, cut with an ellipsis ("…", or
 * "..." in ASCII) when it does not fit: its end cut, or with KEEP_END its
 * start ("…/articles/a.txt"). Returns the columns used. */
int	 ui_cut(struct ui *, WINDOW *, const char *s, size_t len, int cols,
	    attr_t, int keep_end);
/* Display columns of S on this terminal (ASCII width when not UTF-8). */
int	 ui_width(struct ui *, const char *s, size_t len);

/* The first cell of a pane's header: a mark ("▶", or ">" in ASCII)
 * when the pane has the focus, else a space. */
const char *ui_focus_mark(struct ui *, int focused);

/* The columns of the themes panel's rows: its window's, less the
 * border's column when a pane is beside it. */
int	 ui_panel_cols(struct ui *, WINDOW *);

/* The one-character mark of theme T, shared by the list and the panel:
 * 1-9, a-z, then '+'. */
int	 ui_theme_mark(size_t t);

/* A vertical border at column X of WIN, the whole height. */
void	 ui_vline(struct ui *, WINDOW *, int x, attr_t);

/* The one movement mapping of every scrolling pane: 1 when A moves (a
 * line, a page or half of one of PAGE rows, or to either end of ALL
 * rows), with the rows in *DELTA and *PAGED set for page moves; 0 for
 * any other action. */
int	 ui_movement(enum action a, long page, long all, long *delta,
	    int *paged);

#endif
