// The progress bar of a register's check or import: asks the small JSON address every second
// and reloads the page when the work is done (without JavaScript the page refreshes itself).
(function () {
  var box = document.querySelector("[data-progress-url]");
  if (!box) {
    return;
  }
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-progress-text]");
  function poll() {
    fetch(box.dataset.progressUrl, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (progress) {
        if (!progress) {
          return;
        }
        if (progress.status !== "checking" && progress.status !== "importing") {
          window.location.reload();
          return;
        }
        bar.value = progress.percent;
        bar.textContent = progress.percent + "%";
        if (text && text.dataset.template) {
          text.textContent = text.dataset.template.replace("{done}", progress.done)
            .replace("{total}", progress.total);
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 1000);
})();
