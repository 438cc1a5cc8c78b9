/* ui_stories.c: the list folded into stories: one row per story, with its language badges. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "story.h"
#include "ui_draw.h"
#include "ui_view.h"
#include "util.h"

size_t
ui_stories_fold(struct ui *ui, size_t *rows, size_t n)
{
	const struct story_index *si = story_index(ui->c);
	unsigned char *seen = xcalloc(si->n + 1, 1);
	size_t r, k = 0;

	/* the first row of each story, in list order, stands for it */
	for (r = 0; r < n; r++) {
		uint32_t s = si->of[rows[r]];

		if (seen[s])
			continue;
		seen[s] = 1;
		rows[k++] = rows[r];
	}
	free(seen);
	return k;
}

int
ui_stories_badges(struct ui *ui, WINDOW *win, size_t art, int cols,
    attr_t attr, attr_t count_attr)
{
	const struct story_index *si = story_index(ui->c);
	const struct story *s = &si->v[si->of[art]];
	char badges[sizeof s->langs + 4], count[24];
	size_t i;
	int used;

	/* "[en pl ru] " then "(3) ": the story's languages, its size */
	snprintf(badges, sizeof badges, "[%s] ", s->langs);
	for (i = 0; badges[i] != '\0'; i++)
		if (badges[i] == ',')
			badges[i] = ' ';
	used = ui_str(ui, win, badges, cols, attr);
	if (s->narticles < 2)
		return used;
	snprintf(count, sizeof count, "(%zu) ", s->narticles);
	return used + ui_str(ui, win, count, cols - used, count_attr);
}

long
ui_stories_next(struct ui *ui, size_t art, int dir)
{
	const struct story_index *si = story_index(ui->c);
	size_t i;

	/* art's place in the filter's list order, then the next of its
	 * story that way */
	for (i = 0; i < ui->narts && ui->arts[i] != art; i++)
		;
	if (i == ui->narts)
		return -1;
	while (dir > 0 ? i + 1 < ui->narts : i > 0) {
		i = dir > 0 ? i + 1 : i - 1;
		if (si->of[ui->arts[i]] == si->of[art])
			return (long)ui->arts[i];
	}
	return -1;
}
