/* The person page's absence chart. Data comes from a json_script block (no inline script,
   strict CSP); the table next to it carries the same numbers for everyone without the chart. */
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("absence-chart-data");
    var canvas = document.getElementById("absence-chart");
    if (!source || !canvas || typeof window.Chart !== "function") { return; }
    var data = JSON.parse(source.textContent);
    var n = data.labels.length;
    function flat(value) { var out = []; for (var i = 0; i < n; i++) { out.push(value); } return out; }
    canvas.parentElement.hidden = false;
    var page = window.getComputedStyle(document.body);
    window.Chart.defaults.font.family = page.fontFamily;
    window.Chart.defaults.font.size = 14;
    window.Chart.defaults.color = "#1a1a1a";
    // eslint-disable-next-line no-new
    new window.Chart(canvas, {
      type: "line",
      data: {
        labels: data.labels,
        datasets: [
          { label: data.names.rate, data: data.rate, borderColor: "#004993", backgroundColor: "#004993",
            borderWidth: 3, pointRadius: 4, spanGaps: false },
          { label: data.names.illegal, data: data.illegal, borderColor: "#b51d09", backgroundColor: "#b51d09",
            borderWidth: 2, pointRadius: 4, pointStyle: "rect", borderDash: [6, 3], spanGaps: false },
          { label: data.names.threshold, data: flat(data.threshold), borderColor: "#3d3d3d",
            borderWidth: 1, pointRadius: 0, borderDash: [2, 4] }
        ]
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          y: { beginAtZero: true, suggestedMax: Math.max(30, data.threshold + 10),
               title: { display: true, text: data.names.axis } }
        },
        plugins: { legend: { position: "bottom" } }
      }
    });
    // The chart is drawn: the table becomes the collapsible alternative.
    var table = document.getElementById("absence-table");
    if (table) { table.open = false; }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
