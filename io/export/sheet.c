/* sheet.c — driver sheets as self-contained HTML sized for A4 paper (CSS @page), one table
 * row per stop with a blank signature column for the handover. SPDX-License-Identifier: MIT */
#include "io/export/sheet.h"

#include <assert.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>

#include "io/export/expdata.h"
#include "io/export/notice.h"
#include "io/text/outfmt.h"
#include "util/mem.h"
#include "util/outfile.h"

static const char CSS[] =
    "@page{size:A4;margin:12mm}\n"
    "body{font-family:'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei',sans-serif;"
    "font-size:11pt;margin:0 auto;max-width:186mm;color:#000}\n"
    "h1{font-size:16pt;margin:0 0 2mm}\n"
    ".facts{display:flex;flex-wrap:wrap;gap:1mm 8mm;margin:0 0 3mm}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "th,td{border:0.3mm solid #444;padding:1mm 1.5mm;text-align:left;vertical-align:top}\n"
    "th{background:#eee}\n"
    "td.n{text-align:right;white-space:nowrap}\n"
    "td.sign{width:22mm}\n"
    "tr.depot td{background:#f6f6f6}\n"
    "tr{page-break-inside:avoid}\n"
    "thead{display:table-header-group}\n"
    "tfoot td{font-weight:bold}\n"
    ".small{font-size:9pt;color:#333}\n"
    "@media print{.noprint{display:none}}\n";

static void td_text(FILE *f, const char *cls, const char *s)
{
    fprintf(f, "<td%s%s%s>", cls ? " class=\"" : "", cls ? cls : "", cls ? "\"" : "");
    outfmt_xml(f, s);
    fputs("</td>", f);
}

static void td_num(FILE *f, int64_t v)
{
    if (v)
        fprintf(f, "<td class=\"n\">%" PRId64 "</td>", v);
    else
        fputs("<td class=\"n\"></td>", f);
}

/* The days of a line in Chinese where they are mon..sun: "周一、周三、周五". */
static void line_days(FILE *f, const plan *p, uint32_t days)
{
    bool first = true;
    for (uint32_t d = 0; d < p->n_days; d++) {
        if (!(days >> d & 1u))
            continue;
        fputs(first ? "" : "、", f);
        outfmt_xml(f, notice_day_name(p->day_names[d]));
        first = false;
    }
}

/* Writes the sheet of route r; of the line `line` (index into p->lines, r one of its routes)
 * when line >= 0: then it holds for each of the line's days, and has a signature column for
 * each. */
/* True when the routes of line l hand over or collect different parcels on different days (a
 * plan with weekly volumes: each visit carries what arrived since the previous one). */
static bool line_parcels_vary(const plan *p, uint32_t l)
{
    const plan_route *first = NULL;
    for (size_t i = 0; i < p->n_routes; i++) {
        const plan_route *r = &p->routes[i];
        if (r->line != l)
            continue;
        if (!first) {
            first = r;
            continue;
        }
        if (r->n_visits != first->n_visits)
            return true;
        for (size_t k = 0; k < r->n_visits; k++)
            for (uint32_t c = 0; c < p->n_carriers; c++) {
                const plan_visit *a = &r->visits[k], *b = &first->visits[k];
                if (a->parcels[c] != b->parcels[c] ||
                    (a->pickup ? a->pickup[c] : 0) != (b->pickup ? b->pickup[c] : 0))
                    return true;
            }
    }
    return false;
}

static err_code write_sheet(const plan *p, const plan_route *r, int32_t line, const char *path,
                            err *e)
{
    const plan_vehicle *veh = &p->vehicles[r->vehicle];
    uint32_t sign_days = line >= 0 ? p->lines[line].days : UINT32_C(1) << r->day;
    unsigned n_sign = plan_days_count(sign_days);
    const plan_stop *depot = &p->stops[veh->depot];
    outfile *of = outfile_open(path, e);
    if (!of)
        return ERR_IO;
    FILE *f = outfile_fp(of);

    int64_t *per = xcalloc(p->n_carriers + 1, sizeof *per);
    int64_t parcels = expdata_route_parcels(p, r, per);
    const bool outbound = expdata_has_pickup(p); /* a column of parcels to collect (揽收) */
    const int64_t collect = expdata_route_pickup(p, r, NULL);
    char date[32], t0[16], t1[16], km[32], buf[32];
    date[0] = '\0';
    if (line < 0)
        outfmt_date(date, sizeof date, p->week_start, r->day);
    outfmt_hhmm(t0, sizeof t0, r->start_s);
    outfmt_hhmm(t1, sizeof t1, r->end_s);
    outfmt_milli(km, sizeof km, r->dist_m, 1);

    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
    if (line >= 0)
        fprintf(f, "line %d", (int)line + 1);
    else
        outfmt_xml(f, p->day_names[r->day]);
    fputs(" ", f);
    outfmt_xml(f, veh->id);
    fputs(" — ", f);
    outfmt_xml(f, p->scenario);
    /* A line's sheet signs for up to 7 days: narrower signature columns fit A4. */
    fprintf(f, "</title>\n<style>\n%s%s</style>\n</head>\n<body>\n", CSS,
            line >= 0 ? "td.sign{width:11mm}\n" : "");

    fputs("<h1>派送单 Driver sheet: ", f);
    outfmt_xml(f, veh->id);
    fputs(" · ", f);
    if (line >= 0) {
        fprintf(f, "线路 Line %d · ", (int)line + 1);
        line_days(f, p, sign_days);
    } else {
        outfmt_xml(f, p->day_names[r->day]);
    }
    if (*date)
        fprintf(f, " %s", date);
    fputs("</h1>\n<div class=\"facts\">\n", f);
    if (line >= 0) {
        char days[512];
        fputs("<span>每周 Every week: <b>", f);
        outfmt_xml(f, plan_days_text(p, sign_days, "-", days, sizeof days));
        fputs("</b></span>\n", f);
    }
    fputs("<span>方案 Scenario: <b>", f);
    outfmt_xml(f, p->scenario);
    fputs("</b></span>\n<span>司机 Driver: <b>", f);
    outfmt_xml(f, *expdata_driver(veh) ? expdata_driver(veh) : "—");
    fputs("</b></span>\n<span>网点 Depot: <b>", f);
    outfmt_xml(f, depot->name);
    fprintf(f,
            "</b></span>\n<span>出发 Leave: <b>%s</b></span>\n<span>返回 Back: <b>%s</b></span>\n"
            "<span>停靠 Stops: <b>%zu</b></span>\n<span>里程 Distance: <b>%s km</b></span>\n"
            "<span>包裹 Parcels: <b>%" PRId64 "</b></span>\n",
            t0, t1, r->n_visits, km, parcels);
    if (outbound)
        fprintf(f,
                "<span>揽收 Collect: <b>%" PRId64
                "</b></span>\n<span>最多在车 Most on board: <b>%" PRId64 "</b></span>\n",
                collect, expdata_route_peak(p, r));
    fputs("<span>装车 Load: ", f);
    for (uint32_t c = 0, any = 0; c < p->n_carriers; c++) {
        if (!per[c])
            continue;
        fputs(any ? ", " : "", f);
        outfmt_xml(f, p->carriers[c]);
        fprintf(f, " <b>%" PRId64 "</b>", per[c]);
        any = 1;
    }
    fputs("</span>\n</div>\n", f);

    fputs("<table>\n<thead><tr><th>#</th><th>到达<br>Arrive</th><th>离开<br>Leave</th>"
          "<th>地点 Stop</th><th>路程<br>km</th>",
          f);
    for (uint32_t c = 0; c < p->n_carriers; c++) {
        fputs("<th>", f);
        outfmt_xml(f, p->carriers[c]);
        fputs("</th>", f);
    }
    fputs("<th>合计<br>Total</th>", f);
    if (outbound)
        fputs("<th>揽收<br>Collect</th>", f);
    fputs("<th>车上<br>On board</th>", f);
    if (line < 0) {
        fputs("<th>签收<br>Signature</th>", f);
    } else {
        for (uint32_t d = 0; d < p->n_days; d++)
            if (sign_days >> d & 1u) {
                fputs("<th>签收<br>", f);
                outfmt_xml(f, notice_day_name(p->day_names[d]));
                fputs("</th>", f);
            }
    }
    fputs("</tr></thead>\n<tbody>\n", f);
    fprintf(f, "<tr class=\"depot\"><td>0</td><td></td><td class=\"n\">%s</td>", t0);
    td_text(f, NULL, depot->name);
    fputs("<td></td>", f);
    for (uint32_t c = 0; c < p->n_carriers; c++)
        fputs("<td></td>", f);
    fputs(outbound ? "<td></td><td></td>" : "<td></td>", f);
    fprintf(f, "<td class=\"n\">%" PRId64 "</td>", parcels);
    for (unsigned i = 0; i < n_sign; i++)
        fputs("<td></td>", f);
    fputs("</tr>\n", f);
    for (size_t k = 0; k < r->n_visits; k++) {
        const plan_visit *v = &r->visits[k];
        const plan_stop *s = &p->stops[v->stop];
        char ta[16], td[16];
        fprintf(f, "<tr><td>%zu</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>", k + 1,
                outfmt_hhmm(ta, sizeof ta, v->arrival_s),
                outfmt_hhmm(td, sizeof td, v->departure_s));
        outfmt_xml(f, s->name);
        if (s->township && *s->township) {
            fputs("<br><span class=\"small\">", f);
            outfmt_xml(f, s->township);
            fputs("</span>", f);
        }
        fprintf(f, "</td><td class=\"n\">%s</td>", outfmt_milli(buf, sizeof buf, v->leg_m, 1));
        int64_t total = 0;
        for (uint32_t c = 0; c < p->n_carriers; c++) {
            td_num(f, v->parcels[c]);
            total += v->parcels[c];
        }
        fprintf(f, "<td class=\"n\">%" PRId64 "</td>", total);
        if (outbound) {
            fputs("<td class=\"n\">", f);
            if (v->pickup) {
                fprintf(f, "%" PRId64 "<br><span class=\"small\">", expdata_visit_pickup(p, v));
                expdata_write_carriers(f, p, v->pickup, 1);
                fputs("</span>", f);
            }
            fputs("</td>", f);
        }
        fprintf(f, "<td class=\"n\">%" PRId32 "</td>", v->load_after);
        for (unsigned i = 0; i < n_sign; i++)
            fputs("<td class=\"sign\"></td>", f);
        fputs("</tr>\n", f);
    }
    fprintf(f, "<tr class=\"depot\"><td>%zu</td><td class=\"n\">%s</td><td></td>", r->n_visits + 1,
            t1);
    td_text(f, NULL, depot->name);
    fprintf(f, "<td class=\"n\">%s</td>", outfmt_milli(buf, sizeof buf, r->return_m, 1));
    for (uint32_t c = 0; c < p->n_carriers; c++)
        fputs("<td></td>", f);
    fputs(outbound ? "<td></td><td></td><td></td>" : "<td></td><td></td>", f);
    for (unsigned i = 0; i < n_sign; i++)
        fputs("<td class=\"sign\"></td>", f);
    fputs("</tr>\n</tbody>\n", f);
    fprintf(f, "<tfoot><tr><td colspan=\"4\">合计 Total</td><td class=\"n\">%s</td>", km);
    for (uint32_t c = 0; c < p->n_carriers; c++)
        td_num(f, per[c]);
    fprintf(f, "<td class=\"n\">%" PRId64 "</td>", parcels);
    if (outbound)
        fprintf(f, "<td class=\"n\">%" PRId64 "</td>", collect);
    fputs("<td></td>", f);
    for (unsigned i = 0; i < n_sign; i++)
        fputs("<td></td>", f);
    fputs("</tr></tfoot>\n</table>\n", f);
    fputs("<p class=\"small\">", f);
    if (line >= 0 && line_parcels_vary(p, (uint32_t)line))
        fprintf(f,
                "The same stops and times on each day of the line; parcels as on %s: they "
                "differ by day (weekly volumes), see each day's sheet. ",
                p->day_names[r->day]);
    else if (line >= 0)
        fputs("The same stops, times and parcels on each day of the line. ", f);
    if (*date || line >= 0)
        fprintf(f, "Times are planned local times (UTC%s). ",
                outfmt_valid_offset(p->utc_offset) ? p->utc_offset : " offset unknown");
    fputs("Generated by jincun.</p>\n</body>\n</html>\n", f);
    free(per);
    return outfile_commit(of, e);
}

err_code sheet_write_route(const plan *p, size_t route, const char *path, err *e)
{
    return write_sheet(p, &p->routes[route], -1, path, e);
}

err_code sheet_write_line(const plan *p, size_t line, const char *path, err *e)
{
    const plan_route *r = NULL;
    for (size_t i = 0; i < p->n_routes && !r; i++)
        if (p->routes[i].line == line)
            r = &p->routes[i];
    assert(r); /* plan_check: a line has a route on each of its days */
    return write_sheet(p, r, (int32_t)line, path, e);
}
