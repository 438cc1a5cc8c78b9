/* options.h: the parsed command line, shared by main, batch and the UI. */
#ifndef TREAD_OPTIONS_H
#define TREAD_OPTIONS_H

#include <stddef.h>
#include "batch.h"

enum mode { MODE_UI, MODE_LIST, MODE_THEMES, MODE_SHOW, MODE_ENTITIES,
    MODE_STORIES, MODE_TIMELINE };
enum color_when { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER };

struct options {
	enum mode	 mode;
	enum batch_format format;
	const char	*filter;	/* --filter QUERY */
	const char	*show;		/* --show ID|PATH */
	int		 width;		/* --width N, 0 = terminal */
	int		 highlight;	/* --highlight */
	int		 evidence;	/* --evidence */
	enum color_when	 color_when;	/* --color=WHEN */
	int		 color;		/* ...decided: colour standard output */
	const char	*complete;	/* --complete WHAT (completions/) */
	int		 by;		/* --by: enum timeline_by */
	const char	*themes_file;	/* --themes-file FILE */
	const char	*config_file;	/* --config FILE */
	const char	*encoding;	/* --encoding NAME */
	int		 load_flags;	/* CORPUS_* */
	char		**paths;
	size_t		 npaths;
};

#endif
