// Text-size controls: remembered per browser, no inline script (CSP).
(function () {
  "use strict";
  var KEY = "polrad-text-size";
  var MAX = 3;
  var root = document.documentElement;

  function apply(level) {
    for (var i = 1; i <= MAX; i++) root.classList.remove("text-size-" + i);
    if (level > 0) root.classList.add("text-size-" + level);
  }

  function current() {
    var stored = parseInt(window.localStorage.getItem(KEY) || "0", 10);
    return isNaN(stored) ? 0 : Math.max(0, Math.min(MAX, stored));
  }

  apply(current());

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-text-size]");
    if (!button) return;
    var level = current();
    var action = button.getAttribute("data-text-size");
    if (action === "up") level = Math.min(MAX, level + 1);
    else if (action === "down") level = Math.max(0, level - 1);
    else level = 0;
    window.localStorage.setItem(KEY, String(level));
    apply(level);
  });
})();
