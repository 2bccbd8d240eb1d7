/* The statistics page's charts: one per figure, drawn from the JSON in its canvas's data-chart
   attribute (no inline script at all, strict CSP). The table beside each chart carries the same numbers for everyone
   without the chart, so a chart is decoration for those who see it (role="img"). */
(function () {
  "use strict";
  var COLOURS = ["#004993", "#1a1a1a", "#9f3f00", "#358000", "#6c2e8c", "#006e73", "#b51d09"];
  function draw(canvas) {
    var data = JSON.parse(canvas.getAttribute("data-chart"));
    canvas.parentElement.hidden = false;
    var datasets = data.datasets.map(function (set, i) {
      var colour = COLOURS[i % COLOURS.length];
      return { label: set.label, data: set.data, backgroundColor: colour, borderColor: colour,
               borderWidth: data.type === "line" ? 2 : 0, spanGaps: false };
    });
    var whole = data.datasets.every(function (set) {
      return set.data.every(function (v) { return v === null || Math.round(v) === v; });
    });
    // eslint-disable-next-line no-new
    new window.Chart(canvas, {
      type: data.type,
      data: { labels: data.labels, datasets: datasets },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, ticks: whole ? { precision: 0 } : {} } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }
  function drawAll() {
    if (typeof window.Chart !== "function") { return; }
    var page = window.getComputedStyle(document.body);
    window.Chart.defaults.font.family = page.fontFamily;
    window.Chart.defaults.font.size = 14;
    window.Chart.defaults.color = "#1a1a1a";
    Array.prototype.forEach.call(document.querySelectorAll("canvas[data-chart]"), draw);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
