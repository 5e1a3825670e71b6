/* buscheck.c — independent checker of a plan with buses (see buscheck.h): counts per run and
 * per stop-day from the drops alone, then the van routes through vrp_check_with on a problem
 * whose visits are reduced by the bus days. No code shared with bus.c.
 * SPDX-License-Identifier: MIT */
#include "solver/buscheck.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/mem.h"

#define NONE UINT32_MAX

__attribute__((format(printf, 6, 7))) static void add(vrp_check_report *r, vrp_violation_kind kind,
                                                      uint32_t day, uint32_t vehicle, uint32_t node,
                                                      const char *fmt, ...)
{
    r->n_violations++;
    if (r->n_stored >= VRP_CHECK_MAX_STORED)
        return;
    if (!r->violations)
        r->violations = xmallocarray(VRP_CHECK_MAX_STORED, sizeof *r->violations);
    vrp_violation *v = &r->violations[r->n_stored++];
    v->kind = kind;
    v->day = day;
    v->vehicle = vehicle;
    v->node = node;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(v->msg, sizeof v->msg, fmt, ap);
    va_end(ap);
}

static unsigned bits(uint32_t m)
{
    unsigned n = 0;
    for (; m; m &= m - 1)
        n++;
    return n;
}

bool buscheck_plan(const vrp_problem *p, const bus_run *runs, size_t n, const bus_plan *bp,
                   const vrp_check_opts *o, vrp_check_report *r)
{
    const uint32_t nn = p->n_nodes;
    uint32_t *bus = xcalloc(nn ? nn : 1, sizeof *bus); /* days a bus drops at each stop */
    int64_t *load = xcalloc(n ? n : 1, sizeof *load);
    int64_t fees = 0;
    vrp_check_report br = {0};
    for (size_t k = 0; k < bp->n_drops; k++) {
        const bus_drop *dr = &bp->drops[k];
        if (dr->run >= n || dr->node < p->n_depots || dr->node >= nn) {
            add(&br, VRP_VIOL_ROUTE, NONE, NONE, NONE, "drop %zu: run %u or stop %u out of range",
                k + 1, dr->run + 1, dr->node);
            continue;
        }
        const bus_run *b = &runs[dr->run];
        uint32_t at = NONE;
        for (uint32_t j = 0; j < b->n_stops; j++)
            if (b->stops[j] == dr->node)
                at = j;
        const vrp_node *nd = &p->nodes[dr->node];
        if (at == NONE)
            add(&br, VRP_VIOL_ROUTE, b->day, NONE, dr->node, "bus run %u does not call at stop %u",
                dr->run + 1, dr->node);
        if (nd->pickup > 0)
            add(&br, VRP_VIOL_ROUTE, b->day, NONE, dr->node,
                "bus run %u drops at stop %u, whose %d outbound parcels a bus does not collect",
                dr->run + 1, dr->node, nd->pickup);
        if (at != NONE && nd->close > 0 && (b->arrive[at] < nd->open || b->arrive[at] > nd->close))
            add(&br, VRP_VIOL_WINDOW, b->day, NONE, dr->node,
                "bus run %u reaches stop %u at %d, outside its window %d-%d", dr->run + 1, dr->node,
                b->arrive[at], nd->open, nd->close);
        if (!(b->ready <= b->deadline && b->deadline <= b->depart))
            add(&br, VRP_VIOL_ROUTE, b->day, NONE, dr->node,
                "bus run %u carries parcels but its loading deadline %d is before the parcels "
                "are ready (%d) or after it departs (%d)",
                dr->run + 1, b->deadline, b->ready, b->depart);
        if (bus[dr->node] >> b->day & 1)
            add(&br, VRP_VIOL_DUPLICATE, b->day, NONE, dr->node,
                "stop %u gets parcels from two buses on day %u", dr->node, b->day + 1);
        bus[dr->node] |= 1u << b->day;
        load[dr->run] += p->nodes[dr->node].demand;
        fees += b->fee_per_drop + b->fee_per_unit * p->nodes[dr->node].demand;
    }
    for (size_t k = 0; k < n; k++)
        if (load[k] > runs[k].capacity)
            add(&br, VRP_VIOL_CAPACITY, runs[k].day, NONE, NONE,
                "bus run %zu carries %lld parcels, over its capacity %d", k + 1, (long long)load[k],
                runs[k].capacity);

    /* the van problem: each stop's visits less its bus days, patterns that hold them */
    vrp_node *nodes = xmallocarray(nn ? nn : 1, sizeof *nodes);
    uint32_t **own = xcalloc(nn ? nn : 1, sizeof *own);
    memcpy(nodes, p->nodes, nn * sizeof *nodes);
    for (uint32_t i = p->n_depots; i < nn; i++) {
        const vrp_node *o0 = &p->nodes[i];
        uint32_t van = bp->vans->pattern[i], all = van | bus[i];
        if (van & bus[i])
            add(&br, VRP_VIOL_DUPLICATE, NONE, NONE, i,
                "stop %u is served by a van and a bus on the same day (days %#x)", i, van & bus[i]);
        if (bp->pattern[i] != all)
            add(&br, VRP_VIOL_PATTERN_FIELD, NONE, NONE, i,
                "stop %u: stated days %#x, but vans and buses serve it on %#x", i, bp->pattern[i],
                all);
        if (!bus[i])
            continue;
        bool allowed = false;
        for (uint32_t k = 0; k < o0->n_patterns; k++)
            allowed |= o0->patterns[k] == all;
        if (!allowed || bits(all) != o0->freq)
            add(&br, VRP_VIOL_PATTERN, NONE, NONE, i,
                "stop %u: days %#x by van and bus are none of its allowed patterns", i, all);
        own[i] = xmallocarray(o0->n_patterns ? o0->n_patterns : 1, sizeof *own[i]);
        uint32_t m = 0;
        for (uint32_t k = 0; k < o0->n_patterns; k++)
            if ((o0->patterns[k] & bus[i]) == bus[i])
                own[i][m++] = o0->patterns[k] & ~bus[i];
        nodes[i].freq = o0->freq > bits(bus[i]) ? o0->freq - bits(bus[i]) : 0;
        nodes[i].patterns = own[i];
        nodes[i].n_patterns = nodes[i].freq ? m : 0;
    }
    vrp_problem vp = *p;
    vp.nodes = nodes;
    bool ok = vrp_check_with(&vp, bp->vans, o, r);
    if (bp->fees != fees)
        add(&br, VRP_VIOL_STORED, NONE, NONE, NONE, "stated bus fees %lld, recomputed %lld",
            (long long)bp->fees, (long long)fees);
    if (bp->cost != r->cost + fees)
        add(&br, VRP_VIOL_STORED, NONE, NONE, NONE,
            "stated cost %lld, recomputed %lld (vans) + %lld (buses)", (long long)bp->cost,
            (long long)r->cost, (long long)fees);
    r->cost += fees;
    for (size_t k = 0; k < br.n_stored; k++) {
        const vrp_violation *v = &br.violations[k];
        add(r, v->kind, v->day, v->vehicle, v->node, "%s", v->msg);
    }
    r->n_violations += br.n_violations - br.n_stored;
    ok = ok && br.n_violations == 0;
    vrp_check_report_free(&br);
    for (uint32_t i = 0; i < nn; i++)
        free(own[i]);
    free(own);
    free(nodes);
    free(load);
    free(bus);
    return ok;
}
