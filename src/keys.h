/* keys.h: STUB. */
