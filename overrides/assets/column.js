// Progressive enhancements for the column page: the theme toggle, "copy link", the native share sheet,
// and the loader of the passage toolbar. Without this script the page reads the same and every share
// link works. theme-init.js (inlined in <head>) has already applied a stored theme and shown the controls
// this script drives.
(function () {
  "use strict";
  var root = document.documentElement;
  var systemDark = window.matchMedia("(prefers-color-scheme: dark)");
  var status = document.querySelector("[data-oc-status]");
  // The words this script says, in the site's language: the page carries them as data (column.html).
  var wordsBlock = document.getElementById("oc-words");
  var texts = wordsBlock ? JSON.parse(wordsBlock.textContent) : {};

  function announce(message) {
    if (!status) return;
    // Emptied first so that the same message twice is still read out.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = message; }, 60);
  }
  // passage.js, which this script loads, says its messages the same way.
  window.ocAnnounce = announce;

  // Theme: the system setting by default; a choice that differs from it is remembered.
  // "button": <html> carries data-oc-theme too once a choice is stored, and comes first in the document.
  var toggle = document.querySelector("button[data-oc-theme]");
  function systemTheme() { return systemDark.matches ? "dark" : "light"; }
  function currentTheme() { return root.getAttribute("data-oc-theme") || systemTheme(); }
  function showTheme() { if (toggle) toggle.setAttribute("aria-pressed", String(currentTheme() === "dark")); }
  if (toggle) {
    toggle.addEventListener("click", function () {
      var next = currentTheme() === "dark" ? "light" : "dark";
      try {
        if (next === systemTheme()) localStorage.removeItem("oc-theme");
        else localStorage.setItem("oc-theme", next);
      } catch (e) { /* storage blocked: the choice lasts for this page view */ }
      if (next === systemTheme()) root.removeAttribute("data-oc-theme");
      else root.setAttribute("data-oc-theme", next);
      showTheme();
    });
    // addListener: Safari before 14 has no addEventListener on media queries.
    if (systemDark.addEventListener) systemDark.addEventListener("change", showTheme);
    else if (systemDark.addListener) systemDark.addListener(showTheme);
    showTheme();
  }

  // Copy link: the clipboard where the browser allows it, else the address is selected for the reader.
  var copy = document.querySelector("[data-oc-copy]");
  var address = document.querySelector(".oc-share__address");
  function selectAddress() {
    var range = document.createRange();
    range.selectNodeContents(address);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    announce(texts["share.selected"]);
  }
  if (copy) {
    copy.addEventListener("click", function () {
      var url = copy.getAttribute("data-oc-copy");
      if (!navigator.clipboard || !navigator.clipboard.writeText) { selectAddress(); return; }
      navigator.clipboard.writeText(url).then(function () {
        copy.classList.add("oc-done");
        window.setTimeout(function () { copy.classList.remove("oc-done"); }, 2000);
        announce(texts["share.copied"]);
      }, selectAddress);
    });
  }

  // The passage toolbar's code (passage.js, a file of the site) loads on the first selection in the
  // column's paragraphs: most readers never select, and the first view stays one request.
  var passage = document.querySelector("[data-oc-passage]");
  function loadPassage() {
    var selection = window.getSelection();
    var node = selection.rangeCount && !selection.isCollapsed && selection.anchorNode;
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    if (!element || !element.closest(".oc-standfirst, .oc-body")) return;
    document.removeEventListener("selectionchange", loadPassage);
    var script = document.createElement("script");
    script.src = passage.getAttribute("data-oc-script");
    document.head.appendChild(script);
  }
  if (passage && window.getSelection) document.addEventListener("selectionchange", loadPassage);

  // Native share sheet, where the browser has one (the button is shown only then).
  var share = document.querySelector("[data-oc-share]");
  if (share && navigator.share) {
    share.addEventListener("click", function () {
      navigator.share({
        title: share.getAttribute("data-oc-title"),
        url: share.getAttribute("data-oc-url")
      }).catch(function (error) {
        // AbortError: the reader closed the sheet. Anything else: the link is still there to copy.
        if (!error || error.name !== "AbortError") selectAddress();
      });
    });
  }
})();
