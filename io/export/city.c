/* city.c — the city report: per-county figures from plan and scenario, their total, and the
 * text and CSV pages. SPDX-License-Identifier: MIT */
#include "io/export/city.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "io/text/csvwrite.h"
#include "util/mem.h"

void city_report_init(city_report *r)
{
    memset(r, 0, sizeof *r);
    r->total.name = xstrdup("total");
}

void city_report_free(city_report *r)
{
    for (size_t i = 0; i < r->n_rows; i++)
        free(r->rows[i].name);
    free(r->rows);
    free(r->total.name);
    for (uint32_t c = 0; c < r->n_carriers; c++)
        free(r->carriers[c]);
    free(r->currency);
    memset(r, 0, sizeof *r);
}

static int carrier_index(city_report *r, const char *name)
{
    for (uint32_t c = 0; c < r->n_carriers; c++)
        if (!strcmp(r->carriers[c], name))
            return (int)c;
    if (r->n_carriers == CITY_MAX_CARRIERS)
        return -1;
    r->carriers[r->n_carriers] = xstrdup(name);
    return (int)r->n_carriers++;
}

static unsigned popcount(uint32_t x)
{
    unsigned n = 0;
    for (; x; x &= x - 1)
        n++;
    return n;
}

err_code city_report_add(city_report *r, const char *name, int status, const plan *p,
                         const scenario *sc, err *e)
{
    if (r->n_rows == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 16;
        r->rows = xreallocarray(r->rows, r->cap, sizeof *r->rows);
    }
    city_row *w = &r->rows[r->n_rows++];
    memset(w, 0, sizeof *w);
    w->name = xstrdup(name);
    w->status = status;
    if (sc)
        for (size_t i = 0; i < sc->n_stops; i++) {
            w->villages += sc->stops[i].kind == SCENARIO_VILLAGE;
            w->townships += sc->stops[i].kind == SCENARIO_TOWNSHIP;
        }
    if (p && sc) {
        if (p->n_stops != sc->n_stops || p->n_vehicles != sc->n_vehicles)
            return err_set(e, ERR_PARSE,
                           "%s: its plan.json has %zu stops and %zu vans, the scenario %zu and "
                           "%zu: plan it again",
                           name, p->n_stops, p->n_vehicles, sc->n_stops, sc->n_vehicles);
        w->planned = true;
        if (!r->currency)
            r->currency = xstrdup(sc->currency);
        for (size_t i = 0; i < p->n_stops; i++) {
            unsigned n = popcount(p->stops[i].days);
            if (p->stops[i].kind == PLAN_VILLAGE) {
                w->villages_served += n >= 1;
                w->villages_3x += n >= 3;
            } else if (p->stops[i].kind == PLAN_TOWNSHIP) {
                w->townships_5x += n >= 5;
            }
        }
        int cix[CITY_MAX_CARRIERS];
        for (uint32_t c = 0; c < p->n_carriers; c++)
            if ((cix[c] = carrier_index(r, p->carriers[c])) < 0)
                return err_set(e, ERR_PARSE, "%s: the counties name more than %d companies", name,
                               CITY_MAX_CARRIERS);
        uint32_t per_day[32] = {0};
        bool *used = xcalloc(p->n_vehicles ? p->n_vehicles : 1, sizeof *used);
        for (size_t k = 0; k < p->n_routes; k++) {
            const plan_route *rt = &p->routes[k];
            if (rt->day < 32)
                per_day[rt->day]++;
            used[rt->vehicle] = true;
            w->routes++;
            double km = rt->dist_m / 1000.0;
            w->km += km;
            w->hours += (rt->end_s - rt->start_s) / 3600.0;
            const scenario_vehicle *v = &sc->vehicles[rt->vehicle];
            w->co2_kg += km * v->use_per_100km / 100.0 * v->co2_per_unit;
            for (size_t j = 0; j < rt->n_visits; j++)
                for (uint32_t c = 0; c < p->n_carriers; c++)
                    w->parcels[cix[c]] += rt->visits[j].parcels[c];
        }
        /* parcels a bus drops for a village station (客运班车代运) */
        for (size_t k = 0; k < p->n_bus_runs; k++)
            for (size_t j = 0; j < p->bus_runs[k].n_drops; j++)
                for (uint32_t c = 0; c < p->n_carriers; c++)
                    w->parcels[cix[c]] += p->bus_runs[k].drops[j].parcels[c];
        for (size_t v = 0; v < p->n_vehicles; v++)
            w->vans_used += used[v];
        free(used);
        for (uint32_t d = 0; d < 32; d++)
            if (per_day[d] > w->vans_busiest_day)
                w->vans_busiest_day = per_day[d];
        w->cost = p->total_cost;
    }
    /* the total */
    city_row *t = &r->total;
    t->villages += w->villages;
    t->townships += w->townships;
    t->villages_served += w->villages_served;
    t->villages_3x += w->villages_3x;
    t->townships_5x += w->townships_5x;
    t->vans_busiest_day += w->vans_busiest_day;
    t->vans_used += w->vans_used;
    t->routes += w->routes;
    t->km += w->km;
    t->hours += w->hours;
    t->cost += w->cost;
    t->co2_kg += w->co2_kg;
    for (uint32_t c = 0; c < CITY_MAX_CARRIERS; c++)
        t->parcels[c] += w->parcels[c];
    if (w->status && (!t->status || w->status != 3))
        t->status = w->status;
    return ERR_OK;
}

static double pct(size_t a, size_t b)
{
    return b ? 100.0 * (double)a / (double)b : 100.0;
}

static const char *status_text(const city_row *w)
{
    if (!w->planned)
        return "NOT PLANNED";
    return w->status == 3 ? "stops left out" : "ok";
}

static err_code io_status(FILE *out, const char *what, err *e)
{
    if (ferror(out))
        return err_set(e, ERR_IO, "%s: write failed: %s", what, strerror(errno));
    return ERR_OK;
}

static void text_row(FILE *out, const city_row *w, bool total)
{
    fprintf(
        out,
        "  %-14s %4zu/%-4zu %4zu/%-4zu %4zu/%-4zu %6.1f%% %5u %5zu %9.1f %7.1f %11.2f %8.1f%s%s\n",
        w->name, w->villages_served, w->villages, w->villages_3x, w->villages, w->townships_5x,
        w->townships, pct(w->villages_3x + w->townships_5x, w->villages + w->townships),
        w->vans_busiest_day, w->vans_used, w->km, w->hours, w->cost, w->co2_kg, total ? "" : "  ",
        total ? "" : status_text(w));
}

err_code city_report_text(const city_report *r, const char *label, FILE *out, err *e)
{
    fputs("jincun city report 市级快递进村规划汇总\n", out);
    if (label && *label)
        fprintf(out, "%s\n", label);
    size_t planned = 0;
    for (size_t i = 0; i < r->n_rows; i++)
        planned += r->rows[i].planned;
    fprintf(out, "counties 区县: %zu, planned %zu\n\n", r->n_rows, planned);
    fputs("PER COUNTY 各区县 (per week 每周)\n", out);
    fputs("  county         villages  villages  townships  3/5 rule vans  vans       km   "
          "hours        cost  CO2 kg  plan\n",
          out);
    fputs("                 served    >=3x/wk   >=5x/wk    达标率  busiest used\n", out);
    for (size_t i = 0; i < r->n_rows; i++)
        text_row(out, &r->rows[i], false);
    text_row(out, &r->total, true);
    fputs("  (vans: the busiest day's routes, and the vans with any route in the week; the total "
          "adds the counties)\n\n",
          out);

    const city_row *t = &r->total;
    fputs("TARGETS 政策目标\n", out);
    fprintf(out,
            "  村村通快递 every village served 建制村快递服务全覆盖 (target 100%%): %.1f%% "
            "(%zu of %zu villages)%s\n",
            pct(t->villages_served, t->villages), t->villages_served, t->villages,
            t->villages_served == t->villages ? "  met 达标" : "  NOT MET 未达标");
    fprintf(out,
            "  villages >=3x a week 村每周至少3次 (target 100%%):        %.1f%% (%zu of %zu)%s\n",
            pct(t->villages_3x, t->villages), t->villages_3x, t->villages,
            t->villages_3x == t->villages ? "  met 达标" : "  NOT MET 未达标");
    fprintf(out,
            "  townships >=5x a week 乡镇每周至少5次 (target 100%%):     %.1f%% (%zu of %zu)%s\n\n",
            pct(t->townships_5x, t->townships), t->townships_5x, t->townships,
            t->townships_5x == t->townships ? "  met 达标" : "  NOT MET 未达标");

    fputs("PARCELS PER COMPANY 各快递公司件数 (per week 每周)\n", out);
    fputs("  company   ", out);
    for (size_t i = 0; i < r->n_rows; i++)
        fprintf(out, " %10.10s", r->rows[i].name);
    fputs("      total\n", out);
    for (uint32_t c = 0; c < r->n_carriers; c++) {
        fprintf(out, "  %-10.10s", r->carriers[c]);
        for (size_t i = 0; i < r->n_rows; i++)
            fprintf(out, " %10lld", (long long)r->rows[i].parcels[c]);
        fprintf(out, " %10lld\n", (long long)t->parcels[c]);
    }
    fprintf(out,
            "\nCOST 成本 in %s per week, from each county's cost model; CO2 from each "
            "county's consumption and factors.\n",
            r->currency ? r->currency : "the scenarios' currency");
    return io_status(out, "city.txt", e);
}

err_code city_report_csv(const city_report *r, FILE *out, err *e)
{
    fputs("\xEF\xBB\xBF"
          "county,plan,villages,villages_served,villages_3x,townships,"
          "townships_5x,compliance_pct,vans_busiest_day,vans_used,routes,km,hours,cost,co2_kg",
          out);
    for (uint32_t c = 0; c < r->n_carriers; c++) {
        fputs(",parcels_", out);
        csvwrite_field(out, r->carriers[c]);
    }
    fputs("\r\n", out);
    for (size_t i = 0; i <= r->n_rows; i++) {
        const city_row *w = i < r->n_rows ? &r->rows[i] : &r->total;
        csvwrite_field(out, i < r->n_rows ? w->name : "total");
        fprintf(out, ",%s,%zu,%zu,%zu,%zu,%zu,%.1f,%u,%zu,%zu,%.1f,%.1f,%.2f,%.1f",
                i < r->n_rows ? (w->planned ? (w->status == 3 ? "partial" : "ok") : "failed") : "",
                w->villages, w->villages_served, w->villages_3x, w->townships, w->townships_5x,
                pct(w->villages_3x + w->townships_5x, w->villages + w->townships),
                w->vans_busiest_day, w->vans_used, w->routes, w->km, w->hours, w->cost, w->co2_kg);
        for (uint32_t c = 0; c < r->n_carriers; c++)
            fprintf(out, ",%lld", (long long)w->parcels[c]);
        fputs("\r\n", out);
    }
    return io_status(out, "city.csv", e);
}
