// The index of the report site: every plan from index-data.js, sorted, filtered and shown a
// page at a time (a list of 10,000 plans is built in the browser in a few milliseconds; only
// the shown rows become DOM).
(function () {
  "use strict";
  var data = window.PLANS_INDEX;
  var C = {};
  data.columns.forEach(function (name, i) { C[name] = i; });
  var SHOWN = [
    ["status", "Status", false], ["title", "Plan", false], ["year", "Year", true],
    ["district", "District", false], ["read_as", "Read as", false], ["pages", "Pages", true],
    ["goals", "Goals", true], ["indicators", "Ind.", true], ["activities", "Act.", true],
    ["errors", "Errors", true], ["warnings", "Warn.", true], ["incomplete", "Incompl. rows", true],
    ["damage", "Damage", true], ["repairs", "Repairs", true], ["lowconf", "Low-conf. OCR", true],
    ["doubt", "Doubt", true]
  ];
  var SIGN = {error: "\u2716 error", check: "\u26a0 check", ok: "\u2714 ok"};
  var STATUS_RANK = {error: 2, check: 1, ok: 0};
  var state = {sort: "doubt", desc: true, page: 0};
  var q = document.getElementById("q");
  var statusSel = document.getElementById("status");
  var formatSel = document.getElementById("format");
  var sizeSel = document.getElementById("size");
  var head = document.getElementById("head");
  var body = document.getElementById("rows");
  var pager = document.getElementById("pager");
  var summary = document.getElementById("summary");
  var searchText = data.rows.map(function (r) {
    return [r[C.title], r[C.district], r[C.source_path], r[C.doc_id], r[C.year]].join(" ").toLowerCase();
  });

  var run = data.run || {};
  document.getElementById("run").textContent = ["run_id", "created_at", "parser_version", "input"]
    .filter(function (k) { return run[k]; }).map(function (k) { return k.replace("_", " ") + " " + run[k]; })
    .join(" \u00b7 ");

  var formats = {};
  data.rows.forEach(function (r) { formats[r[C.read_as]] = true; });
  Object.keys(formats).sort().forEach(function (f) {
    var o = document.createElement("option"); o.value = f; o.textContent = f; formatSel.appendChild(o);
  });

  SHOWN.forEach(function (col) {
    var th = document.createElement("th");
    th.setAttribute("scope", "col");
    if (col[2]) { th.className = "num"; }
    th.setAttribute("data-col", col[0]);
    var b = document.createElement("button");
    b.type = "button"; b.textContent = col[1]; b.setAttribute("data-sort", col[0]);
    b.addEventListener("click", function () {
      if (state.sort === col[0]) { state.desc = !state.desc; } else { state.sort = col[0]; state.desc = col[2]; }
      state.page = 0; draw();
    });
    th.appendChild(b);
    head.appendChild(th);
  });

  function key(row, name) {
    var v = row[C[name]];
    if (name === "status") { return STATUS_RANK[v]; }
    return v === null || v === undefined ? -Infinity : v;
  }

  function compare(a, b) {
    var x = key(a, state.sort), y = key(b, state.sort);
    var out = typeof x === "string" || typeof y === "string" ? String(x).localeCompare(String(y), "sv") :
      (x < y ? -1 : x > y ? 1 : 0);
    if (out === 0) { out = b[C.doubt] - a[C.doubt]; return out; }
    return state.desc ? -out : out;
  }

  function filtered() {
    var words = q.value.toLowerCase().split(/\s+/).filter(Boolean);
    var st = statusSel.value, fm = formatSel.value, out = [];
    for (var i = 0; i < data.rows.length; i++) {
      var r = data.rows[i];
      if (st && r[C.status] !== st) { continue; }
      if (fm && r[C.read_as] !== fm) { continue; }
      var ok = true;
      for (var k = 0; k < words.length; k++) { if (searchText[i].indexOf(words[k]) < 0) { ok = false; break; } }
      if (ok) { out.push(r); }
    }
    return out;
  }

  function cell(tr, text, cls) {
    var td = document.createElement("td");
    if (cls) { td.className = cls; }
    td.textContent = text === null || text === undefined ? "" : text;
    tr.appendChild(td);
    return td;
  }

  function draw() {
    var rows = filtered().sort(compare);
    var size = parseInt(sizeSel.value, 10);
    var pages = Math.max(1, Math.ceil(rows.length / size));
    state.page = Math.min(state.page, pages - 1);
    var shown = rows.slice(state.page * size, (state.page + 1) * size);
    var frag = document.createDocumentFragment();
    shown.forEach(function (r) {
      var tr = document.createElement("tr");
      tr.setAttribute("data-doc", r[C.doc_id]);
      var st = document.createElement("td");
      var badge = document.createElement("span");
      badge.className = "status " + r[C.status]; badge.textContent = SIGN[r[C.status]];
      st.appendChild(badge); tr.appendChild(st);
      var plan = document.createElement("td");
      var a = document.createElement("a");
      a.href = "plans/" + r[C.doc_id] + ".html"; a.textContent = r[C.title];
      a.title = r[C.source_path];
      plan.appendChild(a); tr.appendChild(plan);
      cell(tr, r[C.year], "num"); cell(tr, r[C.district]); cell(tr, r[C.read_as], "nowrap");
      ["pages", "goals", "indicators", "activities", "errors", "warnings", "incomplete"].forEach(function (n) {
        cell(tr, r[C[n]], "num");
      });
      cell(tr, r[C.damage] === null ? "" : r[C.damage].toFixed(2), "num");
      cell(tr, r[C.repairs], "num"); cell(tr, r[C.lowconf], "num"); cell(tr, r[C.doubt], "num");
      frag.appendChild(tr);
    });
    body.textContent = "";
    body.appendChild(frag);
    head.querySelectorAll("th").forEach(function (th) {
      var col = th.getAttribute("data-col");
      th.setAttribute("aria-sort", col === state.sort ? (state.desc ? "descending" : "ascending") : "none");
    });
    var counts = {error: 0, check: 0, ok: 0};
    data.rows.forEach(function (r) { counts[r[C.status]] += 1; });
    summary.textContent = data.rows.length + " plans: " + counts.error + " with errors, " + counts.check +
      " to check, " + counts.ok + " ok. Showing " + (rows.length ? state.page * size + 1 : 0) + "\u2013" +
      (state.page * size + shown.length) + " of " + rows.length + " matching.";
    pager.textContent = "";
    function pageButton(label, page, disabled) {
      var b = document.createElement("button");
      b.type = "button"; b.textContent = label; b.disabled = disabled;
      b.addEventListener("click", function () { state.page = page; draw(); });
      pager.appendChild(b);
    }
    pageButton("\u2190 Previous", state.page - 1, state.page === 0);
    var where = document.createElement("span");
    where.textContent = "Page " + (state.page + 1) + " of " + pages;
    pager.appendChild(where);
    pageButton("Next \u2192", state.page + 1, state.page >= pages - 1);
    document.body.setAttribute("data-shown", String(shown.length));
    document.body.setAttribute("data-matching", String(rows.length));
  }

  [q, statusSel, formatSel, sizeSel].forEach(function (el) {
    el.addEventListener("input", function () { state.page = 0; draw(); });
  });

  if (data.failed && data.failed.length) {
    var sec = document.getElementById("failed");
    var h = document.createElement("h2");
    h.textContent = "Files not read (" + data.failed.length + ")";
    var ul = document.createElement("ul");
    data.failed.forEach(function (f) {
      var li = document.createElement("li");
      li.textContent = "\u2716 " + f[0] + ": " + f[1] + " \u2014 " + f[2];
      ul.appendChild(li);
    });
    sec.appendChild(h); sec.appendChild(ul); sec.hidden = false;
  }

  // A test or a bookmark may preset the view: index.html#q=...&status=...&sort=col&asc
  var params = new URLSearchParams(location.hash.slice(1));
  if (params.get("q")) { q.value = params.get("q"); }
  if (params.get("status")) { statusSel.value = params.get("status"); }
  if (params.get("sort") && C[params.get("sort")] !== undefined) {
    state.sort = params.get("sort"); state.desc = !params.has("asc");
  }
  var started = performance.now();
  draw();
  document.body.setAttribute("data-draw-ms", String(Math.round(performance.now() - started)));
})();
