/* The sign-in pop-up of an embedded discussion, once the reader confirmed: hands the one-time
   code to the frame that opened the pop-up (Tribune's own origin only, never the newsroom's
   page), then closes. Opened any other way, it stays and says where to go. */
(function () {
  "use strict";
  var holder = document.getElementById("sign-in-code");
  var code = holder && holder.getAttribute("data-code");
  if (!code || !window.opener) return;
  try {
    window.opener.postMessage({ type: "tribune:sign-in", code: code }, location.origin);
    window.close();
  } catch (e) {
    /* the frame is gone: the page says to return to the article */
  }
})();
