/* STU Case front-end glue. No inline scripts anywhere (strict CSP). */
(function () {
  "use strict";
  function init(root) {
    if (window.DKFDS && typeof window.DKFDS.init === "function" && root === document) {
      try { window.DKFDS.init(); } catch (e) { /* DKFDS is progressive enhancement */ }
    }
    // Focus the error summary so screen-reader users hear what went wrong.
    var summary = root.querySelector ? root.querySelector("#error-summary") : null;
    if (summary) { summary.focus(); }
    // Confirmation for destructive buttons: data-confirm="text".
    (root.querySelectorAll ? root.querySelectorAll("[data-confirm]") : []).forEach(function (el) {
      if (el.dataset.confirmBound) { return; }
      el.dataset.confirmBound = "1";
      el.addEventListener("click", function (ev) {
        if (!window.confirm(el.dataset.confirm)) { ev.preventDefault(); }
      });
    });
  }
  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("htmx:afterSwap", function (ev) { init(ev.target); });
})();
