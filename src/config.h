/* config.h: tread.ini: colours, layout and keys for the reader. */
#ifndef TREAD_CONFIG_H
#define TREAD_CONFIG_H

/* STUB: the reader's configuration; defined with the UI. */

#endif
