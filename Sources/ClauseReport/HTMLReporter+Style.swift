/// The page's inline stylesheet and script: no fonts, images or scripts from elsewhere.
extension HTMLReporter {
    static let stylesheet = """
        :root {
          --bg: #f5f6f8; --surface: #fff; --ink: #1b2330; --muted: #5d6778; --line: #dde1e8; --head: #172033;
          --fail: #b42318; --fail-bg: #fef3f2; --minor: #b54708; --minor-bg: #fffaeb;
          --obs: #175cd3; --obs-bg: #eff8ff; --pass: #067647; --pass-bg: #ecfdf3;
          --waived: #6941c6; --waived-bg: #f4f3ff; --error: #c11574; --error-bg: #fdf2fa;
          --na: #475467; --na-bg: #f2f4f7; --none: #8a94a6; --none-bg: #f8f9fb;
          --mono: ui-monospace, "SFMono-Regular", Menlo, Consolas, "DejaVu Sans Mono", monospace;
        }
        * { box-sizing: border-box; }
        html { scroll-padding-top: 3.5rem; }
        body { margin: 0; background: var(--bg); color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        code { font-family: var(--mono); font-size: .86em; overflow-wrap: anywhere; }
        a { color: #1849a9; }
        h2 { font-size: 1.3rem; margin: 0 0 .25rem; }
        h3 { font-size: 1.02rem; margin: 0; }
        .lead { color: var(--muted); margin: 0 0 1rem; }
        .muted { color: var(--none); }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        .bad { color: var(--fail); font-weight: 600; }
        .note { color: var(--waived); font-weight: 600; }
        .masthead { background: var(--head); color: #fff; }
        .masthead-inner { max-width: 1200px; margin: 0 auto; padding: 1.75rem 1.5rem 1.25rem; display: flex; gap: 1.5rem; align-items: center; justify-content: space-between; }
        .eyebrow { margin: 0; text-transform: uppercase; letter-spacing: .08em; font-size: .75rem; color: #aab4c5; }
        .masthead h1 { margin: .2rem 0 .3rem; font-size: 1.6rem; line-height: 1.25; }
        .pack-id { margin: 0; color: #c7cfdb; }
        .pack-id span:first-child { font-family: var(--mono); }
        .pack-id span + span::before { content: "· "; }
        .verdict { flex: none; border-radius: 10px; padding: .7rem 1.1rem; text-align: center; border: 2px solid; }
        .verdict-failed { background: #3b1219; border-color: #f97066; }
        .verdict-passed { background: #0d3321; border-color: #47cd89; }
        .verdict-label { display: block; font-size: 1.2rem; font-weight: 700; text-transform: uppercase; letter-spacing: .04em; }
        .verdict-failed .verdict-label { color: #fda29b; }
        .verdict-passed .verdict-label { color: #75e0a7; }
        .verdict-detail { display: block; font-size: .85rem; color: #c7cfdb; }
        nav { max-width: 1200px; margin: 0 auto; padding: 0 1.5rem; display: flex; gap: 1.25rem; flex-wrap: wrap; }
        nav a { color: #c7cfdb; text-decoration: none; padding: .55rem 0; font-size: .9rem; border-bottom: 2px solid transparent; }
        nav a:hover { color: #fff; border-bottom-color: #fff; }
        main { max-width: 1200px; margin: 0 auto; padding: 1.5rem; }
        main > section { background: var(--surface); border: 1px solid var(--line); border-radius: 10px; padding: 1.25rem 1.5rem; margin-bottom: 1.25rem; }
        main > section#summary { background: none; border: 0; padding: 0; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: .75rem; }
        .tile { background: var(--surface); border: 1px solid var(--line); border-top: 4px solid var(--na); border-radius: 10px; padding: .8rem 1rem; }
        .tile-fail { border-top-color: var(--fail); } .tile-error { border-top-color: var(--error); }
        .tile-waived { border-top-color: var(--waived); } .tile-pass { border-top-color: var(--pass); }
        .tile-value { display: block; font-size: 1.9rem; font-weight: 700; line-height: 1.1; font-variant-numeric: tabular-nums; }
        .tile-label { display: block; font-weight: 600; }
        .tile-detail { display: block; color: var(--muted); font-size: .82rem; }
        .facts { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.25rem; margin: 0; }
        .facts dt { color: var(--muted); font-weight: 600; }
        .facts dd { margin: 0; min-width: 0; }
        .manifest { margin-bottom: 1rem; }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: .9rem; }
        caption { text-align: left; font-weight: 600; padding: .25rem 0 .5rem; }
        th, td { text-align: left; padding: .45rem .6rem; border-bottom: 1px solid var(--line); vertical-align: top; }
        thead th { background: var(--na-bg); color: var(--muted); font-weight: 600; font-size: .8rem; text-transform: uppercase; letter-spacing: .03em; }
        th.num { text-align: right; }
        table code { white-space: nowrap; overflow-wrap: normal; }
        table code.hash, table code.source { white-space: normal; overflow-wrap: anywhere; }
        .nowrap { white-space: nowrap; }
        .hash { font-size: .78rem; }
        .charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 1.5rem; }
        .chart { margin: 0; }
        .chart figcaption { font-weight: 600; margin-bottom: .5rem; }
        .chart-note { color: var(--muted); font-size: .8rem; margin: .25rem 0 0; }
        .chart-svg { width: 100%; height: auto; display: block; font-family: inherit; }
        .chart-svg .grid { stroke: #e7eaf0; stroke-width: 1; }
        .chart-svg .baseline { stroke: #98a2b3; stroke-width: 1; }
        .chart-svg .axis { fill: var(--muted); font-size: 12px; }
        .chart-svg .label { fill: var(--ink); font-size: 14px; font-weight: 600; }
        .chart-svg .sublabel { fill: var(--muted); font-size: 11px; }
        .chart-svg .value { fill: var(--ink); font-size: 13px; font-weight: 600; }
        .bar-major { fill: var(--fail); } .bar-minor { fill: #f79009; } .bar-observation { fill: #2e90fa; }
        .legend { list-style: none; display: flex; gap: 1.25rem; padding: 0; margin: .5rem 0 0; font-size: .85rem; color: var(--muted); }
        .swatch { display: inline-block; width: .8rem; height: .8rem; border-radius: 2px; margin-right: .35rem; vertical-align: -1px; }
        .swatch-major { background: var(--fail); } .swatch-minor { background: #f79009; } .swatch-observation { background: #2e90fa; }
        .status, .sev, .tag { display: inline-block; border-radius: 999px; padding: .05rem .55rem; font-size: .76rem; font-weight: 600; white-space: nowrap; border: 1px solid transparent; }
        .status-pass { color: var(--pass); background: var(--pass-bg); border-color: #abefc6; }
        .status-fail, .status-no_evidence { color: var(--fail); background: var(--fail-bg); border-color: #fecdca; }
        .status-error { color: var(--error); background: var(--error-bg); border-color: #fcceee; }
        .status-waived, .status-waiver-active { color: var(--waived); background: var(--waived-bg); border-color: #d9d6fe; }
        .status-waiver-expired { color: var(--minor); background: var(--minor-bg); border-color: #fedf89; }
        .status-waiver-unused, .status-not_applicable { color: var(--na); background: var(--na-bg); border-color: #eaecf0; }
        .status-no_rule { color: var(--none); background: var(--none-bg); border-color: #eaecf0; font-weight: 500; }
        .sev { text-transform: uppercase; letter-spacing: .03em; font-size: .7rem; }
        .sev-major { color: #fff; background: var(--fail); }
        .sev-minor { color: #fff; background: #dc6803; }
        .sev-observation { color: #fff; background: var(--obs); }
        .tag { color: var(--na); background: var(--na-bg); border-color: #eaecf0; }
        .clause-table { border: 1px solid var(--line); border-radius: 8px; overflow: hidden; }
        .clause-head, .clause-row { display: grid; grid-template-columns: minmax(0, 1fr) 9.5rem repeat(5, 4rem); gap: .5rem; align-items: center; padding: .35rem .9rem; }
        .clause-head { background: var(--na-bg); color: var(--muted); font-size: .76rem; font-weight: 600; text-transform: uppercase; letter-spacing: .03em; }
        .tree, .tree ul { list-style: none; margin: 0; padding: 0; }
        .clause-row { border-top: 1px solid var(--line); font-size: .92rem; }
        .clause-number { font-family: var(--mono); font-weight: 600; margin-right: .35rem; }
        .clause-number a { color: inherit; }
        .depth-1 > .clause-row .clause-name { padding-left: 1.4rem; }
        .depth-2 > .clause-row .clause-name { padding-left: 2.8rem; }
        .depth-3 > .clause-row .clause-name { padding-left: 4.2rem; }
        .depth-4 > .clause-row .clause-name { padding-left: 5.6rem; }
        .depth-0 > .clause-row { background: #f9fafb; border-top: 1px solid #c9ced8; font-weight: 600; }
        .depth-0 > .clause-row .clause-title { font-weight: 600; }
        .clause[data-status="fail"] > .clause-row, .clause[data-status="error"] > .clause-row { box-shadow: inset 3px 0 0 var(--fail); }
        .phase { font-size: .72rem; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 .35rem; margin-left: .35rem; font-weight: 500; }
        .rollup { margin: 0; padding: .15rem .9rem .45rem; background: #f9fafb; color: var(--muted); font-size: .82rem; }
        .filters { display: flex; flex-wrap: wrap; gap: .75rem 1.5rem; align-items: flex-end; background: var(--na-bg); border: 1px solid var(--line); border-radius: 8px; padding: .75rem 1rem; margin-bottom: 1rem; position: sticky; top: 0; z-index: 1; }
        .filters[hidden] { display: none; }
        .filters fieldset { border: 0; margin: 0; padding: 0; display: flex; gap: .8rem; flex-wrap: wrap; }
        .filters legend { font-size: .72rem; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); padding: 0; margin-bottom: .2rem; }
        .filters label { font-size: .9rem; white-space: nowrap; }
        .filters .n { color: var(--muted); font-size: .8rem; }
        .filter-state { margin-left: auto; display: flex; gap: .75rem; align-items: center; font-size: .9rem; color: var(--muted); }
        .filter-state button { font: inherit; font-size: .85rem; padding: .25rem .75rem; border: 1px solid #c9ced8; border-radius: 6px; background: #fff; cursor: pointer; }
        .snapshot-title { margin: 1rem 0 .5rem; }
        .finding-group { margin-top: 1.25rem; }
        .finding-group[hidden], .finding[hidden] { display: none; }
        .finding-group > h3 { padding-bottom: .35rem; border-bottom: 1px solid var(--line); }
        .group-count { display: inline-block; min-width: 1.5rem; text-align: center; font-size: .75rem; background: var(--na-bg); color: var(--muted); border-radius: 999px; padding: 0 .45rem; margin-left: .35rem; vertical-align: 1px; }
        .finding { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 8px; padding: .75rem 1rem; margin-top: .75rem; }
        .finding.severity-minor { border-left-color: #f79009; }
        .finding.severity-observation { border-left-color: #2e90fa; }
        .finding.outcome-waived { border-left-color: var(--waived); background: #fcfcff; }
        .finding.outcome-error { border-left-color: var(--error); }
        .finding header { display: flex; flex-wrap: wrap; align-items: baseline; gap: .45rem; }
        .finding h4 { margin: 0; font-size: .98rem; }
        .rule-id { font-weight: 600; color: var(--muted); }
        .finding .stage { margin-left: auto; color: var(--muted); font-size: .8rem; white-space: nowrap; }
        .message { margin: .4rem 0 .6rem; font-size: 1rem; }
        .finding .facts { font-size: .88rem; gap: .2rem 1rem; }
        .waiver-meta { display: block; color: var(--muted); font-size: .84rem; }
        .empty { color: var(--muted); font-style: italic; }
        details summary { cursor: pointer; font-weight: 600; margin: .25rem 0 .75rem; }
        .source { font-size: .76rem; color: var(--muted); }
        footer { max-width: 1200px; margin: 0 auto; padding: 0 1.5rem 2rem; color: var(--muted); font-size: .82rem; }
        @media (max-width: 760px) {
          .masthead-inner { flex-direction: column; align-items: flex-start; }
          .clause-head, .clause-row { grid-template-columns: minmax(0, 1fr) 7.5rem repeat(2, 3rem); }
          .clause-head span:nth-child(n+6), .clause-row > span:nth-child(n+6) { display: none; }
        }
        @media print {
          body { background: #fff; }
          nav, .filters, .filter-state { display: none; }
          main > section { border: 0; padding: 0; break-inside: auto; }
          .finding { break-inside: avoid; }
          details:not([open]) > :not(summary) { display: revert; }
        }

        """

    /// Filters hide findings by `data-severity`, `data-stage`, `data-outcome` (and
    /// `data-baseline`); the selection is mirrored in the URL fragment (`#severity=major`) so a
    /// filtered view can be linked. Without JavaScript the form stays hidden and all is shown.
    static let script = """
        (function () {
          'use strict';
          var form = document.getElementById('filters');
          if (!form) return;
          var names = ['severity', 'stage', 'outcome', 'baseline'];
          var findings = Array.prototype.slice.call(document.querySelectorAll('article.finding'));
          var groups = Array.prototype.slice.call(document.querySelectorAll('.finding-group'));
          var shown = document.getElementById('shown');
          function boxes(name) {
            return Array.prototype.slice.call(form.querySelectorAll('input[name="' + name + '"]'));
          }
          function apply(updateHash) {
            var chosen = {};
            names.forEach(function (name) {
              var set = boxes(name);
              if (!set.length) return;
              chosen[name] = {};
              set.forEach(function (box) { if (box.checked) chosen[name][box.value] = true; });
            });
            var visible = 0;
            findings.forEach(function (f) {
              var ok = Object.keys(chosen).every(function (name) {
                var value = f.getAttribute('data-' + name);
                return value === null || chosen[name][value] === true;
              });
              f.hidden = !ok;
              if (ok) visible += 1;
            });
            groups.forEach(function (g) {
              var all = g.querySelectorAll('article.finding').length;
              var on = g.querySelectorAll('article.finding:not([hidden])').length;
              g.hidden = on === 0;
              var badge = g.querySelector('.group-count');
              if (badge) badge.textContent = on === all ? String(all) : on + ' of ' + all;
            });
            shown.textContent = 'Showing ' + visible + ' of ' + findings.length + ' findings';
            if (!updateHash) return;
            var parts = [];
            names.forEach(function (name) {
              var set = boxes(name);
              var on = set.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
              if (on.length !== set.length) parts.push(name + '=' + on.join(','));
            });
            if (parts.length || location.hash.indexOf('=') >= 0) {
              try { history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname + location.search); } catch (e) {}
            }
          }
          var hash = location.hash.replace(/^#/, '');
          if (hash.indexOf('=') >= 0) {
            hash.split('&').forEach(function (part) {
              var pair = part.split('=');
              if (names.indexOf(pair[0]) < 0) return;
              var values = decodeURIComponent(pair[1] || '').split(',');
              boxes(pair[0]).forEach(function (box) { box.checked = values.indexOf(box.value) >= 0; });
            });
          }
          form.addEventListener('change', function () { apply(true); });
          form.addEventListener('reset', function () { setTimeout(function () { apply(true); }, 0); });
          form.hidden = false;
          document.documentElement.setAttribute('data-js', 'on');
          apply(false);
        })();

        """
}
