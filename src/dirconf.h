/* dirconf.h: a directory's own settings for the files in it (.tread.ini:
 * [decode] encoding, [date] order). */
#ifndef TREAD_DIRCONF_H
#define TREAD_DIRCONF_H

/* The encoding the nearest .tread.ini up from PATH's directory names for
 * it ([decode] encoding, one iconv knows), or NULL: detect. */
const char	*dirconf_encoding(const char *path);

/* The order of day and month the nearest .tread.ini names for PATH
 * ([date] order = auto|dmy|mdy): a DATE_ORDER_* of date.h. */
int		 dirconf_date_order(const char *path);

#endif
