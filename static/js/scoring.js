// Scatter chart of first mark against second mark; data comes from the canvas's data-chart.
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  document.querySelectorAll("canvas.pair-chart").forEach(function (canvas) {
    var data = JSON.parse(canvas.dataset.chart || "{\"points\": []}");
    var points = data.points.map(function (p) { return { x: p[0], y: p[1] }; });
    new Chart(canvas, {
      type: "scatter",
      data: { datasets: [
        { data: points, backgroundColor: "#0b5cad" },
        { type: "line", data: [{ x: 0, y: 0 }, { x: 100, y: 100 }], borderColor: "#999",
          borderDash: [4, 4], pointRadius: 0, fill: false }
      ] },
      options: {
        animation: false,
        plugins: { legend: { display: false } },
        scales: {
          x: { min: 0, max: 100, title: { display: true, text: canvas.dataset.xLabel } },
          y: { min: 0, max: 100, title: { display: true, text: canvas.dataset.yLabel } }
        }
      }
    });
  });
}());
