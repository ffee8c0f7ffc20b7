// Tribune's progressive enhancements. Every page works without this file; it only adds
// conveniences. Loaded with `defer` from 'self' (the Content-Security-Policy allows nothing else).
"use strict";

// The sentences this file shows or announces, in the page's language: the page carries them as
// JSON in `<html data-messages>` (from locales/*/script.ftl).
// A missing message shows its id rather than nothing.
var messages = (function () {
  try {
    return JSON.parse(document.documentElement.getAttribute("data-messages") || "{}") || {};
  } catch (e) {
    return {};
  }
})();

/** The message `id`, with `{count}` replaced; `count` picks `id-one` or `id-other`. */
function message(id, count) {
  if (count !== undefined) id += count === 1 ? "-one" : "-other";
  var text = Object.prototype.hasOwnProperty.call(messages, id) ? messages[id] : id;
  return count === undefined ? text : text.replace(/\{count\}/g, String(count));
}

(function quoteSelection() {
  var textarea = document.getElementById("body");
  if (!textarea || textarea.tagName !== "TEXTAREA") return;

  var button = document.createElement("button");
  button.type = "button";
  button.className = "quote-button";
  button.hidden = true;
  button.textContent = message("js-quote-button");
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

// Live discussion: new comments wait behind a "3 new comments" bar until the reader asks for
// them, so nothing moves under their eyes; edits and removals apply in place. The stream
// resumes after a dropped connection from the last event received (the browser sends
// Last-Event-ID), so nothing is missed or shown twice. Comments are fetched as the server
// renders them for this reader (/comments/{id}/card), never built here.
(function liveDiscussion() {
  var section = document.getElementById("comments");
  if (!section || !section.dataset.live || !window.EventSource || !window.fetch) return;
  var list = section.querySelector(":scope > ol.comments");
  var newestFirst = section.dataset.sort === "newest";
  var threaded = section.dataset.view === "threaded";
  var waiting = [];
  var stale = false;

  var bar = document.createElement("button");
  bar.type = "button";
  bar.className = "live-bar";
  // Hidden by its style as well as its `hidden` attribute: the stylesheet's `display: block`
  // for .live-bar would otherwise show it empty.
  function showBar(shown) {
    bar.hidden = !shown;
    bar.style.display = shown ? "" : "none";
  }
  showBar(false);
  // A polite status region (the page's own when it has one): screen readers hear "3 new
  // comments" when they are free, and focus never moves for it.
  var announcer = section.querySelector("[data-live-status]");
  var controls = section.querySelector(".discussion-controls") || section.firstElementChild;
  controls.insertAdjacentElement("afterend", bar);
  if (!announcer) {
    announcer = document.createElement("p");
    announcer.className = "visually-hidden";
    announcer.setAttribute("role", "status");
    announcer.setAttribute("aria-live", "polite");
    section.insertBefore(announcer, bar);
  }

  function announce(text) {
    announcer.textContent = text;
  }

  function card(id) {
    return fetch("/comments/" + id + "/card", { credentials: "same-origin" }).then(function (r) {
      return r.ok ? r.text() : null;
    });
  }

  function element(html) {
    var template = document.createElement("template");
    template.innerHTML = html.trim();
    return template.content.firstElementChild;
  }

  function updateBar() {
    var n = waiting.length;
    showBar(n > 0);
    bar.textContent = message("js-live-show", n);
    if (n > 0) announce(message("js-new-comment", n));
  }

  function place(item, parentId) {
    var parent = parentId && threaded ? document.getElementById("c" + parentId) : null;
    if (parent && parent.parentElement.tagName === "LI") {
      var holder = parent.parentElement;
      var replies = holder.querySelector(":scope > ol.comments");
      if (!replies) {
        replies = document.createElement("ol");
        replies.className = "comments";
        holder.appendChild(replies);
      }
      replies.appendChild(item);
    } else if (list) {
      if (newestFirst) list.insertBefore(item, list.firstChild);
      else list.appendChild(item);
    }
  }

  bar.addEventListener("click", function () {
    var shown = waiting.splice(0, waiting.length);
    if (stale || !list) {
      // Too much changed, or the page said "No comments yet": show the discussion as the
      // server renders it now.
      window.location.reload();
      return;
    }
    var hadFocus = document.activeElement === bar;
    var first = null;
    updateBar();
    shown.reduce(function (done, entry) {
      return done.then(function () {
        return card(entry.id).then(function (html) {
          if (!html || document.getElementById("c" + entry.id)) return;
          var item = document.createElement("li");
          var comment = element(html);
          item.appendChild(comment);
          place(item, entry.parentId);
          first = first || comment;
        });
      });
    }, Promise.resolve()).then(function () {
      announce(message("js-new-comment-shown", shown.length));
      // The bar is gone: a keyboard reader carries on from the first comment it showed rather
      // than from the top of the page.
      if (hadFocus && first && document.activeElement !== bar) {
        if (!first.hasAttribute("tabindex")) first.setAttribute("tabindex", "-1");
        first.focus({ preventScroll: true });
      }
    });
  });

  function refresh(id) {
    var current = document.getElementById("c" + id);
    if (!current) return;
    card(id).then(function (html) {
      var focused = current.contains(document.activeElement);
      var replacement;
      if (html) {
        replacement = element(html);
      } else {
        replacement = document.createElement("p");
        replacement.className = "comment removed-note";
        replacement.textContent = message("js-comment-removed");
      }
      current.replaceWith(replacement);
      // Focus was inside the old version: keep it on the comment, not lost to the page.
      if (focused) {
        if (!replacement.hasAttribute("tabindex")) replacement.setAttribute("tabindex", "-1");
        replacement.focus({ preventScroll: true });
      }
    });
  }

  var source = new EventSource(section.dataset.live);
  function appeared(event) {
    var data = JSON.parse(event.data);
    if (!data.comment || document.getElementById("c" + data.comment_id)) return;
    if (waiting.some(function (w) { return w.id === data.comment_id; })) return;
    waiting.push({ id: data.comment_id, parentId: data.comment.parent_id });
    updateBar();
  }
  source.addEventListener("created", appeared);
  source.addEventListener("approved", appeared);
  source.addEventListener("edited", function (event) {
    refresh(JSON.parse(event.data).comment_id);
  });
  source.addEventListener("removed", function (event) {
    var id = JSON.parse(event.data).comment_id;
    waiting = waiting.filter(function (w) { return w.id !== id; });
    updateBar();
    refresh(id);
  });
  source.addEventListener("resync", function () {
    stale = true;
    showBar(true);
    bar.textContent = message("js-live-reload");
    announce(message("js-live-reload"));
  });
})();
