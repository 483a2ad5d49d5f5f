/* gatebench site script: progressive enhancement only. Every page is complete without it.
 * 1. Charts: each figure.chart[data-spec] holds a build-time SVG and its Vega-Lite spec; with vega-embed
 *    loaded (served from this site, no CDN) the SVG is replaced by an interactive view with tooltips.
 * 2. Compare page: pickers load any two runs' summary.json and redraw the table and the chart. Number
 *    formatting comes from assets/lib/, the same TypeScript helpers the build uses, transpiled. */
(function () {
  'use strict';
  var self = document.currentScript && document.currentScript.src;
  var assetBase = self ? self.replace(/site\.js(\?.*)?$/, '') : '';
  var EMBED_OPTIONS = { renderer: 'svg', actions: { export: true, source: false, compiled: false, editor: false }, downloadFileName: 'gatebench-chart' };

  function embedInto(fig, spec) {
    var body = fig.querySelector('.chart-body');
    if (!body || typeof window.vegaEmbed !== 'function') return Promise.resolve(null);
    var holder = document.createElement('div');
    holder.className = 'chart-live';
    return window.vegaEmbed(holder, spec, EMBED_OPTIONS).then(function (result) {
      body.replaceChildren(holder);
      fig.setAttribute('data-enhanced', 'true');
      return result;
    }, function (err) {
      fig.setAttribute('data-enhance-error', String((err && err.message) || err));
      return null;
    });
  }

  function enhanceCharts() {
    var figures = document.querySelectorAll('figure.chart[data-spec]');
    Array.prototype.forEach.call(figures, function (fig) {
      var script = document.getElementById(fig.getAttribute('data-spec'));
      if (!script) return;
      try {
        embedInto(fig, JSON.parse(script.textContent));
      } catch (e) {
        fig.setAttribute('data-enhance-error', 'bad spec');
      }
    });
  }

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  async function setupCompare() {
    var form = document.getElementById('compare-form');
    if (!form) return;
    var status = document.getElementById('compare-status');
    var pickA = document.getElementById('pick-a');
    var pickB = document.getElementById('pick-b');
    var fmtCi, fmtNum, badge;
    var runs;
    try {
      fmtCi = await import(assetBase + 'lib/format-ci.js');
      fmtNum = await import(assetBase + 'lib/format-number.js');
      badge = await import(assetBase + 'lib/verdict-badge.js');
      runs = await fetch(form.getAttribute('data-runs')).then(function (r) {
        if (!r.ok) throw new Error('runs.json: HTTP ' + r.status);
        return r.json();
      });
    } catch (e) {
      return;
    }
    runs.sort(function (x, y) { return String(y.created_at).localeCompare(String(x.created_at)); });
    runs.forEach(function (run) {
      run.variants.forEach(function (v) {
        var text = (run.created_at || '').slice(0, 16).replace('T', ' ') + ' · ' + run.label + ' · ' + v.label + ' (' + v.name + ') · ' + (run.host || '');
        [pickA, pickB].forEach(function (pick) {
          var o = el('option', '', text);
          o.value = run.id + '|' + v.name;
          pick.appendChild(o);
        });
      });
    });
    if (runs.length === 0) return;
    var params = new URLSearchParams(location.search);
    var first = runs[0];
    var a = params.get('a');
    var b = params.get('b');
    if (a && a.indexOf('|') < 0) {
      var run = runs.find(function (r) { return r.id === a; });
      if (run) {
        b = b || (run.id + '|' + (run.variants[1] || run.variants[0]).name);
        a = run.id + '|' + run.variants[0].name;
      }
    }
    pickA.value = a || (first.id + '|' + first.variants[0].name);
    pickB.value = b || (first.id + '|' + (first.variants[1] || first.variants[0]).name);
    if (!pickA.value) pickA.selectedIndex = 0;
    if (!pickB.value) pickB.selectedIndex = Math.min(1, pickB.options.length - 1);
    form.hidden = false;
    var summaries = {};
    function load(id) {
      if (!summaries[id]) {
        var run = runs.find(function (r) { return r.id === id; });
        var url = form.getAttribute('data-summary').replace('{slug}', encodeURIComponent(run ? run.slug : id));
        summaries[id] = fetch(url).then(function (r) {
          if (!r.ok) throw new Error('summary of ' + id + ': HTTP ' + r.status);
          return r.json();
        });
      }
      return summaries[id];
    }
    async function update(push) {
      var sa = pickA.value.split('|');
      var sb = pickB.value.split('|');
      status.textContent = 'Loading…';
      var A, B;
      try {
        A = await load(sa[0]);
        B = await load(sb[0]);
      } catch (e) {
        status.textContent = String(e.message || e);
        return;
      }
      var labelOf = function (s, v) { var x = s.variants.find(function (y) { return y.name === v; }); return x ? x.label : v; };
      var rows = [];
      A.metrics.forEach(function (m) {
        var x = A.summaries.find(function (s) { return s.metric === m.name && s.variant === sa[1]; });
        var y = B.summaries.find(function (s) { return s.metric === m.name && s.variant === sb[1]; });
        if (!x || !y) return;
        var cmp = sa[0] === sb[0] ? A.comparisons.find(function (c) { return c.metric === m.name && c.baseline === sa[1] && c.candidate === sb[1]; }) : null;
        var diff = cmp ? cmp.change_pct.estimate : (x.estimate && y.estimate !== null ? ((y.estimate - x.estimate) / x.estimate) * 100 : null);
        var verdict = cmp ? cmp.verdict : null;
        var noise = A.noise_threshold_pct || 1;
        var outcome = diff === null || verdict === 'no significant difference' || verdict === 'invalid' || Math.abs(diff) < noise ? 'same' : (diff > 0) === (m.better === 'higher') ? 'better' : 'worse';
        rows.push({ m: m, x: x, y: y, cmp: cmp, diff: diff, verdict: verdict, outcome: outcome });
      });
      var heading = document.getElementById('compare-heading');
      if (heading) {
        heading.textContent = 'A = ' + sa[0] + ' · ' + labelOf(A, sa[1]) + '  vs  B = ' + sb[0] + ' · ' + labelOf(B, sb[1]);
      }
      var tbody = document.querySelector('#compare-table tbody');
      if (tbody) {
        tbody.replaceChildren();
        rows.forEach(function (r) {
          var tr = el('tr');
          tr.appendChild(el('th', '', r.m.label)).setAttribute('scope', 'row');
          tr.appendChild(el('td', 'num', fmtCi.formatCi(r.x.estimate, r.x.ci_low, r.x.ci_high, r.m.unit)));
          tr.appendChild(el('td', 'num', fmtCi.formatCi(r.y.estimate, r.y.ci_low, r.y.ci_high, r.m.unit)));
          var change = r.cmp ? fmtCi.formatChangeCi(r.cmp.change_pct.estimate, r.cmp.change_pct.ci_low, r.cmp.change_pct.ci_high) : fmtNum.formatChangePct(r.diff) + ' (no CI)';
          var changeTd = el('td', 'num strong outcome-' + r.outcome, change);
          if (r.cmp && r.cmp.design) changeTd.appendChild(el('span', 'n design', r.cmp.design));
          tr.appendChild(changeTd);
          var td = el('td', 'verdict');
          var reason = r.cmp && r.cmp.reason;
          if (r.verdict) td.innerHTML = badge.verdictBadge(r.verdict, reason);
          else td.appendChild(el('span', 'muted small', 'across runs: no verdict'));
          tr.appendChild(td);
          tbody.appendChild(tr);
          if (reason) {
            // the reason gets a full-width row of its own, so it wraps instead of widening the table
            tr.className = 'has-reason';
            var reasonTd = el('td');
            reasonTd.setAttribute('colspan', '5');
            reasonTd.appendChild(el('div', 'reason reason-full', reason));
            tbody.appendChild(el('tr', 'reason-row')).appendChild(reasonTd);
          }
        });
      }
      var fig = document.getElementById('chart-compare');
      var specScript = document.getElementById('spec-compare');
      if (fig && specScript) {
        var spec = JSON.parse(specScript.textContent);
        spec.datasets.table = rows.filter(function (r) { return r.diff !== null; }).map(function (r) { return { metric: r.m.label, diff_pct: r.diff, outcome: r.outcome }; });
        await embedInto(fig, spec);
      }
      status.textContent = sa[0] === sb[0] ? 'Same run: the change has a CI (block by block when the run is paired) and a verdict.' : 'Different runs: each side has its CI; the difference is the ratio of the estimates (no CI).';
      if (push) history.replaceState(null, '', '?a=' + encodeURIComponent(pickA.value) + '&b=' + encodeURIComponent(pickB.value));
    }
    pickA.addEventListener('change', function () { update(true); });
    pickB.addEventListener('change', function () { update(true); });
    if (a || b) update(false);
  }

  function start() {
    enhanceCharts();
    setupCompare();
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
