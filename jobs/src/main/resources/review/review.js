// Draws the operating review's charts with Chart.js from the JSON in #review-data. Every figure
// was computed by Stratify; this script only draws. When a chart has drawn, the body's
// data-charts-rendered counts it (tests and screenshots wait for it).
(function () {
  'use strict';
  const data = JSON.parse(document.getElementById('review-data').textContent);
  const body = document.body;
  const rendered = new Set();
  const errors = [];

  const INK = '#1d2433', MUTED = '#5b6472', RULE = '#e3e6eb', ACCENT = '#2e5aac';
  const RED = '#b42318', AMBER = '#b54708', GREEN = '#067647';

  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(body).fontFamily;
  Chart.defaults.font.size = 11;
  Chart.defaults.color = MUTED;
  Chart.defaults.borderColor = RULE;
  Chart.defaults.plugins.legend.labels.boxWidth = 12;
  Chart.register({
    id: 'stratifyRendered',
    afterRender(chart) {
      if (chart.width > 0 && chart.height > 0) {
        rendered.add(chart.id);
        body.dataset.chartsRendered = String(rendered.size);
      }
    }
  });

  const shortDate = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
  const weekLabel = (iso) => shortDate.format(new Date(iso + 'T00:00:00Z'));
  const flat = (value, n) => Array(n).fill(value);

  function draw(id, config) {
    const canvas = document.getElementById(id);
    if (!canvas) {
      return;
    }
    try {
      new Chart(canvas, config);
    } catch (e) {
      errors.push(id + ': ' + e.message);
      body.dataset.chartErrors = errors.join('; ');
    }
  }

  function trendDataset(values, label) {
    return { type: 'line', label: label, data: values, borderColor: INK, borderDash: [5, 4],
      borderWidth: 1.5, pointRadius: 0, spanGaps: false, order: 0 };
  }

  const weeks = data.weeks.map(weekLabel);

  draw('chart-capacity', {
    data: {
      labels: weeks,
      datasets: [
        { type: 'bar', label: 'Ambition (points)', data: data.capacity.ambition,
          backgroundColor: 'rgba(46, 90, 172, 0.75)', order: 2 },
        { type: 'line', label: 'Capacity (points)', data: data.capacity.capacity, stepped: 'middle',
          borderColor: INK, borderWidth: 2, pointRadius: 0, order: 1 }
      ]
    },
    options: { scales: { y: { beginAtZero: true, title: { display: true, text: 'points' } } } }
  });

  const r = data.ratio;
  const ratioLabels = r.weeks.map(weekLabel);
  draw('chart-ratio', {
    type: 'line',
    data: {
      labels: ratioLabels,
      datasets: [
        { label: 'Supportability ratio', data: r.values, borderColor: ACCENT, backgroundColor: ACCENT,
          borderWidth: 2.5, pointRadius: 2.5, order: 1 },
        trendDataset(r.trend, 'Trend (12 weeks)'),
        { label: 'At this pace', data: r.projection, borderColor: MUTED, borderDash: [2, 3],
          borderWidth: 2, pointRadius: 0, order: 0 },
        { label: 'Boundary', data: flat(r.exceeded, ratioLabels.length), borderColor: RED,
          borderWidth: 1.5, pointRadius: 0, order: 3 },
        { label: 'Approaching', data: flat(r.approaching, ratioLabels.length), borderColor: AMBER,
          borderDash: [6, 4], borderWidth: 1, pointRadius: 0, order: 3 }
      ]
    },
    options: { scales: { y: { beginAtZero: true, suggestedMax: Math.max(1.2, r.exceeded * 1.2) } } }
  });

  data.signals.forEach((s) => {
    draw('chart-signal-' + s.metric, {
      type: 'line',
      data: {
        labels: weeks,
        datasets: [
          { label: s.label, data: s.values, borderColor: ACCENT, backgroundColor: ACCENT,
            borderWidth: 2, pointRadius: 1.5, spanGaps: true, order: 1 },
          trendDataset(s.trend, 'Trend')
        ]
      },
      options: {
        plugins: { legend: { display: false } },
        scales: {
          x: { ticks: { maxTicksLimit: 4, maxRotation: 0 } },
          y: { beginAtZero: true, ticks: { maxTicksLimit: 4,
            callback: (v) => s.percent ? v + '%' : v } }
        }
      }
    });
  });

  draw('chart-cost', {
    type: 'bar',
    data: {
      labels: weeks,
      datasets: [
        { label: 'Inference (USD)', data: data.cost.inference, backgroundColor: ACCENT },
        { label: 'Engineer time on incidents (USD)', data: data.cost.incidents, backgroundColor: '#9db4e0' }
      ]
    },
    options: {
      scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true,
        ticks: { callback: (v) => '$' + Number(v).toLocaleString('en-US') } } }
    }
  });

  // The page has the canvas only when the org has benchmarks.
  draw('chart-cohort', {
    type: 'bar',
    data: {
      labels: data.cohort.map((c) => c.label),
      datasets: [{ label: 'Percentile in cohort (100 = best)', data: data.cohort.map((c) => c.percentile),
        minBarLength: 3,
        backgroundColor: data.cohort.map((c) => c.percentile >= 50 ? GREEN : c.percentile >= 25 ? AMBER : RED) }]
    },
    options: {
      indexAxis: 'y',
      plugins: { legend: { display: false } },
      scales: { x: { min: 0, max: 100, title: { display: true, text: 'percentile (100 = best)' } } }
    }
  });

  // Charts follow their boxes on screen; print changes the boxes without a resize event, so
  // redraw them when print media comes and goes (beforeprint alone is too early in Chromium).
  const resize = () => Object.values(Chart.instances).forEach((c) => c.resize());
  window.addEventListener('beforeprint', resize);
  window.addEventListener('afterprint', resize);
  window.matchMedia('print').addEventListener('change', resize);
})();
