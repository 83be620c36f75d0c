// Runs a job's steps one after another and shows the progress; the server does the work.
(function () {
  "use strict";
  var form = document.querySelector("form[data-job-step]");
  if (!form || !window.fetch) { return; }
  var bar = document.getElementById("job-progress");
  var status = document.getElementById("job-status");
  var template = status.dataset.template;
  var announced = -1;

  function show(p) {
    bar.max = p.total || 1;
    bar.value = p.total ? p.done : 1;
    // Announce every tenth of the way, not every batch: a screen reader must not chatter.
    var tenth = Math.floor(p.percent / 10);
    if (tenth !== announced || p.state !== "running") {
      announced = tenth;
      status.textContent = template.replace("{done}", p.done).replace("{total}", p.total);
    }
  }

  function step() {
    fetch(form.action, {method: "POST", body: new FormData(form), credentials: "same-origin",
                        headers: {"Accept": "application/json"}})
      .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
      .then(function (p) {
        show(p);
        if (p.state === "running") { step(); } else { window.location.assign(p.url); }
      })
      .catch(function () { window.setTimeout(step, 3000); });
  }

  form.querySelector("button").hidden = true;
  step();
})();
