/* number.h: numbers in text as values, whatever the language writes: "1.2 million", "1,2 миллиона", "120万", "1 200 000". */
#ifndef TREAD_NUMBER_H
#define TREAD_NUMBER_H

#include <stddef.h>

struct token;

/*
 * Reads the number that starts at token *J of TOK[0..N) (text_tokens of
 * TEXT), if it is one: digits, with groups of three after a comma, dot
 * or space ("100,000", "100 000"), a decimal part after a comma or dot
 * of one or two digits ("1,2", "3.5"), then a scale word or character
 * (thousand, million, billion and their forms in de pl ru kk fr, "млн",
 * "млрд", 千 万 亿). On a number, sets *VALUE, moves *J to its last token
 * and returns 1; else 0 (J unchanged).
 */
int	 number_at(const char *text, const struct token *tok, size_t n,
	    size_t *j, double *value);

#endif
