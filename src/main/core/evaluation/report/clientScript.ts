// The page's only code besides the chart libraries: it reads the data JSON and draws each chart
// spec (see chartSpecs.ts) into its canvas. Plain ES2017 in a string, so no bundler or transpiler
// can change what ends up in the report; the browser test in test/unit/evaluation/report runs it.
export const CLIENT_SCRIPT = String.raw`(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('data').textContent);
  var PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#D55E00'];
  function color(i, alpha) {
    var hex = PALETTE[i % PALETTE.length];
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + (n >> 16) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
  }
  function labels(criteria) { return criteria.map(function (c) { return c.label; }); }
  function find(criteria, id) { return criteria.filter(function (c) { return c.id === id; })[0] || criteria[0]; }
  function fmt(v) { return typeof v === 'number' ? v.toFixed(2) : 'missing'; }
  function axisTitle(text) { return { display: true, text: text }; }
  function scaleText(s) { return s.min + '\u2013' + s.max; }
  // Whole-number ticks on an axis padded by half a point each side.
  function wholeTicks(axis) {
    axis.ticks = [];
    for (var v = Math.ceil(axis.min); v <= axis.max; v++) axis.ticks.push({ value: v });
  }
  // A small fixed offset per point, so conversations with equal scores do not hide each other.
  function jitter(a, b, c) {
    var h = Math.sin(a * 12.9898 + b * 78.233 + c * 37.719) * 43758.5453;
    return (h - Math.floor(h) - 0.5) * 0.24;
  }

  // Chart data tables arrive open (so a print without scripts shows them); on screen they fold
  // away, and every section opens again for printing.
  var folded = Array.prototype.slice.call(document.querySelectorAll('details.data-table'));
  folded.forEach(function (d) { d.open = false; });
  window.addEventListener('beforeprint', function () { document.querySelectorAll('details').forEach(function (d) { if (!d.open) { d.setAttribute('data-reopen', ''); d.open = true; } }); });
  window.addEventListener('afterprint', function () { document.querySelectorAll('details[data-reopen]').forEach(function (d) { d.removeAttribute('data-reopen'); d.open = false; }); });

  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.color = '#2b2b2b';
  Chart.defaults.font.family = window.getComputedStyle(document.body).fontFamily;

  // A white background, so a saved PNG reads the same on a dark desktop or in a slide.
  var background = {
    id: 'reportBackground',
    beforeDraw: function (chart) {
      var ctx = chart.ctx;
      ctx.save();
      ctx.fillStyle = '#ffffff';
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    }
  };

  // A chart with one dataset per model over the criteria, each in its model's colour; 'dataset' gives the rest.
  function perModel(type, spec, dataset, y) {
    return {
      type: type,
      data: {
        labels: labels(spec.criteria),
        datasets: spec.series.map(function (s, i) {
          var d = dataset(s, i);
          d.label = s.model;
          d.borderColor = color(i, 1);
          d.borderWidth = 1;
          return d;
        })
      },
      options: { scales: { y: y } }
    };
  }

  var builders = {
    bars: function (spec) {
      return perModel('barWithErrorBars', spec, function (s, i) {
        return {
          data: s.values.map(function (v) {
            // The error-bar plugin needs an object even for a missing mean.
            return v ? { y: v.mean, yMin: v.low === null ? v.mean : v.low, yMax: v.high === null ? v.mean : v.high } : { y: null, yMin: null, yMax: null };
          }),
          backgroundColor: color(i, 0.7),
          errorBarColor: '#222',
          errorBarWhiskerColor: '#222'
        };
      }, { min: Math.min(0, spec.scale.min), max: spec.scale.max, title: axisTitle('Mean score (' + scaleText(spec.scale) + ')') });
    },
    box: function (spec) {
      return perModel('boxplot', spec, function (s, i) {
        return {
          data: s.values.map(function (v) { return v.length > 0 ? v : null; }),
          quantiles: 'linear',
          coef: 1.5,
          backgroundColor: color(i, 0.3),
          medianColor: color(i, 1),
          outlierBackgroundColor: color(i, 0.8),
          itemRadius: 0
        };
      }, { min: spec.scale.min, max: spec.scale.max, title: axisTitle('Score (' + scaleText(spec.scale) + ')') });
    },
    heatmap: function (spec) {
      var state = { criterion: find(spec.criteria, spec.initial) };
      var rows = spec.scenarios.map(function (s) { return s.label; });
      function shade(v) {
        if (typeof v !== 'number') return { fill: '#e6e6e6', text: '#555' };
        var s = state.criterion.scale;
        var t = Math.max(0, Math.min(1, (v - s.min) / ((s.max - s.min) || 1)));
        var lo = [238, 244, 251], hi = [8, 48, 107];
        var rgb = lo.map(function (c, k) { return Math.round(c + (hi[k] - c) * t); });
        return { fill: 'rgb(' + rgb.join(',') + ')', text: t > 0.55 ? '#ffffff' : '#1a1a1a' };
      }
      function cells(criterionId) {
        var out = [];
        spec.values[criterionId].forEach(function (row, r) {
          row.forEach(function (v, m) { out.push({ x: spec.models[m], y: rows[r], v: v }); });
        });
        return out;
      }
      var cellLabels = {
        id: 'heatmapCellLabels',
        afterDatasetsDraw: function (chart) {
          var ctx = chart.ctx;
          var points = chart.data.datasets[0].data;
          ctx.save();
          ctx.textAlign = 'center';
          ctx.textBaseline = 'middle';
          ctx.font = '12px ' + Chart.defaults.font.family;
          chart.getDatasetMeta(0).data.forEach(function (el, i) {
            if (el.height < 12) return;
            var v = points[i].v;
            var c = el.getCenterPoint();
            ctx.fillStyle = shade(v).text;
            ctx.fillText(typeof v === 'number' ? v.toFixed(1) : '\u2013', c.x, c.y);
          });
          ctx.restore();
        }
      };
      var config = {
        type: 'matrix',
        data: {
          datasets: [{
            label: state.criterion.label,
            data: cells(state.criterion.id),
            backgroundColor: function (ctx) { return ctx.raw ? shade(ctx.raw.v).fill : '#e6e6e6'; },
            borderColor: '#ffffff',
            borderWidth: 1,
            width: function (ctx) { var a = ctx.chart.chartArea; return a ? a.width / spec.models.length - 1 : 0; },
            height: function (ctx) { var a = ctx.chart.chartArea; return a ? a.height / rows.length - 1 : 0; }
          }]
        },
        options: {
          plugins: {
            legend: { display: false },
            tooltip: { callbacks: { title: function (items) { return items[0].raw.y; }, label: function (item) { return item.raw.x + ': ' + fmt(item.raw.v); } } }
          },
          scales: {
            x: { type: 'category', labels: spec.models, offset: true, position: 'top', grid: { display: false } },
            y: {
              type: 'category', labels: rows, offset: true, reverse: false, grid: { display: false },
              ticks: { autoSkip: false, callback: function (value) { var l = this.getLabelForValue(value); return l.length > 40 ? l.slice(0, 39) + '\u2026' : l; } }
            }
          }
        },
        plugins: [cellLabels]
      };
      config.show = function (chart, criterionId) {
        state.criterion = find(spec.criteria, criterionId);
        chart.data.datasets[0].label = state.criterion.label;
        chart.data.datasets[0].data = cells(state.criterion.id);
        chart.update();
        document.querySelectorAll('[data-heatmap-table]').forEach(function (table) {
          table.hidden = table.getAttribute('data-heatmap-table') !== state.criterion.id;
        });
      };
      return config;
    },
    radar: function (spec) {
      return {
        type: 'radar',
        data: {
          labels: labels(spec.criteria),
          datasets: spec.series.map(function (s, i) {
            return { label: s.model, data: s.values, borderColor: color(i, 1), backgroundColor: color(i, 0.12), pointBackgroundColor: color(i, 1), borderWidth: 2 };
          })
        },
        options: { scales: { r: { min: spec.scale.min, max: spec.scale.max, ticks: { stepSize: 1 } } } }
      };
    },
    scatter: function (spec) {
      return {
        type: 'scatter',
        data: {
          datasets: spec.series.map(function (s, i) {
            return {
              label: s.model,
              data: s.points.map(function (p, k) { return { x: p.x + jitter(i, k, 1), y: p.y + jitter(i, k, 2), exact: p }; }),
              backgroundColor: color(i, 0.5),
              borderColor: color(i, 1),
              pointRadius: 4
            };
          })
        },
        options: {
          plugins: { tooltip: { callbacks: { label: function (item) { var p = item.raw.exact; return item.dataset.label + ': ' + p.scenarioTitle + ', seed ' + p.seed + ' (' + fmt(p.x) + ', ' + fmt(p.y) + ')'; } } } },
          scales: {
            x: { min: spec.x.scale.min - 0.5, max: spec.x.scale.max + 0.5, afterBuildTicks: wholeTicks, title: axisTitle(spec.x.label + ' (' + scaleText(spec.x.scale) + ')') },
            y: { min: spec.y.scale.min - 0.5, max: spec.y.scale.max + 0.5, afterBuildTicks: wholeTicks, title: axisTitle(spec.y.label + ' (' + scaleText(spec.y.scale) + ')') }
          }
        }
      };
    }
  };

  function pngLink(id, canvas) {
    var link = document.querySelector('a[data-png-for="' + id + '"]');
    if (!link) return function () {};
    var refresh = function () { link.href = canvas.toDataURL('image/png'); };
    link.addEventListener('click', refresh);
    refresh();
    link.hidden = false;
    return refresh;
  }

  var failed = 0;
  data.charts.forEach(function (spec) {
    var canvas = document.getElementById('chart-' + spec.id);
    if (!canvas) return;
    try {
      var config = builders[spec.kind](spec);
      config.plugins = (config.plugins || []).concat([background]);
      var chart = new Chart(canvas, { type: config.type, data: config.data, options: config.options, plugins: config.plugins });
      var refreshPng = pngLink(spec.id, canvas);
      var select = document.querySelector('select[data-heatmap-for="' + spec.id + '"]');
      if (select && config.show) {
        config.show(chart, select.value);
        refreshPng();
        select.addEventListener('change', function () { config.show(chart, select.value); refreshPng(); });
      }
    } catch (error) {
      failed++;
      canvas.insertAdjacentText('afterend', 'This chart could not be drawn; its data table below has the same numbers.');
      console.error('Chart ' + spec.id + ' could not be drawn:', error);
    }
  });

  function resizeAll() { Object.keys(Chart.instances).forEach(function (k) { Chart.instances[k].resize(); }); }
  window.addEventListener('beforeprint', resizeAll);
  window.addEventListener('afterprint', resizeAll);
  document.documentElement.setAttribute('data-charts', failed > 0 ? 'failed' : 'ready');
})();
`;
