/* XDoc: jump-to and full-text search for a static manual. Data comes in by <script> tags (works from file://):
   data/names.js calls XDOC.loadNames, data/s/xx.js calls XDOC.addShard. */
(function () {
  "use strict";
  var XDOC = window.XDOC = window.XDOC || {};
  var root = document.body.getAttribute("data-root") || "";
  var names = null, loadingNames = false, waiters = [];
  var shards = {}, shardWaiters = {};

  function script(src, onerror) {
    var s = document.createElement("script");
    s.src = root + src;
    s.onerror = onerror || null;
    document.head.appendChild(s);
  }

  // Jump-to index: "name\tfile\timportance\tshort" lines, most important first.
  XDOC.loadNames = function (packed) {
    var t0 = performance.now();
    var lines = packed.split("\n");
    var list = new Array(lines.length);
    for (var i = 0; i < lines.length; i++) {
      var f = lines[i].split("\t");
      var n = f[0], l = n.toLowerCase();
      var cut = Math.max(l.lastIndexOf("."), l.lastIndexOf(" "));
      list[i] = { n: n, f: f[1], i: +f[2], s: f[3], l: l, b: cut >= 0 ? l.substring(cut + 1) : l };
    }
    names = list;
    XDOC.parseMs = performance.now() - t0;
    var w = waiters; waiters = [];
    for (var k = 0; k < w.length; k++) w[k]();
  };
  XDOC.withNames = function (cb) {
    if (names) { cb(); return; }
    waiters.push(cb);
    if (!loadingNames) { loadingNames = true; script("data/names.js"); }
  };
  XDOC.names = function () { return names; };

  // Best k topics for a query: exact name (or last part), then prefix of the name or of its last part, then
  // substring; within a class by importance (the list is in that order). Typing narrows: when the query extends the
  // last one, only the last query's matches are scanned (every match of the longer query is among them).
  var lastQ = null, lastMatches = null;
  XDOC.suggest = function (query, k) {
    var q = query.trim().toLowerCase();
    if (!q || !names) return [];
    k = k || 10;
    var from = lastQ !== null && q.indexOf(lastQ) >= 0 ? lastMatches : null;
    var n = from ? from.length : names.length, matches = [], classes = [[], [], []];
    for (var j = 0; j < n; j++) {
      var i = from ? from[j] : j, e = names[i], p = e.l.indexOf(q);
      if (p < 0) continue;
      matches.push(i);
      var c = e.l === q || e.b === q ? 0 : p === 0 || e.b.lastIndexOf(q, 0) === 0 ? 1 : 2;
      if (classes[c].length < k) classes[c].push(e);
    }
    lastQ = q; lastMatches = matches;
    var out = [];
    for (var m = 0; m < classes.length && out.length < k; m++)
      for (var x = 0; x < classes[m].length && out.length < k; x++) out.push(classes[m][x]);
    return out;
  };
  XDOC.href = function (e) { return root + "t/" + e.f + ".html"; };

  // Jump-to box.
  var input = document.getElementById("jump"), box = document.getElementById("suggest");
  var current = [], sel = 0;
  function esc(s) { return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"); }
  function show() {
    var t0 = performance.now();
    current = XDOC.suggest(input.value, 10);
    sel = 0;
    var html = "";
    for (var i = 0; i < current.length; i++)
      html += '<li role="option" data-i="' + i + '"' + (i === sel ? ' class="sel"' : "") + '><span class="n">' + esc(current[i].n) +
              '</span><span class="s">' + esc(current[i].s) + "</span></li>";
    box.innerHTML = html;
    box.className = current.length ? "open" : "";
    XDOC.lastSuggestMs = performance.now() - t0;
  }
  function mark() {
    var items = box.children;
    for (var i = 0; i < items.length; i++) items[i].className = i === sel ? "sel" : "";
  }
  if (input) {
    input.addEventListener("focus", function () { XDOC.withNames(function () {}); });
    input.addEventListener("input", function () { XDOC.withNames(show); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") { sel = Math.min(sel + 1, current.length - 1); mark(); ev.preventDefault(); }
      else if (ev.key === "ArrowUp") { sel = Math.max(sel - 1, 0); mark(); ev.preventDefault(); }
      else if (ev.key === "Enter") {
        ev.preventDefault();
        XDOC.withNames(function () {
          if (!current.length) current = XDOC.suggest(input.value, 10);
          if (current.length) window.location.href = XDOC.href(current[Math.max(0, sel)]);
        });
      } else if (ev.key === "Escape") { box.className = ""; }
    });
    box.addEventListener("mousedown", function (ev) {
      var li = ev.target.closest("li");
      if (li) window.location.href = XDOC.href(current[+li.getAttribute("data-i")]);
    });
    document.addEventListener("click", function (ev) { if (!ev.target.closest(".jump")) box.className = ""; });
  }

  // Full-text search: words → shards (first two letters) loaded on demand.
  XDOC.addShard = function (key, map) {
    shards[key] = map;
    var w = shardWaiters[key] || []; delete shardWaiters[key];
    for (var i = 0; i < w.length; i++) w[i]();
  };
  function withShard(key, cb) {
    if (shards[key]) { cb(); return; }
    if (shardWaiters[key]) { shardWaiters[key].push(cb); return; }
    shardWaiters[key] = [cb];
    script("data/s/" + key + ".js", function () { XDOC.addShard(key, {}); });
  }
  function decode(s) {
    var out = [], prev = 0, parts = s.split(",");
    for (var i = 0; i < parts.length; i++) { prev += parseInt(parts[i], 36); out.push(prev); }
    return out;
  }
  XDOC.search = function (query, cb) {
    var words = (query.toLowerCase().match(/[a-z0-9]+/g) || []).filter(function (w) { return w.length >= 2; });
    if (!words.length) { cb([]); return; }
    var pending = words.length + 1;
    function done() {
      if (--pending > 0) return;
      var score = null;
      for (var i = 0; i < words.length; i++) {
        var w = words[i], map = shards[w.substring(0, 2)] || {}, hits = {};
        for (var key in map) {
          if (key.lastIndexOf(w, 0) !== 0) continue;
          var ids = decode(map[key]), bonus = key === w ? 2 : 1;
          for (var j = 0; j < ids.length; j++) hits[ids[j]] = Math.max(hits[ids[j]] || 0, bonus);
        }
        if (score === null) score = hits;
        else { var both = {}; for (var id in hits) if (score[id] !== undefined) both[id] = score[id] + hits[id]; score = both; }
      }
      var list = [];
      for (var id2 in score) {
        var e = names[+id2]; if (!e) continue;
        var s = score[id2] + Math.log(1 + e.i);
        for (var k = 0; k < words.length; k++) if (e.l.indexOf(words[k]) >= 0) s += 5;
        list.push({ e: e, s: s });
      }
      list.sort(function (a, b) { return b.s - a.s; });
      cb(list.map(function (x) { return x.e; }));
    }
    XDOC.withNames(done);
    for (var i = 0; i < words.length; i++) withShard(words[i].substring(0, 2), done);
  };

  if (document.body.getAttribute("data-page") === "search") {
    var q = new URLSearchParams(window.location.search).get("q") || "";
    var qi = document.getElementById("q"); if (qi) qi.value = q;
    var status = document.getElementById("status"), results = document.getElementById("results");
    if (q) {
      status.textContent = "Searching…";
      XDOC.search(q, function (list) {
        status.textContent = list.length + " topic" + (list.length === 1 ? "" : "s") + " match \u201c" + q + "\u201d.";
        var html = "";
        for (var i = 0; i < Math.min(list.length, 100); i++)
          html += '<li><a href="' + esc(XDOC.href(list[i])) + '">' + esc(list[i].n) + '</a><span class="s">' + esc(list[i].s) + "</span></li>";
        results.innerHTML = html;
        document.body.setAttribute("data-searched", "1");
      });
    }
  }
})();
