/* PoP Atlas: small, dependency-free behaviour. Works from file:// (no fetch). */
(function () {
  "use strict";

  // Case- and accent-insensitive text, matching popatlas.i18n.sort_key on the server.
  function norm(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function initDirectoryFilter() {
    var root = document.getElementById("pa-directory");
    var data = window.POPATLAS_DIRECTORY;
    if (!root || !data) return;
    var rows = data.rows;
    var list = root.querySelector(".pa-results");
    var items = Array.prototype.slice.call(list.children);
    if (items.length !== rows.length) return; // never filter the wrong items
    var form = root.querySelector(".pa-filters");
    var count = root.querySelector(".pa-count");
    var empty = root.querySelector(".pa-empty");
    var more = root.querySelector(".pa-more");
    var template = count.getAttribute("data-template");
    var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
    // Only this many results are in the page at a time: with thousands of entries,
    // showing or hiding every item would take far longer than a keystroke.
    var PAGE = 100;
    var matches = [];
    var shownUpTo = 0;
    // Column of each select in a row: [kind, countries, services, populations, languages, principles, text]
    var columns = { country: 1, service: 2, population: 3, language: 4, principle: 5 };

    function render(limit) {
      var fragment = document.createDocumentFragment();
      for (var i = shownUpTo; i < Math.min(limit, matches.length); i++) fragment.appendChild(items[matches[i]]);
      list.appendChild(fragment);
      shownUpTo = Math.min(limit, matches.length);
      more.hidden = shownUpTo >= matches.length;
    }

    function apply() {
      var started = performance.now();
      var words = norm(form.elements.q.value).split(/\s+/).filter(Boolean);
      var kind = form.elements.kind.value;
      var wanted = [];
      Object.keys(columns).forEach(function (name) {
        var value = form.elements[name].value;
        if (value) wanted.push([columns[name], name === "principle" ? Number(value) : value]);
      });
      matches = [];
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        var ok = !kind || row[0] === kind;
        for (var w = 0; ok && w < wanted.length; w++) ok = row[wanted[w][0]].indexOf(wanted[w][1]) !== -1;
        for (var q = 0; ok && q < words.length; q++) ok = row[6].indexOf(words[q]) !== -1;
        if (ok) matches.push(i);
      }
      list.textContent = "";
      shownUpTo = 0;
      render(PAGE);
      count.textContent = template.replace("{shown}", numbers.format(matches.length)).replace("{total}", numbers.format(rows.length));
      empty.hidden = matches.length !== 0;
      root.setAttribute("data-filter-ms", String(performance.now() - started));
    }

    form.hidden = false;
    root.querySelector(".pa-no-js").hidden = true;
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    more.addEventListener("click", function () { render(shownUpTo + PAGE); });
    apply();
  }

  // Glossary terms: reachable by keyboard, so their explanation shows on focus as on hover.
  function initGlossaryFocus() {
    var terms = document.querySelectorAll(".md-typeset abbr");
    for (var i = 0; i < terms.length; i++) {
      if (!terms[i].hasAttribute("tabindex")) terms[i].setAttribute("tabindex", "0");
    }
  }

  // Quick exit: blank the page at once, then replace it in the tab's history with
  // a neutral site, so Back does not return here. Shift pressed 3 times in 5 s does the same.
  function initQuickExit() {
    var box = document.querySelector(".pa-exit");
    if (!box) return;
    var url = box.getAttribute("data-pa-exit-url");
    var link = box.querySelector("[data-pa-exit]");
    var status = box.querySelector("[data-pa-exit-status]");
    var template = status.getAttribute("data-template");
    var presses = 0;
    var timer = null;

    function leave(event) {
      if (event) event.preventDefault();
      var cover = document.createElement("div");
      cover.className = "pa-exit-cover";
      document.body.appendChild(cover);
      document.title = "";
      window.location.replace(url);
    }

    link.addEventListener("click", leave);
    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") return;
      presses += 1;
      if (timer === null) {
        timer = window.setTimeout(function () { presses = 0; timer = null; status.textContent = ""; }, 5000);
      }
      status.textContent = template.replace("{n}", String(presses));
      if (presses >= 3) leave(null);
    });
  }

  function init() {
    initQuickExit();
    initDirectoryFilter();
    initGlossaryFocus();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
