/* lines.c — lines mode around vrp_solve (lines.h): day-sets, the reduced problem over them,
 * aligning the arrival times of stops on several lines (earliest departures by difference
 * constraints, then visit moves), and the expansion to the real days.
 * SPDX-License-Identifier: MIT */
#include "solver/lines.h"

#include <stdlib.h>
#include <string.h>

#include "solver/solve.h"
#include "util/mem.h"

#define MAX_SETS 12 /* line patterns are enumerated over all subsets of the day-sets */

void vrp_lines_params_init(vrp_lines_params *lp)
{
    memset(lp, 0, sizeof *lp);
    lp->start_step = 1;
}

uint32_t vrp_lines_day_sets(uint32_t n_days, uint32_t freq, uint32_t *sets)
{
    uint32_t n = 0, taken = 0;
    for (uint32_t s = 0; s < n_days; s++) {
        uint32_t m = 0;
        for (uint32_t k = 0; k < freq; k++)
            m |= UINT32_C(1) << ((s + k * n_days / freq) % n_days);
        if ((uint32_t)__builtin_popcount(m) != freq || (m & taken))
            continue;
        sets[n++] = m;
        taken |= m;
    }
    uint32_t all = n_days >= 32 ? UINT32_MAX : (UINT32_C(1) << n_days) - 1;
    if (all & ~taken)
        sets[n++] = all & ~taken;
    return n;
}

/* ---- the reduced problem ------------------------------------------------------------------ */

typedef struct reduced {
    vrp_problem p;      /* days = day-sets */
    vrp_node *nodes;    /* [n_nodes] */
    uint32_t **pats;    /* [n_nodes] line patterns (masks over day-sets), owned */
    vrp_vehicle *veh;   /* copies: one per (vehicle, day-set it works all days of) */
    uint32_t *copy_veh; /* [n copies] original vehicle */
    uint32_t *copy_set; /* [n copies] day-set */
} reduced;

static uint32_t set_union(const vrp_lines_params *lp, uint32_t m)
{
    uint32_t u = 0;
    for (uint32_t j = 0; j < lp->n_sets; j++)
        if (m >> j & 1)
            u |= lp->sets[j];
    return u;
}

/* Stop i's line patterns: the masks of day-sets whose union holds one of its allowed patterns,
 * with the fewest days, then the fewest day-sets. */
static void line_patterns(const vrp_problem *p, const vrp_lines_params *lp, uint32_t i,
                          vrp_node *nd, uint32_t **out)
{
    uint32_t n_masks = UINT32_C(1) << lp->n_sets;
    int best_days = 99, best_sets = 99;
    uint32_t *pats = xmallocarray(n_masks, sizeof *pats), n = 0;
    for (int pass = 0; pass < 2; pass++)
        for (uint32_t m = 1; m < n_masks; m++) {
            uint32_t u = set_union(lp, m);
            bool holds = false;
            for (uint32_t k = 0; k < p->nodes[i].n_patterns && !holds; k++) {
                uint32_t pat = p->nodes[i].patterns[k];
                holds = vrp_pattern_valid(p, i, pat) && (pat & ~u) == 0;
            }
            if (!holds)
                continue;
            int days = __builtin_popcount(u), ns = __builtin_popcount(m);
            if (pass == 0 && (days < best_days || (days == best_days && ns < best_sets))) {
                best_days = days;
                best_sets = ns;
            } else if (pass == 1 && days == best_days && ns == best_sets) {
                pats[n++] = m;
            }
        }
    nd->freq = best_sets == 99 ? 1 : (uint32_t)best_sets; /* no pattern: diagnosed as such */
    nd->n_patterns = n;
    nd->patterns = pats;
    *out = pats;
}

static void reduced_build(reduced *R, const vrp_problem *p, const vrp_lines_params *lp)
{
    memset(R, 0, sizeof *R);
    R->nodes = xcalloc(p->n_nodes, sizeof *R->nodes);
    R->pats = xcalloc(p->n_nodes, sizeof *R->pats);
    for (uint32_t i = 0; i < p->n_nodes; i++) {
        R->nodes[i] = p->nodes[i];
        if (i >= p->n_depots && p->nodes[i].freq)
            line_patterns(p, lp, i, &R->nodes[i], &R->pats[i]);
    }
    size_t nc = (size_t)p->n_vehicles * lp->n_sets;
    R->veh = xcalloc(nc ? nc : 1, sizeof *R->veh);
    R->copy_veh = xcalloc(nc ? nc : 1, sizeof *R->copy_veh);
    R->copy_set = xcalloc(nc ? nc : 1, sizeof *R->copy_set);
    uint32_t n = 0;
    for (uint32_t v = 0; v < p->n_vehicles; v++) {
        /* a van's weekly cost is shared by its copies: the reduced problem cannot tell that two
         * copies are one van; the plan's own cost charges it once (expand) */
        int64_t copies = 0;
        for (uint32_t j = 0; j < lp->n_sets; j++)
            copies += (p->vehicles[v].days & lp->sets[j]) == lp->sets[j];
        for (uint32_t j = 0; j < lp->n_sets; j++) {
            if ((p->vehicles[v].days & lp->sets[j]) != lp->sets[j])
                continue;
            int64_t w = __builtin_popcount(lp->sets[j]);
            vrp_vehicle c = p->vehicles[v];
            c.days = UINT32_C(1) << j;
            c.weekly_cost = copies ? p->vehicles[v].weekly_cost / copies : 0;
            c.fixed_cost *= w;
            c.cost_per_dist *= w;
            c.cost_per_time *= w;
            R->veh[n] = c;
            R->copy_veh[n] = v;
            R->copy_set[n++] = j;
        }
    }
    R->p = *p;
    R->p.n_days = lp->n_sets;
    R->p.nodes = R->nodes;
    R->p.n_vehicles = n;
    R->p.vehicles = R->veh;
}

static void reduced_free(reduced *R, uint32_t n_nodes)
{
    for (uint32_t i = 0; i < n_nodes; i++)
        free(R->pats[i]);
    free(R->pats);
    free(R->nodes);
    free(R->veh);
    free(R->copy_veh);
    free(R->copy_set);
}

/* ---- lines and their timing ---------------------------------------------------------------- */

typedef struct line {
    uint32_t veh, set;             /* original vehicle, day-set index */
    uint32_t n, cap;               /* stops */
    uint32_t *s;                   /* [cap] */
    int64_t *at;                   /* [cap] arrival at s[k] when leaving at base + at_delay */
    int64_t at_delay;              /* the delay `at` was computed for */
    int64_t load, dist, dur, cost; /* cost: per run, times the days of its set */
    int64_t base;                  /* earliest departure on the vehicle's grid (time units) */
    int64_t slack;                 /* latest departure after base */
    int64_t delay;                 /* departure after base */
    bool win;                      /* some stop has a window: times do not move with delay */
} line;

typedef struct ctx {
    const vrp_problem *p;
    const vrp_lines_params *lp;
    uint32_t nl;
    line *L;
    uint32_t *n_vis; /* [n_nodes] visits of each stop (lines holding it) */
    uint32_t **vis;  /* [n_nodes] lines holding it */
    uint32_t *multi; /* stops on >= 2 lines with a spread limit */
    uint32_t n_multi;
    vrp_visit_time *vt; /* [n_nodes] scratch of eval */
} ctx;

static int64_t run_cost(const vrp_vehicle *vh, int64_t dist, int64_t dur)
{
    return vh->fixed_cost + vh->cost_per_dist * dist + vh->cost_per_time * dur;
}

static int64_t veh_start(const ctx *C, uint32_t v)
{
    return C->lp->start ? C->lp->start[v] : 0;
}

/* Line l leaving at `depart`, by the one timeline of vrp.h (vrp_route_timeline_at): true when
 * it keeps every window, its capacity and limits; fills C->vt and *tl. */
static bool timeline_at(ctx *C, const line *l, int64_t depart, vrp_timeline *tl)
{
    return vrp_route_timeline_at(C->p, l->veh, 0, NULL, depart, l->s, l->n, C->vt,
                                 tl); /* NULL: see line_demands */
}

/* Recomputes l->at for its present delay (lines with windows: waiting makes the arrivals move
 * by less than the departure). */
static void line_times(ctx *C, line *l)
{
    vrp_timeline tl;
    timeline_at(C, l, l->base + l->delay, &tl);
    for (uint32_t k = 0; k < l->n; k++)
        l->at[k] = C->vt[k].arrival;
    l->at_delay = l->delay;
}

/* Arrival of line l at its k-th stop at its present delay. */
static int64_t arrival_at(ctx *C, line *l, uint32_t k)
{
    if (!l->win)
        return l->at[k] + l->delay - l->at_delay;
    if (l->at_delay != l->delay)
        line_times(C, l);
    return l->at[k];
}

/* Recomputes line l's figures, its earliest departure (base: the timeline's departure, which
 * waits for no window at the first stop, on the grid of start_step from the vehicle's start)
 * and how much later it may leave (slack: back within the shift, and every stop reached
 * before it closes); false when it breaks a limit. Resets its delay. */
static bool line_eval(ctx *C, line *l)
{
    const vrp_problem *p = C->p;
    const vrp_vehicle *vh = &p->vehicles[l->veh];
    l->delay = l->at_delay = 0;
    l->win = false;
    for (uint32_t k = 0; k < l->n; k++)
        l->win |= p->nodes[l->s[k]].close > 0;
    vrp_timeline tl;
    bool ok = vrp_route_timeline(p, l->veh, 0, NULL, l->s, l->n, C->vt, &tl);
    int64_t step = C->lp->start_step > 0 ? C->lp->start_step : 1, st = veh_start(C, l->veh);
    l->base = tl.departure;
    /* figures and cost as vrp_solve and the checker count them (vrp_route_timeline) */
    l->load = tl.load;
    l->dist = tl.distance;
    l->dur = tl.duration;
    if (ok && l->win && tl.departure > st) {
        /* on the grid: a little earlier (waits at the first stop), else a little later, else
         * exactly when the timeline leaves */
        int64_t lo = st + (tl.departure - st) / step * step, hi = lo + step;
        vrp_timeline t2;
        if (lo != tl.departure && timeline_at(C, l, lo, &t2))
            l->base = lo;
        else if (lo != tl.departure && timeline_at(C, l, hi, &t2))
            l->base = hi;
    }
    if (ok && l->win)
        ok = timeline_at(C, l, l->base, &tl);
    for (uint32_t k = 0; k < l->n; k++)
        l->at[k] = C->vt[k].arrival;
    if (!ok)
        return false;
    l->cost = l->n ? run_cost(vh, l->dist, l->dur) * __builtin_popcount(C->lp->sets[l->set]) : 0;
    int64_t room = vh->max_duration > 0 ? vh->max_duration - l->dur : C->lp->max_delay;
    room = room > 0 ? room / step * step : 0;
    if (l->win && room > 0) {
        /* a later departure keeps the line feasible up to some point (arrivals only move
         * later, the duration only shrinks): the largest multiple of step within room */
        vrp_timeline t2;
        if (!timeline_at(C, l, l->base + room, &t2)) {
            int64_t good = 0, bad = room / step; /* in steps */
            while (bad - good > 1) {
                int64_t mid = good + (bad - good) / 2;
                if (timeline_at(C, l, l->base + mid * step, &t2))
                    good = mid;
                else
                    bad = mid;
            }
            room = good * step;
        }
    }
    l->slack = room;
    return true;
}

static int32_t spread_of(const ctx *C, uint32_t i)
{
    return C->lp->max_spread ? C->lp->max_spread[i] : -1;
}

/* Position of stop i on line l (it is there). */
static uint32_t pos_of(const line *l, uint32_t i)
{
    for (uint32_t k = 0; k < l->n; k++)
        if (l->s[k] == i)
            return k;
    return UINT32_MAX;
}

/* Rebuilds which lines hold each stop, and the list of stops to align. */
static void index_visits(ctx *C)
{
    const vrp_problem *p = C->p;
    memset(C->n_vis, 0, p->n_nodes * sizeof *C->n_vis);
    for (uint32_t l = 0; l < C->nl; l++)
        for (uint32_t k = 0; k < C->L[l].n; k++) {
            uint32_t i = C->L[l].s[k];
            C->vis[i][C->n_vis[i]++] = l;
        }
    C->n_multi = 0;
    for (uint32_t i = p->n_depots; i < p->n_nodes; i++)
        if (C->n_vis[i] >= 2 && (spread_of(C, i) >= 0 || C->lp->same_van))
            C->multi[C->n_multi++] = i;
}

/* How far stop i (on several lines) is out of its rules at the present delays: the excess of
 * its arrival spread, plus SAME_VAN_EXCESS when same_van holds and its lines have two
 * vehicles; 0 when it keeps them. */
#define SAME_VAN_EXCESS 86400
static int64_t out_by(ctx *C, uint32_t i)
{
    int64_t lo = INT64_MAX, hi = INT64_MIN, ex = 0;
    for (uint32_t x = 0; x < C->n_vis[i]; x++) {
        line *a = &C->L[C->vis[i][x]];
        int64_t t = arrival_at(C, a, pos_of(a, i));
        lo = t < lo ? t : lo;
        hi = t > hi ? t : hi;
        if (C->lp->same_van && a->veh != C->L[C->vis[i][0]].veh)
            ex = SAME_VAN_EXCESS;
    }
    if (spread_of(C, i) >= 0 && hi - lo > spread_of(C, i))
        ex += hi - lo - spread_of(C, i);
    return ex;
}

/* The earliest departures (multiples of start_step, within each line's slack) that keep every
 * stop of C->multi within its spread: a least fixed point of difference constraints
 * delay[a] >= delay[b] + arr_b - arr_a - spread. Sets each line's delay and returns the number
 * of stops still out of their spread; *excess gets by how much in total. */
static uint32_t align(ctx *C, int64_t *excess)
{
    int64_t step = C->lp->start_step > 0 ? C->lp->start_step : 1;
    for (uint32_t l = 0; l < C->nl; l++)
        C->L[l].delay = 0;
    bool changed = true;
    for (uint32_t pass = 0; changed && pass <= C->nl; pass++) {
        changed = false;
        for (uint32_t m = 0; m < C->n_multi; m++) {
            uint32_t i = C->multi[m];
            int64_t sp = spread_of(C, i);
            if (sp < 0)
                continue;
            for (uint32_t x = 0; x < C->n_vis[i]; x++)
                for (uint32_t y = 0; y < C->n_vis[i]; y++) {
                    line *a = &C->L[C->vis[i][x]], *b = &C->L[C->vis[i][y]];
                    if (a == b)
                        continue;
                    /* a must reach i no earlier than b's arrival less the spread: it leaves
                     * later by what it lacks, and again while waiting absorbs part of that
                     * (arrivals never move by more than the departure, so this stays the
                     * least such delay) */
                    int64_t target = arrival_at(C, b, pos_of(b, i)) - sp;
                    for (;;) {
                        int64_t lack = target - arrival_at(C, a, pos_of(a, i));
                        if (lack <= 0 || a->delay >= a->slack)
                            break;
                        int64_t need = (a->delay + lack + step - 1) / step * step;
                        if (need > a->slack)
                            need = a->slack;
                        a->delay = need;
                        changed = true;
                    }
                }
        }
    }
    uint32_t bad = 0;
    *excess = 0;
    for (uint32_t m = 0; m < C->n_multi; m++) {
        int64_t ex = out_by(C, C->multi[m]);
        bad += ex > 0;
        *excess += ex;
    }
    return bad;
}

static void line_insert(line *l, uint32_t pos, uint32_t i)
{
    if (l->n + 1 > l->cap) {
        l->cap = 2 * (l->n + 1);
        l->s = xreallocarray(l->s, l->cap, sizeof *l->s);
        l->at = xreallocarray(l->at, l->cap, sizeof *l->at);
    }
    memmove(l->s + pos + 1, l->s + pos, (l->n - pos) * sizeof *l->s);
    l->s[pos] = i;
    l->n++;
}

static void line_erase(line *l, uint32_t pos)
{
    memmove(l->s + pos, l->s + pos + 1, (l->n - pos - 1) * sizeof *l->s);
    l->n--;
}

/* May stop i move onto line `to` under same_van? (its other lines' vehicle) */
static bool van_ok(const ctx *C, uint32_t i, uint32_t from, uint32_t to)
{
    if (!C->lp->same_van)
        return true;
    for (uint32_t x = 0; x < C->n_vis[i]; x++)
        if (C->vis[i][x] != from && C->L[C->vis[i][x]].veh != C->L[to].veh)
            return false;
    return true;
}

/* A move: the visit of stop i on line `from` goes to line `to` at position pos (after it has
 * been taken off `from`). */
typedef struct move {
    uint32_t i, from, to, pos;
    uint32_t bad;
    int64_t excess, cost;
} move;

/* Tries every move of a visit of a stop out of its spread; applies the one that leaves the
 * fewest stops out of their spread (then the smallest excess, then the cheapest) if it beats
 * the present state. Returns true when it applied one. */
static bool improve_once(ctx *C, uint32_t bad0, int64_t excess0, int64_t *added)
{
    move best = {.bad = bad0, .excess = excess0, .cost = INT64_MAX};
    bool found = false;
    uint32_t n_multi = C->n_multi;
    uint32_t *todo = xmallocarray(n_multi ? n_multi : 1, sizeof *todo);
    memcpy(todo, C->multi, n_multi * sizeof *todo);
    for (uint32_t m = 0; m < n_multi; m++) {
        uint32_t i = todo[m];
        uint32_t nv = C->n_vis[i];
        uint32_t from_lines[VRP_MAX_DAYS];
        memcpy(from_lines, C->vis[i], nv * sizeof *from_lines);
        for (uint32_t x = 0; x < nv; x++) {
            uint32_t fl = from_lines[x];
            line *from = &C->L[fl];
            uint32_t fp = pos_of(from, i);
            int64_t from_cost = from->cost;
            line_erase(from, fp);
            line_eval(C, from);
            int64_t saved = from_cost - from->cost;
            for (uint32_t tl = 0; tl < C->nl; tl++) {
                line *to = &C->L[tl];
                if (to->set != from->set || !van_ok(C, i, fl, tl))
                    continue;
                for (uint32_t pos = 0; pos <= to->n; pos++) {
                    int64_t to_cost = to->cost;
                    line_insert(to, pos, i);
                    bool ok = line_eval(C, to);
                    int64_t cost = to->cost - to_cost - saved;
                    if (ok) {
                        index_visits(C);
                        int64_t ex;
                        uint32_t bad = align(C, &ex);
                        bool better = bad < best.bad || (bad == best.bad && ex < best.excess) ||
                                      (bad == best.bad && ex == best.excess && cost < best.cost);
                        if (better && (bad < bad0 || (bad == bad0 && ex < excess0))) {
                            best = (move){i, fl, tl, pos, bad, ex, cost};
                            found = true;
                        }
                    }
                    line_erase(to, pos);
                    line_eval(C, to);
                }
            }
            line_insert(from, fp, i);
            line_eval(C, from);
        }
    }
    free(todo);
    index_visits(C);
    if (!found)
        return false;
    line *from = &C->L[best.from], *to = &C->L[best.to];
    line_erase(from, pos_of(from, best.i));
    line_eval(C, from);
    line_insert(to, best.pos, best.i);
    line_eval(C, to);
    index_visits(C);
    *added += best.cost;
    return true;
}

/* Takes stop i off every line. */
static void drop_stop(ctx *C, uint32_t i)
{
    for (uint32_t l = 0; l < C->nl; l++) {
        uint32_t k = pos_of(&C->L[l], i);
        if (k != UINT32_MAX) {
            line_erase(&C->L[l], k);
            line_eval(C, &C->L[l]);
        }
    }
    index_visits(C);
}

/* The stop of C->multi furthest out of its spread at the present delays, or UINT32_MAX. */
static uint32_t worst_stop(ctx *C)
{
    uint32_t worst = UINT32_MAX;
    int64_t worst_ex = 0;
    for (uint32_t m = 0; m < C->n_multi; m++) {
        int64_t ex = out_by(C, C->multi[m]);
        if (ex > worst_ex) {
            worst_ex = ex;
            worst = C->multi[m];
        }
    }
    return worst;
}

static int cmp_line(const void *a, const void *b)
{
    const vrp_line *x = a, *y = b;
    if (x->vehicle != y->vehicle)
        return x->vehicle < y->vehicle ? -1 : 1;
    uint32_t fx = x->days & -x->days, fy = y->days & -y->days;
    return (fx > fy) - (fx < fy);
}

static int cmp_u32(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

/* ---- the whole run ------------------------------------------------------------------------- */

static err_code check_sets(const vrp_problem *p, const vrp_lines_params *lp, err *e)
{
    if (lp->n_sets < 1 || lp->n_sets > MAX_SETS)
        return err_set(e, ERR_USAGE, "lines: %u day-sets (expected 1..%d)", lp->n_sets, MAX_SETS);
    uint32_t all = p->n_days >= 32 ? UINT32_MAX : (UINT32_C(1) << p->n_days) - 1, seen = 0;
    for (uint32_t j = 0; j < lp->n_sets; j++) {
        if (!lp->sets[j] || (lp->sets[j] & ~all) || (lp->sets[j] & seen))
            return err_set(e, ERR_USAGE,
                           "lines: day-set %u is empty, overlaps another or "
                           "holds a day outside the period",
                           j + 1);
        seen |= lp->sets[j];
    }
    if (seen != all)
        return err_set(e, ERR_USAGE, "lines: the day-sets do not cover every day of the period");
    return ERR_OK;
}

/* Weekly volumes: a stop with visit_demand brings different loads on different days, but a
 * line runs the same route on every day of its day-set, so its load must fit each of them.
 * Lines are planned on a copy of p whose such stops carry, as a fixed demand, their largest
 * visit over the days of their line patterns (the day-set unions line_patterns allows).
 * Returns the copy's nodes (caller frees), or NULL when no stop has visit_demand. */
static vrp_node *line_demands(const vrp_problem *p, const vrp_lines_params *lp)
{
    vrp_node *nodes = NULL;
    for (uint32_t i = p->n_depots; i < p->n_nodes; i++) {
        if (!p->nodes[i].visit_demand || !p->nodes[i].freq)
            continue;
        if (!nodes) {
            nodes = xmallocarray(p->n_nodes, sizeof *nodes);
            memcpy(nodes, p->nodes, p->n_nodes * sizeof *nodes);
        }
        vrp_node tmp = p->nodes[i];
        uint32_t *pats = NULL;
        line_patterns(p, lp, i, &tmp, &pats);
        int32_t most = 0;
        for (uint32_t k = 0; k < tmp.n_patterns; k++) {
            uint32_t u = set_union(lp, pats[k]);
            for (uint32_t d = 0; d < p->n_days; d++)
                if (u >> d & 1) {
                    int32_t q = vrp_visit_demand(&p->nodes[i], p->n_days, u, d);
                    most = q > most ? q : most;
                }
        }
        free(pats);
        nodes[i].demand = tmp.n_patterns ? most : p->nodes[i].demand;
        nodes[i].visit_demand = NULL;
    }
    return nodes;
}

/* Sets each route's load to what its stops bring on its day (vrp_visit_demand on the plan's
 * patterns), for the stops whose visits differ by day. */
static void day_loads(const vrp_problem *p, vrp_solution *s)
{
    for (size_t k = 0; k < s->n_routes; k++) {
        vrp_route *r = &s->routes[k];
        r->load = 0;
        for (uint32_t q = 0; q < r->n_stops; q++)
            r->load += vrp_visit_demand(&p->nodes[r->stops[q]], p->n_days, s->pattern[r->stops[q]],
                                        r->day);
    }
}

/* Expands the lines of C to the real days into a new plan. */
static vrp_lines *expand(ctx *C)
{
    const vrp_problem *p = C->p;
    vrp_lines *out = xcalloc(1, sizeof *out);
    uint32_t n_used = 0;
    for (uint32_t l = 0; l < C->nl; l++)
        n_used += C->L[l].n > 0;
    out->lines = xcalloc(n_used ? n_used : 1, sizeof *out->lines);
    uint32_t *of = xcalloc(n_used ? n_used : 1, sizeof *of); /* line index -> C->L index */
    for (uint32_t l = 0; l < C->nl; l++) {
        const line *ln = &C->L[l];
        if (!ln->n)
            continue;
        int64_t start = ln->base + ln->delay;
        out->lines[out->n_lines++] =
            (vrp_line){.vehicle = ln->veh, .days = C->lp->sets[ln->set], .start = (int32_t)start};
    }
    qsort(out->lines, out->n_lines, sizeof *out->lines, cmp_line);
    for (uint32_t k = 0; k < out->n_lines; k++)
        for (uint32_t l = 0; l < C->nl; l++)
            if (C->L[l].n && C->L[l].veh == out->lines[k].vehicle &&
                C->lp->sets[C->L[l].set] == out->lines[k].days)
                of[k] = l;
    vrp_solution *s = out->sol = xcalloc(1, sizeof *s);
    s->n_nodes = p->n_nodes;
    s->pattern = xcalloc(p->n_nodes, sizeof *s->pattern);
    size_t n_routes = 0;
    for (uint32_t k = 0; k < out->n_lines; k++)
        n_routes += (size_t)__builtin_popcount(out->lines[k].days);
    s->routes = xcalloc(n_routes ? n_routes : 1, sizeof *s->routes);
    out->route_line = xcalloc(n_routes ? n_routes : 1, sizeof *out->route_line);
    for (uint32_t d = 0; d < p->n_days; d++)
        for (uint32_t k = 0; k < out->n_lines; k++) { /* by vehicle: one line a day each */
            if (!(out->lines[k].days >> d & 1))
                continue;
            const line *ln = &C->L[of[k]];
            vrp_route *r = &s->routes[s->n_routes];
            out->route_line[s->n_routes++] = k;
            r->day = d;
            r->vehicle = ln->veh;
            r->n_stops = ln->n;
            r->stops = xmallocarray(ln->n, sizeof *r->stops);
            memcpy(r->stops, ln->s, ln->n * sizeof *r->stops);
            r->load = (int32_t)ln->load;
            r->distance = ln->dist;
            r->duration = ln->dur;
            r->cost = run_cost(&p->vehicles[ln->veh], ln->dist, ln->dur);
            s->cost += r->cost;
            for (uint32_t q = 0; q < ln->n; q++)
                s->pattern[ln->s[q]] |= UINT32_C(1) << d;
        }
    /* each van with a line costs its weekly cost once (vrp_solution.cost) */
    for (uint32_t v = 0; v < p->n_vehicles; v++)
        for (uint32_t k = 0; k < out->n_lines; k++)
            if (out->lines[k].vehicle == v) {
                s->cost += p->vehicles[v].weekly_cost;
                break;
            }
    free(of);
    return out;
}

err_code vrp_solve_lines(const vrp_problem *p, const vrp_lines_params *lp, const vrp_params *params,
                         const logger *lg, vrp_lines **out, err *e)
{
    *out = NULL;
    err_code rc = check_sets(p, lp, e);
    if (rc)
        return rc;
    const vrp_problem *real = p;
    vrp_problem with_lines = *p;
    vrp_node *line_nodes = line_demands(p, lp);
    if (line_nodes) {
        with_lines.nodes = line_nodes;
        p = &with_lines;
    }
    reduced R;
    reduced_build(&R, p, lp);
    vrp_solution *rs = NULL;
    rc = vrp_solve(&R.p, params, lg, &rs, e);
    if (rc) {
        reduced_free(&R, p->n_nodes);
        free(line_nodes);
        return rc;
    }
    ctx C = {.p = p, .lp = lp};
    C.vt = xmallocarray(p->n_nodes, sizeof *C.vt);
    C.L = xcalloc(rs->n_routes ? rs->n_routes : 1, sizeof *C.L);
    for (size_t k = 0; k < rs->n_routes; k++) {
        const vrp_route *r = &rs->routes[k];
        if (!r->n_stops)
            continue;
        line *l = &C.L[C.nl++];
        l->veh = R.copy_veh[r->vehicle];
        l->set = R.copy_set[r->vehicle];
        l->cap = r->n_stops + 1;
        l->s = xmallocarray(l->cap, sizeof *l->s);
        l->at = xmallocarray(l->cap, sizeof *l->at);
        l->n = r->n_stops;
        memcpy(l->s, r->stops, r->n_stops * sizeof *l->s);
        line_eval(&C, l);
    }
    C.n_vis = xcalloc(p->n_nodes, sizeof *C.n_vis);
    C.vis = xcalloc(p->n_nodes, sizeof *C.vis);
    for (uint32_t i = 0; i < p->n_nodes; i++)
        C.vis[i] = xcalloc(lp->n_sets, sizeof **C.vis);
    C.multi = xcalloc(p->n_nodes, sizeof *C.multi);
    index_visits(&C);

    int64_t excess, added = 0;
    uint32_t bad = align(&C, &excess), moved = 0;
    log_msg(lg, LOG_INFO,
            "lines: %u lines, %u stops on several lines, %u out of their spread "
            "at the earliest departures",
            C.nl, C.n_multi, bad);
    while (bad && improve_once(&C, bad, excess, &added)) {
        moved++;
        bad = align(&C, &excess);
    }
    uint32_t *unaligned = xcalloc(p->n_nodes, sizeof *unaligned), n_un = 0;
    while (bad) {
        uint32_t i = worst_stop(&C);
        if (i == UINT32_MAX)
            break;
        log_msg(lg, LOG_WARN, "lines: stop %u left out: no lines reach it within its spread", i);
        drop_stop(&C, i);
        unaligned[n_un++] = i;
        bad = align(&C, &excess);
    }
    if (moved)
        log_msg(lg, LOG_INFO, "lines: %u visits moved to align arrival times (+%lld cost)", moved,
                (long long)added);
    vrp_lines *res = expand(&C);
    if (line_nodes)
        day_loads(real, res->sol);
    res->n_moved = moved;
    res->moved_cost = added;
    res->sol->end = rs->end;
    qsort(unaligned, n_un, sizeof *unaligned, cmp_u32);
    res->unaligned = unaligned;
    res->n_unaligned = n_un;
    for (uint32_t l = 0; l < C.nl; l++) {
        free(C.L[l].s);
        free(C.L[l].at);
    }
    free(C.L);
    for (uint32_t i = 0; i < p->n_nodes; i++)
        free(C.vis[i]);
    free(C.vis);
    free(C.n_vis);
    free(C.multi);
    free(C.vt);
    vrp_solution_free(rs);
    reduced_free(&R, p->n_nodes);
    free(line_nodes);
    *out = res;
    return ERR_OK;
}

void vrp_lines_free(vrp_lines *l)
{
    if (!l)
        return;
    vrp_solution_free(l->sol);
    free(l->route_line);
    free(l->lines);
    free(l->unaligned);
    free(l);
}
