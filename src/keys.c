/* keys.c: STUB. */
