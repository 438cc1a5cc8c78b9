/* ui.h: the interactive three-pane reader. */
#ifndef TREAD_UI_H
#define TREAD_UI_H

struct options;
struct corpus;
struct lexicon;

/* Runs the reader on a loaded corpus until the user quits. Returns the
 * exit status (0, or 1 when the terminal cannot be used). */
int	ui_run(const struct options *, struct corpus *, const struct lexicon *);

#endif
