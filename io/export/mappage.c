/* mappage.c — offline map page: Leaflet inlined, plan data embedded as GeoJSON (the same text
 * as plan.geojson) and drawn on a canvas renderer, so thousands of background road lines stay
 * fast. Stops are circle markers: Leaflet's default marker icons are image files, which an
 * offline single file cannot load. SPDX-License-Identifier: MIT */
#include "io/export/mappage.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "io/export/geojson.h"
#include "io/text/outfmt.h"
#include "util/file.h"
#include "util/mem.h"
#include "util/outfile.h"
#include "util/path.h"

/* Reads one Leaflet file whole. A missing file gets a hint at the Debian package; an empty
 * one is refused (the page would load without a map library and draw nothing). */
static char *read_leaflet(const char *path, size_t *len, err *e)
{
    err re = {0};
    char *buf = file_read_all(path, len, &re);
    if (!buf) {
        if (access(path, F_OK) != 0)
            err_set(e, ERR_IO,
                    "%s (the map page inlines Leaflet: install Debian package libjs-leaflet or "
                    "pass another directory)",
                    re.msg);
        else
            err_set(e, re.code, "%s", re.msg);
        return NULL;
    }
    if (*len == 0) {
        free(buf);
        err_set(e, ERR_IO, "%s: empty file", path);
        return NULL;
    }
    return buf;
}

/* Copies inlined library text, breaking any "</script" or "</style" (which would end the
 * element early in HTML) as "<\/": harmless in JavaScript strings and CSS. */
static void write_inline(FILE *f, const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '<' && i + 1 < n && s[i + 1] == '/' &&
            ((n - i >= 8 && !strncasecmp(s + i + 2, "script", 6)) ||
             (n - i >= 7 && !strncasecmp(s + i + 2, "style", 5)))) {
            fputs("<\\", f);
            continue;
        }
        fputc(s[i], f);
    }
}

static const char *const PAGE_CSS[] = {
    "html,body{height:100%;margin:0;font-family:'Noto Sans CJK SC','WenQuanYi Micro Hei',",
    "'Microsoft YaHei','PingFang SC',sans-serif;font-size:13px}\n",
    "#map{position:absolute;top:0;bottom:0;left:0;right:340px;background:#f4f3ef}\n",
    "#panel{position:absolute;top:0;bottom:0;right:0;width:340px;overflow:auto;",
    "box-sizing:border-box;padding:8px 10px;border-left:1px solid #ccc;background:#fff}\n",
    "#panel h1{font-size:16px;margin:0 0 6px}\n",
    "#panel label{display:inline-block;margin:0 8px 6px 0}\n",
    "#legend{border-collapse:collapse;width:100%;margin-top:6px}\n",
    "#legend td,#legend th{padding:2px 4px;border-bottom:1px solid #eee;text-align:left}\n",
    "#legend td.n,#legend th.n{text-align:right}\n",
    "#legend tfoot td{font-weight:bold;border-top:1px solid #999}\n",
    ".sw{display:inline-block;width:18px;height:5px;border-radius:2px;vertical-align:middle}\n",
    "#note,#week{color:#555;margin:4px 0}\n",
    "#errors{color:#b00;white-space:pre-wrap}\n",
    ".leaflet-popup-content{font-size:13px}\n",
    ".leaflet-popup-content table td{padding:0 6px 0 0}\n",
    NULL,
};

/* The page's own script: selectors, drawing, legend and the self-check attributes. */
static const char *const PAGE_JS[] = {
    "(function () {\n",
    "'use strict';\n",
    "var P = JC_PLAN, M = JC_META, R = JC_ROADS;\n",
    "function esc(s) { return String(s).replace(/[&<>\"']/g, function (c) {\n",
    "  return {'&': '&amp;', '<': '&lt;', '>': '&gt;', '\"': '&quot;', \"'\": '&#39;'}[c]; }); }\n",
    "function hue(i) { return 'hsl(' + Math.round((i * 137.508) % 360) + ',75%,40%)'; }\n",
    "function ll(c) { return [c[1], c[0]]; }\n",
    "var renderer = L.canvas({padding: 0.2});\n",
    "var map = L.map('map', {renderer: renderer, preferCanvas: true, zoomSnap: 0.25});\n",
    "L.control.scale({imperial: false}).addTo(map);\n",
    "if (R.length) {\n",
    "  var lines = R.map(function (a) { var out = [];\n",
    "    for (var i = 0; i + 1 < a.length; i += 2) out.push([a[i + 1], a[i]]); return out; });\n",
    "  L.polyline(lines, {renderer: renderer, color: '#9a9a9a', weight: 1, opacity: 0.7,\n",
    "    interactive: false}).addTo(map);\n",
    "}\n",
    "var routes = [], stops = [];\n",
    "P.features.forEach(function (f) {\n",
    "  var p = f.properties;\n",
    "  if (p.feature === 'route') {\n",
    "    var colour = hue(routes.length);\n",
    "    var line = L.polyline(f.geometry.coordinates.map(ll), {renderer: renderer,\n",
    "      color: colour, weight: 4, opacity: 0.85, dashArray: p.road_geometry ? null : '6 6'});\n",
    "    var pc = Object.keys(p.parcels_by_carrier).filter(function (k) {\n",
    "      return p.parcels_by_carrier[k] > 0; }).map(function (k) {\n",
    "      return esc(k) + ' ' + p.parcels_by_carrier[k]; }).join(', ');\n",
    "    line.bindPopup('<b>' + esc(p.vehicle) + ' · ' + esc(p.day) + (p.date ? ' ' + p.date : "
    "'')\n",
    "      + '</b>' + (p.line ? '<br>线路 Line ' + p.line : '')\n",
    "      + (p.driver ? '<br>司机 ' + esc(p.driver) : '') + '<br>' + p.start + '–' + p.end\n",
    "      + ', ' + p.stops + ' stops, ' + p.km + ' km, ' + p.minutes + ' min<br>'\n",
    "      + p.parcels + ' parcels' + (pc ? ': ' + pc : ''));\n",
    "    routes.push({p: p, layer: line, colour: colour});\n",
    "  } else {\n",
    "    var kind = p.kind;\n",
    "    var m = L.circleMarker(ll(f.geometry.coordinates), {renderer: renderer,\n",
    "      radius: kind === 'depot' ? 8 : kind === 'township' ? 6 : 4.5, weight: 2,\n",
    "      color: p.problem ? '#c00' : '#222', fillColor: kind === 'depot' ? '#ffd400' :\n",
    "      kind === 'township' ? '#ff8c00' : '#ffffff', fillOpacity: 1});\n",
    "    var rows = '';\n",
    "    if (p.parcels_per_visit) Object.keys(p.parcels_per_visit).forEach(function (k) {\n",
    "      rows += '<tr><td>' + esc(k) + '</td><td>' + p.parcels_per_visit[k] + '</td></tr>'; "
    "});\n",
    "    m.bindPopup('<b>' + esc(p.name) + '</b> (' + esc(kind) + ')'\n",
    "      + (p.township ? '<br>' + esc(p.township) : '')\n",
    "      + '<br>送达日 Days: ' + (p.days.length ? p.days.map(esc).join(', ') : 'none')\n",
    "      + (kind !== 'depot' ? ' (' + p.visits_required + '×/week required)' : '')\n",
    "      + (rows ? '<br>Parcels per visit:<table>' + rows + '</table>' : '')\n",
    "      + (p.problem ? '<br><b style=\"color:#c00\">' + esc(p.problem) + '</b>' : ''));\n",
    "    stops.push({p: p, layer: m});\n",
    "  }\n",
    "});\n",
    "var daySel = document.getElementById('day'), vehSel = document.getElementById('veh');\n",
    "var lineSel = document.getElementById('line'); /* only in a plan with lines */\n",
    "function opt(sel, value, text) { var o = document.createElement('option');\n",
    "  o.value = value; o.textContent = text; sel.appendChild(o); }\n",
    "opt(daySel, '', '全部 all days');\n",
    "M.days.forEach(function (d, i) { opt(daySel, d, d + (M.dates[i] ? ' ' + M.dates[i] : '')); "
    "});\n",
    "opt(vehSel, '', '全部 all vehicles');\n",
    "M.vehicles.forEach(function (v) { opt(vehSel, v.id, v.id + (v.driver ? ' ' + v.driver : '')); "
    "});\n",
    "if (lineSel) { opt(lineSel, '', '全部 all lines');\n",
    "  M.lines.forEach(function (l) { opt(lineSel, String(l.line), l.line + ': ' + l.vehicle\n",
    "    + (l.driver ? ' ' + l.driver : '') + ', ' + l.days.join('+') + ' ' + l.start); }); }\n",
    "var h = {};\n",
    "location.hash.replace(/^#/, '').split('&').forEach(function (kv) {\n",
    "  var i = kv.indexOf('='); if (i > 0) h[decodeURIComponent(kv.slice(0, i))] =\n",
    "    decodeURIComponent(kv.slice(i + 1)); else if (kv) h[decodeURIComponent(kv)] = ''; });\n",
    "if (h.day && M.days.indexOf(h.day) >= 0) daySel.value = h.day;\n",
    "if (h.vehicle && M.vehicles.some(function (v) { return v.id === h.vehicle; }))\n",
    "  vehSel.value = h.vehicle;\n",
    "if (lineSel && h.line && M.lines.some(function (l) { return String(l.line) === h.line; }))\n",
    "  lineSel.value = h.line;\n",
    "function fmt(x, d) { return (Math.round(x * Math.pow(10, d)) / Math.pow(10, d)).toFixed(d); "
    "}\n",
    "var first = true;\n",
    "function draw() {\n",
    "  var day = daySel.value, veh = vehSel.value, ln = lineSel ? lineSel.value : '', shown = "
    "{},\n",
    "    nr = 0, ns = 0, km = 0, parcels = 0,\n",
    "    minutes = 0, nd = 0, bounds = L.latLngBounds([]), rows = '';\n",
    "  routes.forEach(function (r) {\n",
    "    var on = (!day || r.p.day === day) && (!veh || r.p.vehicle === veh)\n",
    "      && (!ln || String(r.p.line) === ln);\n",
    "    if (on) {\n",
    "      r.layer.addTo(map); nr++; km += r.p.km; parcels += r.p.parcels; minutes += "
    "r.p.minutes;\n",
    "      bounds.extend(r.layer.getBounds()); shown[r.p.depot] = true;\n",
    "      r.p.stop_ids.forEach(function (id) { shown[id] = true; });\n",
    "      rows += '<tr><td><span class=\"sw\" style=\"background:' + r.colour + "
    "'\"></span></td><td>'\n",
    "        + esc(r.p.day) + '</td><td>' + esc(r.p.vehicle) + (r.p.driver ? ' ' + esc(r.p.driver) "
    ": '')\n",
    "        + (r.p.line ? ' (' + r.p.line + ')' : '')\n",
    "        + '</td><td class=\"n\">' + r.p.stops + '</td><td class=\"n\">' + fmt(r.p.km, 1)\n",
    "        + '</td><td class=\"n\">' + r.p.parcels + '</td></tr>';\n",
    "    } else map.removeLayer(r.layer);\n",
    "  });\n",
    "  var all = !day && !veh && !ln;\n",
    "  stops.forEach(function (s) {\n",
    "    /* Depots are drawn but are not stops: the legend counts the places delivered to. */\n",
    "    if (all || shown[s.p.id]) { s.layer.addTo(map); bounds.extend(s.layer.getLatLng());\n",
    "      if (s.p.kind === 'depot') nd++; else ns++; }\n",
    "    else map.removeLayer(s.layer);\n",
    "  });\n",
    "  document.getElementById('legend').innerHTML = "
    "'<thead><tr><th></th><th>Day</th><th>Vehicle</th>'\n",
    "    + '<th class=\"n\">Stops</th><th class=\"n\">km</th><th "
    "class=\"n\">Parcels</th></tr></thead>'\n",
    "    + '<tbody>' + rows + '</tbody><tfoot><tr><td></td><td colspan=\"2\">' + nr + ' routes, "
    "'\n",
    "    + fmt(minutes / 60, 1) + ' h</td><td class=\"n\">' + ns + '</td><td class=\"n\">' + "
    "fmt(km, 1)\n",
    "    + '</td><td class=\"n\">' + parcels + '</td></tr></tfoot>';\n",
    "  if (bounds.isValid()) map.fitBounds(bounds, {padding: [20, 20], animate: !first});\n",
    "  else if (first) map.setView([0, 0], 2);\n",
    "  first = false;\n",
    "  var b = document.body;\n",
    "  b.setAttribute('data-day', day); b.setAttribute('data-vehicle', veh);\n",
    "  if (lineSel) b.setAttribute('data-line', ln);\n",
    "  b.setAttribute('data-routes-drawn', String(nr));\n",
    "  b.setAttribute('data-stops-drawn', String(ns));\n",
    "  b.setAttribute('data-depots-drawn', String(nd));\n",
    "}\n",
    "daySel.addEventListener('change', draw);\n",
    "vehSel.addEventListener('change', draw);\n",
    "if (lineSel) lineSel.addEventListener('change', draw);\n",
    "if (h.selftest !== undefined) {\n",
    "  /* Draw every day (all vehicles) and every day x vehicle, record the routes drawn. */\n",
    "  var res = [], d0 = daySel.value, v0 = vehSel.value, l0 = lineSel ? lineSel.value : '';\n",
    "  if (lineSel) lineSel.value = '';\n",
    "  M.days.forEach(function (d) {\n",
    "    daySel.value = d; vehSel.value = ''; draw();\n",
    "    res.push(encodeURIComponent(d) + '=' + "
    "document.body.getAttribute('data-routes-drawn'));\n",
    "    M.vehicles.forEach(function (v) { vehSel.value = v.id; draw();\n",
    "      res.push(encodeURIComponent(d) + '/' + encodeURIComponent(v.id) + '='\n",
    "        + document.body.getAttribute('data-routes-drawn')); });\n",
    "  });\n",
    "  /* and every line on all its days */\n",
    "  daySel.value = ''; vehSel.value = '';\n",
    "  if (lineSel) M.lines.forEach(function (l) { lineSel.value = String(l.line); draw();\n",
    "    res.push('line/' + l.line + '=' + document.body.getAttribute('data-routes-drawn')); });\n",
    "  document.body.setAttribute('data-selftest', res.join(' '));\n",
    "  daySel.value = d0; vehSel.value = v0; if (lineSel) lineSel.value = l0;\n",
    "}\n",
    "draw();\n",
    "var wk = 0, wp = 0; routes.forEach(function (r) { wk += r.p.km; wp += r.p.parcels; });\n",
    "var nstops = stops.filter(function (s) { return s.p.kind !== 'depot'; }).length;\n",
    "document.getElementById('week').textContent = 'Week 全周: ' + routes.length + ' routes, '\n",
    "  + fmt(wk, 1) + ' km, ' + wp + ' parcels, ' + nstops + ' stops'\n",
    "  + (M.total_cost !== null ? ', cost ' + fmt(M.total_cost, 2) : '');\n",
    "document.getElementById('note').textContent = R.length ? 'Grey: road network ('\n",
    "  + R.length + ' lines).' : 'No road network background (map not available at export).';\n",
    "document.body.setAttribute('data-road-lines', String(R.length));\n",
    "document.body.setAttribute('data-ready', '1');\n",
    "})();\n",
    NULL,
};

/* Bus runs that carry parcels (plans with buses only): dashed purple lines, shown for their day
 * when no single vehicle is selected; a popup lists the run's drops. Inserted into PAGE_JS just
 * before its event listeners, so it shares map, renderer, daySel and vehSel; a plan without bus
 * runs gets none of it (its page stays as it was). */
static const char *const BUS_JS[] = {
    "var buses = JC_BUS.map(function (b) {\n",
    "  var line = L.polyline(b.path.map(ll), {renderer: renderer, color: '#7b2cbf', weight: 3,\n",
    "    opacity: 0.9, dashArray: '10 6'});\n",
    "  line.bindPopup('<b>班车 Bus ' + esc(b.line) + ' · ' + esc(b.day) + ' ' + b.depart + "
    "'</b>'\n",
    "    + '<br>装车 load at ' + esc(b.loading) + ' by ' + b.deadline + ', fee ' + fmt(b.fee, 2)\n",
    "    + '<br>' + b.drops.map(function (d) { return esc(d.name) + ' ' + d.arrival + ': '\n",
    "      + d.parcels + ' parcels'; }).join('<br>'));\n",
    "  return {b: b, layer: line};\n",
    "});\n",
    "function drawBuses() {\n",
    "  var day = daySel.value, veh = vehSel.value, n = 0;\n",
    "  buses.forEach(function (x) {\n",
    "    if (!veh && (!day || x.b.day === day)) { x.layer.addTo(map); n++; }\n",
    "    else map.removeLayer(x.layer); });\n",
    "  document.body.setAttribute('data-buses-drawn', String(n));\n",
    "}\n",
    "daySel.addEventListener('change', drawBuses);\n",
    "vehSel.addEventListener('change', drawBuses);\n",
    "drawBuses();\n",
    NULL,
};

/* JC_BUS: the bus runs of p for BUS_JS. */
static void write_buses(FILE *f, const plan *p)
{
    fputs("var JC_BUS = [", f);
    for (size_t i = 0; i < p->n_bus_runs; i++) {
        const plan_bus_run *b = &p->bus_runs[i];
        char t[16];
        fputs(i ? ",\n{\"line\":" : "\n{\"line\":", f);
        outfmt_json(f, b->line);
        fputs(",\"day\":", f);
        outfmt_json(f, p->day_names[b->day]);
        fprintf(f, ",\"depart\":\"%s\"", outfmt_hhmm(t, sizeof t, b->depart_s));
        fputs(",\"loading\":", f);
        outfmt_json(f, p->stops[b->loading].name);
        fprintf(f, ",\"deadline\":\"%s\",\"fee\":", outfmt_hhmm(t, sizeof t, b->deadline_s));
        outfmt_coord(f, b->fee);
        fputs(",\"drops\":[", f);
        for (size_t k = 0; k < b->n_drops; k++) {
            const plan_bus_drop *dr = &b->drops[k];
            long long n = 0;
            for (uint32_t c = 0; c < p->n_carriers; c++)
                n += dr->parcels[c];
            fputs(k ? ",{\"name\":" : "{\"name\":", f);
            outfmt_json(f, p->stops[dr->stop].name);
            fprintf(f, ",\"arrival\":\"%s\",\"parcels\":%lld}",
                    outfmt_hhmm(t, sizeof t, dr->arrival_s), n);
        }
        fputs("],\"path\":[", f);
        for (size_t k = 0; k < b->n_points; k++) {
            fputs(k ? ",[" : "[", f);
            outfmt_coord(f, b->lonlat[2 * k]);
            fputc(',', f);
            outfmt_coord(f, b->lonlat[2 * k + 1]);
            fputc(']', f);
        }
        fputs("]}", f);
    }
    fputs("];\n", f);
}

static void write_lines(FILE *f, const char *const *lines);

/* PAGE_JS, with BUS_JS before its event listeners when p has bus runs. */
static void write_page_js(FILE *f, const plan *p)
{
    for (size_t i = 0; PAGE_JS[i]; i++) {
        if (p->n_bus_runs && !strcmp(PAGE_JS[i], "daySel.addEventListener('change', draw);\n"))
            write_lines(f, BUS_JS);
        fputs(PAGE_JS[i], f);
    }
}

/* Collects errors before anything else runs, so a headless check sees them in the DOM. */
static const char *const ERROR_TRAP_JS[] = {
    "window.JC_ERRORS = [];\n",
    "(function () {\n",
    "function note(msg) { JC_ERRORS.push(String(msg));\n",
    "  if (document.body) { document.body.setAttribute('data-errors', String(JC_ERRORS.length));\n",
    "    var pre = document.getElementById('errors'); if (pre) { pre.hidden = false;\n",
    "    pre.textContent = JC_ERRORS.join('\\n'); } } }\n",
    "window.addEventListener('error', function (ev) {\n",
    "  if (ev.target && ev.target !== window && (ev.target.src || ev.target.href))\n",
    "    note('resource failed: ' + (ev.target.src || ev.target.href));\n",
    "  else note((ev.message || 'error') + (ev.lineno ? ' (line ' + ev.lineno + ')' : ''));\n",
    "}, true);\n",
    "window.addEventListener('unhandledrejection', function (ev) { note('rejection: ' + "
    "ev.reason); });\n",
    "var ce = console.error; console.error = function () {\n",
    "  note(Array.prototype.join.call(arguments, ' ')); return ce.apply(console, arguments); };\n",
    "})();\n",
    NULL,
};

static void write_lines(FILE *f, const char *const *lines)
{
    for (size_t i = 0; lines[i]; i++)
        fputs(lines[i], f);
}

static void write_roads(FILE *f, const export_opts *o)
{
    fputs("var JC_ROADS = [", f);
    for (size_t k = 0; k < o->road_n_lines; k++) {
        fputs(k ? ",\n[" : "\n[", f);
        for (size_t i = o->road_first[k]; i < o->road_first[k + 1]; i++) {
            if (i > o->road_first[k])
                fputc(',', f);
            outfmt_coord(f, o->road_lonlat[2 * i]);
            fputc(',', f);
            outfmt_coord(f, o->road_lonlat[2 * i + 1]);
        }
        fputc(']', f);
    }
    fputs("];\n", f);
}

static void write_meta(FILE *f, const plan *p)
{
    fputs("var JC_META = {\"scenario\":", f);
    outfmt_json(f, p->scenario);
    fputs(",\"days\":[", f);
    for (uint32_t d = 0; d < p->n_days; d++) {
        fputs(d ? "," : "", f);
        outfmt_json(f, p->day_names[d]);
    }
    fputs("],\"dates\":[", f);
    for (uint32_t d = 0; d < p->n_days; d++) {
        char date[32];
        outfmt_date(date, sizeof date, p->week_start, d);
        fputs(d ? "," : "", f);
        outfmt_json(f, date);
    }
    fputs("],\"vehicles\":[", f);
    for (size_t v = 0; v < p->n_vehicles; v++) {
        fputs(v ? ",{\"id\":" : "{\"id\":", f);
        outfmt_json(f, p->vehicles[v].id);
        fputs(",\"driver\":", f);
        outfmt_json(f, p->vehicles[v].driver);
        fputc('}', f);
    }
    fputs("]", f);
    if (p->n_lines) { /* a plan made in lines mode: the line selector's entries */
        fputs(",\"lines\":[", f);
        for (size_t l = 0; l < p->n_lines; l++) {
            const plan_line *ln = &p->lines[l];
            char t[16];
            fprintf(f, "%s{\"line\":%zu,\"vehicle\":", l ? "," : "", l + 1);
            outfmt_json(f, p->vehicles[ln->vehicle].id);
            fputs(",\"driver\":", f);
            outfmt_json(f, p->vehicles[ln->vehicle].driver);
            fputs(",\"days\":[", f);
            for (uint32_t d = 0, k = 0; d < p->n_days; d++)
                if (ln->days >> d & 1u) {
                    fputs(k++ ? "," : "", f);
                    outfmt_json(f, p->day_names[d]);
                }
            fprintf(f, "],\"start\":\"%s\"}", outfmt_hhmm(t, sizeof t, ln->start_s));
        }
        fputc(']', f);
    }
    fputs(",\"total_cost\":", f);
    if (p->total_cost == p->total_cost && p->total_cost >= 0)
        outfmt_coord(f, p->total_cost);
    else
        fputs("null", f);
    fputs("};\n", f);
}

err_code mappage_write(const plan *p, const export_opts *o, const char *path, err *e)
{
    const char *dir = o->leaflet_dir ? o->leaflet_dir : EXPORT_LEAFLET_DIR;
    char *js_path = path_join(dir, "leaflet.js"), *css_path = path_join(dir, "leaflet.css");
    size_t js_len = 0, css_len = 0;
    char *js = read_leaflet(js_path, &js_len, e);
    char *css = js ? read_leaflet(css_path, &css_len, e) : NULL;
    free(js_path);
    free(css_path);
    if (!js || !css) {
        free(js);
        free(css);
        return ERR_IO;
    }
    outfile *of = outfile_open(path, e);
    if (!of) {
        free(js);
        free(css);
        return ERR_IO;
    }
    FILE *f = outfile_fp(of);
    fputs("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    outfmt_xml(f, p->scenario);
    fputs(" — jincun map</title>\n<style>\n", f);
    write_inline(f, css, css_len);
    fputs("\n</style>\n<style>\n", f);
    write_lines(f, PAGE_CSS);
    fputs("</style>\n<script>\n", f);
    write_lines(f, ERROR_TRAP_JS);
    fputs("</script>\n</head>\n", f);
    fputs("<body data-ready=\"0\" data-errors=\"0\">\n<div id=\"map\"></div>\n"
          "<div id=\"panel\">\n<h1>",
          f);
    outfmt_xml(f, p->scenario);
    fputs("</h1>\n<label>日期 Day <select id=\"day\"></select></label>\n"
          "<label>车辆 Vehicle <select id=\"veh\"></select></label>\n",
          f);
    if (p->n_lines)
        fputs("<label>线路 Line <select id=\"line\"></select></label>\n", f);
    fputs("<table id=\"legend\"></table>\n<div id=\"week\"></div>\n<div id=\"note\"></div>\n"
          "<pre id=\"errors\" hidden></pre>\n</div>\n<script>\n",
          f);
    write_inline(f, js, js_len);
    fputs("\n</script>\n<script>\nvar JC_PLAN = ", f);
    geojson_write_features(f, p);
    fputs(";\n", f);
    write_meta(f, p);
    write_roads(f, o);
    if (p->n_bus_runs)
        write_buses(f, p);
    fputs("</script>\n<script>\n", f);
    write_page_js(f, p);
    fputs("</script>\n</body>\n</html>\n", f);
    free(js);
    free(css);
    return outfile_commit(of, e);
}
