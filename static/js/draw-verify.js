// Checks a draw bundle (thituyen-draw-bundle-v2, draw v2 or v3) in the browser, written from
// docs/draw.md:
// the seal digest, the commitments, the blueprint and candidate digests, the times, and every
// paper recomputed from the revealed secret and the public value. SHA-256 and HMAC-SHA256 come
// from WebCrypto; nothing is sent anywhere.
"use strict";

const enc = new TextEncoder();
const V = "thituyen-draw-v1";
const DRAW_V2 = "thituyen-draw-v2", DRAW_V3 = "thituyen-draw-v3";

function hex(bytes) {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}
function fromHex(text) {
  if (!/^([0-9a-f]{2})*$/.test(text)) throw new Error("not hex");
  const out = new Uint8Array(text.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(text.substr(i * 2, 2), 16);
  return out;
}
function concat(...parts) {
  const size = parts.reduce((n, p) => n + p.length, 0);
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}
const ZERO = new Uint8Array([0]);
async function sha256(bytes) { return new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)); }
async function hmacKey(key) {
  return crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}
async function hmac(key, message) {
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, message));
}

// Code-point order, as the specification sorts (JavaScript's < compares UTF-16 units).
function cpCompare(a, b) {
  const x = Array.from(a), y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0) - y[i].codePointAt(0);
    if (d) return d < 0 ? -1 : 1;
  }
  return x.length - y.length;
}

class NotNfc extends Error {}

// Canonical JSON: sorted keys (code-point order), no whitespace, UTF-8 unescaped except what
// JSON must escape; every string must already be NFC.
function canonical(value) {
  if (value === null || typeof value === "boolean") return JSON.stringify(value);
  if (typeof value === "number") {
    if (!Number.isInteger(value)) throw new Error("canonical JSON has no floats");
    return String(value);
  }
  if (typeof value === "string") {
    if (value.normalize("NFC") !== value) throw new NotNfc(value);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return "[" + value.map(canonical).join(",") + "]";
  const keys = Object.keys(value).sort(cpCompare);
  return "{" + keys.map((k) => canonical(k) + ":" + canonical(value[k])).join(",") + "}";
}
async function sha256Json(value) { return hex(await sha256(enc.encode(canonical(value)))); }

// A decimal as the specification writes it: no exponent, no trailing zeros, "0" for zero.
function decimalStr(value) {
  let text = String(value).trim();
  if (!/^-?\d+(\.\d+)?$/.test(text)) throw new Error("not a decimal: " + text);
  let sign = "";
  if (text[0] === "-") { sign = "-"; text = text.slice(1); }
  let [whole, fraction = ""] = text.split(".");
  whole = whole.replace(/^0+(?=\d)/, "");
  fraction = fraction.replace(/0+$/, "");
  const out = fraction ? `${whole}.${fraction}` : whole;
  return out === "0" ? "0" : sign + out;
}

async function commitment(domain, valueBytes) {
  return hex(await sha256(concat(enc.encode("thituyen-commit-v1"), ZERO, enc.encode(domain),
                                 ZERO, valueBytes)));
}

class Stream {
  constructor(key, context) {
    this.key = key; this.prefix = concat(enc.encode(context), ZERO);
    this.counter = 0; this.buffer = new Uint8Array(0);
  }
  async read(n) {
    while (this.buffer.length < n) {
      const counter = new Uint8Array(8);
      new DataView(counter.buffer).setBigUint64(0, BigInt(this.counter));
      this.buffer = concat(this.buffer, await hmac(this.key, concat(this.prefix, counter)));
      this.counter += 1;
    }
    const out = this.buffer.slice(0, n);
    this.buffer = this.buffer.slice(n);
    return out;
  }
  async randbelow(n) {
    if (n === 1) return 0;
    const bits = (n - 1).toString(2).length;
    const nbytes = Math.ceil(bits / 8);
    for (;;) {
      let value = 0n;
      for (const b of await this.read(nbytes)) value = (value << 8n) | BigInt(b);
      value &= (1n << BigInt(bits)) - 1n;
      if (value < BigInt(n)) return Number(value);
    }
  }
  async shuffle(items) {
    const out = items.slice();
    for (let i = out.length - 1; i > 0; i--) {
      const j = await this.randbelow(i + 1);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out;
  }
  async sample(pool, k) {
    const out = pool.slice();
    if (k > out.length) throw new Error(`cannot sample ${k} from ${out.length}`);
    for (let i = 0; i < k; i++) {
      const j = i + await this.randbelow(out.length - i);
      [out[i], out[j]] = [out[j], out[i]];
    }
    return out.slice(0, k);
  }
}

const ITEM_FIELDS = ["key", "type", "stem", "points", "topic", "difficulty", "options",
  "accepted_answers", "case_sensitive", "diacritics_sensitive", "numeric_answer", "tolerance",
  "rubric", "source", "general_feedback"];

function itemDict(item) {
  for (const field of ITEM_FIELDS) if (!(field in item)) throw new Error("item field missing: " + field);
  return {
    key: item.key, type: item.type, stem: item.stem, points: decimalStr(item.points),
    topic: item.topic, difficulty: item.difficulty,
    options: item.options.map((o) => ({ text: o.text, fraction: decimalStr(o.fraction ?? 0) })),
    accepted_answers: item.accepted_answers, case_sensitive: item.case_sensitive,
    diacritics_sensitive: item.diacritics_sensitive,
    numeric_answer: item.numeric_answer === null ? null : decimalStr(item.numeric_answer),
    tolerance: decimalStr(item.tolerance),
    rubric: item.rubric.map((c) => ({ name: c.name, max_points: decimalStr(c.max_points),
                                      descriptors: c.descriptors ?? "" })),
    source: item.source, general_feedback: item.general_feedback,
    // Written only when used (docs/draw.md step 8).
    ...(item.stem_format && item.stem_format !== "plain" ? { stem_format: item.stem_format } : {}),
    ...(item.partial_answers && item.partial_answers.length ? {
      partial_answers: item.partial_answers.map((a) => ({
        text: a.text, fraction: decimalStr(a.fraction), tolerance: decimalStr(a.tolerance ?? 0) })),
    } : {}),
    ...(item.pairs && item.pairs.length ? {
      pairs: item.pairs.map((p) => ({ prompt: p.prompt, answer: p.answer })),
    } : {}),
  };
}

function matchChoices(item) {
  return [...new Set(item.pairs.map((p) => p.answer))];
}

function partDict(part) {
  return {
    key: part.key, title: part.title, essay_mode: part.essay_mode,
    cells: part.cells.map((c) => ({ topic: c.topic.trim(), difficulty: c.difficulty, type: c.type,
                                    count: Number(c.count), points: decimalStr(c.points) })),
    ...(part.instructions ? { instructions: part.instructions } : {}),
  };
}

async function drawPaper(key, items, parts, number) {
  const paper = [];
  for (const part of parts) {
    const scope = part.essay_mode === "shared_variant" ? "shared" : `c:${number}`;
    const ctx = (what) => `${V}|${what}|${scope}|${part.key}`;
    let picks = [];
    for (let j = 0; j < part.cells.length; j++) {
      const cell = part.cells[j];
      const pool = items.filter((it) => it.topic === cell.topic && it.difficulty === cell.difficulty
                                        && it.type === cell.type).map((it) => it.key).sort(cpCompare);
      if (pool.length < cell.count) {
        throw new Error(`topic ${cell.topic} / ${cell.difficulty} / ${cell.type}: needs ${cell.count}, pool has ${pool.length}`);
      }
      picks = picks.concat(await new Stream(key, `${ctx("pick")}|${j}`).sample(pool, cell.count));
    }
    const ordered = await new Stream(key, ctx("order")).shuffle(picks);
    for (let p = 0; p < ordered.length; p++) {
      const item = items.find((it) => it.key === ordered[p]);
      const indices = item.type === "matching" ? matchChoices(item).map((_c, i) => i)
        : item.options.map((_o, i) => i);
      const order = ["single_choice", "multiple_response", "matching"].includes(item.type)
        ? await new Stream(key, `${ctx("options")}|${ordered[p]}`).shuffle(indices) : indices;
      paper.push([part.key, p + 1, ordered[p], order]);
    }
  }
  return paper;
}

function utcTime(text) {
  if (typeof text !== "string" || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(text)) return null;
  return Date.parse(text);
}

// The check; returns [problems (keys with values), papers recomputed].
export async function verifyBundle(bundle, observedSealDigest) {
  const problems = [];
  const say = (key, values = {}) => problems.push({ key, values });
  if (bundle.v !== "thituyen-draw-bundle-v2") { say("format"); return [problems, 0]; }
  const version = bundle.draw_version;
  if (version !== DRAW_V2 && version !== DRAW_V3) { say("version"); return [problems, 0]; }
  const competition = bundle.competition_id;
  if (version === DRAW_V3 && !(Number.isInteger(competition) && competition >= 1)) {
    say("competition"); return [problems, 0];
  }
  try {
    const source = bundle.public_value_source || {};
    const statement = {
      v: "thituyen-seal-v2", secret_commitment: bundle.secret_commitment,
      snapshot_commitment: bundle.snapshot_commitment, blueprint_digest: bundle.blueprint_digest,
      candidates_digest: bundle.candidates_digest,
      public_value_source: { description: source.description, known_after: source.known_after },
    };
    if (version === DRAW_V3) { statement.v = "thituyen-seal-v3"; statement.competition = competition; }
    if (await sha256Json(statement) !== bundle.seal_digest) say("seal");
    if (observedSealDigest && observedSealDigest.trim().toLowerCase() !== bundle.seal_digest) {
      say("observed", { digest: observedSealDigest.trim() });
    }
    const knownAfter = utcTime(source.known_after), sealedAt = utcTime(bundle.sealed_at);
    const enteredAt = utcTime(bundle.public_value_at);
    if (knownAfter === null || sealedAt === null || enteredAt === null) say("times");
    else {
      if (!(sealedAt < knownAfter)) say("sealed_late");
      if (enteredAt < knownAfter) say("entered_early");
    }
    const secret = fromHex(bundle.secret);
    const items = bundle.snapshot.map(itemDict);
    items.sort((a, b) => cpCompare(a.key, b.key));
    if (await commitment("board-secret", secret) !== bundle.secret_commitment) say("secret");
    const snapshot = await sha256Json({ v: "thituyen-snapshot-v1", items });
    if (await commitment("bank-snapshot", enc.encode(snapshot)) !== bundle.snapshot_commitment) say("snapshot");
    const parts = JSON.parse(bundle.blueprint).map(partDict);
    if (await sha256Json({ v: "thituyen-blueprint-v1", parts }) !== bundle.blueprint_digest) say("blueprint");
    const numbers = (bundle.candidate_numbers || []).map((n) => n.trim()).sort(cpCompare);
    if (await sha256Json({ v: "thituyen-candidates-v1", numbers }) !== bundle.candidates_digest) say("candidates");
    const served = bundle.papers.map((p) => p.candidate_number);
    for (const n of served) if (!numbers.includes(n)) say("unlisted", { n });
    for (const n of numbers) if (!served.includes(n)) say("missing", { n });
    if (typeof bundle.public_value !== "string" || bundle.public_value.normalize("NFC") !== bundle.public_value) throw new NotNfc("public value");
    const secretKey = await hmacKey(secret);
    const seed = await hmac(secretKey, concat(enc.encode("thituyen-seed-v1"), ZERO, enc.encode(bundle.public_value)));
    const seedKey = await hmacKey(seed);
    for (const paper of bundle.papers) {
      const n = paper.candidate_number;
      let expected;
      try { expected = await drawPaper(seedKey, items, parts, n); } catch (error) {
        say("redraw", { n, error: error.message }); continue;
      }
      if (canonical(expected) !== canonical(paper.items)) say("paper", { n });
      else {
        const hashed = version === DRAW_V3
          ? { v: "thituyen-paper-v3", competition, candidate_number: n, items: expected }
          : { v: V, items: expected };
        if (await sha256Json(hashed) !== paper.fingerprint) say("fingerprint", { n });
      }
    }
    return [problems, bundle.papers.length];
  } catch (error) {
    say(error instanceof NotNfc ? "nfc" : "unreadable", { error: error.message });
    return [problems, 0];
  }
}

function message(key, values) {
  const template = document.querySelector(`#draw-messages [data-key="${key}"]`);
  let text = template ? template.textContent : key;
  for (const [name, value] of Object.entries(values)) text = text.replace(`{${name}}`, value);
  return text;
}

function start() {
  const form = document.getElementById("draw-check");
  if (!form) return;
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const verdict = document.getElementById("draw-verdict");
    const list = document.getElementById("draw-problems");
    list.replaceChildren();
    const file = form.querySelector("input[type=file]").files[0];
    if (!file) return;
    let bundle;
    try { bundle = JSON.parse(await file.text()); } catch (_error) {
      verdict.className = "flash flash-error";
      verdict.textContent = message("unreadable", { error: "JSON" });
      return;
    }
    const [problems, papers] = await verifyBundle(bundle, form.querySelector("input[name=seal_digest]").value);
    if (problems.length === 0) {
      verdict.className = "flash flash-success";
      verdict.textContent = message("ok", { n: papers });
    } else {
      verdict.className = "flash flash-error";
      verdict.textContent = message("failed", { n: problems.length });
      for (const p of problems) {
        const li = document.createElement("li");
        li.textContent = message(p.key, p.values);
        list.appendChild(li);
      }
    }
    verdict.hidden = false;
  });
}

if (typeof document !== "undefined") start();
