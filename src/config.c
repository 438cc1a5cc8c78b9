/* config.c: STUB until the config module lands. */
#include "config.h"
