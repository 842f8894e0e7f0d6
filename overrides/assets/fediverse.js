// Share on the reader's own server (Mastodon and the rest of the fediverse, which have no one site): a button
// with data-oc-fediverse (its share address, with {server} for the host) opens the dialog of
// partials/fediverse.html, which asks for the server, keeps it in this browser for next time (the reader can
// change it, or forget it), and opens https://<server>/share... only when the reader confirms. Nothing is
// requested before that. Inlined after column.js, where a network needs it.
(function () {
  "use strict";
  var dialog = document.getElementById("oc-fediverse");
  var buttons = document.querySelectorAll("[data-oc-fediverse]");
  if (!dialog) return;
  if (typeof dialog.showModal !== "function") {
    // A browser from before 2022, without <dialog>: no way to ask, so no button.
    Array.prototype.forEach.call(buttons, function (button) { (button.closest("li") || button).hidden = true; });
    return;
  }
  var STORED = "oc-fediverse-server";
  // A host name: letters, digits and '-' between dots, two labels at least, the last not a number.
  var HOST = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?:[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?|xn--[a-z0-9-]+)$/;
  var input = dialog.querySelector("input");
  var title = dialog.querySelector("h2");
  var message = document.getElementById("oc-fediverse-error");
  var forget = dialog.querySelector("[data-oc-forget]");
  var texts = JSON.parse(document.getElementById("oc-words").textContent);
  var opener = null;

  function stored() {
    try { return localStorage.getItem(STORED) || ""; } catch (e) { return ""; }
  }

  // The server a reader names: "mastodon.social", "@me@mastodon.social", "https://mastodon.social/@me" all
  // name mastodon.social. Null for anything that is not a host name (a port, a user name or a space included).
  function serverOf(value) {
    var text = value.trim().replace(/^@?[^@\s\/]+@(?=[^@\s\/]+$)/, "");
    if (!/^https?:\/\//i.test(text)) text = "https://" + text;
    try {
      var url = new URL(text);
      return !url.port && !url.username && !url.password && HOST.test(url.hostname) ? url.hostname : null;
    } catch (e) {
      return null;
    }
  }

  function say(words, isError) {
    message.textContent = words;
    if (isError) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
  }

  function open(button) {
    opener = button;
    title.textContent = button.getAttribute("aria-label");
    input.value = stored();
    forget.hidden = !input.value;
    say("", false);
    dialog.showModal();
    input.focus();
    input.select();
  }

  Array.prototype.forEach.call(buttons, function (button) {
    button.addEventListener("click", function () { open(button); });
  });

  function go() {
    var written = input.value.trim();
    var server = serverOf(written);
    if (!server) {
      say(written ? texts["fediverse.invalid"].split("{server}").join(written) : texts["fediverse.empty"], true);
      input.focus();
      return;
    }
    try { localStorage.setItem(STORED, server); } catch (e) { /* storage blocked: asked again next time */ }
    var address = opener.getAttribute("data-oc-fediverse").split("{server}").join(server);
    dialog.close();
    window.open(address, "_blank", "noopener,noreferrer");
  }

  dialog.querySelector("[data-oc-go]").addEventListener("click", go);
  input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.isComposing) {
      event.preventDefault();
      go();
    }
  });

  forget.addEventListener("click", function () {
    try { localStorage.removeItem(STORED); } catch (e) { /* nothing was kept */ }
    input.value = "";
    forget.hidden = true;
    say(texts["fediverse.forgotten"], false);
    input.focus();
  });

  dialog.querySelector("[data-oc-cancel]").addEventListener("click", function () { dialog.close(); });

  // Escape closes the dialog (the browser's own cancel): it is not also the passage toolbar's Escape.
  dialog.addEventListener("keydown", function (event) {
    if (event.key === "Escape") event.stopPropagation();
  });

  // Focus goes back to the button that opened the dialog, if it is still shown (the passage toolbar closes
  // when the selection goes).
  dialog.addEventListener("close", function () {
    if (opener && opener.getClientRects().length) opener.focus();
  });
})();
