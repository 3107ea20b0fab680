// Text-size and letter-spacing controls: remembered per browser (localStorage), applied as a
// class on <html> so that every page and its print style follow; no inline script (CSP).
(function () {
  "use strict";
  var root = document.documentElement;

  function control(key, prefix, max, attribute) {
    function apply(level) {
      for (var i = 1; i <= max; i++) root.classList.remove(prefix + i);
      if (level > 0) root.classList.add(prefix + level);
    }

    function current() {
      var stored = parseInt(window.localStorage.getItem(key) || "0", 10);
      return isNaN(stored) ? 0 : Math.max(0, Math.min(max, stored));
    }

    apply(current());

    document.addEventListener("click", function (event) {
      var button = event.target.closest("[" + attribute + "]");
      if (!button) return;
      var level = current();
      var action = button.getAttribute(attribute);
      if (action === "up") level = Math.min(max, level + 1);
      else if (action === "down") level = Math.max(0, level - 1);
      else level = 0;
      window.localStorage.setItem(key, String(level));
      apply(level);
    });
  }

  control("polrad-text-size", "text-size-", 3, "data-text-size");
  control("polrad-letter-spacing", "letter-spacing-", 2, "data-letter-spacing");
})();
