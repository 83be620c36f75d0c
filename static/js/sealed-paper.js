/* A paper delivered at check-in, sealed: at the start, ask for its key and open it in place.
 *
 * The page holds the paper encrypted (AES-256-GCM); the key is released by the server's clock
 * only, so the countdown here is a courtesy: asking early is refused with the time still to
 * wait. The key arrives in a small JSON request, the paper is decrypted with WebCrypto and
 * shown without a page load, then sitting.js runs as on any paper. Without WebCrypto (plain
 * HTTP on a LAN address) or JavaScript, the "Start the test" form starts on the server and
 * shows the paper it renders.
 */
(function () {
  "use strict";
  var box = document.getElementById("sealed-paper");
  if (!box) { return; }
  var d = box.dataset;
  var form = document.querySelector("[data-role=start-form]");
  var status = document.querySelector("[data-role=sealed-status]");
  var countdown = document.querySelector("[data-role=countdown]");
  var opensIn = document.querySelector("[data-role=opens-in]");
  var subtle = window.crypto && window.crypto.subtle;
  if (!subtle || !window.fetch || !window.TextDecoder || !window.atob) {
    status.textContent = d.msgNoCrypto;
    return;
  }
  form.hidden = true;
  countdown.hidden = false;
  status.textContent = d.msgWaiting;
  var offset = Number(d.serverNow) - Date.now();
  var opensAt = Number(d.opensAt);
  var retry = 1000;
  var asked = false;

  function serverNow() { return Date.now() + offset; }

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function bytes(b64) {
    var text = atob(b64);
    var out = new Uint8Array(text.length);
    for (var i = 0; i < text.length; i++) { out[i] = text.charCodeAt(i); }
    return out;
  }

  function say(text, kind) {
    status.textContent = text;
    status.className = "flash" + (kind ? " flash-" + kind : "");
  }

  function tick() {
    var left = Math.max(0, Math.ceil((opensAt - serverNow()) / 1000));
    opensIn.textContent = Math.floor(left / 3600) + ":" + pad(Math.floor(left % 3600 / 60)) + ":" + pad(left % 60);
    if (left <= 0) {
      if (!asked) {
        asked = true;
        // Thousands of pages reach zero together: spread the requests over a second.
        setTimeout(askKey, Math.floor(Math.random() * 1000));
      }
      return;
    }
    setTimeout(tick, Math.min(1000, opensAt - serverNow()));
  }

  function askKey() {
    say(d.msgOpening);
    fetch(d.keyUrl, {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "Accept": "application/json",
                 "X-CSRFToken": d.csrf },
      body: JSON.stringify({ attempt: Number(d.attempt) })
    }).then(function (response) {
      return response.json().then(function (body) { return { status: response.status, body: body }; },
                                   function () { return { status: response.status, body: {} }; });
    }).then(function (result) {
      var body = result.body;
      if (typeof body.server_now === "number") { offset = body.server_now - Date.now(); }
      if (result.status === 200 && body.key) { return open(body); }
      if (body.wait_ms) {  // this clock ran ahead of the server's: wait as the server says
        opensAt = serverNow() + body.wait_ms;
        asked = false;
        say(d.msgWaiting);
        return tick();
      }
      if (body.error) {  // not marked present yet, late entry closed...: say so, ask again
        say(body.error, "error");
        if (result.status === 400 || result.status === 403 || result.status === 404) {
          form.hidden = false;
          return;
        }
        setTimeout(askKey, 5000);
        return;
      }
      again();
    }).catch(again);
  }

  function again() {
    say(d.msgRetrying, "error");
    setTimeout(askKey, retry);
    retry = Math.min(retry * 2, 15000);
  }

  function open(body) {
    var sealed = bytes(d.blob);
    return subtle.importKey("raw", bytes(body.key), { name: "AES-GCM" }, false, ["decrypt"])
      .then(function (key) {
        return subtle.decrypt({ name: "AES-GCM", iv: sealed.slice(0, 12),
                                additionalData: new TextEncoder().encode(d.aad) },
                              key, sealed.slice(12));
      }).then(function (plain) {
        var root = document.getElementById("sitting");
        root.querySelector("[data-role=paper-body]").innerHTML = new TextDecoder().decode(plain);
        root.querySelectorAll("input[name=csrf_token]").forEach(function (input) {
          input.value = d.csrf;
        });
        root.querySelector("[data-role=deadline]").textContent = body.deadline;
        root.dataset.remaining = body.remaining;
        root.dataset.serverNow = body.server_now;
        delete root.dataset.sealed;
        document.querySelector("[data-role=sealed]").hidden = true;
        root.hidden = false;
        box.removeAttribute("data-blob");
        if (window.thituyenSitting) { window.thituyenSitting(); }
        var first = root.querySelector("form[data-role=question]");
        if (first) { first.focus({ preventScroll: true }); }
      }).catch(function () {
        say(d.msgFailed, "error");
        form.hidden = false;
      });
  }

  tick();
}());
