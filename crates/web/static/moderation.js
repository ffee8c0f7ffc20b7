// Keyboard shortcuts for the moderation queue. Progressive enhancement: every action is a
// plain form without this script. j/k move between comments, a approves, r rejects (focuses
// the reason; Enter sends it), f features, d dismisses reports, o opens the comment.
(function () {
  "use strict";
  var entries = Array.prototype.slice.call(document.querySelectorAll(".queue .mod-entry"));
  if (!entries.length) return;
  var current = -1;

  function select(index) {
    if (index < 0 || index >= entries.length) return;
    if (current >= 0) entries[current].classList.remove("selected");
    current = index;
    var entry = entries[current];
    entry.classList.add("selected");
    // Focus follows the selection, so a screen reader reads the comment j/k moved to.
    if (!entry.hasAttribute("tabindex")) entry.setAttribute("tabindex", "-1");
    entry.focus({ preventScroll: true });
    entry.scrollIntoView({ block: "nearest" });
  }

  function act(key) {
    if (current < 0) select(0);
    var entry = entries[current];
    var target = entry.querySelector('[data-key="' + key + '"]');
    if (!target) return;
    if (target.tagName === "A") {
      window.location.href = target.href;
    } else if (key === "r") {
      var input = target.querySelector("input[name=reason]");
      if (input) { input.focus(); input.select(); }
    } else {
      target.submit();
    }
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = (event.target && event.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    switch (event.key) {
      case "j": select(current + 1); break;
      case "k": select(current - 1); break;
      case "a": case "r": case "f": case "d": case "o": act(event.key); break;
      default: return;
    }
    event.preventDefault();
  });
})();
