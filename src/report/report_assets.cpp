// The report's stylesheet and script, inlined into every page. The script only adds behaviour
// (tooltips, highlighting one technician, sorting the table): everything is drawn without it.
#include "report_parts.hpp"

namespace fsd::report::detail {

std::string_view page_css() {
    return R"CSS(
:root{--ink:#1d2733;--muted:#6b7785;--line:#d9dee4;--bg:#f6f7f9}
*{box-sizing:border-box}
body{margin:0;padding:16px 24px;font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:var(--ink);background:var(--bg)}
header h1{margin:0;font-size:22px}header p{margin:2px 0 12px;color:var(--muted)}
h2{font-size:16px;margin:18px 0 8px}
section{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 14px;margin-bottom:14px}
.kpis{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:8px}
.kpi{border-left:3px solid #4a78b5;padding:2px 8px}.kpi b{display:block;font-size:20px}.kpi span{color:var(--muted)}
.kpi small{display:block;color:var(--muted);font-size:11px}
.map-wrap{display:flex;gap:12px;align-items:flex-start}
svg.map{flex:0 1 auto;width:min(1000px,100%);max-height:760px;background:#fbfcfd;border:1px solid var(--line)}
.route{fill:none;stroke-width:2.2;stroke-linejoin:round;stroke-linecap:round;opacity:.85}
.stop{stroke:#fff;stroke-width:1}.home{stroke:#000;stroke-width:1}
.left-out{stroke:#7a7a7a;stroke-width:2;fill:none}
.legend{list-style:none;margin:0;padding:0;font-size:12px;flex:0 0 230px;max-height:760px;overflow-y:auto}
.legend li{cursor:pointer;white-space:nowrap;overflow:hidden;text-overflow:ellipsis}.legend i{display:inline-block;width:10px;height:10px;margin-right:5px;border-radius:2px}
svg.timeline{font-size:11px;display:block;width:100%;min-width:900px;height:auto}
.timeline-wrap{overflow-x:auto}
.grid{stroke:#e3e7eb}.tick{fill:var(--muted);text-anchor:middle}.who{fill:var(--ink);cursor:pointer}
.shift{fill:#eef2f6}.ot-allow{fill:#fbeeee}
.travel{fill:#9aa5b1}.wait{fill:none;stroke:#c2a46b;stroke-dasharray:2 2}
.visit{fill:var(--c);stroke:#1d2733;stroke-width:.4}.band{fill:#1d2733;opacity:.35}
.break{fill:#7fbf7f}.overtime{fill:none;stroke:#d62728;stroke-width:1.5}
.win{fill:none;stroke:#3b6fb6;stroke-width:1}.sla{stroke:#555;fill:#555}.sla.missed{stroke:#d62728;fill:#d62728}
.note{fill:#b03a2e;font-size:10px}
[class*="mark-"]{stroke:#d62728;stroke-width:2}.mark-earlier{stroke:#2ca02c}.mark-moved{stroke:#9467bd}.mark-added{stroke:#1f77b4}
.bar-before{fill:none;stroke:#7f7f7f;stroke-width:1;stroke-dasharray:1 2}.k.bar-before{border:1px dotted #7f7f7f}
.k.key-bumped{border:2px solid #d62728}.k.key-earlier{border:2px solid #2ca02c}.k.key-moved{border:2px solid #9467bd}
.bar-planned{fill:none;stroke:#1d2733;stroke-width:1;stroke-dasharray:3 2}.bar-planned-break{fill:none;stroke:#3d8b3d;stroke-dasharray:3 2}
.bar-actual{fill:#f0b429;opacity:.5}.bar-actual-break{fill:#7fbf7f;opacity:.45}
.k.bar-planned{border:1px dashed #1d2733}.k.bar-planned-break{border:1px dashed #3d8b3d}.k.bar-actual{background:#f0b429;opacity:.5}
.k.bar-actual-break{background:#7fbf7f;opacity:.45}
.key{margin:0 0 6px;color:var(--muted);font-size:12px}.key .k{display:inline-block;width:18px;height:9px;margin:0 4px 0 10px;vertical-align:middle}
.k.travel{background:#9aa5b1}.k.wait{border:1px dashed #c2a46b}.k.visit{background:#4a78b5}.k.band{background:#1d2733;opacity:.35}
.k.break{background:#7fbf7f}.k.overtime{border:2px solid #d62728}.k.win{border:1px solid #3b6fb6;border-top:0}.k.sla{width:3px;background:#555}
table{border-collapse:collapse;width:100%;font-size:13px}th,td{text-align:left;padding:3px 8px;border-bottom:1px solid var(--line)}
th{cursor:pointer;user-select:none}p.note{color:var(--muted)}p.credit{margin:4px 0 0;color:var(--muted);font-size:11px}
body.focusing [data-tech]:not(.on){opacity:.12}body.focusing .legend li:not(.on){opacity:.4}
#tip{position:absolute;pointer-events:none;background:#1d2733;color:#fff;padding:4px 8px;border-radius:4px;font-size:12px;max-width:420px;z-index:9}
)CSS";
}

std::string_view page_script() {
    return R"JS(
(function () {
  'use strict';
  var body = document.body;
  var tip = document.getElementById('tip');
  document.addEventListener('mouseover', function (e) {
    var t = e.target.closest ? e.target.closest('[data-tip]') : null;
    if (!t) { tip.hidden = true; return; }
    tip.textContent = t.getAttribute('data-tip');
    tip.hidden = false;
  });
  document.addEventListener('mousemove', function (e) {
    tip.style.left = (e.pageX + 14) + 'px';
    tip.style.top = (e.pageY + 14) + 'px';
  });
  // Clicking a technician (legend, route, row) shows only them; clicking again shows everybody.
  var focused = null;
  function focus(id) {
    focused = id;
    body.classList.toggle('focusing', id !== null);
    document.querySelectorAll('[data-tech].on').forEach(function (n) { n.classList.remove('on'); });
    if (id === null) return;
    document.querySelectorAll('[data-tech="' + CSS.escape(id) + '"]').forEach(function (n) { n.classList.add('on'); });
  }
  document.addEventListener('click', function (e) {
    var t = e.target.closest ? e.target.closest('[data-tech]') : null;
    if (!t) return;
    var id = t.getAttribute('data-tech');
    focus(focused === id ? null : id);
  });
  // Sortable tables: click a header; numbers sort as numbers.
  document.querySelectorAll('table.sortable th').forEach(function (th, column) {
    th.addEventListener('click', function () {
      var tbody = th.closest('table').tBodies[0];
      var rows = Array.prototype.slice.call(tbody.rows);
      var down = th.getAttribute('data-sorted') !== 'up';
      rows.sort(function (a, b) {
        var x = a.cells[column].textContent, y = b.cells[column].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var c = isNaN(nx) || isNaN(ny) ? x.localeCompare(y) : nx - ny;
        return down ? c : -c;
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
      th.setAttribute('data-sorted', down ? 'up' : 'down');
    });
  });
  // Layout is forced before the time is taken, so it measures parsing, styling and layout.
  body.getBoundingClientRect();
  body.setAttribute('data-render-ms', Math.round(performance.now()));
  body.setAttribute('data-ready', '1');
})();
)JS";
}

}  // namespace fsd::report::detail
