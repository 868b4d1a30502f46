// Progressive enhancement only: every page works without JavaScript.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target.matches && target.matches("select[data-autosubmit]")) {
    target.form.submit();
  }
});
document.addEventListener("click", function (event) {
  var target = event.target.closest ? event.target.closest("[data-print]") : null;
  if (target) {
    event.preventDefault();
    window.print();
  }
});
// A checkbox list with a filter box (the list works without it): typing narrows the
// choices shown, accents and case ignored; Enter in the box never sends the form.
function folded(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}
document.querySelectorAll("[data-filterable]").forEach(function (box) {
  var filter = box.querySelector(".choice-filter");
  if (!filter) {
    return;
  }
  filter.hidden = false;
  filter.addEventListener("input", function () {
    var wanted = folded(filter.value.trim());
    box.querySelectorAll("li").forEach(function (item) {
      item.hidden = wanted !== "" && folded(item.textContent).indexOf(wanted) === -1;
    });
  });
  filter.addEventListener("keydown", function (event) {
    // Enter goes to the first match; Ctrl+Enter (⌘+Enter) is left to save the form.
    if (event.key === "Enter" && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      var first = box.querySelector("li:not([hidden]) input");
      if (first) {
        first.focus();
      }
    }
  });
});
// Guard against double submission. The same POST form sent again with the same data and the
// same button before the answer comes is held back, and the person is told so (never silently).
// Anything else always goes: another button or other data, and every GET form (a search, a
// filter, a download: they change nothing, so sending them twice does no harm).
function requestKey(form, submitter) {
  var data = submitter ? new FormData(form, submitter) : new FormData(form);
  var action = (submitter && submitter.getAttribute("formaction")) || form.getAttribute("action") || "";
  return action + "?" + new URLSearchParams(data).toString();
}
function tellAlreadySent(form) {
  var note = form.querySelector(".resubmit-note");
  if (!note) {
    note = document.createElement("p");
    note.className = "resubmit-note";
    note.setAttribute("role", "status");
    form.appendChild(note);
  }
  note.textContent = document.body.dataset.msgResubmit || "";
}
document.addEventListener("submit", function (event) {
  var form = event.target;
  var method = ((event.submitter && event.submitter.getAttribute("formmethod")) || form.method || "get").toLowerCase();
  if (method !== "post") {
    return;
  }
  var key = requestKey(form, event.submitter);
  if (form.dataset.sentKey === key) {
    event.preventDefault();
    tellAlreadySent(form);
    return;
  }
  form.dataset.sentKey = key;
  setTimeout(function () {
    if (form.dataset.sentKey === key) { form.dataset.sentKey = ""; }
  }, 4000);
});
// Keyboard shortcuts (listed in the dialog opened with "?", texts in the page's language):
// "/" search, "n" new person, "p" print, Ctrl+Enter (or ⌘+Enter) saves the form the focus
// is in (and no other).
// Single keys never act while typing in a field, a select or an editable area, nor with
// Ctrl, Alt or ⌘ held (the browser's and screen readers' own keys); they can be turned off
// (WCAG 2.1.4), and the choice is kept in this browser.
var shortcuts = document.getElementById("shortcuts");
var SHORTCUTS_OFF = "sportello-shortcuts-off";
function shortcutsOn() {
  try { return window.localStorage.getItem(SHORTCUTS_OFF) !== "1"; } catch (e) { return true; }
}
function typingIn(element) {
  if (!element || !element.matches) { return false; }
  if (element.isContentEditable || element.matches("textarea, select")) { return true; }
  return element.matches("input") &&
    !element.matches("[type=checkbox], [type=radio], [type=button], [type=submit], [type=reset]");
}
function openShortcuts() {
  if (shortcuts && !shortcuts.open && shortcuts.showModal) { shortcuts.showModal(); }
}
function saveFormOf(element) {
  // Only the form the focus is in: with the focus elsewhere, the first form of the page may
  // be a row's "Accept" or a "Close the case", which Ctrl+Enter must never send.
  var form = element && element.closest ? element.closest("form") : null;
  if (!form) { return false; }
  var button = form.querySelector("[data-save]") ||
    form.querySelector("button[type=submit]:not([name]), button:not([type]):not([name]), input[type=submit]:not([name])");
  if (form.requestSubmit) { form.requestSubmit(button || undefined); } else { form.submit(); }
  return true;
}
function followShortcut(name) {
  if (name === "search") {
    var box = document.getElementById("q");
    if (box) { box.focus(); box.select(); return true; }
  }
  if (name === "print") {
    var printer = document.querySelector("main [data-print], main [data-shortcut=print]");
    if (printer) { printer.click(); return true; }
    return false;
  }
  var url = shortcuts && shortcuts.dataset[name + "Url"];
  if (url) { window.location.assign(url); return true; }
  return false;
}
var SINGLE_KEYS = { "/": "search", "n": "new", "p": "print" };
if (shortcuts) {
  var toggle = shortcuts.querySelector("[data-shortcuts-toggle]");
  if (toggle) {
    toggle.checked = shortcutsOn();
    toggle.addEventListener("change", function () {
      try { window.localStorage.setItem(SHORTCUTS_OFF, toggle.checked ? "0" : "1"); } catch (e) { /* private mode */ }
    });
  }
  shortcuts.querySelectorAll("[data-close-shortcuts]").forEach(function (closer) {
    closer.addEventListener("click", function () { shortcuts.close(); });
  });
  document.querySelectorAll("[data-open-shortcuts]").forEach(function (opener) {
    opener.hidden = false;
    opener.addEventListener("click", function (event) { event.preventDefault(); openShortcuts(); });
  });
  document.addEventListener("keydown", function (event) {
    if (event.defaultPrevented || event.isComposing) { return; }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey) {
      if (!shortcuts.open && saveFormOf(document.activeElement)) { event.preventDefault(); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || shortcuts.open ||
        typingIn(event.target) || !shortcutsOn()) {
      return;
    }
    if (event.key === "?") {
      event.preventDefault();
      openShortcuts();
      return;
    }
    // Shift is not checked: "/" is Shift+7 on Italian and German keyboards, and Shift+n
    // gives "N", which is no shortcut.
    var name = SINGLE_KEYS[event.key];
    if (name && followShortcut(name)) { event.preventDefault(); }
  });
}
// Collapsible sections: a link to one (#permits) opens it; printing opens them all.
function openLinkedSection() {
  var target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  var details = target && (target.closest("details") || target.querySelector("details"));
  if (details) { details.open = true; }
}
window.addEventListener("hashchange", openLinkedSection);
openLinkedSection();
window.addEventListener("beforeprint", function () {
  document.querySelectorAll("details[data-print-open]").forEach(function (details) { details.open = true; });
});
