// Tribune's progressive enhancements. Every page works without this file; it only adds
// conveniences. Loaded with `defer` from 'self' (the Content-Security-Policy allows nothing else).
"use strict";

(function quoteSelection() {
  var textarea = document.getElementById("body");
  if (!textarea || textarea.tagName !== "TEXTAREA") return;

  var button = document.createElement("button");
  button.type = "button";
  button.className = "quote-button";
  button.hidden = true;
  button.textContent = "Quote in your comment";
  document.body.appendChild(button);

  function quotable() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || selection.rangeCount === 0) return "";
    var node = selection.getRangeAt(0).commonAncestorContainer;
    var element = node.nodeType === 1 ? node : node.parentElement;
    if (!element || !element.closest(".story .body, .comment-body")) return "";
    return selection.toString().replace(/\s+/g, " ").trim();
  }

  document.addEventListener("selectionchange", function () {
    button.hidden = quotable() === "";
  });

  button.addEventListener("click", function () {
    var text = quotable();
    if (!text) return;
    var quoted = "> " + text + "\n\n";
    var before = textarea.value;
    textarea.value = before && !/\n\n$/.test(before) ? before.replace(/\s*$/, "\n\n") + quoted : before + quoted;
    button.hidden = true;
    textarea.focus();
    textarea.setSelectionRange(textarea.value.length, textarea.value.length);
  });
})();
