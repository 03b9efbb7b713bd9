/* PoP Atlas: small, dependency-free behaviour. Works from file:// (no fetch). */
(function () {
  "use strict";

  // popatlas.textfold.fold, step for step: NFKD, lower-case, NFKD, drop combining marks, then the
  // letter table that comes with the filter data (so the rule is written down once, in Python).
  var MARKS = /\p{M}/gu;
  function fold(text, table) {
    var out = "";
    var chars = Array.from(text.normalize("NFKD").toLowerCase().normalize("NFKD").replace(MARKS, ""));
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      out += Object.prototype.hasOwnProperty.call(table, c) ? table[c] : c;
    }
    return out;
  }
  window.popatlasFold = fold; // used by the tests that compare it with the Python rule

  // The message for count n in the page language's CLDR plural category (JSON of category -> text).
  function pluralText(templates, n) {
    var forms = JSON.parse(templates);
    var category = new Intl.PluralRules(document.documentElement.lang || undefined).select(n);
    return forms[category] || forms.other;
  }
  window.popatlasPlural = pluralText;

  // The directory home: its form and every result are in the HTML; the filter data is a script
  // (a script, not a fetch, so that it loads from file:// too) beside the page, requested only
  // when the visitor first focuses or changes the form, or at once if the browser put back
  // earlier choices (reload, Back). What was typed or chosen meanwhile applies when it arrives.
  var FILTER_DATA = "filter-data.js"; // fixed, never read from the page
  function initDirectoryFilter() {
    var root = document.getElementById("pa-directory");
    if (!root) return;
    var form = root.querySelector(".pa-filters");
    if (window.POPATLAS_DIRECTORY || !form) {
      startDirectoryFilter(root);
      return;
    }
    form.hidden = false;
    root.querySelector(".pa-no-js").hidden = true;
    var count = root.querySelector(".pa-count");
    var before = count.textContent;
    var loading = null;
    function load() {
      if (loading || window.POPATLAS_DIRECTORY) return;
      count.textContent = count.getAttribute("data-loading");
      loading = document.createElement("script");
      loading.src = FILTER_DATA;
      loading.onload = function () {
        count.textContent = before;
        if (!startDirectoryFilter(root)) count.textContent = count.getAttribute("data-failed");
      };
      loading.onerror = function () {
        count.textContent = count.getAttribute("data-failed");
        loading.remove();
        loading = null; // the next use of the form tries again
      };
      document.body.appendChild(loading);
    }
    ["focusin", "input", "change"].forEach(function (type) { form.addEventListener(type, load); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    if (chosen(form)) load();
    // Chromium puts earlier choices back only after the document has loaded.
    window.addEventListener("pageshow", function () { if (chosen(form)) load(); });
  }

  // Anything in the form not at its default: typed text or a chosen option.
  function chosen(form) {
    return Array.prototype.some.call(form.elements, function (el) {
      if (el.tagName === "SELECT") return el.selectedIndex > 0;
      return el.type === "search" && el.value !== "";
    });
  }

  // Starts the filter over the data; false when the data is missing or is not this page's.
  function startDirectoryFilter(root) {
    var data = window.POPATLAS_DIRECTORY;
    if (!data || !data.cols) return false;
    var rows = data.rows;
    var list = root.querySelector(".pa-results");
    var items = Array.prototype.slice.call(list.children);
    // Never filter the wrong items (a page and data built at different times).
    if (items.length !== rows.length || data.key !== root.getAttribute("data-key")) return false;
    var form = root.querySelector(".pa-filters");
    var count = root.querySelector(".pa-count");
    var empty = root.querySelector(".pa-empty");
    var more = root.querySelector(".pa-more");
    var templates = count.getAttribute("data-templates");
    var numbers = new Intl.NumberFormat(document.documentElement.lang || undefined);
    // Only this many results are in the page at a time: with thousands of entries,
    // showing or hiding every item would take far longer than a keystroke.
    var PAGE = 100;
    var matches = [];
    var shownUpTo = 0;
    // Column of each select in a row, as the file says (popatlas.render.FILTER_COLUMNS).
    var cols = data.cols;
    var columns = { country: cols.country, service: cols.service, population: cols.population,
                    language: cols.language, contact: cols.contact, trust: cols.trust, principle: cols.principle };

    function render(limit) {
      var fragment = document.createDocumentFragment();
      for (var i = shownUpTo; i < Math.min(limit, matches.length); i++) fragment.appendChild(items[matches[i]]);
      list.appendChild(fragment);
      shownUpTo = Math.min(limit, matches.length);
      more.hidden = shownUpTo >= matches.length;
    }

    var applied = null; // the filter state the list shows

    function apply() {
      var started = performance.now();
      var words = fold(form.elements.q.value, data.fold || {}).split(/\s+/).filter(Boolean);
      var kind = form.elements.kind.value;
      var wanted = [];
      Object.keys(columns).forEach(function (name) {
        // A filter with nothing to choose is not in the page (no entry records that fact yet).
        var value = form.elements[name] ? form.elements[name].value : "";
        if (value) wanted.push([columns[name], name === "principle" ? Number(value) : value]);
      });
      // The text box fires "change" when it loses focus, which happens when a result is
      // tapped: rebuilding the list then would remove the link under the finger.
      var state = JSON.stringify([words, kind, wanted]);
      if (state === applied) return;
      applied = state;
      matches = [];
      for (var i = 0; i < rows.length; i++) {
        var row = rows[i];
        var ok = !kind || row[cols.kind] === kind;
        for (var w = 0; ok && w < wanted.length; w++) ok = row[wanted[w][0]].indexOf(wanted[w][1]) !== -1;
        for (var q = 0; ok && q < words.length; q++) ok = row[cols.text].indexOf(words[q]) !== -1;
        if (ok) matches.push(i);
      }
      list.textContent = "";
      shownUpTo = 0;
      render(PAGE);
      count.textContent = pluralText(templates, rows.length)
        .replace("{shown}", numbers.format(matches.length)).replace("{total}", numbers.format(rows.length));
      empty.hidden = matches.length !== 0;
      showCard();
      root.setAttribute("data-filter-ms", String(performance.now() - started));
    }

    // A chosen country: a link to its help card (emergency numbers) above the results.
    var card = root.querySelector(".pa-card-link");
    function showCard() {
      if (!card) return;
      var select = form.elements.country;
      var option = select && select.value ? select.options[select.selectedIndex] : null;
      var href = option ? option.getAttribute("data-card") : "";
      card.hidden = !href;
      if (!href) return;
      var a = card.querySelector("a");
      a.setAttribute("href", href);
      a.textContent = card.getAttribute("data-template").replace("{country}", option.textContent);
    }

    form.hidden = false;
    root.querySelector(".pa-no-js").hidden = true;
    form.addEventListener("input", apply);
    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("reset", function () { window.setTimeout(apply, 0); });
    more.addEventListener("click", function () { render(shownUpTo + PAGE); });
    if (chosen(form)) {
      apply();
    } else {
      // Nothing chosen yet: the full list stays as it is (no rebuild under a reader's finger or focus).
      applied = JSON.stringify([[], "", []]);
      root.setAttribute("data-filter-ms", "0");
    }
    return true;
  }

  // Glossary terms (abbr elements with the definition in their title): reachable by
  // keyboard, and the definition shows in a small tooltip on hover, on keyboard focus
  // and on tap. Escape hides it. The text is only ever set with textContent, so a
  // title that looks like HTML is shown as text. While the tooltip shows, the title
  // is set aside (no second, native tooltip) and the term is described by the tooltip.
  var TERM = '.md-typeset abbr[title]:not([title=""]), .md-typeset abbr[data-pa-title]';

  function initGlossaryTooltips() {
    var terms = document.querySelectorAll(".md-typeset abbr");
    for (var i = 0; i < terms.length; i++) {
      if (!terms[i].hasAttribute("tabindex")) terms[i].setAttribute("tabindex", "0");
    }
    var tip = null;
    var anchor = null;   // the term whose title is set aside
    var hovered = null;
    var focused = null;
    var tapped = null;
    var latest = null;   // the one of those three set last: a new focus or hover wins
    var dismissed = false;
    var hideTimer = null;

    function term(node) {
      return node && node.nodeType === 1 && node.closest ? node.closest(TERM) : null;
    }

    function inTip(node) {
      return !!(tip && node && tip.contains(node));
    }

    function tooltip() {
      if (!tip) {
        tip = document.createElement("div");
        tip.id = "pa-tooltip";
        tip.className = "pa-tooltip";
        tip.setAttribute("role", "tooltip");
        tip.hidden = true;
        document.body.appendChild(tip);
      }
      return tip;
    }

    function release() {
      if (!anchor) return;
      anchor.setAttribute("title", anchor.getAttribute("data-pa-title") || "");
      anchor.removeAttribute("data-pa-title");
      anchor.removeAttribute("aria-describedby");
      anchor = null;
      if (tip) tip.hidden = true;
    }

    function claim(el) {
      release();
      anchor = el;
      dismissed = false;
      var text = el.getAttribute("title") || "";
      el.setAttribute("data-pa-title", text);
      el.removeAttribute("title");
      tooltip().textContent = text;
      tip.dir = window.getComputedStyle(el).direction === "rtl" ? "rtl" : "ltr";
      el.setAttribute("aria-describedby", tip.id);
    }

    function overlaps(a, b) {
      return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
    }

    // Below the term (above it when there is no room), starting at its first line's
    // start edge (the right one in Arabic), kept inside the viewport and clear of the
    // sticky header and the quick exit.
    function place() {
      var GAP = 6;
      var MARGIN = 8;
      var width = document.documentElement.clientWidth;
      var height = window.innerHeight;
      tip.style.left = "0px";
      tip.style.top = "0px";
      var origin = tip.getBoundingClientRect();
      var w = origin.width;
      var h = origin.height;
      var box = anchor.getBoundingClientRect();
      var first = anchor.getClientRects()[0] || box;
      var x = tip.dir === "rtl" ? first.right - w : first.left;
      x = Math.max(MARGIN, Math.min(x, width - MARGIN - w));
      var header = document.querySelector(".md-header");
      var top = header ? Math.max(0, header.getBoundingClientRect().bottom) : 0;
      var exit = document.querySelector(".pa-exit");
      var exitBox = exit ? exit.getBoundingClientRect() : null;
      // Moved further up or down when it would cover the quick exit.
      function clear(y, up) {
        if (!exitBox || !overlaps({ left: x, right: x + w, top: y, bottom: y + h }, exitBox)) return y;
        return up ? exitBox.top - GAP - h : exitBox.bottom + GAP;
      }
      function inView(y) {
        return y >= top + MARGIN && y + h <= height - MARGIN;
      }
      var below = clear(box.bottom + GAP, false);
      var above = clear(box.top - GAP - h, true);
      // With no room either way, below the term: never over it, and reached by scrolling.
      var y = inView(below) ? below : inView(above) ? above : box.bottom + GAP;
      tip.style.left = (x - origin.left) + "px";
      tip.style.top = (y - origin.top) + "px";
    }

    function update() {
      var wanted = latest && (latest === hovered || latest === focused || latest === tapped) ? latest
        : hovered || focused || tapped;
      if (!wanted) {
        release();
        return;
      }
      if (wanted !== anchor) claim(wanted);
      if (dismissed) return;
      tip.hidden = false;
      place();
    }

    function cancelHide() {
      if (hideTimer !== null) {
        window.clearTimeout(hideTimer);
        hideTimer = null;
      }
    }

    // A short delay lets the pointer move from the term onto the tooltip (WCAG 1.4.13).
    function leaveSoon() {
      if (hideTimer !== null) return;
      hideTimer = window.setTimeout(function () {
        hideTimer = null;
        hovered = null;
        update();
      }, 300);
    }

    document.addEventListener("mouseover", function (event) {
      var el = term(event.target);
      if (el) {
        cancelHide();
        if (el !== hovered) {
          hovered = latest = el;
          update();
        }
      } else if (inTip(event.target)) {
        cancelHide();
      } else if (hovered) {
        leaveSoon();
      }
    });
    document.addEventListener("mouseout", function (event) {
      if (!event.relatedTarget && hovered) leaveSoon(); // the pointer left the window
    });
    document.addEventListener("focusin", function (event) {
      focused = term(event.target);
      if (focused) latest = focused;
      update();
    });
    document.addEventListener("focusout", function (event) {
      // Escape hides the tooltip only until the term is left, even if focus comes straight back.
      if (event.target === anchor && hovered !== anchor) dismissed = false;
      focused = null;
      window.setTimeout(update, 0); // let focusin name the next term first
    });
    // A tap shows the definition (touch screens have no hover); a tap elsewhere hides it.
    document.addEventListener("click", function (event) {
      if (inTip(event.target)) return;
      tapped = term(event.target);
      if (tapped) latest = tapped;
      update();
    });
    document.addEventListener("keydown", function (event) {
      if ((event.key === "Escape" || event.key === "Esc") && tip && !tip.hidden) {
        dismissed = true;
        tip.hidden = true;
      }
    });
    window.addEventListener("resize", function () {
      if (tip && !tip.hidden) place();
    });
  }

  // Quick exit: blank the page at once, then replace it in the tab's history with
  // a neutral site, so Back does not return here.
  //
  // The keyboard shortcut is Shift pressed on its own 3 times within 5 seconds of the
  // first press. A press counts only when Shift goes down and comes back up with no
  // other key (and no Ctrl, Alt or Meta) in between, so a Shift held for a capital
  // letter never counts, and any other key starts the count again: typing
  // "Kenya Nairobi NGO" in a form never sends anyone away.
  function initQuickExit() {
    var box = document.querySelector(".pa-exit");
    if (!box) return;
    var url = box.getAttribute("data-pa-exit-url");
    var link = box.querySelector("[data-pa-exit]");
    var status = box.querySelector("[data-pa-exit-status]");
    var template = status.getAttribute("data-template");
    var PRESSES_NEEDED = 3;
    var WINDOW_MS = 5000;
    var presses = 0;
    var timer = null;
    var shiftAlone = false; // Shift is down and nothing else has been pressed since
    var cover = null;
    var title = document.title;

    function leave(event) {
      if (event) event.preventDefault();
      if (!cover) {
        cover = document.createElement("div");
        cover.className = "pa-exit-cover";
        document.body.appendChild(cover);
      }
      title = document.title || title;
      document.title = "";
      window.location.replace(url);
    }

    function reset() {
      presses = 0;
      shiftAlone = false;
      if (timer !== null) {
        window.clearTimeout(timer);
        timer = null;
      }
      status.textContent = "";
    }

    function isShift(event) {
      return event.key === "Shift";
    }

    function otherModifier(event) {
      return event.ctrlKey || event.altKey || event.metaKey;
    }

    link.addEventListener("click", leave);

    // Capture phase: no other handler on the page can hide a key from the count.
    document.addEventListener("keydown", function (event) {
      if (isShift(event)) {
        if (!event.repeat) shiftAlone = !otherModifier(event); // a held key repeats: never a new press
        return;
      }
      reset(); // any other key: Shift is a modifier now, or the visitor is typing
    }, true);

    document.addEventListener("keyup", function (event) {
      if (!isShift(event)) return;
      var counted = shiftAlone && !otherModifier(event);
      shiftAlone = false;
      if (!counted) return;
      presses += 1;
      if (timer === null) timer = window.setTimeout(reset, WINDOW_MS); // from the first press
      status.textContent = template.replace("{n}", String(presses));
      if (presses >= PRESSES_NEEDED) {
        reset();
        leave(null);
      }
    }, true);

    // Shift + click (open in a new window, select text) uses Shift as a modifier too.
    document.addEventListener("mousedown", function () { shiftAlone = false; }, true);
    window.addEventListener("blur", function () { shiftAlone = false; });

    // A page restored from the back/forward cache starts again: no count carried over,
    // no blank cover left over from an exit that did not complete.
    window.addEventListener("pageshow", function (event) {
      reset();
      if (event.persisted && cover) {
        cover.remove();
        cover = null;
        document.title = title;
      }
    });
  }

  // The drawer and search toggles are checkboxes; a browser that restores form state on
  // "back" would reopen them (the theme's autocomplete="off" is invalid on a checkbox).
  function resetThemeToggles() {
    ["__drawer", "__search"].forEach(function (id) {
      var box = document.getElementById(id);
      if (box && box.checked) box.click();
    });
  }

  // Get help: narrow the list of countries as the visitor types (in any of its names or its code).
  // Nothing is stored; without JavaScript the whole list is there and the box is hidden by CSS.
  function initCountryFilter() {
    var nav = document.querySelector("[data-pa-countries]");
    if (!nav) return;
    var input = nav.querySelector(".pa-countries__q");
    var table = JSON.parse(nav.getAttribute("data-fold-table") || "{}");
    var empty = nav.querySelector(".pa-countries__empty");
    var groups = Array.prototype.slice.call(nav.querySelectorAll(".pa-countries__group"));
    var fixed = Array.prototype.slice.call(nav.querySelectorAll(".pa-countries__fixed"));
    function apply() {
      var words = fold(input.value, table).split(/\s+/).filter(Boolean);
      var any = false;
      groups.forEach(function (group) {
        var shown = 0;
        Array.prototype.forEach.call(group.querySelectorAll("li[data-names]"), function (li) {
          var names = li.getAttribute("data-names");
          var ok = words.every(function (w) { return names.indexOf(w) !== -1; });
          li.hidden = !ok;
          if (ok) shown++;
        });
        group.hidden = shown === 0;
        any = any || shown > 0;
      });
      fixed.forEach(function (el) { el.hidden = words.length > 0; });
      empty.hidden = any;
    }
    input.addEventListener("input", apply);
    nav.querySelector("form").addEventListener("submit", function (event) { event.preventDefault(); });
    if (input.value) apply(); // a value the browser restored after Back
  }

  // The theme's search reads the box on key-up only. Text that arrives without a key (pasted,
  // dictated, picked from a phone keyboard's suggestions or an input method) would not be searched
  // until the next key: tell it the box changed, as a key-up would.
  function initSearchInput() {
    var box = document.querySelector("input.md-search__input");
    if (!box) return;
    box.addEventListener("input", function () {
      box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
    });
  }

  function init() {
    window.addEventListener("pageshow", function (event) { if (event.persisted) resetThemeToggles(); });
    initQuickExit();
    initDirectoryFilter();
    initCountryFilter();
    initSearchInput();
    initGlossaryTooltips();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
