/* timetable.c — a plan's timetable: each stop's service days grouped by arrival time, van and
 * line (see timetable.h), and timetable.csv. SPDX-License-Identifier: MIT */
#include "io/export/timetable.h"

#include <errno.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "io/export/expdata.h"
#include "io/text/csvwrite.h"
#include "io/text/outfmt.h"
#include "util/mem.h"
#include "util/outfile.h"

const char *timetable_township(const plan_stop *s)
{
    if (s->township && *s->township)
        return s->township;
    if (s->kind == PLAN_TOWNSHIP && s->name && *s->name)
        return s->name;
    return TIMETABLE_NO_TOWNSHIP;
}

/* The stops in notice order: key = (township rank, own stop of the township first, index). */
typedef struct ranked {
    size_t township; /* rank of the stop's township by first appearance */
    int not_seat;    /* 0 for a township stop, 1 for the others */
    size_t stop;
} ranked;

static int cmp_ranked(const void *a, const void *b)
{
    const ranked *x = a, *y = b;
    if (x->township != y->township)
        return x->township < y->township ? -1 : 1;
    if (x->not_seat != y->not_seat)
        return x->not_seat - y->not_seat;
    return x->stop < y->stop ? -1 : x->stop > y->stop;
}

/* What a visit of a stop on one day looks like to the village. */
typedef struct visit_key {
    bool visited;
    uint32_t vehicle;
    int32_t line;
    int32_t bus_run; /* index into bus_runs, -1 for a van */
    int32_t arrival_s;
} visit_key;

static const char *bus_line(const plan *p, int32_t run)
{
    return p->bus_runs[run].line ? p->bus_runs[run].line : "";
}

static bool same_group(const plan *p, const visit_key *a, const visit_key *b)
{
    if ((a->bus_run < 0) != (b->bus_run < 0) || a->arrival_s / 60 != b->arrival_s / 60)
        return false;
    if (a->bus_run >= 0)
        return !strcmp(bus_line(p, a->bus_run), bus_line(p, b->bus_run));
    return a->vehicle == b->vehicle && a->line == b->line;
}

timetable_entry *timetable_entries(const plan *p, size_t *n)
{
    *n = 0;
    size_t n_listed = 0;
    ranked *order = xcalloc(p->n_stops + 1, sizeof *order);
    for (size_t i = 0; i < p->n_stops; i++) {
        const plan_stop *s = &p->stops[i];
        if (s->kind == PLAN_DEPOT)
            continue;
        const char *tw = timetable_township(s);
        size_t rank = i; /* the index of the first stop listed under the same township */
        for (size_t j = 0; j < n_listed; j++)
            if (!strcmp(timetable_township(&p->stops[order[j].stop]), tw)) {
                rank = order[j].township;
                break;
            }
        order[n_listed++] = (ranked){rank, s->kind != PLAN_TOWNSHIP, i};
    }
    qsort(order, n_listed, sizeof *order, cmp_ranked);

    /* key[stop * n_days + day]: that day's visit of the stop, if any */
    visit_key *key = xcalloc(p->n_stops * p->n_days + 1, sizeof *key);
    for (size_t i = 0; i < p->n_routes; i++) {
        const plan_route *r = &p->routes[i];
        for (size_t k = 0; k < r->n_visits; k++)
            key[r->visits[k].stop * p->n_days + r->day] = (visit_key){
                .visited = true,
                .vehicle = r->vehicle,
                .line = p->n_lines ? (int32_t)r->line : -1,
                .bus_run = -1,
                .arrival_s = r->visits[k].arrival_s,
            };
    }
    for (size_t i = 0; i < p->n_bus_runs; i++) {
        const plan_bus_run *b = &p->bus_runs[i];
        for (size_t k = 0; k < b->n_drops; k++)
            key[b->drops[k].stop * p->n_days + b->day] = (visit_key){
                .visited = true,
                .line = -1,
                .bus_run = (int32_t)i,
                .arrival_s = b->drops[k].arrival_s,
            };
    }

    size_t cap = n_listed + 1;
    timetable_entry *out = xcalloc(cap, sizeof *out);
    for (size_t o = 0; o < n_listed; o++) {
        uint32_t s = (uint32_t)order[o].stop;
        const visit_key *kd = &key[(size_t)s * p->n_days];
        uint32_t grouped = 0;
        bool any = false;
        for (uint32_t d = 0; d < p->n_days; d++) {
            if (!kd[d].visited || (grouped >> d & 1u))
                continue;
            timetable_entry en = {.stop = s,
                                  .days = 0,
                                  .arrival_s = kd[d].arrival_s,
                                  .vehicle = kd[d].vehicle,
                                  .line = kd[d].line,
                                  .bus_run = kd[d].bus_run};
            for (uint32_t d2 = d; d2 < p->n_days; d2++)
                if (kd[d2].visited && !(grouped >> d2 & 1u) && same_group(p, &kd[d], &kd[d2]))
                    en.days |= UINT32_C(1) << d2;
            grouped |= en.days;
            if (*n == cap)
                out = xreallocarray(out, cap *= 2, sizeof *out);
            out[(*n)++] = en;
            any = true;
        }
        if (!any) {
            if (*n == cap)
                out = xreallocarray(out, cap *= 2, sizeof *out);
            out[(*n)++] = (timetable_entry){.stop = s, .line = -1, .bus_run = -1};
        }
    }
    free(key);
    free(order);
    if (*n == 0) {
        free(out);
        return NULL;
    }
    return out;
}

err_code timetable_write_csv(const plan *p, FILE *out, err *e)
{
    fputs("\xEF\xBB\xBF"
          "township,stop_id,stop_name,kind,days,arrival,line,vehicle,driver\r\n",
          out);
    size_t n;
    timetable_entry *en = timetable_entries(p, &n);
    for (size_t i = 0; i < n; i++) {
        const plan_stop *s = &p->stops[en[i].stop];
        csvwrite_field(out, timetable_township(s));
        fputc(',', out);
        csvwrite_field(out, s->id);
        fputc(',', out);
        csvwrite_field(out, s->name);
        fprintf(out, ",%s,", plan_kind_name(s->kind));
        if (en[i].days) {
            char days[512], hhmm[16];
            csvwrite_field(out, plan_days_text(p, en[i].days, "", days, sizeof days));
            fprintf(out, ",%s,", outfmt_hhmm(hhmm, sizeof hhmm, en[i].arrival_s));
            if (en[i].bus_run >= 0) {
                csvwrite_field(out, bus_line(p, en[i].bus_run));
                fputs("," TIMETABLE_BUS ",", out);
            } else {
                if (en[i].line >= 0)
                    fprintf(out, "%d", (int)en[i].line + 1);
                fputc(',', out);
                const plan_vehicle *v = &p->vehicles[en[i].vehicle];
                csvwrite_field(out, v->id);
                fputc(',', out);
                csvwrite_field(out, expdata_driver(v));
            }
        } else {
            fputs(",,,,", out);
        }
        fputs("\r\n", out);
    }
    free(en);
    if (ferror(out))
        return err_set(e, ERR_IO, "writing timetable.csv: %s", strerror(errno));
    return ERR_OK;
}

err_code timetable_write_csv_file(const plan *p, const char *path, err *e)
{
    outfile *of = outfile_open(path, e);
    if (!of)
        return ERR_IO;
    err_code rc = timetable_write_csv(p, outfile_fp(of), e);
    if (rc != ERR_OK) {
        outfile_abort(of);
        return rc;
    }
    return outfile_commit(of, e);
}
