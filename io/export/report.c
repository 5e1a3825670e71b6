/* report.c — summary.txt, routes.csv and stops.csv of a plan (RFC 4180 CSV with a UTF-8 BOM).
 * SPDX-License-Identifier: MIT */
#include "io/export/report.h"

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/export/expdata.h"
#include "io/text/csvwrite.h"
#include "util/mem.h"

void report_factors_init(report_factors *f)
{
    *f = (report_factors){
        .diesel_l_per_100km = 10.0,
        .diesel_kg_co2_per_l = 2.68,
        .ev_kwh_per_100km = 20.0,
        .grid_kg_co2_per_kwh = 0.58,
        .currency = "CNY",
        .max_listed_problems = 50,
        .free_cost = -1,
    };
}

static err_code io_status(FILE *out, const char *what, err *e)
{
    if (ferror(out))
        return err_set(e, ERR_IO, "writing %s: %s", what, strerror(errno));
    return ERR_OK;
}

/* "08:35" from seconds after midnight (hours may exceed 23 for overnight routes). */
static void hhmm(int32_t s, char buf[16])
{
    if (s < 0)
        s = 0;
    snprintf(buf, 16, "%02d:%02d", (int)(s / 3600), (int)(s / 60 % 60));
}

/* ---- the gaps between a stop's visits ----------------------------------------------------- */

/* Weekday (0 = Monday) of plan day d, from its name ("mon"); d itself when the name is none. */
static uint32_t plan_weekday(const plan *p, uint32_t d)
{
    static const char *const names[7] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    for (uint32_t w = 0; w < 7; w++)
        if (p->day_names[d] && !strcmp(p->day_names[d], names[w]))
            return w;
    return d % 7;
}

/* Each stop's longest time from one arrival to the next, the week wrapping round, in seconds
 * (-1 for a stop without visits), with the two arrivals that bound it (day and time of the
 * earlier, then of the later). Caller frees the arrays. */
typedef struct gaps {
    int64_t *gap_s;          /* [n_stops] */
    uint32_t *from_d, *to_d; /* [n_stops] plan days of the two arrivals */
    int32_t *from_s, *to_s;  /* [n_stops] their arrival times */
} gaps;

static void gaps_compute(const plan *p, gaps *g)
{
    size_t n = p->n_stops ? p->n_stops : 1, nd = p->n_days ? p->n_days : 1;
    int32_t *arr = xmallocarray(n * nd, sizeof *arr);
    for (size_t k = 0; k < n * nd; k++)
        arr[k] = -1;
    for (size_t i = 0; i < p->n_routes; i++)
        for (size_t k = 0; k < p->routes[i].n_visits; k++) {
            const plan_visit *v = &p->routes[i].visits[k];
            if (v->stop < p->n_stops && p->routes[i].day < p->n_days)
                arr[(size_t)v->stop * nd + p->routes[i].day] = v->arrival_s;
        }
    /* a bus drop is a visit too, at the bus's arrival */
    for (size_t i = 0; i < p->n_bus_runs; i++)
        for (size_t k = 0; k < p->bus_runs[i].n_drops; k++) {
            const plan_bus_drop *b = &p->bus_runs[i].drops[k];
            if (b->stop < p->n_stops && p->bus_runs[i].day < p->n_days)
                arr[(size_t)b->stop * nd + p->bus_runs[i].day] = b->arrival_s;
        }
    g->gap_s = xmallocarray(n, sizeof *g->gap_s);
    g->from_d = xcalloc(n, sizeof *g->from_d);
    g->to_d = xcalloc(n, sizeof *g->to_d);
    g->from_s = xcalloc(n, sizeof *g->from_s);
    g->to_s = xcalloc(n, sizeof *g->to_s);
    for (size_t s = 0; s < p->n_stops; s++) {
        g->gap_s[s] = -1;
        uint32_t first = UINT32_MAX, prev = UINT32_MAX;
        for (uint32_t d = 0; d <= p->n_days; d++) {
            /* d == n_days: the first visit again, a week later */
            uint32_t dd = d < p->n_days ? d : first;
            if (dd == UINT32_MAX || arr[s * nd + dd] < 0)
                continue;
            if (first == UINT32_MAX) {
                first = prev = dd;
                continue;
            }
            int64_t days = (int64_t)plan_weekday(p, dd) - plan_weekday(p, prev);
            if (d == p->n_days)
                days += 7;
            int64_t gs = days * 86400 + arr[s * nd + dd] - arr[s * nd + prev];
            if (gs > g->gap_s[s]) {
                g->gap_s[s] = gs;
                g->from_d[s] = prev;
                g->to_d[s] = dd;
                g->from_s[s] = arr[s * nd + prev];
                g->to_s[s] = arr[s * nd + dd];
            }
            prev = dd;
        }
    }
    free(arr);
}

static void gaps_free(gaps *g)
{
    free(g->gap_s);
    free(g->from_d);
    free(g->to_d);
    free(g->from_s);
    free(g->to_s);
}

/* Display columns of a UTF-8 string on a terminal or in a monospaced font: CJK and full-width
 * characters take two. */
static size_t display_width(const char *s)
{
    size_t w = 0;
    for (const unsigned char *u = (const unsigned char *)s; *u;) {
        uint32_t cp;
        int n;
        if (*u < 0x80) {
            cp = *u;
            n = 1;
        } else if ((*u & 0xE0) == 0xC0) {
            cp = *u & 0x1F;
            n = 2;
        } else if ((*u & 0xF0) == 0xE0) {
            cp = *u & 0x0F;
            n = 3;
        } else {
            cp = *u & 0x07;
            n = 4;
        }
        int k = 1;
        for (; k < n && (u[k] & 0xC0) == 0x80; k++)
            cp = (cp << 6) | (u[k] & 0x3F);
        u += k;
        w += (cp >= 0x2E80 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                     (cp >= 0xFF00 && cp <= 0xFF60)
                 ? 2
                 : 1;
    }
    return w;
}

/* Writes s left-aligned in `width` display columns. */
static void put_padded(FILE *out, const char *s, size_t width)
{
    fputs(s, out);
    for (size_t w = display_width(s); w < width; w++)
        fputc(' ', out);
}

/* One column per carrier, named CARRIER followed by suffix ("", "_week", "_out"), each after a
 * comma: the names scenario stops.csv gives these columns. */
static void carrier_cols(FILE *out, const plan *p, const char *suffix)
{
    for (uint32_t c = 0; c < p->n_carriers; c++) {
        char name[512];
        snprintf(name, sizeof name, "%s%s", p->carriers[c], suffix);
        fputc(',', out);
        csvwrite_field(out, name);
    }
}

/* The BOM (so WPS and Excel read UTF-8) and the header row: the columns before, one column per
 * carrier, then one per carrier for the weekly volumes (week) and the outbound parcels (out)
 * when asked, the columns after. */
static void csv_header(FILE *out, const plan *p, const char *before, bool week, bool out_cols,
                       const char *after)
{
    fputs("\xEF\xBB\xBF", out);
    fputs(before, out);
    carrier_cols(out, p, "");
    if (week)
        carrier_cols(out, p, "_week");
    if (out_cols)
        carrier_cols(out, p, "_out");
    fprintf(out, ",%s\r\n", after);
}

/* ",N" per carrier from counts[n_carriers] (zeros when counts is NULL). */
static void carrier_vals(FILE *out, const plan *p, const int32_t *counts)
{
    for (uint32_t c = 0; c < p->n_carriers; c++)
        fprintf(out, ",%d", counts ? (int)counts[c] : 0);
}

/* ---- routes.csv --------------------------------------------------------------------------- */

/* The first columns of a routes.csv row: day, vehicle, driver ("" when unknown). */
static void route_columns(FILE *out, const plan *p, const plan_route *r)
{
    const plan_vehicle *v = &p->vehicles[r->vehicle];
    csvwrite_field(out, p->day_names[r->day]);
    fputc(',', out);
    csvwrite_field(out, v->id);
    fputc(',', out);
    csvwrite_field(out, v->driver ? v->driver : "");
}

err_code report_routes_csv(const plan *p, FILE *out, err *e)
{
    const bool out_cols = expdata_has_pickup(p);
    csv_header(out, p, "day,vehicle,driver,seq,stop_id,stop_name,arrival,departure", false,
               out_cols, "load_after,leg_km,leg_min");
    for (size_t i = 0; i < p->n_routes; i++) {
        const plan_route *r = &p->routes[i];
        const plan_vehicle *v = &p->vehicles[r->vehicle];
        const plan_stop *depot = &p->stops[v->depot];
        int32_t load = 0;
        for (size_t k = 0; k < r->n_visits; k++)
            for (uint32_t c = 0; c < p->n_carriers; c++)
                load += r->visits[k].parcels[c];
        char t1[16], t2[16];
        /* seq 0: leaving the depot with everything on board. */
        route_columns(out, p, r);
        fputs(",0,", out);
        csvwrite_field(out, depot->id);
        fputc(',', out);
        csvwrite_field(out, depot->name);
        hhmm(r->start_s, t1);
        fprintf(out, ",,%s", t1);
        carrier_vals(out, p, NULL);
        if (out_cols)
            carrier_vals(out, p, NULL);
        fprintf(out, ",%d,0.000,0.0\r\n", (int)load);
        for (size_t k = 0; k < r->n_visits; k++) {
            const plan_visit *vi = &r->visits[k];
            const plan_stop *s = &p->stops[vi->stop];
            route_columns(out, p, r);
            fprintf(out, ",%zu,", k + 1);
            csvwrite_field(out, s->id);
            fputc(',', out);
            csvwrite_field(out, s->name);
            hhmm(vi->arrival_s, t1);
            hhmm(vi->departure_s, t2);
            fprintf(out, ",%s,%s", t1, t2);
            carrier_vals(out, p, vi->parcels);
            if (out_cols)
                carrier_vals(out, p, vi->pickup);
            fprintf(out, ",%d,%.3f,%.1f\r\n", (int)vi->load_after, vi->leg_m / 1000.0,
                    vi->leg_s / 60.0);
        }
        /* Back at the depot. */
        route_columns(out, p, r);
        fprintf(out, ",%zu,", r->n_visits + 1);
        csvwrite_field(out, depot->id);
        fputc(',', out);
        csvwrite_field(out, depot->name);
        hhmm(r->end_s, t1);
        fprintf(out, ",%s,", t1);
        carrier_vals(out, p, NULL);
        if (out_cols) /* unloads what it collected */
            carrier_vals(out, p, NULL);
        fprintf(out, ",0,%.3f,%.1f\r\n", r->return_m / 1000.0, r->return_s / 60.0);
    }
    return io_status(out, "routes.csv", e);
}

/* ---- stops.csv ---------------------------------------------------------------------------- */

err_code report_stops_csv(const plan *p, FILE *out, err *e)
{
    /* visits actually planned per stop, counted from the routes */
    uint32_t *visits = xcalloc(p->n_stops ? p->n_stops : 1, sizeof *visits);
    for (size_t i = 0; i < p->n_routes; i++)
        for (size_t k = 0; k < p->routes[i].n_visits; k++)
            visits[p->routes[i].visits[k].stop]++;
    gaps g;
    gaps_compute(p, &g);
    const bool week = expdata_has_week(p), out_cols = expdata_has_pickup(p);
    csv_header(out, p, "id,code,name,kind,township,freq,days,visits,longest_gap_h,lon,lat,snap_m",
               week, out_cols, "problem");
    for (size_t i = 0; i < p->n_stops; i++) {
        const plan_stop *s = &p->stops[i];
        char days[256];
        plan_days_text(p, s->days, "-", days, sizeof days);
        csvwrite_field(out, s->id);
        fputc(',', out);
        csvwrite_field(out, s->code);
        fputc(',', out);
        csvwrite_field(out, s->name);
        fprintf(out, ",%s,", plan_kind_name(s->kind));
        csvwrite_field(out, s->township);
        fprintf(out, ",%u,%s,%u,", s->freq, days, visits[i]);
        if (g.gap_s[i] >= 0)
            fprintf(out, "%.1f", (double)g.gap_s[i] / 3600.0);
        fprintf(out, ",%.7f,%.7f,", s->lon, s->lat);
        if (s->snap_m >= 0)
            fprintf(out, "%.1f", s->snap_m);
        carrier_vals(out, p, s->demand);
        if (week)
            carrier_vals(out, p, s->week);
        if (out_cols)
            carrier_vals(out, p, s->pickup);
        fputc(',', out);
        csvwrite_field(out, s->problem);
        fputs("\r\n", out);
    }
    free(visits);
    gaps_free(&g);
    return io_status(out, "stops.csv", e);
}

/* ---- lines ------------------------------------------------------------------------------- */

/* The figures of one run of a line (its first route; the others drive the same), and the most
 * parcels a run carries (with weekly volumes the runs of a line carry different loads). */
typedef struct line_run {
    const plan_route *r; /* NULL when the line has no route */
    int64_t parcels;
} line_run;

static line_run line_first_run(const plan *p, size_t l)
{
    line_run lr = {0};
    for (size_t i = 0; i < p->n_routes; i++) {
        if (p->routes[i].line != l)
            continue;
        if (!lr.r)
            lr.r = &p->routes[i];
        int64_t n = 0;
        for (size_t k = 0; k < p->routes[i].n_visits; k++)
            for (uint32_t c = 0; c < p->n_carriers; c++)
                n += p->routes[i].visits[k].parcels[c];
        lr.parcels = n > lr.parcels ? n : lr.parcels;
    }
    return lr;
}

err_code report_lines_csv(const plan *p, FILE *out, err *e)
{
    fputs("\xEF\xBB\xBF", out);
    fputs("line,vehicle,driver,days,departure,stops,km,hours,parcels\r\n", out);
    for (size_t l = 0; l < p->n_lines; l++) {
        const plan_line *ln = &p->lines[l];
        const plan_vehicle *v = &p->vehicles[ln->vehicle];
        line_run lr = line_first_run(p, l);
        char days[256], dep[16];
        plan_days_text(p, ln->days, "-", days, sizeof days);
        hhmm(ln->start_s, dep);
        fprintf(out, "%zu,", l + 1);
        csvwrite_field(out, v->id);
        fputc(',', out);
        csvwrite_field(out, v->driver ? v->driver : "");
        fprintf(out, ",%s,%s,%zu,%.1f,%.2f,%lld\r\n", days, dep, lr.r ? lr.r->n_visits : 0,
                lr.r ? lr.r->dist_m / 1000.0 : 0.0,
                lr.r ? (lr.r->end_s - lr.r->start_s) / 3600.0 : 0.0, (long long)lr.parcels);
    }
    return io_status(out, "lines.csv", e);
}

static int cmp_i64(const void *a, const void *b)
{
    int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
    return (x > y) - (x < y);
}

/* The LINES and CONSISTENCY blocks of summary.txt. */
static void lines_blocks(const plan *p, const report_factors *f, FILE *out)
{
    fputs("LINES 线路 (each run unchanged on each of its days 每条线路各日相同; figures per run "
          "每趟)\n",
          out);
    fputs("  line  van       driver 司机 days               departs  stops     km  hours  "
          "parcels\n",
          out);
    for (size_t l = 0; l < p->n_lines; l++) {
        const plan_line *ln = &p->lines[l];
        const plan_vehicle *v = &p->vehicles[ln->vehicle];
        line_run lr = line_first_run(p, l);
        char days[256], dep[16];
        plan_days_text(p, ln->days, "-", days, sizeof days);
        hhmm(ln->start_s, dep);
        fprintf(out, "  %4zu  ", l + 1);
        put_padded(out, v->id, 9);
        fputc(' ', out);
        put_padded(out, v->driver && *v->driver ? v->driver : "-", 11);
        fputc(' ', out);
        put_padded(out, days, 17);
        fprintf(out, " %7s %6zu %6.1f %6.1f %8lld\n", dep, lr.r ? lr.r->n_visits : 0,
                lr.r ? lr.r->dist_m / 1000.0 : 0.0,
                lr.r ? (lr.r->end_s - lr.r->start_s) / 3600.0 : 0.0, (long long)lr.parcels);
    }
    fputc('\n', out);

    /* per stop: its vans and the spread of its arrival times over its days */
    size_t n = p->n_stops ? p->n_stops : 1;
    uint32_t *van = xmallocarray(n, sizeof *van);
    bool *many = xcalloc(n, sizeof *many);
    int32_t *lo = xmallocarray(n, sizeof *lo), *hi = xmallocarray(n, sizeof *hi);
    for (size_t i = 0; i < p->n_stops; i++) {
        van[i] = UINT32_MAX;
        lo[i] = INT32_MAX;
        hi[i] = INT32_MIN;
    }
    for (size_t i = 0; i < p->n_routes; i++) {
        const plan_route *r = &p->routes[i];
        for (size_t k = 0; k < r->n_visits; k++) {
            uint32_t s = r->visits[k].stop;
            many[s] |= van[s] != UINT32_MAX && van[s] != r->vehicle;
            van[s] = r->vehicle;
            lo[s] = r->visits[k].arrival_s < lo[s] ? r->visits[k].arrival_s : lo[s];
            hi[s] = r->visits[k].arrival_s > hi[s] ? r->visits[k].arrival_s : hi[s];
        }
    }
    int64_t *spread = xmallocarray(n, sizeof *spread);
    size_t served[3] = {0}, one_van[3] = {0}, within[3] = {0}, n_spread = 0;
    const plan_consistency *c = &p->consistency;
    for (size_t i = 0; i < p->n_stops; i++) {
        const plan_stop *s = &p->stops[i];
        if (s->kind == PLAN_DEPOT || van[i] == UINT32_MAX)
            continue;
        int32_t tol = s->kind == PLAN_TOWNSHIP ? c->township_spread_s : c->village_spread_s;
        served[s->kind]++;
        one_van[s->kind] += !many[i];
        within[s->kind] += tol < 0 || hi[i] - lo[i] <= tol;
        spread[n_spread++] = hi[i] - lo[i];
    }
    qsort(spread, n_spread, sizeof *spread, cmp_i64);
    fputs("CONSISTENCY 一致性 (定时、定线)\n", out);
    fprintf(out, "  mode 模式:                     %s, same van for townships %s\n",
            c->lines ? "lines 定线" : "free 自由", c->same_van ? "yes" : "no");
    fprintf(out,
            "  stops with one van 固定车辆:   %zu of %zu (villages %zu of %zu, townships %zu "
            "of %zu)\n",
            one_van[1] + one_van[2], served[1] + served[2], one_van[2], served[2], one_van[1],
            served[1]);
    fprintf(out,
            "  within the tolerance 时间差达标: villages %zu of %zu (%.0f min), townships %zu "
            "of %zu (%.0f min)\n",
            within[2], served[2], c->village_spread_s / 60.0, within[1], served[1],
            c->township_spread_s / 60.0);
    if (n_spread)
        fprintf(out,
                "  arrival spread 到达时间差:     median %.0f min, largest %.0f min (latest "
                "minus earliest arrival over a stop's days)\n",
                (double)spread[(n_spread - 1) / 2] / 60.0, (double)spread[n_spread - 1] / 60.0);
    const char *cur = f->currency ? f->currency : "";
    if (f->free_cost >= 0) {
        double diff = p->total_cost - f->free_cost;
        fprintf(out,
                "  cost in free mode 自由模式成本: %.2f %s per week (same seed and iteration "
                "limit)\n",
                f->free_cost, cur);
        fprintf(out, "  cost of consistency 一致性成本: %+.2f %s per week (%+.1f%%)\n", diff, cur,
                f->free_cost > 0 ? 100.0 * diff / f->free_cost : 0.0);
    } else {
        fputs("  cost of consistency 一致性成本: not known (no free-mode plan: [consistency] "
              "compare_free = no, or it left stops out)\n",
              out);
    }
    free(van);
    free(many);
    free(lo);
    free(hi);
    free(spread);
}

/* ---- summary.txt -------------------------------------------------------------------------- */

typedef struct day_tally {
    uint32_t routes, electric, stops;
    int64_t parcels, out, metres, seconds; /* out: outbound parcels collected */
} day_tally;

/* ---- bus_handover.csv ------------------------------------------------------------------- */

err_code report_bus_csv(const plan *p, FILE *out, err *e)
{
    csv_header(out, p, "day,line,departure,loading,load_by,seq,stop_id,stop_name,arrival", false,
               false, "parcels,bags,run_fee");
    for (size_t i = 0; i < p->n_bus_runs; i++) {
        const plan_bus_run *b = &p->bus_runs[i];
        char dep[16], by[16], arr[16];
        hhmm(b->depart_s, dep);
        hhmm(b->deadline_s, by);
        for (size_t k = 0; k < b->n_drops; k++) {
            const plan_bus_drop *dr = &b->drops[k];
            const plan_stop *s = &p->stops[dr->stop];
            csvwrite_field(out, p->day_names[b->day]);
            fputc(',', out);
            csvwrite_field(out, b->line);
            fprintf(out, ",%s,", dep);
            csvwrite_field(out, p->stops[b->loading].id);
            fprintf(out, ",%s,%zu,", by, k + 1);
            csvwrite_field(out, s->id);
            fputc(',', out);
            csvwrite_field(out, s->name);
            hhmm(dr->arrival_s, arr);
            fprintf(out, ",%s", arr);
            int64_t tot = 0;
            for (uint32_t c = 0; c < p->n_carriers; c++) {
                fprintf(out, ",%d", (int)dr->parcels[c]);
                tot += dr->parcels[c];
            }
            fprintf(out, ",%lld,1,%.2f\r\n", (long long)tot, b->fee);
        }
    }
    return io_status(out, "bus_handover.csv", e);
}

/* The BUS block of a scenario with bus lines: what the buses carry and cost, and what the plan
 * saves against the same scenario planned with vans only (km, co2: this plan's vans). */
static void bus_block(const plan *p, const report_factors *f, double km, double co2, FILE *out)
{
    const char *cur = f->currency ? f->currency : "";
    size_t visits = 0;
    int64_t parcels = 0;
    double fees = 0;
    for (size_t i = 0; i < p->n_bus_runs; i++) {
        const plan_bus_run *b = &p->bus_runs[i];
        visits += b->n_drops;
        fees += b->fee;
        for (size_t k = 0; k < b->n_drops; k++)
            for (uint32_t c = 0; c < p->n_carriers; c++)
                parcels += b->drops[k].parcels[c];
    }
    double hours = 0;
    for (size_t i = 0; i < p->n_routes; i++)
        hours += (p->routes[i].end_s - p->routes[i].start_s) / 3600.0;
    const plan_van_only *v = &p->van_only;
    fputs("BUS 客运班车代运 (buses.csv, per week)\n", out);
    fprintf(out, "  bus runs with parcels 带件班次:  %zu\n", p->n_bus_runs);
    fprintf(out, "  visits by bus 班车送达:         %zu\n", visits);
    fprintf(out, "  parcels by bus 班车件数:        %lld\n", (long long)parcels);
    fprintf(out, "  bus fees 代运费:                %.2f %s\n", fees, cur);
    fprintf(out, "  van-only plan 纯货车方案:       %.2f %s, %.1f km, %.1f h, %.1f kg CO2\n",
            v->cost, cur, v->km, v->hours, v->co2_kg);
    fprintf(
        out,
        "  saved 节省 (vs van-only):       %.2f %s, %.1f van-km, %.1f van-hours, %.1f kg CO2\n\n",
        v->cost - p->total_cost, cur, v->km - km, v->hours - hours, v->co2_kg - co2);
}

err_code report_summary(const plan *p, const report_factors *f, FILE *out, err *e)
{
    fprintf(out, "jincun weekly delivery plan 每周配送计划: %s\n", p->scenario);
    fprintf(out, "map 地图: %s\nseed 随机种子: %llu\n", *p->map_path ? p->map_path : "-",
            (unsigned long long)p->seed);
    if (p->week_start && *p->week_start)
        fprintf(out, "week starting 周起始: %s (%s, UTC%s)\n", p->week_start, p->timezone,
                p->utc_offset);
    fputs("working days 工作日:", out);
    for (uint32_t d = 0; d < p->n_days; d++)
        fprintf(out, " %s", p->day_names[d]);
    fputs("\n", out);
    if (f->n_from_gcj02 || f->n_from_bd09) {
        fputs("coordinates 坐标: WGS84 in every output; converted on reading from", out);
        if (f->n_from_gcj02)
            fprintf(out, " GCJ-02 (高德/腾讯) for %zu stop%s%s", f->n_from_gcj02,
                    f->n_from_gcj02 == 1 ? "" : "s", f->n_from_bd09 ? " and" : "");
        if (f->n_from_bd09)
            fprintf(out, " BD-09 (百度) for %zu stop%s", f->n_from_bd09,
                    f->n_from_bd09 == 1 ? "" : "s");
        fputs("\n", out);
    }
    if (p->time_stopped)
        fputs("STOPPED BY TIME 受时间限制: the time limit ended the search, not the iteration "
              "limit, so this plan depends on the machine's speed and load (a time limit the "
              "iteration limit comes before makes it reproducible)\n",
              out);
    if (p->n_spread >= 2) {
        double lo = p->spread_cost[0], hi = p->spread_cost[0];
        for (size_t i = 1; i < p->n_spread; i++) {
            lo = p->spread_cost[i] < lo ? p->spread_cost[i] : lo;
            hi = p->spread_cost[i] > hi ? p->spread_cost[i] : hi;
        }
        fprintf(out,
                "seeds 随机种子: best of %zu (seeds %llu to %llu), their costs %.2f to %.2f %s: "
                "spread %.2f (%.2f%%)\n",
                p->n_spread, (unsigned long long)p->spread_seed[0],
                (unsigned long long)p->spread_seed[p->n_spread - 1], lo, hi,
                f->currency ? f->currency : "", hi - lo, lo > 0 ? 100.0 * (hi - lo) / lo : 0.0);
    }
    fputs("\n", out);

    /* -- service and the 3/5 rule --
     * "stops planned" counts the stops served as often as the scenario asks; the rule lines
     * and the compliance measure the policy itself (villages 3x, townships 5x a week), so a
     * scenario asking for less cannot read as 100 % compliant. */
    static const uint32_t rule[3] = {0, REPORT_RULE_TOWNSHIP, REPORT_RULE_VILLAGE};
    size_t need[3] = {0}, ok[3] = {0}, rule_ok[3] = {0}, asked_less[3] = {0}, n_problem = 0;
    uint32_t less_min[3] = {0}, less_max[3] = {0};
    uint32_t by_freq[33] = {0};
    for (size_t i = 0; i < p->n_stops; i++) {
        const plan_stop *s = &p->stops[i];
        if (s->kind == PLAN_DEPOT)
            continue;
        need[s->kind]++;
        bool served = !s->problem && plan_days_count(s->days) >= s->freq;
        if (served) {
            ok[s->kind]++;
            by_freq[plan_days_count(s->days) > 32 ? 32 : plan_days_count(s->days)]++;
            if (plan_days_count(s->days) >= rule[s->kind])
                rule_ok[s->kind]++;
        } else {
            n_problem++;
        }
        if (s->freq < rule[s->kind]) {
            if (!asked_less[s->kind]++ || s->freq < less_min[s->kind])
                less_min[s->kind] = s->freq;
            if (s->freq > less_max[s->kind])
                less_max[s->kind] = s->freq;
        }
    }
    size_t n_need = need[PLAN_TOWNSHIP] + need[PLAN_VILLAGE];
    size_t n_ok = ok[PLAN_TOWNSHIP] + ok[PLAN_VILLAGE];
    size_t n_rule_ok = rule_ok[PLAN_TOWNSHIP] + rule_ok[PLAN_VILLAGE];
    fputs("SERVICE 服务\n", out);
    fprintf(out, "  stops planned 已排站点:          %zu of %zu\n", n_ok, n_need);
    fprintf(out, "  townships 乡镇 (>=5x/week):      %zu of %zu\n", rule_ok[PLAN_TOWNSHIP],
            need[PLAN_TOWNSHIP]);
    fprintf(out, "  villages 村 (>=3x/week):         %zu of %zu\n", rule_ok[PLAN_VILLAGE],
            need[PLAN_VILLAGE]);
    fprintf(out, "  3/5 rule compliance 达标率:      %.1f%%\n",
            n_need ? 100.0 * (double)n_rule_ok / (double)n_need : 100.0);
    if (asked_less[PLAN_TOWNSHIP] + asked_less[PLAN_VILLAGE]) {
        fputs("  THE SCENARIO ASKS FOR LESS THAN THE 3/5 RULE 场景要求低于3/5规则:\n", out);
        static const char *const what[3] = {"", "townships 乡镇", "villages 村"};
        for (int k = PLAN_TOWNSHIP; k <= PLAN_VILLAGE; k++) {
            if (!asked_less[k])
                continue;
            char range[32];
            if (less_min[k] == less_max[k])
                snprintf(range, sizeof range, "%u", less_min[k]);
            else
                snprintf(range, sizeof range, "%u-%u", less_min[k], less_max[k]);
            fprintf(out, "    %s: %zu of %zu asked for %sx/week instead of %ux\n", what[k],
                    asked_less[k], need[k], range, rule[k]);
        }
        fputs("    (settings.ini [frequency] or the freq column of stops.csv)\n", out);
    }
    for (int fq = 32; fq >= 1; fq--)
        if (by_freq[fq])
            fprintf(out, "  served %2dx/week 每周%d次:         %u stops\n", fq, fq, by_freq[fq]);
    if (n_problem) {
        fprintf(out, "  NOT SERVED 未能服务 (%zu):\n", n_problem);
        size_t listed = 0;
        for (size_t i = 0; i < p->n_stops && listed < f->max_listed_problems; i++) {
            const plan_stop *s = &p->stops[i];
            if (s->kind == PLAN_DEPOT || (!s->problem && plan_days_count(s->days) >= s->freq))
                continue;
            fprintf(out, "    %s %s%s%s: %s\n", s->id, s->name, *s->township ? ", " : "",
                    s->township, s->problem ? s->problem : "fewer visits than required");
            listed++;
        }
        if (listed < n_problem)
            fprintf(out, "    ... and %zu more (see stops.csv)\n", n_problem - listed);
    }
    fputc('\n', out);

    /* -- the longest gap between visits of each stop: how many stops wait how long, and the
     * stops that wait longest -- */
    gaps g;
    gaps_compute(p, &g);
    size_t by_days[8] = {0}, n_gap = 0, over = 0;
    for (size_t i = 0; i < p->n_stops; i++) {
        if (g.gap_s[i] < 0 || p->stops[i].kind == PLAN_DEPOT)
            continue;
        n_gap++;
        int64_t days = (g.gap_s[i] + 86399) / 86400; /* (days-1, days] x 24 h */
        by_days[days < 1 ? 1 : days > 7 ? 7 : days]++;
        over += f->max_gap_h && g.gap_s[i] > (int64_t)f->max_gap_h * 3600;
    }
    if (n_gap) {
        fputs("LONGEST GAP BETWEEN VISITS 最长访问间隔 (arrival to next arrival, the week "
              "wrapping round)\n",
              out);
        if (f->max_gap_h) {
            fprintf(out,
                    "  limit 上限: %s (%u h, in whole days: the patterns keep it, the "
                    "time of day may add to it)\n",
                    f->max_gap_key ? f->max_gap_key : "", f->max_gap_h);
            if (over)
                fprintf(out, "  over the limit by the time of day 因到达时刻超限: %zu stops\n",
                        over);
        }
        for (int k = 1; k <= 7; k++)
            if (by_days[k])
                fprintf(out, "  %3d-%3d h:  %6zu stops\n", (k - 1) * 24, k * 24, by_days[k]);
        /* the 5 longest, ties by stop order */
        size_t top[5], n_top = 0;
        for (size_t i = 0; i < p->n_stops; i++) {
            if (g.gap_s[i] < 0 || p->stops[i].kind == PLAN_DEPOT)
                continue;
            size_t j = n_top < 5 ? n_top++ : 5;
            while (j > 0 && g.gap_s[top[j - 1]] < g.gap_s[i]) {
                if (j < 5)
                    top[j] = top[j - 1];
                j--;
            }
            if (j < 5)
                top[j] = i;
        }
        fputs("  longest 最长:\n", out);
        for (size_t k = 0; k < n_top; k++) {
            size_t i = top[k];
            char t1[16], t2[16];
            hhmm(g.from_s[i], t1);
            hhmm(g.to_s[i], t2);
            fprintf(out, "    %s %s: %.1f h, %s %s -> %s %s\n", p->stops[i].id, p->stops[i].name,
                    (double)g.gap_s[i] / 3600.0, p->day_names[g.from_d[i]], t1,
                    p->day_names[g.to_d[i]], t2);
        }
        fputc('\n', out);
    }
    gaps_free(&g);

    /* -- per day -- */
    day_tally *dt = xcalloc(p->n_days ? p->n_days : 1, sizeof *dt);
    int64_t *carrier_week = xcalloc(p->n_carriers ? p->n_carriers : 1, sizeof *carrier_week);
    int64_t *carrier_out = xcalloc(p->n_carriers ? p->n_carriers : 1, sizeof *carrier_out);
    int64_t tot_m = 0, tot_s = 0, tot_parcels = 0, tot_out = 0;
    double load_sum = 0, load_max = 0, time_sum = 0, time_max = 0, peak_sum = 0, peak_max = 0;
    const bool outbound = expdata_has_pickup(p);
    for (size_t i = 0; i < p->n_routes; i++) {
        const plan_route *r = &p->routes[i];
        const plan_vehicle *v = &p->vehicles[r->vehicle];
        day_tally *t = &dt[r->day];
        int64_t parcels = 0;
        for (size_t k = 0; k < r->n_visits; k++)
            for (uint32_t c = 0; c < p->n_carriers; c++) {
                parcels += r->visits[k].parcels[c];
                carrier_week[c] += r->visits[k].parcels[c];
            }
        int64_t out_n = 0;
        for (size_t k = 0; k < r->n_visits; k++)
            for (uint32_t c = 0; r->visits[k].pickup && c < p->n_carriers; c++) {
                out_n += r->visits[k].pickup[c];
                carrier_out[c] += r->visits[k].pickup[c];
            }
        t->out += out_n;
        tot_out += out_n;
        double pu = v->capacity > 0 ? (double)expdata_route_peak(p, r) / v->capacity : 0;
        peak_sum += pu;
        if (pu > peak_max)
            peak_max = pu;
        t->routes++;
        t->electric += v->electric;
        t->stops += (uint32_t)r->n_visits;
        t->parcels += parcels;
        t->metres += r->dist_m;
        t->seconds += r->end_s - r->start_s;
        tot_m += r->dist_m;
        tot_s += r->end_s - r->start_s;
        tot_parcels += parcels;
        double lu = v->capacity > 0 ? (double)parcels / v->capacity : 0;
        double tu = v->shift_s > 0 ? (double)(r->end_s - r->start_s) / v->shift_s : 0;
        load_sum += lu;
        time_sum += tu;
        if (lu > load_max)
            load_max = lu;
        if (tu > time_max)
            time_max = tu;
    }
    fputs("PER DAY 每日 (one driver per vehicle 每车一名司机)\n", out);
    /* with outbound parcels, a column of those collected (揽收) after the parcels delivered */
    fputs(outbound ? "  day     vehicles  electric  stops  parcels      out       km   hours\n"
                   : "  day     vehicles  electric  stops  parcels       km   hours\n",
          out);
    uint32_t max_vehicles = 0;
    for (uint32_t d = 0; d < p->n_days; d++) {
        const day_tally *t = &dt[d];
        fprintf(out, "  %-6s %9u %9u %6u %8lld", p->day_names[d], t->routes, t->electric, t->stops,
                (long long)t->parcels);
        if (outbound)
            fprintf(out, " %8lld", (long long)t->out);
        fprintf(out, " %8.1f %7.1f\n", (double)t->metres / 1000.0, (double)t->seconds / 3600.0);
        if (t->routes > max_vehicles)
            max_vehicles = t->routes;
    }
    fprintf(out, "  week   %9zu %9s %6s %8lld", p->n_routes, "", "", (long long)tot_parcels);
    if (outbound)
        fprintf(out, " %8lld", (long long)tot_out);
    fprintf(out, " %8.1f %7.1f\n", (double)tot_m / 1000.0, (double)tot_s / 3600.0);
    fprintf(out, "  vehicles and drivers needed 所需车辆/司机: %u (busiest day), fleet %zu\n\n",
            max_vehicles, p->n_vehicles);

    fputs("PARCELS PER COMPANY 各快递公司件数 (per week 每周)\n", out);
    if (outbound)
        fputs("                       delivered  out 揽收\n", out);
    for (uint32_t c = 0; c < p->n_carriers; c++) {
        fputs("  ", out);
        put_padded(out, p->carriers[c], 20);
        fprintf(out, " %8lld", (long long)carrier_week[c]);
        if (outbound)
            fprintf(out, " %9lld", (long long)carrier_out[c]);
        fputc('\n', out);
    }
    fputs("  ", out);
    put_padded(out, "total 合计", 20);
    fprintf(out, " %8lld", (long long)tot_parcels);
    if (outbound)
        fprintf(out, " %9lld", (long long)tot_out);
    fputc('\n', out);
    if (expdata_has_week(p)) {
        size_t n_week = 0;
        for (size_t i = 0; i < p->n_stops; i++)
            n_week += p->stops[i].week != NULL;
        fprintf(out,
                "  weekly volumes 按周件量: %zu stops; each visit carries what arrived since the "
                "previous one\n",
                n_week);
    }
    fputc('\n', out);

    fputs("UTILISATION 利用率 (per route 每条线路)\n", out);
    if (p->n_routes) {
        double n = (double)p->n_routes;
        fprintf(out, "  load/capacity 装载率:  mean %.0f%%, max %.0f%%\n", 100 * load_sum / n,
                100 * load_max);
        fprintf(out, "  time/shift 工时占比:   mean %.0f%%, max %.0f%%\n", 100 * time_sum / n,
                100 * time_max);
        if (outbound) /* the most on board at any point, outbound parcels included */
            fprintf(out, "  peak load 最大装载率:  mean %.0f%%, max %.0f%%\n", 100 * peak_sum / n,
                    100 * peak_max);
    } else {
        fputs("  no routes\n", out);
    }
    fputc('\n', out);

    /* Fuel per route with its vehicle's factors (scenario values, else the defaults). */
    double dkm = 0, ekm = 0, litres = 0, kwh = 0, co2_d = 0, co2_e = 0;
    for (size_t i = 0; i < p->n_routes; i++) {
        const plan_route *r = &p->routes[i];
        const plan_vehicle *v = &p->vehicles[r->vehicle];
        double km = r->dist_m / 1000.0;
        double use = f->vehicle_use ? f->vehicle_use[r->vehicle]
                     : v->electric  ? f->ev_kwh_per_100km
                                    : f->diesel_l_per_100km;
        double co2 = f->vehicle_co2 ? f->vehicle_co2[r->vehicle]
                     : v->electric  ? f->grid_kg_co2_per_kwh
                                    : f->diesel_kg_co2_per_l;
        double amount = km * use / 100.0;
        if (v->electric) {
            ekm += km;
            kwh += amount;
            co2_e += amount * co2;
        } else {
            dkm += km;
            litres += amount;
            co2_d += amount * co2;
        }
    }
    fputs("FUEL AND CO2 燃料与碳排放 (estimate 估算, per week)\n", out);
    if (f->vehicle_use || f->vehicle_co2)
        fputs("  ASSUMPTIONS 假设: each van's consumption and CO2 factor from the scenario "
              "(vehicles.csv use_per_100km, settings.ini [costs])\n",
              out);
    else
        fprintf(out,
                "  ASSUMPTIONS 假设: diesel %.1f L/100km, %.2f kg CO2/L; electric %.1f kWh/100km, "
                "grid %.2f kg CO2/kWh\n",
                f->diesel_l_per_100km, f->diesel_kg_co2_per_l, f->ev_kwh_per_100km,
                f->grid_kg_co2_per_kwh);
    fprintf(out, "  diesel vans 柴油车:    %8.1f km %8.1f L   %8.1f kg CO2\n", dkm, litres, co2_d);
    fprintf(out, "  electric vans 电动车:  %8.1f km %8.1f kWh %8.1f kg CO2\n", ekm, kwh, co2_e);
    fprintf(out, "  total 合计:            %8.1f km              %8.1f kg CO2\n\n", dkm + ekm,
            co2_d + co2_e);

    if (p->has_van_only)
        bus_block(p, f, dkm + ekm, co2_d + co2_e, out);

    fprintf(out, "COST 成本 (scenario cost model, per week): %.2f %s\n", p->total_cost,
            f->currency ? f->currency : "");
    /* the fleet's weekly cost is part of total_cost: shown beside the running cost */
    double fleet = 0;
    size_t n_paid = 0;
    bool *used = xcalloc(p->n_vehicles ? p->n_vehicles : 1, sizeof *used);
    for (size_t k = 0; k < p->n_routes; k++)
        if (p->routes[k].vehicle < p->n_vehicles)
            used[p->routes[k].vehicle] = true;
    for (size_t v = 0; f->vehicle_weekly && v < p->n_vehicles; v++)
        if (used[v] && f->vehicle_weekly[v] > 0) {
            fleet += f->vehicle_weekly[v];
            n_paid++;
        }
    free(used);
    if (n_paid) {
        fprintf(out, "  running 运行 (km, hours, van-days):   %10.2f\n", p->total_cost - fleet);
        fprintf(out, "  fleet 车队 (%zu van%s used, weekly cost): %10.2f\n", n_paid,
                n_paid == 1 ? "" : "s", fleet);
    }
    if (p->has_consistency) {
        fputc('\n', out);
        lines_blocks(p, f, out);
    }
    free(dt);
    free(carrier_week);
    free(carrier_out);
    return io_status(out, "summary.txt", e);
}
