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
    if (event.key === "Enter") {
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
