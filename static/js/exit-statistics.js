/* The destinations-after-STU chart. Data comes from a json_script block (no inline script,
   strict CSP); the table below carries the same numbers for everyone without the chart. */
(function () {
  "use strict";
  function draw() {
    var source = document.getElementById("exit-chart-data");
    var canvas = document.getElementById("exit-chart");
    if (!source || !canvas || typeof window.Chart !== "function") { return; }
    var data = JSON.parse(source.textContent);
    canvas.parentElement.hidden = false;
    var page = window.getComputedStyle(document.body);
    window.Chart.defaults.font.family = page.fontFamily;
    window.Chart.defaults.font.size = 14;
    window.Chart.defaults.color = "#1a1a1a";
    // eslint-disable-next-line no-new
    new window.Chart(canvas, {
      type: "bar",
      data: {
        labels: data.labels,
        datasets: [
          { label: data.names.expected, data: data.expected, backgroundColor: "#9fc3e7",
            borderColor: "#004993", borderWidth: 1 },
          { label: data.names.three, data: data.three, backgroundColor: "#004993" },
          { label: data.names.twelve, data: data.twelve, backgroundColor: "#1a1a1a" }
        ]
      },
      options: {
        indexAxis: "y",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: { beginAtZero: true, ticks: { precision: 0 },
               title: { display: true, text: data.names.axis } }
        },
        plugins: { legend: { position: "bottom" } }
      }
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", draw);
  } else {
    draw();
  }
})();
