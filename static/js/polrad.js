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

// Tables that scroll sideways on a small screen must be reachable by keyboard and named for
// screen readers (axe: scrollable-region-focusable). Every .table-responsive becomes a
// focusable region named after its table's caption, else the heading before it.
(function () {
  "use strict";

  function label(region) {
    var caption = region.querySelector("caption");
    if (caption && caption.textContent.trim()) return caption.textContent.trim();
    var node = region.previousElementSibling;
    while (node && !/^H[1-6]$/.test(node.tagName)) node = node.previousElementSibling;
    if (!node) {
      var section = region.closest("section, article");
      node = section && section.querySelector("h1, h2, h3, h4, h5, h6");
    }
    return node ? node.textContent.trim() : document.title;
  }

  document.querySelectorAll(".table-responsive").forEach(function (region) {
    if (!region.hasAttribute("tabindex")) region.setAttribute("tabindex", "0");
    if (!region.hasAttribute("role")) region.setAttribute("role", "region");
    if (!region.hasAttribute("aria-label") && !region.hasAttribute("aria-labelledby")) {
      region.setAttribute("aria-label", label(region));
    }
  });
})();
