// A page that moved: go on to its new address, with the '#' part of the link that led here (the paragraph it
// pointed at), which the page's meta refresh, the way there without JavaScript, leaves behind.
(function () {
  var link = document.querySelector("h1 a");
  if (link) location.replace(location.hash ? link.href.split("#")[0] + location.hash : link.href);
})();
