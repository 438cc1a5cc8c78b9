/* config.h: tread.ini: colours, layout and keys for the reader. */
#ifndef TREAD_CONFIG_H
#define TREAD_CONFIG_H

#include <stddef.h>

/*
 * The screen elements that have a style, with their built-in colour and
 * monochrome defaults (data/tread.ini documents the same values).
 *	ELEM(name, "colour default", "monochrome default")
 */
#define CONFIG_ELEMENTS \
	ELEM(normal,	"default default",	"normal") \
	ELEM(header,	"black cyan",		"reverse") \
	ELEM(status,	"black cyan",		"reverse") \
	ELEM(message,	"default default",	"normal") \
	ELEM(error,	"red default bold",	"bold") \
	ELEM(cursor,	"white blue bold",	"reverse") \
	ELEM(cursor_idle, "default default reverse", "underline") \
	ELEM(unread,	"default default bold",	"bold") \
	ELEM(date,	"default default",	"normal") \
	ELEM(lang,	"magenta default",	"normal") \
	ELEM(source,	"green default",	"normal") \
	ELEM(marks,	"red default",		"normal") \
	ELEM(title,	"default default bold",	"bold") \
	ELEM(meta,	"green default",	"normal") \
	ELEM(evidence,	"black green",		"underline") \
	ELEM(search,	"black yellow",		"reverse") \
	ELEM(selected,	"red default bold",	"bold") \
	ELEM(group,	"default default bold underline", "underline") \
	ELEM(key,	"default default bold",	"bold") \
	ELEM(border,	"default default",	"normal")

enum config_elem {
#define ELEM(name, color, mono) CFG_##name,
	CONFIG_ELEMENTS
#undef ELEM
	CFG_NELEM
};

/* Attribute bits of a style (the UI maps them to curses). */
#define CFG_BOLD	0x01
#define CFG_UNDERLINE	0x02
#define CFG_REVERSE	0x04
#define CFG_DIM		0x08
#define CFG_STANDOUT	0x10
#define CFG_ITALIC	0x20

#define CFG_DEFAULT	(-1)	/* the terminal's own colour */

/* A style: foreground, background (0-255 or CFG_DEFAULT), attributes. */
struct config_style {
	short		 fg;
	short		 bg;
	unsigned	 attrs;
};

/* A [keys] entry: the action's name and its new key names. */
struct config_key {
	char		*action;
	char		*keys;
	char		*file;		/* the file it is from */
	int		 line;
};

struct config {
	struct config_style color[CFG_NELEM];	/* [colors] */
	struct config_style mono[CFG_NELEM];	/* [mono]: attrs only */
	int		 side_width;	/* [layout] side_width, columns */
	int		 list_percent;	/* [layout] list_height, % of rows */
	int		 side_panel;	/* [layout] side_panel: shown at start */
	int		 mouse;		/* [layout] mouse */
	int		 mark_read;	/* [layout] mark_read: on opening */
	int		 preview;	/* [layout] preview: reader follows list */
	int		 side_percent;	/* [layout] side_percent: wide screens */
	int		 text_width;	/* [layout] text_width: 0 = the pane's */
	struct config_key *keys;
	size_t		 nkeys;
	char		*path;		/* the file read, or NULL */
};

/* Fills C with the built-in defaults. */
void	 config_defaults(struct config *);

/*
 * Reads PATH over the defaults in C (call config_defaults first). Unknown
 * sections and keys are warned about ("FILE:LINE: ...") and ignored; a
 * bad value is an error. Returns 0, or -1 with "FILE:LINE: reason" in ERR.
 */
int	 config_load(struct config *, const char *path, char *err,
	    size_t errlen);
void	 config_free(struct config *);

/* Parses a style, "fg [bg] [attribute...]" (colours: default, black, red,
 * green, yellow, blue, magenta, cyan, white, brightred..., color0 to
 * color255; attributes: normal, bold, underline, reverse, dim, standout,
 * italic). 0, or -1 with the bad word in ERR. */
int	 config_parse_style(const char *spec, struct config_style *,
	    char *err, size_t errlen);

/* The name of element E ("cursor_idle"), or NULL past the end. */
const char *config_elem_name(int e);

#endif
