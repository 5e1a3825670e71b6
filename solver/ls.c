/* ls.c — the local search: 2-opt, or-opt/relocate, granular swap and 2-opt*, pattern move;
 * and vrp_improve's driver. SPDX-License-Identifier: MIT */
#include "solver/ls.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

struct ls {
    const inst *in;   /* borrowed */
    sol_delta *delta; /* borrowed: the change record; dirty slots are where the search starts */
    unsigned moves;   /* vrp_move bits in use */
    /* per-stop prefix data of the routes of the day the inter-route moves work on
     * (route_prefix), valid for the stops of that day */
    int64_t *fd, *ft;  /* [nn] distance and time from the depot to the arrival at the stop */
    int32_t *fl;       /* [nn] load of the route up to and including the stop */
    uint32_t *pos;     /* [nn] position of the stop in its route */
    uint32_t *scratch; /* [2 * nn] work space of the moves */
    uint32_t *mark;    /* [nn] stamps (mark_gen) of stops already listed */
    uint32_t mark_gen; /* current stamp */
};

ls *ls_new(const inst *I, sol_delta *D, unsigned moves)
{
    ls *L = xcalloc(1, sizeof *L);
    L->in = I;
    L->delta = D;
    L->moves = moves & VRP_MOVES_ALL;
    L->fd = xcalloc(I->nn, sizeof *L->fd);
    L->ft = xcalloc(I->nn, sizeof *L->ft);
    L->fl = xcalloc(I->nn, sizeof *L->fl);
    L->pos = xcalloc(I->nn, sizeof *L->pos);
    L->scratch = xcalloc(2 * (size_t)I->nn, sizeof *L->scratch);
    L->mark = xcalloc(I->nn, sizeof *L->mark);
    return L;
}

void ls_free(ls *L)
{
    if (!L)
        return;
    free(L->fd);
    free(L->ft);
    free(L->fl);
    free(L->pos);
    free(L->scratch);
    free(L->mark);
    free(L);
}

/* ---- moves inside a route, and or-opt between the routes of a day ---------------------- */

/* Or-opt / relocate: moves a string of 1..3 stops of route ri to the best position of any
 * route of the same day (same route included). Applies the first improving move found. */
static bool or_opt(ls *L, sol *x, uint32_t ri)
{
    const inst *I = L->in;
    sol_route *r = &x->r[ri];
    uint32_t d = I->r_day[ri], depi = inst_depot(I, ri);
    for (uint32_t sl = 1; sl <= 3; sl++) {
        for (uint32_t i = 0; i + sl <= r->len; i++) {
            uint32_t first = r->s[i], last = r->s[i + sl - 1];
            uint32_t a = i ? r->s[i - 1] : depi, b = i + sl < r->len ? r->s[i + sl] : depi;
            int64_t in_d = 0, in_t = 0, svc = 0;
            int32_t q = 0;
            for (uint32_t k = i; k < i + sl; k++) {
                svc += I->p->nodes[r->s[k]].service;
                q += inst_demand(I, r->s[k], x->pat[r->s[k]], d);
                if (k > i) {
                    in_d += inst_dist(I, r->s[k - 1], r->s[k]);
                    in_t += inst_time(I, r->s[k - 1], r->s[k]);
                }
            }
            if (inst_time(I, a, b) == VRP_UNREACHABLE || inst_dist(I, a, b) == VRP_UNREACHABLE)
                continue;
            /* route ri without the string */
            int64_t rd, rt;
            if (sl == r->len) {
                rd = rt = 0;
            } else {
                rd = r->dist - inst_dist(I, a, first) - inst_dist(I, last, b) + inst_dist(I, a, b) -
                     in_d;
                rt = r->time - inst_time(I, a, first) - inst_time(I, last, b) + inst_time(I, a, b) -
                     in_t - svc;
            }
            int64_t base_i = sol_route_cost(I, ri, r);
            int rest = 0; /* I->timing: 0 = not evaluated yet, 1 = route ri without the string
                             is feasible with waiting wi, 2 = it is not */
            int64_t wi = 0;
            for (uint32_t rj = I->day_first[d]; rj < I->day_first[d + 1]; rj++) {
                sol_route *o = &x->r[rj];
                bool same = rj == ri;
                const vrp_vehicle *vj = inst_vehicle(I, rj);
                if (!same && o->load + q > vj->capacity)
                    continue;
                if (!same && !o->len && !r->len)
                    continue;
                uint32_t depj = vj->depot;
                uint32_t olen = same ? r->len - sl : o->len; /* length of the target before */
                int64_t od = same ? rd : o->dist, ot = same ? rt : o->time;
                int64_t base_j = same ? 0 : sol_route_cost(I, rj, o);
                int64_t rest_i = same ? 0 : inst_cost(I, ri, r->len - sl, rd, rt);
                for (uint32_t qpos = 0; qpos <= olen; qpos++) {
                    if (same && qpos == i)
                        continue;
                    uint32_t u, v;
                    if (same) {
                        u = qpos ? r->s[qpos - 1 < i ? qpos - 1 : qpos - 1 + sl] : depj;
                        v = qpos < olen ? r->s[qpos < i ? qpos : qpos + sl] : depj;
                    } else {
                        u = qpos ? o->s[qpos - 1] : depj;
                        v = qpos < olen ? o->s[qpos] : depj;
                    }
                    if (inst_unreachable(inst_time(I, u, first), inst_time(I, last, v),
                                         inst_dist(I, u, first), inst_dist(I, last, v)))
                        continue;
                    int64_t nd, nt;
                    if (olen) {
                        nd = od + inst_dist(I, u, first) + inst_dist(I, last, v) -
                             inst_dist(I, u, v) + in_d;
                        nt = ot + inst_time(I, u, first) + inst_time(I, last, v) -
                             inst_time(I, u, v) + in_t + svc;
                    } else {
                        nd = (int64_t)inst_dist(I, u, first) + inst_dist(I, last, v) + in_d;
                        nt = (int64_t)inst_time(I, u, first) + inst_time(I, last, v) + in_t + svc;
                    }
                    if (!inst_within(I, rj, nd, nt))
                        continue;
                    int64_t delta;
                    if (same)
                        delta = inst_cost(I, ri, r->len, nd, nt) - base_i;
                    else
                        delta = rest_i + inst_cost(I, rj, olen + sl, nd, nt) - base_i - base_j +
                                sol_fleet_delta(I, x, ri, r->len, r->len - sl) +
                                sol_fleet_delta(I, x, rj, olen, olen + sl);
                    if (delta >= 0)
                        continue;
                    if (I->timing) {
                        /* the plain figures bound the cost from below; the timeline decides */
                        const uint32_t *str = r->s + i, len = r->len;
                        vrp_seg g[4];
                        uint32_t ng;
                        if (!same) {
                            g[0] = (vrp_seg){o->s, qpos, false};
                            g[1] = (vrp_seg){str, sl, false};
                            g[2] = (vrp_seg){sol_at(o->s, qpos), olen - qpos, false};
                            ng = 3;
                        } else if (qpos < i) {
                            g[0] = (vrp_seg){r->s, qpos, false};
                            g[1] = (vrp_seg){str, sl, false};
                            g[2] = (vrp_seg){r->s + qpos, i - qpos, false};
                            g[3] = (vrp_seg){r->s + i + sl, len - i - sl, false};
                            ng = 4;
                        } else {
                            g[0] = (vrp_seg){r->s, i, false};
                            g[1] = (vrp_seg){r->s + i + sl, qpos - i, false};
                            g[2] = (vrp_seg){str, sl, false};
                            g[3] = (vrp_seg){r->s + qpos + sl, len - qpos - sl, false};
                            ng = 4;
                        }
                        int64_t wj;
                        if (!sol_timed(I, x->pat, rj, g, ng, &wj))
                            continue;
                        if (same) {
                            delta = inst_cost(I, ri, r->len, nd, nt + wj) - base_i;
                        } else {
                            if (!rest) {
                                vrp_seg h[2] = {{r->s, i, false},
                                                {r->s + i + sl, len - i - sl, false}};
                                rest = sol_timed(I, x->pat, ri, h, 2, &wi) ? 1 : 2;
                            }
                            if (rest == 2)
                                continue;
                            delta = inst_cost(I, ri, r->len - sl, rd, rt + wi) +
                                    inst_cost(I, rj, olen + sl, nd, nt + wj) - base_i - base_j +
                                    sol_fleet_delta(I, x, ri, r->len, r->len - sl) +
                                    sol_fleet_delta(I, x, rj, olen, olen + sl);
                        }
                        if (delta >= 0)
                            continue;
                    }
                    /* apply */
                    uint32_t seg[3];
                    memcpy(seg, r->s + i, sl * sizeof *seg);
                    sol_touch(I, L->delta, x, ri);
                    if (!same)
                        sol_touch(I, L->delta, x, rj);
                    memmove(r->s + i, r->s + i + sl, (r->len - i - sl) * sizeof *r->s);
                    r->len -= sl;
                    if (o->cap < o->len + sl) {
                        o->cap = 2 * (o->len + sl);
                        o->s = xreallocarray(o->s, o->cap, sizeof *o->s);
                    }
                    memmove(o->s + qpos + sl, o->s + qpos, (o->len - qpos) * sizeof *o->s);
                    memcpy(o->s + qpos, seg, sl * sizeof *seg);
                    o->len += sl;
                    sol_route_eval(I, x->pat, ri, r);
                    sol_untouch(I, x, ri);
                    if (!same) {
                        sol_route_eval(I, x->pat, rj, o);
                        sol_untouch(I, x, rj);
                        for (uint32_t k = 0; k < sl; k++)
                            x->where[(size_t)seg[k] * I->nd + d] = rj;
                    }
                    return true;
                }
            }
        }
    }
    return false;
}

/* 2-opt inside route ri (segment reversal, asymmetric costs handled). First improvement. */
static bool two_opt(ls *L, sol *x, uint32_t ri)
{
    const inst *I = L->in;
    sol_route *r = &x->r[ri];
    if (r->len < 3)
        return false;
    uint32_t dep = inst_depot(I, ri);
    const vrp_vehicle *v = inst_vehicle(I, ri);
    for (uint32_t i = 0; i + 1 < r->len; i++) {
        uint32_t a = i ? r->s[i - 1] : dep;
        int64_t fd = 0, bd = 0, ft = 0, bt = 0; /* inner arcs forward / backward */
        for (uint32_t j = i + 1; j < r->len; j++) {
            fd += inst_dist(I, r->s[j - 1], r->s[j]);
            bd += inst_dist(I, r->s[j], r->s[j - 1]);
            ft += inst_time(I, r->s[j - 1], r->s[j]);
            bt += inst_time(I, r->s[j], r->s[j - 1]);
            if (fd >= VRP_UNREACHABLE || bd >= VRP_UNREACHABLE)
                break;
            uint32_t b = j + 1 < r->len ? r->s[j + 1] : dep;
            if (inst_unreachable(inst_dist(I, a, r->s[j]), inst_dist(I, r->s[i], b),
                                 inst_time(I, a, r->s[j]), inst_time(I, r->s[i], b)))
                continue;
            int64_t ddist = inst_dist(I, a, r->s[j]) + inst_dist(I, r->s[i], b) -
                            inst_dist(I, a, r->s[i]) - inst_dist(I, r->s[j], b) + bd - fd;
            int64_t dtime = inst_time(I, a, r->s[j]) + inst_time(I, r->s[i], b) -
                            inst_time(I, a, r->s[i]) - inst_time(I, r->s[j], b) + bt - ft;
            /* (with timing, less the route's waiting: a bound from below) */
            int64_t delta = v->cost_per_dist * ddist + v->cost_per_time * (dtime - r->wait);
            if (delta >= 0 || !inst_within(I, ri, r->dist + ddist, r->time + dtime))
                continue;
            if (I->timing) {
                vrp_seg g[3] = {{r->s, i, false},
                                {r->s + i, j - i + 1, true},
                                {r->s + j + 1, r->len - j - 1, false}};
                int64_t w;
                if (!sol_timed(I, x->pat, ri, g, 3, &w) || delta + v->cost_per_time * w >= 0)
                    continue;
            }
            sol_touch(I, L->delta, x, ri);
            for (uint32_t p = i, q = j; p < q; p++, q--) {
                uint32_t t = r->s[p];
                r->s[p] = r->s[q];
                r->s[q] = t;
            }
            sol_route_eval(I, x->pat, ri, r);
            sol_untouch(I, x, ri);
            return true;
        }
    }
    return false;
}

/* ---- inter-route moves of one day, granular: only towards each stop's nearest stops ---- */

/* Fills the prefix data (L->fd, ft, fl, pos) of the stops of route ri of x. */
static void route_prefix(ls *L, const sol *x, uint32_t ri)
{
    const inst *I = L->in;
    const sol_route *r = &x->r[ri];
    uint32_t prev = inst_depot(I, ri), day = I->r_day[ri];
    int64_t d = 0, t = 0;
    int32_t l = 0;
    for (uint32_t k = 0; k < r->len; k++) {
        uint32_t c = r->s[k];
        d += inst_dist(I, prev, c);
        t += inst_time(I, prev, c);
        l += inst_demand(I, c, x->pat[c], day);
        L->fd[c] = d;
        L->ft[c] = t;
        L->fl[c] = l;
        L->pos[c] = k;
        t += I->p->nodes[c].service;
        prev = c;
    }
}

/* Length, distance, time and load of a route under evaluation; its waiting (I->timing: set
 * by pair_timed from the timeline, else 0). */
typedef struct span {
    uint32_t len;
    int32_t load;
    int64_t dist, time, wait;
} span;

/* The route that route ri's vehicle would drive through ri's stops up to and including a
 * (INST_NONE: none of them) followed by route rj's stops from b on (INST_NONE: none of them); rj !=
 * ri, prefix data of both routes current. Returns false when it needs a missing road. */
static bool join(const ls *L, const sol *x, uint32_t ri, uint32_t a, uint32_t rj, uint32_t b,
                 span *out)
{
    const inst *I = L->in;
    uint32_t depi = inst_depot(I, ri), from = depi;
    span s = {0, 0, 0, 0, 0};
    if (a != INST_NONE) {
        s.len = L->pos[a] + 1;
        s.load = L->fl[a];
        s.dist = L->fd[a];
        s.time = L->ft[a] + I->p->nodes[a].service;
        from = a;
    }
    if (b != INST_NONE) {
        const sol_route *o = &x->r[rj];
        uint32_t last = o->s[o->len - 1], depj = inst_depot(I, rj);
        int32_t d1 = inst_dist(I, from, b), t1 = inst_time(I, from, b);
        int32_t d2 = inst_dist(I, last, depi), t2 = inst_time(I, last, depi);
        if (inst_unreachable(d1, t1, d2, t2))
            return false;
        s.len += o->len - L->pos[b];
        s.load += o->load - L->fl[b] + inst_demand(I, b, x->pat[b], I->r_day[rj]);
        s.dist += d1 + (o->dist - L->fd[b]) - inst_dist(I, last, depj) + d2;
        s.time += t1 + (o->time - L->ft[b]) - inst_time(I, last, depj) + t2;
    } else if (s.len) {
        int32_t d1 = inst_dist(I, from, depi), t1 = inst_time(I, from, depi);
        if (inst_unreachable(d1, t1, 0, 0))
            return false;
        s.dist += d1;
        s.time += t1;
    }
    *out = s;
    return true;
}

static bool span_fits(const ls *L, uint32_t ri, const span *s)
{
    const inst *I = L->in;
    return s->load <= inst_vehicle(I, ri)->capacity &&
           inst_within(I, ri, s->dist, s->time + s->wait);
}

/* Change in plan cost if routes ri and rj became s1 and s2. */
static int64_t pair_delta(const ls *L, const sol *x, uint32_t ri, const span *s1, uint32_t rj,
                          const span *s2)
{
    const inst *I = L->in;
    return inst_cost(I, ri, s1->len, s1->dist, s1->time + s1->wait) +
           inst_cost(I, rj, s2->len, s2->dist, s2->time + s2->wait) -
           sol_route_cost(I, ri, &x->r[ri]) - sol_route_cost(I, rj, &x->r[rj]) +
           sol_fleet_delta(I, x, ri, x->r[ri].len, s1->len) +
           sol_fleet_delta(I, x, rj, x->r[rj].len, s2->len);
}

/* I->timing: the waiting of the candidate routes of ri (pieces g1) and rj (pieces g2) into
 * s1 and s2 from their timelines; true when both are feasible and the pair still lowers the
 * cost (the plain figures checked before bound it from below). */
static bool pair_timed(const ls *L, const sol *x, uint32_t ri, const vrp_seg *g1, uint32_t n1,
                       span *s1, uint32_t rj, const vrp_seg *g2, uint32_t n2, span *s2)
{
    const inst *I = L->in;
    return sol_timed(I, x->pat, ri, g1, n1, &s1->wait) &&
           sol_timed(I, x->pat, rj, g2, n2, &s2->wait) && span_fits(L, ri, s1) &&
           span_fits(L, rj, s2) && pair_delta(L, x, ri, s1, rj, s2) < 0;
}

/* After a move rewrote the stops of routes ri and rj (both touched): their totals, which must
 * be what the move evaluated (s1, s2), their costs back into x, and their prefix data. */
static void pair_done(ls *L, sol *x, uint32_t ri, const span *s1, uint32_t rj, const span *s2)
{
    const inst *I = L->in;
    sol_route *r = &x->r[ri], *o = &x->r[rj];
    sol_route_eval(I, x->pat, ri, r);
    sol_route_eval(I, x->pat, rj, o);
    assert(r->dist == s1->dist && r->time == s1->time && o->dist == s2->dist &&
           o->time == s2->time);
    sol_untouch(I, x, ri);
    sol_untouch(I, x, rj);
    route_prefix(L, x, ri);
    route_prefix(L, x, rj);
}

/* Stop after a in route ri (a == INST_NONE: the first stop), INST_NONE at the end. */
static uint32_t next_of(const ls *L, const sol *x, uint32_t ri, uint32_t a)
{
    const sol_route *r = &x->r[ri];
    uint32_t k = a == INST_NONE ? 0 : L->pos[a] + 1;
    return k < r->len ? r->s[k] : INST_NONE;
}

/* 2-opt*: route ri keeps its stops up to a and takes rj's stops after b, rj keeps its stops up
 * to b and takes ri's after a (a, b == INST_NONE: from the start). Applied when it lowers the cost
 * and both routes stay within their limits. */
static bool two_opt_star(ls *L, sol *x, uint32_t ri, uint32_t a, uint32_t rj, uint32_t b)
{
    const inst *I = L->in;
    sol_route *r = &x->r[ri], *o = &x->r[rj];
    uint32_t na = next_of(L, x, ri, a), nb = next_of(L, x, rj, b);
    if ((na == INST_NONE && nb == INST_NONE) || (a == INST_NONE && b == INST_NONE))
        return false; /* nothing moves, or the two routes trade places */
    span s1, s2;
    if (!join(L, x, ri, a, rj, nb, &s1) || !join(L, x, rj, b, ri, na, &s2) ||
        !span_fits(L, ri, &s1) || !span_fits(L, rj, &s2))
        return false;
    if (pair_delta(L, x, ri, &s1, rj, &s2) >= 0)
        return false;
    uint32_t ka = a == INST_NONE ? 0 : L->pos[a] + 1, kb = b == INST_NONE ? 0 : L->pos[b] + 1;
    if (I->timing) {
        vrp_seg g1[2] = {{r->s, ka, false}, {sol_at(o->s, kb), o->len - kb, false}};
        vrp_seg g2[2] = {{o->s, kb, false}, {r->s + ka, r->len - ka, false}};
        if (!pair_timed(L, x, ri, g1, 2, &s1, rj, g2, 2, &s2))
            return false;
    }
    uint32_t *buf = L->scratch, d = I->r_day[ri];
    memcpy(buf, r->s + ka, (r->len - ka) * sizeof *buf);               /* ri's tail */
    memcpy(buf + r->len - ka, o->s + kb, (o->len - kb) * sizeof *buf); /* rj's tail */
    uint32_t ta = r->len - ka, tb = o->len - kb;
    sol_touch(I, L->delta, x, ri);
    sol_touch(I, L->delta, x, rj);
    sol_route_reserve(r, ka + tb);
    sol_route_reserve(o, kb + ta);
    memcpy(r->s + ka, buf + ta, tb * sizeof *buf);
    memcpy(o->s + kb, buf, ta * sizeof *buf);
    r->len = ka + tb;
    o->len = kb + ta;
    for (uint32_t k = ka; k < r->len; k++)
        x->where[(size_t)r->s[k] * I->nd + d] = ri;
    for (uint32_t k = kb; k < o->len; k++)
        x->where[(size_t)o->s[k] * I->nd + d] = rj;
    pair_done(L, x, ri, &s1, rj, &s2);
    return true;
}

/* Route ri with its stop u replaced by stop v (prefix data current). */
static bool replaced(const ls *L, const sol *x, uint32_t ri, uint32_t u, uint32_t v, span *out)
{
    const inst *I = L->in;
    const sol_route *r = &x->r[ri];
    uint32_t dep = inst_depot(I, ri), k = L->pos[u];
    uint32_t a = k ? r->s[k - 1] : dep, b = k + 1 < r->len ? r->s[k + 1] : dep;
    if (inst_unreachable(inst_dist(I, a, v), inst_dist(I, v, b), inst_time(I, a, v),
                         inst_time(I, v, b)))
        return false;
    const vrp_node *nu = &I->p->nodes[u], *nv = &I->p->nodes[v];
    out->len = r->len;
    out->wait = 0;
    uint32_t d = I->r_day[ri];
    out->load = r->load - inst_demand(I, u, x->pat[u], d) + inst_demand(I, v, x->pat[v], d);
    out->dist =
        r->dist - inst_dist(I, a, u) - inst_dist(I, u, b) + inst_dist(I, a, v) + inst_dist(I, v, b);
    out->time = r->time - inst_time(I, a, u) - inst_time(I, u, b) + inst_time(I, a, v) +
                inst_time(I, v, b) - nu->service + nv->service;
    return true;
}

/* Swap: stops u and v of two different routes of day d trade places. */
static bool swap_stops(ls *L, sol *x, uint32_t u, uint32_t v, uint32_t d)
{
    const inst *I = L->in;
    uint32_t ri = x->where[(size_t)u * I->nd + d], rj = x->where[(size_t)v * I->nd + d];
    span s1, s2;
    if (!replaced(L, x, ri, u, v, &s1) || !replaced(L, x, rj, v, u, &s2) ||
        !span_fits(L, ri, &s1) || !span_fits(L, rj, &s2))
        return false;
    sol_route *r = &x->r[ri], *o = &x->r[rj];
    if (pair_delta(L, x, ri, &s1, rj, &s2) >= 0)
        return false;
    if (I->timing) {
        uint32_t ku = L->pos[u], kv = L->pos[v];
        vrp_seg g1[3] = {
            {r->s, ku, false}, {&v, 1, false}, {r->s + ku + 1, r->len - ku - 1, false}};
        vrp_seg g2[3] = {
            {o->s, kv, false}, {&u, 1, false}, {o->s + kv + 1, o->len - kv - 1, false}};
        if (!pair_timed(L, x, ri, g1, 3, &s1, rj, g2, 3, &s2))
            return false;
    }
    sol_touch(I, L->delta, x, ri);
    sol_touch(I, L->delta, x, rj);
    r->s[L->pos[u]] = v;
    o->s[L->pos[v]] = u;
    x->where[(size_t)u * I->nd + d] = rj;
    x->where[(size_t)v * I->nd + d] = ri;
    pair_done(L, x, ri, &s1, rj, &s2);
    return true;
}

/* Tries, for stop u of route ri on day d, the swap and 2-opt* moves towards its LS_GRANULAR
 * nearest stops, and moving the stops after u to an empty route; applies the first that
 * lowers the cost. */
static bool inter_moves(ls *L, sol *x, uint32_t ri, uint32_t u, uint32_t d)
{
    const inst *I = L->in;
    uint32_t G = I->K < LS_GRANULAR + 1 ? I->K : LS_GRANULAR + 1;
    const sol_route *r = &x->r[ri];
    uint32_t pu = L->pos[u] ? r->s[L->pos[u] - 1] : INST_NONE;
    const bool star = L->moves & VRP_MOVE_2OPT_STAR, swap = L->moves & VRP_MOVE_SWAP;
    for (uint32_t g = 1; g < G; g++) {
        uint32_t v = I->nbr[(size_t)u * I->K + g];
        uint32_t rj = x->where[(size_t)v * I->nd + d];
        if (rj == INST_NONE || rj == ri)
            continue;
        const sol_route *o = &x->r[rj];
        uint32_t k = L->pos[v];
        uint32_t pv = k ? o->s[k - 1] : INST_NONE, nv = k + 1 < o->len ? o->s[k + 1] : INST_NONE;
        if (star && (two_opt_star(L, x, ri, u, rj, pv) || /* new arc u → v */
                     two_opt_star(L, x, ri, pu, rj, v)))  /* new arc v → u */
            return true;
        /* u takes v's place, or a place next to v */
        if (swap && (swap_stops(L, x, u, v, d) || (pv != INST_NONE && swap_stops(L, x, u, pv, d)) ||
                     (nv != INST_NONE && swap_stops(L, x, u, nv, d))))
            return true;
    }
    if (star)
        for (uint32_t rj = I->day_first[d]; rj < I->day_first[d + 1]; rj++)
            if (rj != ri && !x->r[rj].len)
                return two_opt_star(L, x, ri, u, rj, INST_NONE);
    return false;
}

/* Swap and 2-opt* between the routes of day d, starting from its changed routes, to a local
 * optimum. Returns true when something improved. */
static bool inter_day(ls *L, sol *x, uint32_t d)
{
    const inst *I = L->in;
    for (uint32_t ri = I->day_first[d]; ri < I->day_first[d + 1]; ri++)
        route_prefix(L, x, ri);
    bool any = false, improved = true;
    for (int guard = 0; improved && guard < 100000; guard++) {
        improved = false;
        for (uint32_t ri = I->day_first[d]; ri < I->day_first[d + 1] && !improved; ri++) {
            if (!L->delta->is_dirty[ri])
                continue;
            for (uint32_t k = 0; k < x->r[ri].len && !improved; k++)
                improved = inter_moves(L, x, ri, x->r[ri].s[k], d);
        }
        any |= improved;
    }
    return any;
}

/* Pattern move: takes stop c out of all its days and puts it back with its best pattern and
 * positions. Never worse (its old pattern and positions are among the choices); returns true
 * when it is better. */
static bool repattern(ls *L, sol *x, uint32_t c)
{
    const inst *I = L->in;
    int64_t before = sol_obj(x);
    sol_remove_stop(I, L->delta, x, c);
    sol_insert_stop(I, L->delta, x, c, 0, 0.0, NULL);
    return sol_obj(x) < before;
}

/* The rest of the plan is unchanged since the last search, which bounds the work on large
 * plans. */
void ls_run(ls *L, sol *x)
{
    const inst *I = L->in;
    for (int round = 0; round < 100; round++) {
        int64_t before = sol_obj(x);
        for (uint32_t k = 0; k < L->delta->n_dirty; k++) {
            uint32_t ri = L->delta->dirty[k];
            for (int guard = 0; guard < 10000 && x->r[ri].len; guard++) {
                bool moved = (L->moves & VRP_MOVE_2OPT) && two_opt(L, x, ri);
                moved |= x->r[ri].len && (L->moves & VRP_MOVE_RELOCATE) && or_opt(L, x, ri);
                if (!moved)
                    break;
            }
        }
        for (uint32_t d = 0; d < I->nd; d++) {
            bool dirty = false;
            for (uint32_t ri = I->day_first[d]; ri < I->day_first[d + 1] && !dirty; ri++)
                dirty = L->delta->is_dirty[ri];
            if (dirty && (L->moves & (VRP_MOVE_SWAP | VRP_MOVE_2OPT_STAR)))
                inter_day(L, x, d);
        }
        /* the stops on changed routes, each once, in route order */
        uint32_t n = 0;
        L->mark_gen++;
        for (uint32_t k = 0; k < L->delta->n_dirty; k++) {
            const sol_route *r = &x->r[L->delta->dirty[k]];
            for (uint32_t j = 0; j < r->len; j++)
                if (L->mark[r->s[j]] != L->mark_gen) {
                    L->mark[r->s[j]] = L->mark_gen;
                    L->scratch[n++] = r->s[j];
                }
        }
        uint32_t *list = xmallocarray(n ? n : 1, sizeof *list);
        memcpy(list, L->scratch, n * sizeof *list);
        for (uint32_t k = 0; k < n && (L->moves & VRP_MOVE_PATTERN); k++)
            if (I->n_pats[list[k]] > 1 && x->pat[list[k]])
                repattern(L, x, list[k]);
        free(list);
        if (sol_obj(x) >= before)
            break;
    }
}

err_code ls_improve(const vrp_problem *p, unsigned moves, const vrp_solution *in,
                    vrp_solution **out, err *e)
{
    *out = NULL;
    inst *I = inst_new(p);
    sol x;
    sol_init(I, &x);
    err_code rc = sol_load(I, &x, in, e);
    if (rc == ERR_OK) {
        sol_delta D;
        sol_delta_init(I, &D);
        ls *L = ls_new(I, &D, moves);
        sol_delta_all_dirty(I, &D, &x);
        ls_run(L, &x);
        *out = sol_export(I, &x);
        ls_free(L);
        sol_delta_free(&D);
    }
    sol_free(I, &x);
    inst_free(I);
    return rc;
}
