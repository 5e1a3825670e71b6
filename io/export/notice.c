/* notice.c — a township's timetable notice (see notice.h): HTML sized for A4 paper (CSS @page),
 * one table row per group of a stop's service days. SPDX-License-Identifier: MIT */
#include "io/export/notice.h"

#include <stdbool.h>
#include <string.h>

#include "io/export/expdata.h"
#include "io/text/outfmt.h"
#include "util/ascii.h"
#include "util/outfile.h"

static const char CSS[] =
    "@page{size:A4;margin:15mm}\n"
    "body{font-family:'WenQuanYi Micro Hei','Noto Sans CJK SC','Microsoft YaHei',sans-serif;"
    "font-size:13pt;margin:0 auto;max-width:180mm;color:#000}\n"
    "h1{font-size:22pt;margin:0 0 2mm;text-align:center}\n"
    ".sub{text-align:center;margin:0 0 5mm}\n"
    "table{border-collapse:collapse;width:100%}\n"
    "th,td{border:0.3mm solid #333;padding:1.5mm 2mm;text-align:left;vertical-align:middle}\n"
    "th{background:#eee;font-size:11pt}\n"
    "td.t{font-size:16pt;font-weight:bold;white-space:nowrap}\n"
    "td.seat{font-weight:bold}\n"
    "tr{page-break-inside:avoid}\n"
    "thead{display:table-header-group}\n"
    ".small{font-size:9.5pt;color:#333}\n"
    ".note{margin:4mm 0 0}\n";

static const char *const EN[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
static const char *const ZH[] = {"周一", "周二", "周三", "周四", "周五", "周六", "周日"};

const char *notice_day_name(const char *name)
{
    for (size_t i = 0; i < sizeof EN / sizeof *EN; i++)
        if (!ascii_casecmp(name, EN[i]))
            return ZH[i];
    return name;
}

static void write_days(FILE *f, const plan *p, uint32_t days)
{
    bool first = true;
    for (uint32_t d = 0; d < p->n_days; d++) {
        if (!(days >> d & 1u))
            continue;
        if (!first)
            fputs("、", f);
        outfmt_xml(f, notice_day_name(p->day_names[d]));
        first = false;
    }
}

err_code notice_write(const plan *p, const timetable_entry *en, size_t n, const char *township,
                      const char *path, err *e)
{
    outfile *of = outfile_open(path, e);
    if (!of)
        return ERR_IO;
    FILE *f = outfile_fp(of);

    /* Does any stop of the township come at different times or with different vans on its
     * days? Then the notice says why a stop has several rows. */
    bool split = false, lines = false;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(timetable_township(&p->stops[en[i].stop]), township))
            continue;
        split |= i + 1 < n && en[i + 1].stop == en[i].stop;
        lines |= en[i].line >= 0 || en[i].bus_run >= 0;
    }

    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>", f);
    outfmt_xml(f, township);
    fputs(" 快递进村班次表</title>\n<style>\n", f);
    fputs(CSS, f);
    fputs("</style>\n</head>\n<body>\n<h1>", f);
    outfmt_xml(f, township);
    fputs(" 快递进村班次表</h1>\n<p class=\"sub\">Parcel delivery timetable · ", f);
    outfmt_xml(f, p->scenario);
    char date[32];
    if (outfmt_date(date, sizeof date, p->week_start, 0))
        fprintf(f, " · 自 %s 起每周执行 weekly from %s", date, date);
    fputs("</p>\n<table>\n<thead><tr><th>村（站点）<br>Station</th><th>送达日<br>Days</th>"
          "<th>到达时间<br>Arrival</th>",
          f);
    if (lines)
        fputs("<th>线路<br>Line</th>", f);
    fputs("<th>车辆<br>Van</th><th>司机<br>Driver</th></tr></thead>\n<tbody>\n", f);

    for (size_t i = 0; i < n; i++) {
        const plan_stop *s = &p->stops[en[i].stop];
        if (strcmp(timetable_township(s), township))
            continue;
        fputs("<tr>", f);
        bool first = i == 0 || en[i - 1].stop != en[i].stop;
        if (first) {
            size_t rows = 1;
            while (i + rows < n && en[i + rows].stop == en[i].stop)
                rows++;
            fputs("<td", f);
            if (rows > 1)
                fprintf(f, " rowspan=\"%zu\"", rows);
            fputs(s->kind == PLAN_TOWNSHIP ? " class=\"seat\">" : ">", f);
            outfmt_xml(f, s->name);
            if (s->kind == PLAN_TOWNSHIP)
                fputs("<br><span class=\"small\">乡镇 township</span>", f);
            fputs("</td>", f);
        }
        if (!en[i].days) {
            fprintf(f, "<td colspan=\"%d\">暂未安排 not scheduled</td></tr>\n", lines ? 5 : 4);
            continue;
        }
        fputs("<td>", f);
        write_days(f, p, en[i].days);
        char hhmm[16];
        fprintf(f, "</td><td class=\"t\">%s</td>", outfmt_hhmm(hhmm, sizeof hhmm, en[i].arrival_s));
        if (en[i].bus_run >= 0) { /* a bus line carries the parcels: its name, no driver */
            fputs("<td>", f);
            outfmt_xml(f, p->bus_runs[en[i].bus_run].line);
            fputs("</td><td>客运班车 bus</td><td>—</td></tr>\n", f);
            continue;
        }
        if (lines) {
            if (en[i].line >= 0)
                fprintf(f, "<td>%d</td>", (int)en[i].line + 1);
            else
                fputs("<td></td>", f);
        }
        const plan_vehicle *v = &p->vehicles[en[i].vehicle];
        fputs("<td>", f);
        outfmt_xml(f, v->id);
        fputs("</td><td>", f);
        outfmt_xml(f, *expdata_driver(v) ? expdata_driver(v) : "—");
        fputs("</td></tr>\n", f);
    }
    fputs("</tbody>\n</table>\n<p class=\"note\">", f);
    if (split)
        fputs("到达时间或车辆逐日不同的村，按送达日分行列出。"
              "A station reached at different times or by different vans on its days has a row "
              "for each.<br>",
              f);
    fputs("到达时间为计划时间，以当天实际为准。", f);
    if (outfmt_valid_offset(p->utc_offset))
        fprintf(f, "Planned local times (UTC%s).", p->utc_offset);
    else
        fputs("Planned local times.", f);
    fputs("</p>\n<p class=\"small\">由 jincun 生成 Generated by jincun.</p>\n</body>\n</html>\n",
          f);
    return outfile_commit(of, e);
}
