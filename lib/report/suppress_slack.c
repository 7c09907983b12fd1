/*
 * suppress_slack: the one-line rule of the protection step, applied
 * before any linear program.
 *
 * A "<N" cell is safe only if it can take 0 and N-1 with every published
 * line still adding up.  Taken alone, one line allows that exactly when
 * the line's other hidden cells can absorb the change: moving the cell up
 * by N-1-v needs as much room to move down elsewhere in the line (a
 * member going down, or the total going up), and moving it down by v
 * needs as much room the other way.  That is a necessary condition of the
 * audit (more lines only narrow the interval), and cheap to check: so the
 * protection step applies it to every line until nothing changes, hiding
 * the cheapest shown cell that gives the room missing, and the audit's
 * linear programs are left with the cases where lines interact.  On
 * tables where most cells are small (a fine geography, zeros hidden as
 * "<N") this removes almost all audit-and-repair rounds.
 *
 * Room of one hidden cell, as a change of the line's balance
 * (members - total): a member at v within [lo, hi] gives [lo-v, hi-v]; a
 * total gives [v-hi, v-lo]; an "x" cell has hi = infinity.
 */
#include <stdint.h>

#include "suppress_int.h"

/* A count that stands for "no bound" (an "x" cell's upper room). */
#define ROOM_INF INT64_MAX / 4

struct room {
	int64_t down, up;         /* how far the balance can go below / above */
};

/* room_of: the room cell c gives as a member (total 0) or the total. */
static struct room room_of(const struct suppress_set *s, size_t c, int total)
{
	int64_t v = s->value[c], n = s->min_count;
	struct room r;

	if (s->state[c] == SUPPRESS_PRIMARY) {
		r.down = v;
		r.up = n - 1 - v;
	} else {                  /* "x": N or more, no upper bound */
		r.down = v - n;
		r.up = ROOM_INF;
	}
	if (total) {              /* the total counts negatively */
		int64_t t = r.down;

		r.down = r.up;
		r.up = t;
	}
	return r;
}

static int64_t add_room(int64_t a, int64_t b)
{
	return a >= ROOM_INF || b >= ROOM_INF ? ROOM_INF : a + b;
}

static int64_t sub_room(int64_t a, int64_t b)
{
	if (a >= ROOM_INF)
		return ROOM_INF;
	return a - b;
}

/* line_cell: member k of line i, k == len meaning its total. */
static size_t line_cell(const struct suppress_set *s, size_t i, size_t k)
{
	return k < s->l_len[i] ? s->members[s->l_start[i] + k] : s->l_total[i];
}

/*
 * pick: the shown cell of line i to hide for `need` more room down (dir
 * 0) or up (dir 1): the cheapest member that gives it all, else the
 * member giving the most (the rule runs again), else the total.
 * SIZE_MAX when no shown cell gives any room that way.
 */
static size_t pick(const struct suppress_set *s, size_t i, int dir,
		   int64_t need)
{
	size_t k, c, n = s->l_len[i], full = SIZE_MAX, most = SIZE_MAX;
	int64_t g, gmost = 0;
	struct room r;

	for (k = 0; k <= n; k++) {
		c = line_cell(s, i, k);
		if (s->state[c] != SUPPRESS_SHOWN)
			continue;
		s->state[c] = SUPPRESS_COMPLEMENT;       /* as if hidden */
		r = room_of(s, c, k == n);
		s->state[c] = SUPPRESS_SHOWN;
		g = dir ? r.up : r.down;
		if (g <= 0)
			continue;
		if (k == n) {     /* the total: only when no member does */
			if (full == SIZE_MAX && most == SIZE_MAX)
				return c;
			continue;
		}
		if (g >= need) {
			if (full == SIZE_MAX || suppress_cheaper(s, c, full))
				full = c;
		} else if (g > gmost) {
			gmost = g;
			most = c;
		}
	}
	return full != SIZE_MAX ? full : most;
}

int suppress_slack_line(struct suppress_set *s, size_t i)
{
	size_t k, c, n = s->l_len[i], best;
	int64_t down = 0, up = 0, od, ou;
	struct room r;

	if (s->state[s->l_total[i]] == SUPPRESS_ABSENT)
		return 0;       /* a total without value: no equation shown */
	for (k = 0; k < n; k++)
		if (s->members[s->l_start[i] + k] == s->l_total[i])
			return 0;   /* a cell on both sides: the audit decides */
	for (k = 0; k <= n; k++) {
		c = line_cell(s, i, k);
		if (!SUPPRESS_HIDDEN(s->state[c]))
			continue;
		r = room_of(s, c, k == n);
		down = add_room(down, r.down);
		up = add_room(up, r.up);
	}
	for (k = 0; k <= n; k++) {
		c = line_cell(s, i, k);
		if (s->state[c] != SUPPRESS_PRIMARY)
			continue;
		r = room_of(s, c, k == n);
		od = sub_room(down, r.down);    /* room of the others */
		ou = sub_room(up, r.up);
		/* The cell's own move up (r.up) needs the others down, its
		 * move down (r.down) needs the others up. */
		if (od < r.up && (best = pick(s, i, 0, r.up - od)) != SIZE_MAX) {
			s->state[best] = SUPPRESS_COMPLEMENT;
			return 1;
		}
		if (ou < r.down &&
		    (best = pick(s, i, 1, r.down - ou)) != SIZE_MAX) {
			s->state[best] = SUPPRESS_COMPLEMENT;
			return 1;
		}
	}
	return 0;
}
