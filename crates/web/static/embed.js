/* Tribune's embed, for a newsroom's own article pages.

     <div id="tribune-thread" data-url="https://news.example/2026/budget-vote"
          data-title="The budget passes">
       <a href="https://TRIBUNE/discussions?url=https%3A%2F%2Fnews.example%2F2026%2Fbudget-vote">
         Read and join the discussion</a>
     </div>
     <script src="https://TRIBUNE/embed.js" async></script>

   The discussion appears in an iframe served by Tribune (its own pages, framed), replacing the
   link that readers without JavaScript follow. `data-sso` may carry the newsroom's signed
   single sign-on token. The site's look reaches the frame through CSS custom properties set on
   the container (--tribune-accent, --tribune-text, --tribune-background, --tribune-muted,
   --tribune-rule, --tribune-font, --tribune-font-size, --tribune-radius). Comment counts:
   any element with data-tribune-count="URL" gets "12 comments", all in one request. */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script || !script.src) return;
  var origin = new URL(script.src).origin;
  var THEME = ["--tribune-accent", "--tribune-text", "--tribune-background", "--tribune-muted",
    "--tribune-rule", "--tribune-font", "--tribune-font-size", "--tribune-radius"];

  function theme(container) {
    var style = getComputedStyle(container);
    var vars = {};
    THEME.forEach(function (name) {
      var value = style.getPropertyValue(name).trim();
      if (value) vars[name] = value;
    });
    var scheme = style.getPropertyValue("color-scheme").trim();
    if (scheme && scheme !== "normal") vars["color-scheme"] = scheme;
    return vars;
  }

  function mount(container) {
    if (container.getAttribute("data-tribune-mounted")) return;
    container.setAttribute("data-tribune-mounted", "true");
    var url = container.getAttribute("data-url") || canonicalUrl();
    var title = container.getAttribute("data-title") || document.title;
    var frame = document.createElement("iframe");
    frame.src = origin + "/embed/thread?url=" + encodeURIComponent(url) +
      "&title=" + encodeURIComponent(title);
    frame.title = container.getAttribute("data-frame-title") || "Discussion";
    frame.setAttribute("loading", "lazy");
    frame.style.width = "100%";
    frame.style.border = "0";
    frame.style.height = "480px";
    frame.style.colorScheme = "normal";
    window.addEventListener("message", function (event) {
      if (event.origin !== origin || event.source !== frame.contentWindow) return;
      var data = event.data || {};
      if (data.type === "tribune:height" && typeof data.height === "number") {
        frame.style.height = Math.max(120, Math.ceil(data.height)) + "px";
      } else if (data.type === "tribune:ready") {
        frame.contentWindow.postMessage({ type: "tribune:theme", vars: theme(container) }, origin);
        var sso = container.getAttribute("data-sso");
        if (sso && !data.signedIn) {
          frame.contentWindow.postMessage({ type: "tribune:sso", token: sso }, origin);
        }
      } else if (data.type === "tribune:navigate" && typeof data.hash === "string") {
        container.scrollIntoView({ block: "start" });
      }
    });
    container.replaceChildren(frame);
  }

  function canonicalUrl() {
    var link = document.querySelector('link[rel="canonical"]');
    return link ? link.href : location.href.split("#")[0];
  }

  function label(count) {
    if (count === null || count === undefined) count = 0;
    return count === 1 ? "1 comment" : count + " comments";
  }

  function counts() {
    var elements = Array.prototype.slice.call(document.querySelectorAll("[data-tribune-count]"));
    if (!elements.length) return;
    var urls = [];
    elements.forEach(function (el) {
      var url = el.getAttribute("data-tribune-count");
      if (url && urls.indexOf(url) < 0) urls.push(url);
    });
    var query = urls.slice(0, 100).map(function (u) { return "url=" + encodeURIComponent(u); });
    fetch(origin + "/api/v1/counts?" + query.join("&"), { credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (body) {
        if (!body) return;
        var byUrl = {};
        body.counts.forEach(function (c) { byUrl[c.url] = c.count; });
        elements.forEach(function (el) {
          var url = el.getAttribute("data-tribune-count");
          if (url in byUrl) el.textContent = label(byUrl[url]);
        });
      })
      .catch(function () { /* counts are decoration: the links still work */ });
  }

  function start() {
    var containers = document.querySelectorAll("#tribune-thread, [data-tribune-thread]");
    Array.prototype.forEach.call(containers, mount);
    counts();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
