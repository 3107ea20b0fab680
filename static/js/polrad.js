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
