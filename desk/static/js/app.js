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
// Guard against double submission: a form is sent once.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form.dataset.submitted === "yes") {
    event.preventDefault();
    return;
  }
  form.dataset.submitted = "yes";
  setTimeout(function () { form.dataset.submitted = ""; }, 4000);
});
