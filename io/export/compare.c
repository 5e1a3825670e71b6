/* compare.c — two plans side by side: figures, noise verdict, per-stop changes, unchanged
 * routes; text report and offline HTML page with an SVG map. SPDX-License-Identifier: MIT */
#include "io/export/compare.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io/export/report.h"
#include "io/text/outfmt.h"
#include "util/mem.h"

#define NONE SIZE_MAX
#define PI 3.14159265358979323846

void compare_opts_init(compare_opts *o)
{
    *o = (compare_opts){
        .tolerance_s = 900,
        .label_a = "A",
        .label_b = "B",
        .currency = "CNY",
        .max_listed = 200,
    };
}

struct compare {
    const plan *p[2];
    compare_opts o;
    compare_figures f[2];
    compare_stop *stops;
    size_t n_stops;
    size_t n_changed, n_removed, n_added, n_same_routes;
    bool *route_same[2]; /* [n_routes of each plan] an identical route is in the other */
    size_t *partner;     /* [A's n_routes] that route of B, or NONE */
    size_t n_same_lines; /* lines of A whose routes all have an identical route on a line of
                            the same van and days in B */
    bool *line_same;     /* [A's n_lines] */
    uint32_t *day_in_b;  /* [A's n_days] B's index of A's day of that name, or UINT32_MAX */
    size_t *at[2];       /* [n_stops * n_days] route serving stop s on day d, or NONE */
    size_t *visit_at[2]; /* [n_stops * n_days] its visit index in that route */
};

/* ---- figures ------------------------------------------------------------------------------ */

static void figures(const plan *p, compare_figures *f)
{
    report_factors def;
    report_factors_init(&def);
    memset(f, 0, sizeof *f);
    f->cost = p->total_cost;
    f->routes = p->n_routes;
    f->by_carrier = xcalloc(p->n_carriers ? p->n_carriers : 1, sizeof *f->by_carrier);
    uint32_t *per_day = xcalloc(p->n_days ? p->n_days : 1, sizeof *per_day);
    for (size_t i = 0; i < p->n_routes; i++) {
        const plan_route *r = &p->routes[i];
        const plan_vehicle *v = &p->vehicles[r->vehicle];
        per_day[r->day]++;
        f->metres += r->dist_m;
        f->seconds += r->end_s - r->start_s;
        for (size_t k = 0; k < r->n_visits; k++)
            for (uint32_t c = 0; c < p->n_carriers; c++) {
                f->by_carrier[c] += r->visits[k].parcels[c];
                f->parcels += r->visits[k].parcels[c];
            }
        double use = v->use_per_100km, co2 = v->co2_per_unit;
        if (use <= 0 || co2 <= 0) {
            f->co2_assumed = true;
            use = v->electric ? def.ev_kwh_per_100km : def.diesel_l_per_100km;
            co2 = v->electric ? def.grid_kg_co2_per_kwh : def.diesel_kg_co2_per_l;
        }
        f->co2_kg += r->dist_m / 1000.0 * use / 100.0 * co2;
    }
    for (uint32_t d = 0; d < p->n_days; d++)
        if (per_day[d] > f->vehicles)
            f->vehicles = per_day[d];
    free(per_day);
    size_t rule_ok = 0;
    for (size_t i = 0; i < p->n_stops; i++) {
        const plan_stop *s = &p->stops[i];
        if (s->kind == PLAN_DEPOT)
            continue;
        f->stops++;
        unsigned n = plan_days_count(s->days);
        if (!s->problem && n >= s->freq) {
            f->served++;
            if (n >= (s->kind == PLAN_TOWNSHIP ? REPORT_RULE_TOWNSHIP : REPORT_RULE_VILLAGE))
                rule_ok++;
        }
    }
    f->compliance = f->stops ? 100.0 * (double)rule_ok / (double)f->stops : 100.0;
}

/* ---- matching ----------------------------------------------------------------------------- */

/* Which route (and visit) serves each stop on each day. */
static void index_visits(const plan *p, size_t **at, size_t **visit_at)
{
    size_t n = p->n_stops * p->n_days;
    *at = xmallocarray(n ? n : 1, sizeof **at);
    *visit_at = xmallocarray(n ? n : 1, sizeof **visit_at);
    for (size_t i = 0; i < n; i++)
        (*at)[i] = (*visit_at)[i] = NONE;
    for (size_t i = 0; i < p->n_routes; i++) {
        const plan_route *r = &p->routes[i];
        for (size_t k = 0; k < r->n_visits; k++) {
            size_t j = (size_t)r->visits[k].stop * p->n_days + r->day;
            (*at)[j] = i;
            (*visit_at)[j] = k;
        }
    }
}

/* A plan's stop ids sorted, for bsearch by id. */
typedef struct id_ix {
    const char *id;
    size_t i;
} id_ix;

static int by_id(const void *x, const void *y)
{
    const id_ix *a = x, *b = y;
    int c = strcmp(a->id, b->id);
    return c ? c : (a->i > b->i) - (a->i < b->i);
}

static id_ix *sorted_ids(const plan *p)
{
    id_ix *ix = xmallocarray(p->n_stops ? p->n_stops : 1, sizeof *ix);
    for (size_t i = 0; i < p->n_stops; i++)
        ix[i] = (id_ix){p->stops[i].id, i};
    qsort(ix, p->n_stops, sizeof *ix, by_id);
    return ix;
}

/* The first stop of p with this id, or NONE. */
static size_t find_id(const plan *p, const id_ix *ix, const char *id)
{
    size_t lo = 0, hi = p->n_stops;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(ix[mid].id, id) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < p->n_stops && !strcmp(ix[lo].id, id) ? ix[lo].i : NONE;
}

static uint32_t find_day(const plan *p, const char *name)
{
    for (uint32_t d = 0; d < p->n_days; d++)
        if (!strcmp(p->day_names[d], name))
            return d;
    return UINT32_MAX;
}

/* True when route ra of a and route rb of b visit the same stops (by id) in the same order,
 * each arriving within tol seconds of the other. */
static bool same_visits(const plan *a, const plan_route *ra, const plan *b, const plan_route *rb,
                        int32_t tol)
{
    if (ra->n_visits != rb->n_visits)
        return false;
    for (size_t k = 0; k < ra->n_visits; k++)
        if (strcmp(a->stops[ra->visits[k].stop].id, b->stops[rb->visits[k].stop].id) != 0 ||
            abs(ra->visits[k].arrival_s - rb->visits[k].arrival_s) > tol)
            return false;
    return true;
}

/* True when both plans were made in lines mode: stops then change line rather than van. */
static bool both_lines(const compare *c)
{
    return c->p[0]->n_lines && c->p[1]->n_lines;
}

/* What a driver and a village know a route by: its van ("van01"), or with lines its line, the
 * van and the days it runs ("van01 mon+wed+fri"). */
static const char *route_label(const compare *c, const plan *p, size_t route, char *buf,
                               size_t size)
{
    const plan_route *r = &p->routes[route];
    const char *van = p->vehicles[r->vehicle].id;
    if (!both_lines(c) || r->line >= p->n_lines) {
        snprintf(buf, size, "%s", van);
        return buf;
    }
    char days[128];
    plan_days_text(p, p->lines[r->line].days, "-", days, sizeof days);
    snprintf(buf, size, "%s %s", van, days);
    return buf;
}

static void compare_stop_pair(compare *c, compare_stop *cs)
{
    const plan *a = c->p[0], *b = c->p[1];
    for (uint32_t d = 0; d < a->n_days; d++) {
        bool in_a = a->stops[cs->a].days & (UINT32_C(1) << d);
        uint32_t bd = c->day_in_b[d];
        bool in_b = bd != UINT32_MAX && (b->stops[cs->b].days & (UINT32_C(1) << bd));
        if (in_a != in_b)
            cs->days_changed = true;
        if (!in_a || !in_b)
            continue;
        size_t ra = c->at[0][cs->a * a->n_days + d], rb = c->at[1][cs->b * b->n_days + bd];
        if (ra == NONE || rb == NONE)
            continue;
        char la[160], lb[160];
        if (strcmp(route_label(c, a, ra, la, sizeof la), route_label(c, b, rb, lb, sizeof lb)))
            cs->van_days++;
        int32_t ta = a->routes[ra].visits[c->visit_at[0][cs->a * a->n_days + d]].arrival_s;
        int32_t tb = b->routes[rb].visits[c->visit_at[1][cs->b * b->n_days + bd]].arrival_s;
        if (abs(tb - ta) > abs(cs->max_shift_s))
            cs->max_shift_s = tb - ta;
    }
    for (uint32_t bd = 0; bd < b->n_days; bd++) /* days of B that A does not have */
        if ((b->stops[cs->b].days & (UINT32_C(1) << bd)) &&
            find_day(a, b->day_names[bd]) == UINT32_MAX)
            cs->days_changed = true;
    cs->time_changed = abs(cs->max_shift_s) > c->o.tolerance_s;
}

compare *compare_new(const plan *a, const plan *b, const compare_opts *o)
{
    compare *c = xcalloc(1, sizeof *c);
    c->p[0] = a;
    c->p[1] = b;
    if (o)
        c->o = *o;
    else
        compare_opts_init(&c->o);
    figures(a, &c->f[0]);
    figures(b, &c->f[1]);
    c->day_in_b = xcalloc(a->n_days ? a->n_days : 1, sizeof *c->day_in_b);
    for (uint32_t d = 0; d < a->n_days; d++)
        c->day_in_b[d] = find_day(b, a->day_names[d]);
    index_visits(a, &c->at[0], &c->visit_at[0]);
    index_visits(b, &c->at[1], &c->visit_at[1]);

    id_ix *ib = sorted_ids(b), *ia = sorted_ids(a);
    c->stops = xcalloc(a->n_stops + b->n_stops + 1, sizeof *c->stops);
    for (size_t i = 0; i < a->n_stops; i++) {
        if (a->stops[i].kind == PLAN_DEPOT)
            continue;
        compare_stop *cs = &c->stops[c->n_stops++];
        cs->a = i;
        cs->b = find_id(b, ib, a->stops[i].id);
        if (cs->b == NONE) {
            c->n_removed++;
            continue;
        }
        compare_stop_pair(c, cs);
        if (cs->days_changed || cs->van_days || cs->time_changed)
            c->n_changed++;
    }
    for (size_t i = 0; i < b->n_stops; i++) {
        if (b->stops[i].kind == PLAN_DEPOT || find_id(a, ia, b->stops[i].id) != NONE)
            continue;
        c->stops[c->n_stops++] = (compare_stop){.a = NONE, .b = i};
        c->n_added++;
    }
    free(ia);
    free(ib);

    for (int w = 0; w < 2; w++)
        c->route_same[w] = xcalloc(c->p[w]->n_routes + 1, sizeof *c->route_same[w]);
    c->partner = xmallocarray(a->n_routes + 1, sizeof *c->partner);
    for (size_t i = 0; i <= a->n_routes; i++)
        c->partner[i] = NONE;
    for (size_t i = 0; i < a->n_routes; i++) {
        const plan_route *ra = &a->routes[i];
        for (size_t j = 0; j < b->n_routes; j++) {
            const plan_route *rb = &b->routes[j];
            if (c->route_same[1][j] || c->day_in_b[ra->day] != rb->day ||
                strcmp(a->vehicles[ra->vehicle].id, b->vehicles[rb->vehicle].id) ||
                !same_visits(a, ra, b, rb, c->o.tolerance_s))
                continue;
            c->route_same[0][i] = c->route_same[1][j] = true;
            c->partner[i] = j;
            c->n_same_routes++;
            break;
        }
    }
    if (both_lines(c)) {
        c->line_same = xcalloc(a->n_lines, sizeof *c->line_same);
        for (size_t l = 0; l < a->n_lines; l++)
            c->line_same[l] = true;
        for (size_t i = 0; i < a->n_routes; i++) {
            uint32_t l = a->routes[i].line;
            if (l >= a->n_lines)
                continue;
            char la[160], lb[160];
            if (!c->route_same[0][i] || strcmp(route_label(c, a, i, la, sizeof la),
                                               route_label(c, b, c->partner[i], lb, sizeof lb)))
                c->line_same[l] = false;
        }
        for (size_t l = 0; l < a->n_lines; l++)
            c->n_same_lines += c->line_same[l];
    }
    return c;
}

void compare_free(compare *c)
{
    if (!c)
        return;
    for (int w = 0; w < 2; w++) {
        free(c->f[w].by_carrier);
        free(c->at[w]);
        free(c->visit_at[w]);
        free(c->route_same[w]);
    }
    free(c->day_in_b);
    free(c->partner);
    free(c->line_same);
    free(c->stops);
    free(c);
}

const compare_figures *compare_figures_of(const compare *c, int which)
{
    return &c->f[which ? 1 : 0];
}

const compare_stop *compare_stops(const compare *c, size_t *n)
{
    *n = c->n_stops;
    return c->stops;
}

size_t compare_n_changed(const compare *c)
{
    return c->n_changed;
}

size_t compare_n_removed(const compare *c)
{
    return c->n_removed;
}

size_t compare_n_added(const compare *c)
{
    return c->n_added;
}

size_t compare_n_same_routes(const compare *c)
{
    return c->n_same_routes;
}

size_t compare_n_same_lines(const compare *c)
{
    return c->n_same_lines;
}

/* max - min of a plan's spread costs; false when it has none. */
static bool spread_of(const plan *p, double *range, double *lo, double *hi)
{
    if (p->n_spread < 2)
        return false;
    *lo = *hi = p->spread_cost[0];
    for (size_t i = 1; i < p->n_spread; i++) {
        if (p->spread_cost[i] < *lo)
            *lo = p->spread_cost[i];
        if (p->spread_cost[i] > *hi)
            *hi = p->spread_cost[i];
    }
    *range = *hi - *lo;
    return true;
}

/* The plan whose spread is used: A's, else B's, else NULL. */
static const plan *spread_plan(const compare *c)
{
    return c->p[0]->n_spread >= 2 ? c->p[0] : c->p[1]->n_spread >= 2 ? c->p[1] : NULL;
}

int compare_noise(const compare *c, double *spread)
{
    double lo, hi, range = 0;
    const plan *sp = spread_plan(c);
    *spread = 0;
    if (!sp || !spread_of(sp, &range, &lo, &hi))
        return -1;
    *spread = range;
    /* costs carry 2 decimals: compare in cents so a difference equal to the spread is noise */
    long long diff = llround(fabs(c->f[1].cost - c->f[0].cost) * 100.0);
    return diff > llround(range * 100.0) ? 1 : 0;
}

/* ---- shared text pieces ------------------------------------------------------------------- */

static err_code io_status(FILE *out, const char *what, err *e)
{
    if (ferror(out))
        return err_set(e, ERR_IO, "writing %s: %s", what, strerror(errno));
    return ERR_OK;
}

/* "+12.34" / "-0.5" with the given decimals; "0" stays unsigned. */
static const char *signed_num(char *buf, size_t size, double x, int decimals)
{
    double r = round(x * pow(10, decimals)) / pow(10, decimals);
    if (r == 0)
        snprintf(buf, size, "%.*f", decimals, 0.0);
    else
        snprintf(buf, size, "%+.*f", decimals, r);
    return buf;
}

/* What changed for a stop present in both plans, in words: "days mon+wed+fri → tue+thu+sat;
 * van van02 → van03 (tue, thu); arrival +25 min (mon)". */
static void change_text(const compare *c, const compare_stop *cs, char *buf, size_t size)
{
    const plan *a = c->p[0], *b = c->p[1];
    size_t used = 0;
    buf[0] = '\0';
#define ADD(...)                                                                                   \
    do {                                                                                           \
        if (used < size) {                                                                         \
            int w_ = snprintf(buf + used, size - used, __VA_ARGS__);                               \
            if (w_ > 0)                                                                            \
                used += (size_t)w_;                                                                \
        }                                                                                          \
    } while (0)
    if (cs->days_changed) {
        char da[128], db[128];
        plan_days_text(a, a->stops[cs->a].days, "none", da, sizeof da);
        plan_days_text(b, b->stops[cs->b].days, "none", db, sizeof db);
        ADD("days %s -> %s", da, db);
    }
    if (cs->van_days) {
        /* each distinct pair of vans (or lines), with the days it concerns */
        bool *done = xcalloc(a->n_days + 1, sizeof *done);
        for (uint32_t d = 0; d < a->n_days; d++) {
            size_t ra = c->at[0][cs->a * a->n_days + d];
            uint32_t bd = c->day_in_b[d];
            size_t rb = bd == UINT32_MAX ? NONE : c->at[1][cs->b * b->n_days + bd];
            if (done[d] || ra == NONE || rb == NONE)
                continue;
            char va[160], vb[160];
            route_label(c, a, ra, va, sizeof va);
            route_label(c, b, rb, vb, sizeof vb);
            if (!strcmp(va, vb))
                continue;
            ADD("%s%s %s -> %s (%s", used ? "; " : "", both_lines(c) ? "line" : "van", va, vb,
                a->day_names[d]);
            for (uint32_t d2 = d + 1; d2 < a->n_days; d2++) {
                size_t ra2 = c->at[0][cs->a * a->n_days + d2];
                uint32_t bd2 = c->day_in_b[d2];
                size_t rb2 = bd2 == UINT32_MAX ? NONE : c->at[1][cs->b * b->n_days + bd2];
                char va2[160], vb2[160];
                if (ra2 == NONE || rb2 == NONE ||
                    strcmp(route_label(c, a, ra2, va2, sizeof va2), va) ||
                    strcmp(route_label(c, b, rb2, vb2, sizeof vb2), vb))
                    continue;
                done[d2] = true;
                ADD(", %s", a->day_names[d2]);
            }
            ADD(")");
        }
        free(done);
    }
    if (cs->time_changed) {
        int32_t m = cs->max_shift_s;
        ADD("%sarrival moves up to %c%d min", used ? "; " : "", m < 0 ? '-' : '+', abs(m) / 60);
    }
#undef ADD
}

/* A short description of a plan for the headers. */
static void plan_header(FILE *out, const char *label, const plan *p)
{
    fprintf(out, "  %s: %s (seed %llu", label, p->scenario, (unsigned long long)p->seed);
    if (p->n_spread >= 2)
        fprintf(out, ", best of %zu seeds", p->n_spread);
    fputs(")\n", out);
}

/* ---- text --------------------------------------------------------------------------------- */

/* Display columns of a UTF-8 string in a monospaced font: CJK and full-width characters take
 * two. */
static size_t display_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *u = (const unsigned char *)s; *u; u++) {
        if ((*u & 0xC0) == 0x80)
            continue; /* continuation byte */
        if (*u < 0x80) {
            w++;
            continue;
        }
        uint32_t cp =
            (*u & 0xF0) == 0xE0 && u[1] && u[2]
                ? ((uint32_t)(*u & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F)
                : 0;
        w += (cp >= 0x2E80 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                     (cp >= 0xFF00 && cp <= 0xFF60)
                 ? 2
                 : 1;
    }
    return w;
}

/* s left-aligned in width display columns (at least one space after it). */
static void padded(FILE *out, const char *s, size_t width)
{
    fputs(s, out);
    size_t w = display_width(s);
    do
        fputc(' ', out);
    while (++w < width);
}

static void row(FILE *out, const char *name, double a, double b, int decimals, const char *unit,
                bool pct_change)
{
    char d[32];
    fputs("  ", out);
    padded(out, name, 34);
    fprintf(out, "%12.*f %12.*f %10s", decimals, a, decimals, b,
            signed_num(d, sizeof d, b - a, decimals));
    if (pct_change && a != 0)
        fprintf(out, " (%s%%)", signed_num(d, sizeof d, 100.0 * (b - a) / a, 2));
    if (unit && *unit)
        fprintf(out, "  %s", unit);
    fputc('\n', out);
}

static void noise_text(const compare *c, FILE *out)
{
    double diff = c->f[1].cost - c->f[0].cost;
    double spread = 0;
    int v = compare_noise(c, &spread);
    char d[32];
    fputs("NOISE 随机波动\n", out);
    if (v < 0) {
        fprintf(out,
                "  cost difference %s %s: not known whether it is real (neither plan records "
                "a seed spread; plan %s with --seeds N to measure it)\n\n",
                signed_num(d, sizeof d, diff, 2), c->o.currency, c->o.label_a);
        return;
    }
    const plan *sp = spread_plan(c);
    double lo = 0, hi = 0, range = 0;
    spread_of(sp, &range, &lo, &hi);
    fprintf(out, "  seed spread of %s: %.2f-%.2f %s over %zu seeds (%.2f, %.2f%%)\n",
            sp == c->p[0] ? c->o.label_a : c->o.label_b, lo, hi, c->o.currency, sp->n_spread, range,
            lo > 0 ? 100.0 * range / lo : 0.0);
    fprintf(out, "  cost difference %s %s: %s\n\n", signed_num(d, sizeof d, diff, 2), c->o.currency,
            v ? "REAL 真实差异 (larger than the seed spread)"
              : "within noise 在随机波动范围内 (not larger than the seed spread)");
}

err_code compare_text(const compare *c, FILE *out, err *e)
{
    const plan *a = c->p[0], *b = c->p[1];
    const compare_figures *fa = &c->f[0], *fb = &c->f[1];
    fputs("jincun compare 方案对比\n", out);
    plan_header(out, c->o.label_a, a);
    plan_header(out, c->o.label_b, b);
    fputc('\n', out);

    fputs("  ", out);
    padded(out, "WEEK 每周", 34);
    fprintf(out, "%12s %12s %10s\n", c->o.label_a, c->o.label_b, "change");
    char unit[64];
    snprintf(unit, sizeof unit, "%s", c->o.currency);
    row(out, "cost 成本", fa->cost, fb->cost, 2, unit, true);
    row(out, "vehicles needed 所需车辆", fa->vehicles, fb->vehicles, 0, "", false);
    row(out, "routes 线路 (vehicle-days)", (double)fa->routes, (double)fb->routes, 0, "", false);
    row(out, "km 公里", (double)fa->metres / 1000.0, (double)fb->metres / 1000.0, 1, "", true);
    row(out, "hours 工时", (double)fa->seconds / 3600.0, (double)fb->seconds / 3600.0, 1, "", true);
    row(out, "CO2 kg 碳排放", fa->co2_kg, fb->co2_kg, 1,
        fa->co2_assumed || fb->co2_assumed ? "(default factors for vans without them)" : "", true);
    row(out, "3/5 rule compliance 达标率 %", fa->compliance, fb->compliance, 1, "", false);
    row(out, "stops served 已服务站点", (double)fa->served, (double)fb->served, 0, "", false);
    row(out, "stops 站点", (double)fa->stops, (double)fb->stops, 0, "", false);
    row(out, "parcels 件数", (double)fa->parcels, (double)fb->parcels, 0, "", false);
    fputc('\n', out);

    fprintf(out, "PER COMPANY 各快递公司 (parcels per week; cost shared by parcels, %s)\n",
            c->o.currency);
    /* companies by name, A's order, then B's that A lacks */
    for (int w = 0; w < 2; w++) {
        const plan *p = c->p[w];
        for (uint32_t k = 0; k < p->n_carriers; k++) {
            const char *name = p->carriers[k];
            uint32_t ka = UINT32_MAX, kb = UINT32_MAX;
            for (uint32_t j = 0; j < a->n_carriers; j++)
                if (!strcmp(a->carriers[j], name))
                    ka = j;
            if (w == 1 && ka != UINT32_MAX)
                continue;
            for (uint32_t j = 0; j < b->n_carriers; j++)
                if (!strcmp(b->carriers[j], name))
                    kb = j;
            double pa = ka != UINT32_MAX ? (double)fa->by_carrier[ka] : 0;
            double pb = kb != UINT32_MAX ? (double)fb->by_carrier[kb] : 0;
            char label[96];
            snprintf(label, sizeof label, "%s parcels", name);
            row(out, label, pa, pb, 0, "", false);
            double ca = fa->parcels ? fa->cost * pa / (double)fa->parcels : 0;
            double cb = fb->parcels ? fb->cost * pb / (double)fb->parcels : 0;
            snprintf(label, sizeof label, "%s cost", name);
            row(out, label, ca, cb, 2, c->o.currency, false);
        }
    }
    fputc('\n', out);

    noise_text(c, out);

    fprintf(out,
            "STOPS 站点: %zu changed 有变化, %zu added 新增, %zu removed 删除, %zu unchanged "
            "未变 (an arrival counts when it moves by more than %d min)\n",
            c->n_changed, c->n_added, c->n_removed,
            c->n_stops - c->n_changed - c->n_added - c->n_removed, (int)(c->o.tolerance_s / 60));
    size_t listed = 0, to_list = c->n_changed + c->n_added + c->n_removed;
    for (size_t i = 0; i < c->n_stops && listed < c->o.max_listed; i++) {
        const compare_stop *cs = &c->stops[i];
        char what[1024];
        const plan_stop *s;
        if (cs->b == NONE) {
            s = &a->stops[cs->a];
            char da[128];
            plan_days_text(a, s->days, "never", da, sizeof da);
            snprintf(what, sizeof what, "removed 删除 (was served %s)", da);
        } else if (cs->a == NONE) {
            s = &b->stops[cs->b];
            char db[128];
            plan_days_text(b, s->days, "never", db, sizeof db);
            snprintf(what, sizeof what, "added 新增 (served %s)", db);
        } else {
            if (!cs->days_changed && !cs->van_days && !cs->time_changed)
                continue;
            s = &a->stops[cs->a];
            change_text(c, cs, what, sizeof what);
        }
        fprintf(out, "  %-10s %s: %s\n", s->id, s->name, what);
        listed++;
    }
    if (listed < to_list)
        fprintf(out, "  ... and %zu more\n", to_list - listed);
    fputc('\n', out);

    fprintf(out,
            "ROUTES 线路: %zu of %zu (%s) and %zu (%s) unchanged 未变 (same day, van, stops, "
            "order and times)\n",
            c->n_same_routes, a->n_routes, c->o.label_a, b->n_routes, c->o.label_b);
    /* per van, the days its route stayed the same */
    for (size_t v = 0; v < a->n_vehicles; v++) {
        bool any = false;
        for (size_t i = 0; i < a->n_routes; i++) {
            if (a->routes[i].vehicle != v || !c->route_same[0][i])
                continue;
            if (!any)
                fprintf(out, "  %s:", a->vehicles[v].id);
            fprintf(out, " %s", a->day_names[a->routes[i].day]);
            any = true;
        }
        if (any)
            fputc('\n', out);
    }
    if (both_lines(c)) {
        fprintf(out,
                "LINES 定线: %zu of %zu (%s) unchanged 未变 (same van, days, stops, order and "
                "times)\n",
                c->n_same_lines, a->n_lines, c->o.label_a);
        for (size_t l = 0; l < a->n_lines; l++) {
            if (!c->line_same[l])
                continue;
            char days[128];
            plan_days_text(a, a->lines[l].days, "-", days, sizeof days);
            fprintf(out, "  %s %s\n", a->vehicles[a->lines[l].vehicle].id, days);
        }
    }
    return io_status(out, "the comparison", e);
}

/* ---- HTML --------------------------------------------------------------------------------- */

static void td(FILE *out, const char *s)
{
    fputs("<td>", out);
    outfmt_xml(out, s);
    fputs("</td>", out);
}

static void html_row(FILE *out, const char *name, double a, double b, int decimals)
{
    char x[48], d[32];
    fputs("<tr>", out);
    td(out, name);
    snprintf(x, sizeof x, "%.*f", decimals, a);
    td(out, x);
    snprintf(x, sizeof x, "%.*f", decimals, b);
    td(out, x);
    td(out, signed_num(d, sizeof d, b - a, decimals));
    fputs("</tr>\n", out);
}

/* The map's frame: the stops of both plans, equirectangular at their mean latitude. */
typedef struct frame {
    double lon0, lat1, kx, scale;
} frame;

#define MAP_W 900.0
#define MAP_PAD 10.0

static void frame_of(const compare *c, frame *fr, double *height)
{
    double lo0 = 1e9, lo1 = -1e9, la0 = 1e9, la1 = -1e9;
    for (int w = 0; w < 2; w++)
        for (size_t i = 0; i < c->p[w]->n_stops; i++) {
            const plan_stop *s = &c->p[w]->stops[i];
            lo0 = fmin(lo0, s->lon);
            lo1 = fmax(lo1, s->lon);
            la0 = fmin(la0, s->lat);
            la1 = fmax(la1, s->lat);
        }
    if (lo0 > lo1) {
        lo0 = lo1 = la0 = la1 = 0;
    }
    fr->lon0 = lo0;
    fr->lat1 = la1;
    fr->kx = cos((la0 + la1) / 2 * PI / 180.0);
    double wx = (lo1 - lo0) * fr->kx, wy = la1 - la0;
    double span = fmax(wx, wy);
    fr->scale = span > 0 ? (MAP_W - 2 * MAP_PAD) / span : 1;
    *height = (wy > 0 ? wy * fr->scale : 0) + 2 * MAP_PAD;
    if (*height < 100)
        *height = 100;
}

static void xy(const frame *fr, double lon, double lat, double *x, double *y)
{
    *x = MAP_PAD + (lon - fr->lon0) * fr->kx * fr->scale;
    *y = MAP_PAD + (fr->lat1 - lat) * fr->scale;
}

static void polyline(FILE *out, const frame *fr, const plan_route *r, const char *style,
                     const char *title)
{
    fprintf(out, "<polyline %s points=\"", style);
    for (size_t k = 0; k < r->n_points; k++) {
        double x, y;
        xy(fr, r->lonlat[2 * k], r->lonlat[2 * k + 1], &x, &y);
        fprintf(out, "%s%.1f,%.1f", k ? " " : "", x, y);
    }
    fputs("\"><title>", out);
    outfmt_xml(out, title);
    fputs("</title></polyline>\n", out);
}

static const char *const palette[] = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd",
                                      "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"};

static void svg_map(const compare *c, FILE *out)
{
    frame fr;
    double h;
    frame_of(c, &fr, &h);
    fprintf(out,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" "
            "viewBox=\"0 0 %.0f %.0f\" style=\"border:1px solid #ccc;background:#fafaf7\">\n",
            MAP_W, h, MAP_W, h);
    char title[256];
    for (int w = 0; w < 2; w++) {
        const plan *p = c->p[w];
        for (size_t i = 0; i < p->n_routes; i++) {
            const plan_route *r = &p->routes[i];
            if (c->route_same[w][i])
                continue;
            snprintf(title, sizeof title, "%s: %s %s, %zu stops", w ? c->o.label_b : c->o.label_a,
                     p->day_names[r->day], p->vehicles[r->vehicle].id, r->n_visits);
            char style[160];
            if (w == 0)
                snprintf(style, sizeof style,
                         "fill=\"none\" stroke=\"#888\" stroke-width=\"1.5\" "
                         "stroke-dasharray=\"4 3\" class=\"a d%u\"",
                         r->day);
            else
                snprintf(style, sizeof style,
                         "fill=\"none\" stroke=\"%s\" stroke-width=\"2\" opacity=\"0.8\" "
                         "class=\"b d%u\"",
                         palette[r->vehicle % (sizeof palette / sizeof *palette)], r->day);
            polyline(out, &fr, r, style, title);
        }
    }
    for (size_t i = 0; i < c->n_stops; i++) {
        const compare_stop *cs = &c->stops[i];
        const plan *p = cs->b != NONE ? c->p[1] : c->p[0];
        const plan_stop *s = &p->stops[cs->b != NONE ? cs->b : cs->a];
        const char *fill = "#bbb";
        double r = 2.5;
        char what[1024] = "unchanged";
        if (cs->a == NONE) {
            fill = "#2a2";
            r = 5;
            snprintf(what, sizeof what, "added");
        } else if (cs->b == NONE) {
            fill = "#000";
            r = 5;
            snprintf(what, sizeof what, "removed");
        } else if (cs->days_changed || cs->van_days || cs->time_changed) {
            fill = "#d22";
            r = 4;
            change_text(c, cs, what, sizeof what);
        }
        double x, y;
        xy(&fr, s->lon, s->lat, &x, &y);
        fprintf(out, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\" fill=\"%s\"><title>", x, y, r,
                fill);
        outfmt_xml(out, s->id);
        fputc(' ', out);
        outfmt_xml(out, s->name);
        fputs(": ", out);
        outfmt_xml(out, what);
        fputs("</title></circle>\n", out);
    }
    /* depots */
    for (int w = 0; w < 2; w++)
        for (size_t i = 0; i < c->p[w]->n_stops; i++) {
            const plan_stop *s = &c->p[w]->stops[i];
            if (s->kind != PLAN_DEPOT)
                continue;
            double x, y;
            xy(&fr, s->lon, s->lat, &x, &y);
            fprintf(out,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"9\" height=\"9\" fill=\"#fff\" "
                    "stroke=\"#000\" stroke-width=\"2\"><title>",
                    x - 4.5, y - 4.5);
            outfmt_xml(out, s->name);
            fputs(" (depot)</title></rect>\n", out);
        }
    fputs("</svg>\n", out);
}

err_code compare_html(const compare *c, FILE *out, err *e)
{
    const plan *a = c->p[0], *b = c->p[1];
    const compare_figures *fa = &c->f[0], *fb = &c->f[1];
    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n<title>", out);
    fputs("jincun compare 方案对比: ", out);
    outfmt_xml(out, c->o.label_a);
    fputs(" / ", out);
    outfmt_xml(out, c->o.label_b);
    fputs("</title>\n<style>body{font-family:sans-serif;margin:1em 2em}table{border-collapse:"
          "collapse;margin:.5em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}"
          "td+td{text-align:right}td.w{text-align:left}.real{color:#b00;font-weight:bold}"
          ".noise{color:#070}</style>\n</head><body>\n<h1>jincun compare 方案对比</h1>\n<p>",
          out);
    for (int w = 0; w < 2; w++) {
        const plan *p = c->p[w];
        fputs("<b>", out);
        outfmt_xml(out, w ? c->o.label_b : c->o.label_a);
        fputs("</b>: ", out);
        outfmt_xml(out, p->scenario);
        fprintf(out, " (seed %llu", (unsigned long long)p->seed);
        if (p->n_spread >= 2)
            fprintf(out, ", best of %zu seeds", p->n_spread);
        fputs(")<br>\n", out);
    }
    fputs("</p>\n<h2>Week 每周</h2>\n<table><tr><th></th><th>", out);
    outfmt_xml(out, c->o.label_a);
    fputs("</th><th>", out);
    outfmt_xml(out, c->o.label_b);
    fputs("</th><th>change</th></tr>\n", out);
    char name[96];
    snprintf(name, sizeof name, "cost 成本 (%s)", c->o.currency);
    html_row(out, name, fa->cost, fb->cost, 2);
    html_row(out, "vehicles needed 所需车辆", fa->vehicles, fb->vehicles, 0);
    html_row(out, "routes 线路 (vehicle-days)", (double)fa->routes, (double)fb->routes, 0);
    html_row(out, "km 公里", (double)fa->metres / 1000.0, (double)fb->metres / 1000.0, 1);
    html_row(out, "hours 工时", (double)fa->seconds / 3600.0, (double)fb->seconds / 3600.0, 1);
    html_row(out, "CO2 kg 碳排放", fa->co2_kg, fb->co2_kg, 1);
    html_row(out, "3/5 rule compliance 达标率 %", fa->compliance, fb->compliance, 1);
    html_row(out, "stops served 已服务站点", (double)fa->served, (double)fb->served, 0);
    html_row(out, "parcels 件数", (double)fa->parcels, (double)fb->parcels, 0);
    for (uint32_t k = 0; k < a->n_carriers; k++) {
        uint32_t kb = UINT32_MAX;
        for (uint32_t j = 0; j < b->n_carriers; j++)
            if (!strcmp(b->carriers[j], a->carriers[k]))
                kb = j;
        double pa = (double)fa->by_carrier[k];
        double pb = kb != UINT32_MAX ? (double)fb->by_carrier[kb] : 0;
        snprintf(name, sizeof name, "%s parcels", a->carriers[k]);
        html_row(out, name, pa, pb, 0);
        snprintf(name, sizeof name, "%s cost (shared by parcels)", a->carriers[k]);
        html_row(out, name, fa->parcels ? fa->cost * pa / (double)fa->parcels : 0,
                 fb->parcels ? fb->cost * pb / (double)fb->parcels : 0, 2);
    }
    fputs("</table>\n", out);

    double spread;
    int v = compare_noise(c, &spread);
    char d[32];
    signed_num(d, sizeof d, fb->cost - fa->cost, 2);
    fputs("<h2>Noise 随机波动</h2>\n<p>", out);
    if (v < 0)
        fprintf(out,
                "Cost difference %s: not known whether it is real (no seed spread "
                "recorded; plan the base with <code>--seeds N</code>).",
                d);
    else
        fprintf(out, "Cost difference %s, seed spread %.2f: <span class=\"%s\">%s</span>.", d,
                spread, v ? "real" : "noise",
                v ? "REAL 真实差异" : "within noise 在随机波动范围内");
    fputs("</p>\n", out);

    fprintf(out,
            "<h2>Map of the changed routes 变化线路图</h2>\n<p>%zu of %zu routes unchanged "
            "(not drawn). Dashed grey: ",
            c->n_same_routes, a->n_routes);
    outfmt_xml(out, c->o.label_a);
    fputs("; colour: ", out);
    outfmt_xml(out, c->o.label_b);
    fputs(" (one colour per van). Red: stop changed; green: added; black: removed; square: "
          "depot. Hover for details.</p>\n",
          out);
    svg_map(c, out);

    fprintf(out,
            "<h2>Stops 站点</h2>\n<p>%zu changed, %zu added, %zu removed, %zu unchanged "
            "(arrival tolerance %d min).</p>\n<table><tr><th>id</th><th>name</th><th>what "
            "changed</th></tr>\n",
            c->n_changed, c->n_added, c->n_removed,
            c->n_stops - c->n_changed - c->n_added - c->n_removed, (int)(c->o.tolerance_s / 60));
    for (size_t i = 0; i < c->n_stops; i++) {
        const compare_stop *cs = &c->stops[i];
        char what[1024];
        const plan_stop *s;
        if (cs->b == NONE) {
            s = &a->stops[cs->a];
            snprintf(what, sizeof what, "removed 删除");
        } else if (cs->a == NONE) {
            s = &b->stops[cs->b];
            snprintf(what, sizeof what, "added 新增");
        } else {
            if (!cs->days_changed && !cs->van_days && !cs->time_changed)
                continue;
            s = &a->stops[cs->a];
            change_text(c, cs, what, sizeof what);
        }
        fputs("<tr>", out);
        td(out, s->id);
        fputs("<td class=\"w\">", out);
        outfmt_xml(out, s->name);
        fputs("</td><td class=\"w\">", out);
        outfmt_xml(out, what);
        fputs("</td></tr>\n", out);
    }
    fputs("</table>\n</body></html>\n", out);
    return io_status(out, "compare.html", e);
}
