/* Inside the frame that embed.js puts on a newsroom's page: tells the page how tall the
   discussion is, takes the site's look, signs the reader in (a pop-up on Tribune's own origin
   hands over a one-time code; or the newsroom's single sign-on token), and opens links that
   leave the discussion in a new tab rather than inside the frame. */
(function () {
  "use strict";
  if (window.parent === window) return;
  var THEME = ["--tribune-accent", "--tribune-text", "--tribune-background", "--tribune-muted",
    "--tribune-rule", "--tribune-font", "--tribune-font-size", "--tribune-radius", "color-scheme"];
  var signedIn = document.body.getAttribute("data-signed-in") === "true";

  function tell(message) {
    // Only the height and readiness go to the page, never anything about the reader.
    window.parent.postMessage(message, "*");
  }

  function status(text) {
    var el = document.getElementById("frame-status");
    if (el) el.textContent = text;
  }

  var lastHeight = 0;
  function reportHeight() {
    var height = Math.ceil(document.documentElement.getBoundingClientRect().height);
    if (height !== lastHeight) {
      lastHeight = height;
      tell({ type: "tribune:height", height: height });
    }
  }
  if ("ResizeObserver" in window) new ResizeObserver(reportHeight).observe(document.body);
  window.addEventListener("load", reportHeight);
  reportHeight();

  function applyTheme(vars) {
    Object.keys(vars || {}).forEach(function (name) {
      var value = String(vars[name]);
      if (THEME.indexOf(name) < 0 || value.length > 200 || /url\(|expression\(/i.test(value)) return;
      document.documentElement.style.setProperty(name, value);
    });
  }

  function trade(path, body) {
    status("Signing in…");
    return fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    }).then(function (response) {
      if (response.ok) {
        location.reload();
        return;
      }
      return response.json().then(function (error) { status(error.message); });
    }).catch(function () { status("Signing in failed: check your connection and try again."); });
  }

  window.addEventListener("message", function (event) {
    var data = event.data || {};
    if (event.source === window.parent) {
      // The newsroom's page: its look, and its single sign-on token (which Tribune verifies).
      if (data.type === "tribune:theme") applyTheme(data.vars);
      if (data.type === "tribune:sso" && typeof data.token === "string" && !signedIn) {
        trade("/embed/sso", { token: data.token });
      }
      return;
    }
    // The sign-in pop-up: Tribune's own origin only.
    if (event.origin === location.origin && data.type === "tribune:sign-in" &&
        typeof data.code === "string") {
      trade("/embed/session", { code: data.code });
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link) return;
    if (link.hasAttribute("data-frame-sign-in")) {
      event.preventDefault();
      var popup = window.open("/embed/sign-in", "tribune-sign-in", "popup,width=520,height=680");
      if (!popup) status("Allow pop-ups for this site to sign in, or open the discussion on its own page.");
      return;
    }
    var url = new URL(link.href, location.href);
    // Paging, sorting, replying, editing and reporting stay in the frame; anything else
    // (profiles, other articles, links in comments) opens beside the newsroom's page.
    var stays = url.origin === location.origin && (url.pathname === location.pathname ||
      /^\/comments\/\d+\/(edit|report|history)$/.test(url.pathname));
    if (!stays && !link.target) {
      link.target = "_blank";
      link.rel = (link.rel ? link.rel + " " : "") + "noopener";
    }
  });

  tell({ type: "tribune:ready", signedIn: signedIn });
})();
