/* The sitting page: autosave with retries, a local copy of unsaved answers, the server's clock.
 *
 * Every change is saved (debounced) as JSON with a sequence number on the server's clock, so
 * the newest edit wins even across tabs. Until the server acknowledges a save, the answer is
 * kept in localStorage and retried with backoff; the page says "not saved, retrying" and
 * never claims an answer is saved before the server said so. The countdown starts from the
 * server's remaining seconds and is re-synced on every save. Without this file the page
 * still works: each question is a form with a Save button. On a sealed paper (check-in before
 * the start) sealed-paper.js opens the paper and then starts this.
 */
(function () {
  "use strict";
  var root = document.getElementById("sitting");
  if (!root || !window.fetch) { return; }
  // A sealed paper (checked in before the start) runs this once sealed-paper.js opened it.
  if (root.dataset.sealed) { window.thituyenSitting = run; } else { run(); }

  function run() {
  var d = root.dataset;
  var storageKey = d.storageKey;
  var offset = Number(d.serverNow) - Date.now();
  var deadline = Date.now() + Number(d.remaining) * 1000;
  var stateEl = root.querySelector("[data-role=save-state]");
  var timeEl = root.querySelector("[data-role=time-left]");
  var announcer = document.getElementById("time-announcer");
  var timers = {};
  var draftKey = storageKey + "-drafts";
  var pending = load(storageKey);  // sent or to be sent, until the server acknowledges
  var drafts = load(draftKey);     // typed but not yet queued (the send waits for a pause)
  var retryDelay = 1000;
  var retryTimer = null;
  var inFlight = false;
  var lastSeq = 0;
  var stopped = false;
  var announced = {};
  var lastQueued = {};  // what each question last held when sent, so a blur re-sends nothing

  function serverMs() {
    var seq = Date.now() + offset;
    lastSeq = seq > lastSeq ? seq : lastSeq + 1;
    return Math.floor(lastSeq);
  }

  function load(key) {
    try { return JSON.parse(localStorage.getItem(key) || "{}"); } catch (e) { return {}; }
  }

  function save(key, value) {
    try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* full or private mode */ }
  }

  function store() { save(storageKey, pending); }

  function offline() { return navigator.onLine === false; }

  var lastSaved = "";  // the last "saved at" message, shown again once nothing waits

  function settled() {
    if (!Object.keys(pending).length && !Object.keys(drafts).length && !inFlight && lastSaved) {
      say(lastSaved, "saved");
    }
  }

  function say(text, kind) {
    stateEl.textContent = text;
    stateEl.className = "save-state" + (kind ? " " + kind : "");
  }

  function collect(form) {
    var type = form.dataset.type;
    var response;
    if (type === "single_choice" || type === "true_false" || type === "multiple_response") {
      response = [];
      form.querySelectorAll("input[name=response]:checked").forEach(function (box) {
        response.push(box.value);  // the option's token on this paper, never a bank index
      });
      response.sort();
    } else if (type === "matching") {
      // One token per prompt, in the prompts' order ("" where none is chosen yet).
      response = [];
      form.querySelectorAll("select[name=response]").forEach(function (select) {
        response.push(select.value);
      });
    } else {
      response = form.querySelector("[name=response]").value;
    }
    var flag = form.querySelector("input[name=flagged]");
    return { paper_item_id: Number(form.dataset.item), response: response,
             flagged: !!(flag && flag.checked), position: Number(form.dataset.position),
             seq: serverMs() };
  }

  function markNav(form, entry) {
    var link = document.getElementById("nav-" + form.dataset.item);
    if (!link) { return; }
    var answered = Array.isArray(entry.response)
      ? entry.response.some(function (token) { return token !== ""; })
      : entry.response.trim() !== "";
    link.classList.toggle("answered", answered);
    link.classList.toggle("unanswered", !answered);
    link.classList.toggle("flagged", entry.flagged);
    var summary = root.querySelector("[data-role=summary]");
    var links = root.querySelectorAll("[data-role=nav]");
    summary.textContent = summary.dataset.template
      .replace("{a}", root.querySelectorAll("[data-role=nav].answered").length)
      .replace("{n}", links.length)
      .replace("{f}", root.querySelectorAll("[data-role=nav].flagged").length);
  }

  function fingerprint(entry) {
    return JSON.stringify([entry.response, entry.flagged]);
  }

  function queue(form, force) {
    if (drafts[form.dataset.item]) {
      delete drafts[form.dataset.item];
      save(draftKey, drafts);
    }
    var entry = collect(form);
    if (!force && lastQueued[form.dataset.item] === fingerprint(entry)) {
      settled();  // nothing new to send (a blur): the bar says what is true again
      return;
    }
    lastQueued[form.dataset.item] = fingerprint(entry);
    pending[entry.paper_item_id] = entry;
    store();
    markNav(form, entry);
    if (offline()) { say(d.msgOffline, "offline"); } else { say(d.msgSaving, "saving"); }
    flush();
  }

  // The browser's copy is never behind the screen: a reload or a crash inside the debounce
  // delay finds the draft in localStorage. Only sending it waits for a pause in typing.
  function keepDraft(form) {
    drafts[form.dataset.item] = collect(form);
    save(draftKey, drafts);
  }

  function apply(form, entry) {
    var type = form.dataset.type;
    if (type === "matching") {
      var chosen = Array.isArray(entry.response) ? entry.response : [];
      form.querySelectorAll("select[name=response]").forEach(function (select, n) {
        select.value = chosen[n] || "";
      });
    } else if (Array.isArray(entry.response)) {
      form.querySelectorAll("input[name=response]").forEach(function (box) {
        box.checked = entry.response.indexOf(box.value) !== -1;
      });
    } else if (type !== "single_choice" && type !== "true_false" && type !== "multiple_response") {
      form.querySelector("[name=response]").value = entry.response || "";
    }
    var flag = form.querySelector("input[name=flagged]");
    if (flag) { flag.checked = !!entry.flagged; }
    lastQueued[form.dataset.item] = fingerprint(entry);
    markNav(form, entry);
  }

  function formFor(id) {
    return root.querySelector("form[data-role=question][data-item='" + id + "']");
  }

  function scheduleRetry() {
    if (retryTimer || stopped) { return; }
    if (offline()) { say(d.msgOffline, "offline"); } else { say(d.msgRetrying, "retrying"); }
    retryTimer = setTimeout(function () { retryTimer = null; flush(); }, retryDelay);
    retryDelay = Math.min(retryDelay * 2, 30000);
  }

  function flush() {
    if (inFlight || stopped) { return; }
    var ids = Object.keys(pending);
    if (!ids.length) { return; }
    var entry = pending[ids[0]];
    inFlight = true;
    fetch(d.saveUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json",
                 "X-CSRFToken": d.csrf },
      body: JSON.stringify(entry)
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; },
                                   function () { return { status: response.status, body: {} }; });
    }).then(function (result) {
      inFlight = false;
      var body = result.body;
      if (result.status === 200) {
        if (pending[entry.paper_item_id] && pending[entry.paper_item_id].seq === entry.seq) {
          delete pending[entry.paper_item_id];
          store();
        }
        retryDelay = 1000;
        resync(body);
        var form = formFor(entry.paper_item_id);
        if (body.stale && form) {
          apply(form, { response: body.response, flagged: body.flagged });
          say(d.msgStale, "saved");
        } else {
          var text = d.msgSaved.replace("{time}", body.saved_at);
          lastSaved = text;
          // "Saved" only when nothing typed since is waiting to be sent.
          settled();
          if (form) { form.querySelector("[data-role=saved-at]").textContent = text; }
        }
        flush();
      } else if (result.status === 409 && body.submitted) {
        stopped = true;
        say(body.error, "refused");
        announcer.textContent = body.error;
        setTimeout(function () { window.location.href = body.receipt_url; }, 4000);
      } else if (result.status >= 400 && result.status < 500 && body.error) {
        delete pending[entry.paper_item_id];
        store();
        say(d.msgRefused + ": " + body.error, "refused");
        flush();
      } else {
        scheduleRetry();
      }
    }).catch(function () {
      inFlight = false;
      scheduleRetry();
    });
  }

  function resync(body) {
    if (typeof body.remaining === "number") {
      deadline = Date.now() + body.remaining * 1000;
    }
    if (typeof body.server_now === "number") {
      offset = body.server_now - Date.now();
    }
  }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function tick() {
    var left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
    timeEl.textContent = Math.floor(left / 3600) + ":" + pad(Math.floor(left % 3600 / 60)) + ":" + pad(left % 60);
    [[600, d.msgTen], [300, d.msgFive], [60, d.msgOne]].forEach(function (pair) {
      if (left <= pair[0] && left > pair[0] - 30 && !announced[pair[0]]) {
        announced[pair[0]] = true;
        announcer.textContent = pair[1];
      }
    });
    if (left === 0 && !announced.up) {
      announced.up = true;
      announcer.textContent = d.msgUp;
      root.classList.add("time-up");
      flush();
      setTimeout(function () { window.location.reload(); }, 35000);
    }
  }

  root.querySelectorAll("form[data-role=question]").forEach(function (form) {
    var id = form.dataset.item;
    lastQueued[id] = fingerprint(collect(form));
    var handler = function (event) {
      clearTimeout(timers[id]);
      keepDraft(form);
      if (!stopped) {
        // Typed but not yet sent: the bar never keeps saying "saved" over newer words.
        if (offline()) { say(d.msgOffline, "offline"); } else { say(d.msgTyping, "typing"); }
      }
      var wait = event.type === "input" && event.target.tagName !== "INPUT" ? 1500 : 400;
      if (event.target.type === "radio" || event.target.type === "checkbox"
          || event.target.tagName === "SELECT") { wait = 0; }
      timers[id] = setTimeout(function () { queue(form); }, wait);
    };
    form.addEventListener("input", handler);
    form.addEventListener("change", handler);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timers[id]);
      queue(form, true);
    });
  });

  // Answers typed while offline (or before a crash) and never acknowledged come back.
  Object.keys(pending).forEach(function (id) {
    var form = formFor(id);
    if (form) { apply(form, pending[id]); } else { delete pending[id]; }
  });
  store();
  Object.keys(drafts).forEach(function (id) {
    var form = formFor(id);
    if (form) { apply(form, drafts[id]); queue(form, true); }
  });
  drafts = {};
  save(draftKey, drafts);
  if (Object.keys(pending).length) { say(d.msgRetrying, "retrying"); flush(); }

  window.addEventListener("online", function () {
    retryDelay = 1000;
    clearTimeout(retryTimer); retryTimer = null;
    if (Object.keys(pending).length) { say(d.msgSaving, "saving"); }
    flush();
  });
  window.addEventListener("offline", function () { if (!stopped) { say(d.msgOffline, "offline"); } });
  window.addEventListener("beforeunload", function (event) {
    if ((Object.keys(pending).length || Object.keys(drafts).length) && !stopped) {
      event.preventDefault(); event.returnValue = "";
    }
  });

  if (!window.location.hash) {
    var target = document.getElementById("q-" + d.position);
    if (target && Number(d.position) > 1) { target.scrollIntoView(); target.focus({ preventScroll: true }); }
  }
  tick();
  setInterval(tick, 1000);
  }
}());
