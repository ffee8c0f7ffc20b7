/* The proof of work of a form marked data-proof-of-work="PURPOSE": before it is sent, the
   browser fetches a challenge and finds a nonce such that SHA-256("TOKEN:NONCE") starts with
   the asked number of zero bits (about a second), then sends the form with the answer. */
(function () {
  "use strict";
  var encoder = new TextEncoder();

  function zeroBits(bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { bits += 8; continue; }
      return bits + Math.clz32(bytes[i]) - 24;
    }
    return bits;
  }

  async function solve(token, bits) {
    var batch = 512;
    for (var start = 0; ; start += batch) {
      var tries = [];
      for (var n = start; n < start + batch; n++) {
        tries.push(crypto.subtle.digest("SHA-256", encoder.encode(token + ":" + n)));
      }
      var digests = await Promise.all(tries);
      for (var i = 0; i < digests.length; i++) {
        if (zeroBits(new Uint8Array(digests[i])) >= bits) return String(start + i);
      }
    }
  }

  document.querySelectorAll("form[data-proof-of-work]").forEach(function (form) {
    var answer = form.querySelector('input[name="proof_of_work"]');
    var status = form.querySelector("[data-proof-of-work-status]");
    var sending = false;
    if (status) status.textContent = "";
    form.addEventListener("submit", async function (event) {
      if (!answer || answer.value) return;
      event.preventDefault();
      if (sending) return;
      sending = true;
      if (status) status.textContent = "One moment: your browser is checking that it is not a robot…";
      try {
        var purpose = form.getAttribute("data-proof-of-work");
        var response = await fetch("/api/v1/proof-of-work?purpose=" + encodeURIComponent(purpose),
          { credentials: "same-origin" });
        if (!response.ok) throw new Error("challenge " + response.status);
        var challenge = await response.json();
        answer.value = challenge.token + ":" + (await solve(challenge.token, challenge.bits));
        if (status) status.textContent = "";
        form.submit();
      } catch (e) {
        sending = false;
        if (status) status.textContent = "The check could not run: reload the page and try again.";
      }
    });
  });
})();
