// Bar and scatter charts of the board's statistics; the data sits in each canvas's data-chart.
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  var reduced = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
  var locale = document.documentElement.lang || "vi";
  document.querySelectorAll("canvas.insight-chart").forEach(function (canvas) {
    var data = JSON.parse(canvas.dataset.chart || "{}");
    var common = {animation: reduced ? false : undefined, locale: locale,
                  plugins: {legend: {display: false}}};
    if (data.type === "bar") {
      new Chart(canvas, {type: "bar", options: Object.assign({}, common, {
        scales: {y: {beginAtZero: true, ticks: {precision: 0}}}}),
        data: {labels: data.labels, datasets: [{label: data.label, data: data.values,
                                                backgroundColor: "#1d4f91"}]}});
    } else if (data.type === "scatter") {
      new Chart(canvas, {type: "scatter", options: Object.assign({}, common, {
        scales: {x: {min: 0, max: 1, title: {display: true, text: canvas.dataset.xLabel}},
                 y: {min: -1, max: 1, title: {display: true, text: canvas.dataset.yLabel}}}}),
        data: {datasets: [{label: data.label, backgroundColor: "#1d4f91",
                           data: data.points.map(function (p) { return {x: p[0], y: p[1]}; })}]}});
    }
  });
})();
