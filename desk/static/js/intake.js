// Intake page: tick the teams suggested by the chosen needs (the server does the same with
// the "Suggest teams" button, so this is only a convenience). Slip page: print on request.
(function () {
  var form = document.querySelector("form[data-intake]");
  if (form) {
    var touched = {};
    var routing = form.querySelector("[data-interpreter]");
    var teamBoxes = form.querySelectorAll("input[name='teams']");
    var suggest = function () {
      var wanted = {};
      form.querySelectorAll("input[name='needs']:checked").forEach(function (box) {
        (box.dataset.suggests || "").split(" ").forEach(function (kind) {
          if (kind) { wanted[kind] = true; }
        });
      });
      if (routing && routing.dataset.interpreter === "yes") { wanted.mediation = true; }
      teamBoxes.forEach(function (box) {
        if (!touched[box.value]) { box.checked = !!wanted[box.value]; }
      });
    };
    // The directory link asks for services of the needs ticked so far.
    var needLink = form.querySelector("[data-need-link]");
    var linkNeeds = function () {
      if (!needLink) { return; }
      var url = new URL(needLink.href, window.location.href);
      url.searchParams.delete("need");
      form.querySelectorAll("input[name='needs']:checked").forEach(function (box) {
        url.searchParams.append("need", box.value);
      });
      needLink.href = url.pathname + url.search;
    };
    linkNeeds();
    form.addEventListener("change", function (event) {
      var target = event.target;
      if (target.name === "needs") { suggest(); linkNeeds(); }
      if (target.name === "teams") { touched[target.value] = true; }
    });
  }
  if (document.body.classList.contains("autoprint")) {
    // Print once the served fonts are in: the fallback font may have no Chinese or Ge'ez.
    window.addEventListener("load", function () {
      (document.fonts ? document.fonts.ready : Promise.resolve()).then(function () { window.print(); });
    });
  }
})();
