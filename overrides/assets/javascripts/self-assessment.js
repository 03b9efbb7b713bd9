/* PoP Atlas self-assessment. Answers live in memory; they are written to this
 * device only when the visitor presses "Save on this device", and "Erase" removes
 * them. Nothing is ever sent over the network. Works from file://. */
(function () {
  "use strict";
  var root = document.getElementById("pa-assessment");
  if (!root) return;
  var STORAGE_KEY = "popatlas-self-assessment";
  var form = root.querySelector(".pa-sa-form");
  var results = root.querySelector(".pa-sa-results");
  var keep = root.querySelector(".pa-sa-keep");
  var status = root.querySelector(".pa-sa-status");
  var lang = root.getAttribute("data-lang") || document.documentElement.lang;
  // The characters that may start a spreadsheet formula: the same rule as the open-data CSV files.
  var formulaStart = JSON.parse(root.getAttribute("data-csv-formula-start") || '"=+-@\\t\\r"');
  var percent = new Intl.NumberFormat(lang, { style: "percent", maximumFractionDigits: 0 });
  var numbers = new Intl.NumberFormat(lang);
  var WEIGHT = { yes: 1, partly: 0.5, no: 0 };

  // A browser may refuse storage (privacy settings, blocked site data): then saving
  // does nothing and the page still works. Each function says whether it succeeded.
  function readSaved() {
    try { return window.localStorage.getItem(STORAGE_KEY); } catch (e) { return null; }
  }

  function writeSaved(text) {
    try { window.localStorage.setItem(STORAGE_KEY, text); return true; } catch (e) { return false; }
  }

  function eraseSaved() {
    try { window.localStorage.removeItem(STORAGE_KEY); return true; } catch (e) { return false; }
  }

  function actions() {
    return Array.prototype.slice.call(root.querySelectorAll(".pa-sa-action"));
  }

  function state() {
    var answers = {};
    var notes = {};
    actions().forEach(function (li) {
      var checked = li.querySelector("input:checked");
      if (checked) answers[li.getAttribute("data-action")] = checked.value;
    });
    root.querySelectorAll("textarea[data-note]").forEach(function (area) {
      if (area.value.trim()) notes[area.getAttribute("data-note")] = area.value;
    });
    return { format: "popatlas-self-assessment", version: 1, lang: lang, answers: answers, notes: notes,
             saved: new Date().toISOString() };
  }

  function apply(data) {
    if (!data || data.format !== "popatlas-self-assessment" || typeof data.answers !== "object") {
      throw new Error("not a saved self-assessment");
    }
    form.reset();
    Object.keys(data.answers).forEach(function (id) {
      var input = form.querySelector('input[name="' + CSS.escape(id) + '"][value="' + CSS.escape(String(data.answers[id])) + '"]');
      if (input) input.checked = true;
    });
    Object.keys(data.notes || {}).forEach(function (n) {
      var area = form.querySelector('textarea[data-note="' + CSS.escape(n) + '"]');
      if (area) area.value = String(data.notes[n]);
    });
    update();
  }

  // score = (in place + half of partly) / answered practices, not-applicable left out
  function score(items, answers) {
    var total = 0;
    var got = 0;
    items.forEach(function (li) {
      var value = answers[li.getAttribute("data-action")];
      if (value in WEIGHT) { total += 1; got += WEIGHT[value]; }
    });
    return total ? got / total : null;
  }

  function setBar(li, value) {
    li.querySelector(".pa-sa-bar-fill").style.inlineSize = value === null ? "0" : (value * 100) + "%";
    li.querySelector(".pa-sa-bar-value").textContent = value === null ? "–" : percent.format(value);
    li.setAttribute("data-score", value === null ? "" : String(value));
  }

  function update() {
    var current = state();
    var all = actions();
    var answered = Object.keys(current.answers).length;
    var forms = JSON.parse(root.getAttribute("data-answered-templates"));
    var category = new Intl.PluralRules(root.getAttribute("data-lang") || undefined).select(all.length);
    root.querySelector(".pa-sa-answered").textContent = (forms[category] || forms.other)
      .replace("{answered}", numbers.format(answered)).replace("{total}", numbers.format(all.length));
    root.querySelector(".pa-sa-empty").hidden = answered > 0;
    root.querySelectorAll("[data-bar-group]").forEach(function (li) {
      var group = li.getAttribute("data-bar-group");
      setBar(li, score(all.filter(function (a) { return a.closest("[data-group]").getAttribute("data-group") === group; }), current.answers));
    });
    var gaps = [];
    root.querySelectorAll("[data-bar-principle]").forEach(function (li) {
      var n = li.getAttribute("data-bar-principle");
      var items = all.filter(function (a) { return a.closest("fieldset").getAttribute("data-principle") === n; });
      var value = score(items, current.answers);
      setBar(li, value);
      var gap = root.querySelector('[data-gap="' + n + '"]');
      var missing = items.filter(function (a) {
        var v = current.answers[a.getAttribute("data-action")];
        return v === "no" || v === "partly";
      });
      gap.hidden = !missing.length;
      gap.querySelector(".pa-sa-gap-score").textContent = value === null ? "" : "(" + percent.format(value) + ")";
      var list = gap.querySelector(".pa-sa-gap-actions");
      list.textContent = "";
      missing.forEach(function (a) {
        var item = document.createElement("li");
        item.textContent = a.querySelector(".pa-sa-text").textContent;
        list.appendChild(item);
      });
      gap.querySelector(".pa-sa-gap-note").textContent = current.notes[n] || "";
      if (missing.length) gaps.push([value, Number(n), gap]);
    });
    // The biggest gaps first.
    gaps.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    var plan = root.querySelector(".pa-sa-plan");
    gaps.forEach(function (g) { plan.appendChild(g[2]); });
    document.body.classList.toggle("pa-sa-has-answers", answered > 0);
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function csv() {
    var current = state();
    var rows = [["principle", "practice_id", "practice", "answer", "note"]];
    actions().forEach(function (li) {
      var fieldset = li.closest("fieldset");
      var n = fieldset.getAttribute("data-principle");
      var value = current.answers[li.getAttribute("data-action")] || "";
      var label = value ? li.querySelector('input[value="' + value + '"]').parentNode.textContent.trim() : "";
      rows.push([n, li.getAttribute("data-action"), li.querySelector(".pa-sa-text").textContent, label, current.notes[n] || ""]);
    });
    return "\ufeff" + rows.map(function (row) {
      return row.map(function (cell) {
        var text = String(cell);
        if (text && formulaStart.indexOf(text.charAt(0)) !== -1) text = "'" + text; // no formulas (popatlas.csvsafe)
        return '"' + text.replace(/"/g, '""') + '"';
      }).join(",");
    }).join("\r\n") + "\r\n";
  }

  function say(key) {
    status.textContent = root.getAttribute(key) || "";
  }

  var today = new Date().toISOString().slice(0, 10);
  keep.addEventListener("click", function (event) {
    var button = event.target.closest("[data-sa]");
    if (!button) return;
    var action = button.getAttribute("data-sa");
    if (action === "export-json") {
      download("popatlas-self-assessment-" + today + ".json", "application/json", JSON.stringify(state(), null, 2));
    } else if (action === "export-csv") {
      download("popatlas-self-assessment-" + today + ".csv", "text/csv", csv());
    } else if (action === "print") {
      window.print();
    } else if (action === "save") {
      if (writeSaved(JSON.stringify(state()))) say("data-msg-saved");
      else status.textContent = "";
    } else if (action === "erase") {
      eraseSaved();
      form.reset();
      update();
      say("data-msg-erased");
    }
  });
  keep.querySelector('input[data-sa="import"]').addEventListener("change", function (event) {
    var file = event.target.files && event.target.files[0];
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      try { apply(JSON.parse(String(reader.result))); say("data-msg-imported"); }
      catch (e) { say("data-msg-import-error"); }
      event.target.value = "";
    };
    reader.readAsText(file);
  });

  form.addEventListener("change", update);
  form.addEventListener("input", update);
  results.hidden = false;
  keep.hidden = false;
  root.querySelector(".pa-sa-no-js").hidden = true;
  // Reading saved answers writes nothing.
  var saved = readSaved();
  if (saved) {
    try { apply(JSON.parse(saved)); } catch (e) { update(); }
  } else {
    update();
  }
  window.PopAtlasSelfAssessment = { state: state, apply: apply }; // for tests and power users
})();
