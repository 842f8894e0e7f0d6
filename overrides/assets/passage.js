// Share a passage: selecting words in the column's paragraphs opens a small toolbar (copy a link to the
// passage, share it on the networks that take a quote, the native share sheet). The link is the canonical
// URL, the paragraph's id and a text directive (#id:~:text=...) that matches the selected words and
// nothing else on the page: browsers with text fragments scroll to and highlight them, others land on
// the paragraph. column.js loads this file on the first selection in the column's paragraphs.
(function () {
  "use strict";
  var PARAGRAPHS = ".oc-standfirst[id], .oc-body > p[id]";
  var EXACT_MAX = 300; // longer passages, and passages across paragraphs, are named by first and last words
  var MAX_WORDS = 10; // the most words a start, end, prefix or suffix grows to before giving up
  var SKIP = /^(SCRIPT|STYLE|NOSCRIPT|TEMPLATE|TEXTAREA|INPUT|SELECT|IFRAME|OBJECT|VIDEO|AUDIO|svg)$/;

  // --- The page's text as a browser searches it for a text directive ----------------------------------
  // Visible text nodes, whitespace collapsed, "\n" at every block boundary (a search term never crosses
  // one; the whitespace before a suffix or after a prefix may).

  function collapse(data, afterSpace) {
    var out = data.replace(/[ \t\n\r\f]+/g, " ");
    return afterSpace && out.charAt(0) === " " ? out.slice(1) : out;
  }

  function readText(root) {
    var model = { text: "", nodes: [] };
    function boundary() {
      if (model.text && model.text.slice(-1) !== "\n") model.text += "\n";
    }
    function walk(element, visible) {
      for (var node = element.firstChild; node; node = node.nextSibling) {
        if (node.nodeType === 3 && visible) {
          var afterSpace = !model.text || /\s$/.test(model.text);
          var part = collapse(node.data, afterSpace);
          if (part) {
            model.nodes.push({ node: node, start: model.text.length, afterSpace: afterSpace });
            model.text += part;
          }
        } else if (node.nodeType === 1 && !SKIP.test(node.tagName)) {
          var style = getComputedStyle(node);
          if (style.display === "none") continue;
          var block = node.tagName === "BR" || !/^(inline|contents)/.test(style.display);
          if (block) boundary();
          walk(node, style.visibility === "visible");
          if (block) boundary();
        }
      }
    }
    walk(root, true);
    return model;
  }

  // Where a DOM boundary point falls in the text: for a start, the first text at or after it; for an end,
  // the last text before it.
  function offsetOf(model, container, offset, isEnd) {
    var point = document.createRange();
    point.setStart(container, offset);
    var found = isEnd ? 0 : model.text.length;
    for (var i = 0; i < model.nodes.length; i++) {
      var entry = model.nodes[i];
      if (entry.node === container) {
        return entry.start + collapse(entry.node.data.slice(0, offset), entry.afterSpace).length;
      }
      var after = point.comparePoint(entry.node, 0) > 0;
      if (!isEnd && after) return entry.start;
      if (isEnd && after) break;
      if (isEnd) found = entry.start + collapse(entry.node.data, entry.afterSpace).length;
    }
    return found;
  }

  function nodeAt(model, position) {
    var found = null;
    for (var i = 0; i < model.nodes.length && model.nodes[i].start <= position; i++) found = model.nodes[i].node;
    return found;
  }

  // Browsers match text directives ignoring case and accents: compare folded text, one code unit for one.
  function fold(text) {
    return text.replace(/[\s\S]/g, function (ch) {
      var base = ch === "\u00a0" ? " " : ch.normalize("NFD").charAt(0).toLowerCase();
      return base.length === 1 ? base : ch;
    });
  }

  // Words as the browser's word breaker sees them ("2,000" and "Syria’s" are one word each); a term must
  // start and end on a word boundary.
  function words(text) {
    var found = { starts: [], ends: [], bounds: {} };
    var segments = [];
    if (window.Intl && Intl.Segmenter) {
      var segmenter = new Intl.Segmenter(document.documentElement.lang || undefined, { granularity: "word" });
      for (var part of segmenter.segment(text)) segments.push([part.index, part.segment, part.isWordLike]);
    } else {
      // Browsers from before Intl.Segmenter (2020-2024, by engine): close to its word breaker for most
      // text. RegExp() rather than a literal, so that an engine without \p{} still runs the toolbar.
      var pattern = /\w+|[\s\S]/g;
      var wordLike = /\w/;
      try {
        pattern = new RegExp("[\\p{L}\\p{N}\\p{M}]+(?:['\u2019.][\\p{L}\\p{M}]+|[.,]\\p{N}+)*|[\\s\\S]", "gu");
        wordLike = new RegExp("[\\p{L}\\p{N}]", "u");
      } catch (error) { /* ASCII words, then */ }
      for (var match; (match = pattern.exec(text)); ) segments.push([match.index, match[0], wordLike.test(match[0])]);
    }
    segments.forEach(function (segment) {
      found.bounds[segment[0]] = true;
      if (segment[2]) {
        found.starts.push(segment[0]);
        found.ends.push(segment[0] + segment[1].length);
      }
    });
    found.bounds[text.length] = true;
    return found;
  }

  // The end of the n-th word after `from`, not past `limit` (fewer words if there are fewer).
  function wordsAfter(w, from, n, limit) {
    var end = from;
    for (var i = 0; i < w.starts.length && n > 0; i++) {
      if (w.starts[i] < from) continue;
      if (w.ends[i] > limit) break;
      end = w.ends[i];
      n--;
    }
    return end;
  }

  // The start of the n-th word before `from`, not before `limit`.
  function wordsBefore(w, from, n, limit) {
    var start = from;
    for (var i = w.ends.length - 1; i >= 0 && n > 0; i--) {
      if (w.ends[i] > from) continue;
      if (w.starts[i] < limit) break;
      start = w.starts[i];
      n--;
    }
    return start;
  }

  // Every range the directive matches, as the text-directive algorithm finds them: each occurrence of
  // the start (right after the prefix, if any) up to the first end after it (then the suffix, if any).
  function matches(folded, w, d) {
    var found = [];
    function bound(i) {
      return w.bounds[i] === true;
    }
    function skipSpace(i, step) {
      while (/[ \n]/.test(folded.charAt(step < 0 ? i - 1 : i))) i += step;
      return i;
    }
    function suffixAt(i) {
      i = skipSpace(i, 1);
      return folded.startsWith(d.suffix, i) && bound(i + d.suffix.length);
    }
    var mustEndOnBound = !!d.end || !d.suffix;
    for (var i = folded.indexOf(d.start); i >= 0; i = folded.indexOf(d.start, i + 1)) {
      if (d.prefix) {
        var before = skipSpace(i, -1);
        var p = before - d.prefix.length;
        if (p < 0 || folded.slice(p, before) !== d.prefix || !bound(p)) continue;
      } else if (!bound(i)) continue;
      var end = i + d.start.length;
      if (mustEndOnBound && !bound(end)) continue;
      if (d.end) {
        for (var k = folded.indexOf(d.end, end); k >= 0; k = folded.indexOf(d.end, k + 1)) {
          var last = k + d.end.length;
          if (!bound(k) || (!d.suffix && !bound(last)) || (d.suffix && !suffixAt(last))) continue;
          found.push([i, last]);
          break;
        }
      } else if (!d.suffix || suffixAt(end)) {
        found.push([i, end]);
      }
    }
    return found;
  }

  function encodeTerm(term) {
    return encodeURIComponent(term).replace(/-/g, "%2D");
  }

  // The passage a range of the page selects, in whole words: {text, start, end (its first and last text
  // nodes), directive ("text=...")}, or null when it holds no word. The directive is null when none with up
  // to MAX_WORDS words of context matches the passage alone.
  function textDirective(range, root) {
    var model = readText(root || document.body);
    var text = model.text;
    var w = words(text);
    var s = offsetOf(model, range.startContainer, range.startOffset, false);
    var e = offsetOf(model, range.endContainer, range.endOffset, true);
    // Whole words only (a directive cannot start or end inside one), no whitespace at either end, and no
    // paragraph that the passage touches with punctuation only.
    while (s > 0 && !w.bounds[s]) s--;
    while (e < text.length && !w.bounds[e]) e++;
    for (var cut = 0; cut >= 0; ) {
      while (s < e && /\s/.test(text.charAt(s))) s++;
      while (e > s && /\s/.test(text.charAt(e - 1))) e--;
      cut = text.indexOf("\n", s);
      if (cut >= 0 && cut < e && wordsAfter(w, s, 1, cut) === s) s = cut;
      else if ((cut = text.lastIndexOf("\n", e - 1)) >= s && wordsBefore(w, e, 1, cut) === e) e = cut;
      else cut = -1;
    }
    if (wordsAfter(w, s, 1, e) === s) return null;
    var passage = { text: text.slice(s, e), start: nodeAt(model, s), end: nodeAt(model, e - 1), directive: null };

    var folded = fold(text);
    var exact = passage.text.indexOf("\n") < 0 && e - s <= EXACT_MAX;
    var firstBlockEnd = text.indexOf("\n", s);
    if (firstBlockEnd < 0 || firstBlockEnd > e) firstBlockEnd = e;
    var lastBlockStart = Math.max(text.lastIndexOf("\n", e - 1) + 1, s);
    // Context is the words right before and after the passage, across a block boundary if need be (only
    // whitespace may separate them from it), each within one block.
    var beforeStart = s;
    while (beforeStart > 0 && /[ \n]/.test(text.charAt(beforeStart - 1))) beforeStart--;
    var afterEnd = e;
    while (afterEnd < text.length && /[ \n]/.test(text.charAt(afterEnd))) afterEnd++;
    var blockStart = text.lastIndexOf("\n", beforeStart - 1) + 1;
    var blockEnd = text.indexOf("\n", afterEnd);
    if (blockEnd < 0) blockEnd = text.length;

    // Grow the context (a prefix, a suffix, then both), and for each the start and end words, until the
    // directive matches the passage alone.
    var contexts = [[0, 0]];
    for (var k = 1; k <= MAX_WORDS; k++) contexts.push([k, 0], [0, k], [k, k]);
    for (var c = 0, tried = {}; c < contexts.length; c++) {
      var p = wordsBefore(w, beforeStart, contexts[c][0], blockStart);
      var q = wordsAfter(w, afterEnd, contexts[c][1], blockEnd);
      if (tried[p + ":" + q]) continue; // no more context on that side
      tried[p + ":" + q] = true;
      for (var n = 1; n <= (exact ? 1 : MAX_WORDS); n++) {
        var a = exact ? e : wordsAfter(w, s, n, firstBlockEnd);
        var b = exact ? e : wordsBefore(w, e, n, Math.max(lastBlockStart, a));
        var d = {
          prefix: p < beforeStart ? [p, beforeStart] : null,
          start: [s, a],
          end: exact || b >= e ? null : [b, e],
          suffix: q > afterEnd ? [afterEnd, q] : null
        };
        var terms = {};
        for (var key in d) terms[key] = d[key] && folded.slice(d[key][0], d[key][1]);
        if (!exact && !terms.end) continue;
        var found = matches(folded, w, terms);
        if (found.length === 1 && found[0][0] === s && found[0][1] === e) {
          var parts = [];
          if (d.prefix) parts.push(encodeTerm(text.slice(p, beforeStart)) + "-");
          parts.push(encodeTerm(text.slice(s, a)));
          if (d.end) parts.push(encodeTerm(text.slice(b, e)));
          if (d.suffix) parts.push("-" + encodeTerm(text.slice(afterEnd, q)));
          passage.directive = "text=" + parts.join(",");
          return passage;
        }
        if (!exact && a >= b) break; // start and end met: longer terms add nothing
      }
    }
    return passage;
  }

  // For the tests: the generator alone, on any page.
  window.ocTextDirective = textDirective;

  // --- The toolbar -----------------------------------------------------------------------------------
  var toolbar = document.querySelector("[data-oc-passage]");
  if (!toolbar || !window.getSelection) return;
  var pageUrl = toolbar.getAttribute("data-oc-url");
  var author = toolbar.getAttribute("data-oc-author");
  var title = toolbar.getAttribute("data-oc-title");
  var copyButton = toolbar.querySelector("[data-oc-passage-copy]");
  var shareButton = toolbar.querySelector("[data-oc-passage-share]");
  var announce = window.ocAnnounce; // column.js's, which loaded this file
  // The words this script says, in the site's language, from the page's data block (column.html).
  var texts = JSON.parse(document.getElementById("oc-words").textContent);
  var coarse = window.matchMedia("(pointer: coarse)");
  var pointerType = null; // how the reader last pressed: "mouse", "touch" or "pen"
  // What a touch screen's own selection UI takes, in CSS pixels: the handles hang below the selection's end
  // (Android's drop-shaped ones most); the menu (Copy, Look up, ...) sits above the selection, or below it
  // when there is no room above (Android's floating toolbar is 48 dp tall, iOS's edit menu about 44 pt).
  var HANDLES = 28;
  var SYSTEM_MENU = 64;
  // Between the toolbar and the selection, or past the handles by touch: Material Design's least space between
  // two touch targets, so that a finger aimed at a handle's foot does not land on the first button.
  var GAP = 8;
  var current = null; // {link, quote, exact, range}
  var dismissed = null; // the link of a passage Escape closed: not reopened until the selection changes
  var returnFocus = null;
  var tabToToolbar = false; // the next Tab goes to the toolbar: once for each new passage
  var pointerDown = false;
  var timer;

  function paragraphOf(node) {
    var element = node && (node.nodeType === 1 ? node : node.parentElement);
    return element && element.closest(PARAGRAPHS);
  }

  function items() {
    return Array.prototype.filter.call(toolbar.querySelectorAll("button, a"), function (item) {
      return item.getClientRects().length > 0;
    });
  }

  // The quote in the language's quotation marks with the author's name (the link follows it).
  function quoteOf(text) {
    var parts = { quote: text, author: author };
    return texts["passage.quote"].replace(/\{(quote|author)\}/g, function (match, name) { return parts[name]; });
  }

  function graphemes(text) {
    if (!window.Intl || !Intl.Segmenter) return Array.from(text); // code points: never fewer than graphemes
    return Array.from(new Intl.Segmenter(undefined, { granularity: "grapheme" }).segment(text), function (part) {
      return part.segment;
    });
  }

  // The length, in graphemes, of the longest value in a link's query: what a network with a limit counts.
  function longest(href) {
    var query = href.split("#")[0].split("?")[1] || "";
    return Math.max.apply(null, query.split("&").map(function (pair) {
      return graphemes(decodeURIComponent(pair.slice(pair.indexOf("=") + 1))).length;
    }));
  }

  // A network's link to the passage. Where its posts take at most `max` characters (data-oc-max: Bluesky's 300,
  // counted as graphemes), the passage is cut short with "…", at the end of a word where one ends before the
  // cut, until the post fits; the build shortens the headline the same way (hooks/column/sharing.py).
  function quoteLink(template, max, text, link) {
    var chars = graphemes(text);
    for (var keep = chars.length; ; keep--) {
      var cut = chars.slice(0, keep).join("");
      if (keep < chars.length) {
        if (!/\s/.test(chars[keep]) && /\S\s+\S*$/.test(cut)) cut = cut.replace(/\s+\S*$/, "");
        cut = cut.replace(/[\s,;:]+$/, "") + "\u2026";
      }
      var href = template.split("{text}").join(encodeURIComponent(quoteOf(cut))).split("{url}").join(encodeURIComponent(link));
      if (!max || keep === 0 || longest(href) <= max) return href;
      if (keep === chars.length) keep = Math.max(1, keep - (longest(href) - max));
    }
  }

  function fill(passage) {
    var link = pageUrl + "#" + encodeURIComponent(passage.paragraph.id) + (passage.directive ? ":~:" + passage.directive : "");
    current = { link: link, quote: quoteOf(passage.text), exact: !!passage.directive };
    Array.prototype.forEach.call(toolbar.querySelectorAll("[data-oc-quote]"), function (item) {
      var max = Number(item.getAttribute("data-oc-max")) || 0;
      var href = quoteLink(item.getAttribute("data-oc-quote"), max, passage.text, link);
      // A network on the reader's own server: fediverse.js asks for it, then opens this address.
      if (item.hasAttribute("data-oc-fediverse")) item.setAttribute("data-oc-fediverse", href);
      else item.href = href;
    });
  }

  // With a mouse: above the selection where there is room, else below it. By touch: below the selection,
  // clear of its handles, since the system's menu sits above it; below that menu too when the menu has no
  // room above and goes below; and above the selection and the menu when nothing fits below in view.
  function place(range) {
    var rects = Array.prototype.filter.call(range.getClientRects(), function (r) { return r.width && r.height; });
    var first = rects[0] || range.getBoundingClientRect();
    var last = rects[rects.length - 1] || first;
    var height = toolbar.offsetHeight;
    var width = toolbar.offsetWidth;
    // The part of the page in view (the visual viewport, which a pinch zoom or a keyboard makes smaller).
    var view = window.visualViewport;
    var viewTop = view ? view.offsetTop : 0;
    var viewBottom = view ? view.offsetTop + view.height : window.innerHeight;
    var touch = pointerType ? pointerType !== "mouse" : coarse.matches;
    var below, top;
    if (touch) {
      var menuBelow = first.top - SYSTEM_MENU < viewTop;
      below = last.bottom + HANDLES + GAP + (menuBelow ? SYSTEM_MENU : 0);
      var above = first.top - (menuBelow ? 0 : SYSTEM_MENU) - GAP - height;
      var inView = function (y) { return y >= viewTop + GAP && y + height <= viewBottom - GAP; };
      top = inView(below) || !inView(above) ? below : above;
    } else {
      below = first.top - viewTop < height + 2 * GAP;
      top = below ? last.bottom + GAP : first.top - height - GAP;
    }
    var anchor = top > first.top ? last : first;
    var viewWidth = document.documentElement.clientWidth;
    var left = Math.max(GAP, Math.min(anchor.left + anchor.width / 2 - width / 2, viewWidth - width - GAP));
    toolbar.style.top = top + window.scrollY + "px";
    toolbar.style.left = left + window.scrollX + "px";
  }

  function open(range) {
    var wasHidden = toolbar.hidden;
    toolbar.hidden = false;
    current.range = range.cloneRange();
    place(range);
    if (wasHidden) {
      items().forEach(function (item, i) { item.tabIndex = i ? -1 : 0; });
      copyButton.classList.remove("oc-done");
    }
  }

  function close(restoreFocus) {
    if (toolbar.hidden) return;
    var hadFocus = toolbar.contains(document.activeElement);
    toolbar.hidden = true;
    if (restoreFocus && hadFocus) {
      if (returnFocus && returnFocus !== document.body && document.contains(returnFocus)) returnFocus.focus();
      else document.activeElement.blur();
      if (current && current.range) {
        var selection = window.getSelection();
        selection.removeAllRanges();
        selection.addRange(current.range);
      }
    }
    returnFocus = null;
  }

  function update() {
    var selection = window.getSelection();
    if (!selection.rangeCount || selection.isCollapsed) {
      dismissed = null;
      return close(false);
    }
    var range = selection.getRangeAt(0);
    var passage = null;
    if (paragraphOf(range.startContainer) || paragraphOf(range.endContainer)) passage = textDirective(range);
    if (passage) passage.paragraph = paragraphOf(passage.start);
    if (!passage || !passage.paragraph || !paragraphOf(passage.end)) return close(false);
    var previous = current && current.link;
    fill(passage);
    if (dismissed === current.link) return;
    dismissed = null;
    if (toolbar.hidden || current.link !== previous) tabToToolbar = true;
    open(range);
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 150);
  }

  document.addEventListener("selectionchange", function () {
    if (!pointerDown) schedule();
  });
  document.addEventListener("pointerdown", function (event) {
    pointerType = event.pointerType || null;
    if (toolbar.contains(event.target)) return;
    pointerDown = true;
    close(false);
  });
  ["pointerup", "pointercancel"].forEach(function (type) {
    document.addEventListener(type, function () {
      pointerDown = false;
      schedule();
    });
  });
  // Keep the selection when the toolbar is clicked.
  toolbar.addEventListener("mousedown", function (event) { event.preventDefault(); });
  window.addEventListener("resize", function () {
    if (!toolbar.hidden && current) place(current.range);
  });

  document.addEventListener("keydown", function (event) {
    if (toolbar.hidden) return;
    var inside = toolbar.contains(document.activeElement);
    if (event.key === "Escape") {
      dismissed = current && current.link;
      close(true);
      event.preventDefault();
    } else if (event.key === "Tab" && !event.shiftKey && !inside) {
      // The toolbar is the next stop after the selection (as it is now, not as it was 150 ms ago); once
      // Tab has left it, Tab goes on through the page until the passage changes.
      window.clearTimeout(timer);
      update();
      if (toolbar.hidden || !tabToToolbar) return;
      tabToToolbar = false;
      returnFocus = document.activeElement;
      items()[0].focus();
      event.preventDefault();
    } else if (inside && /^(ArrowRight|ArrowLeft|ArrowDown|ArrowUp|Home|End)$/.test(event.key)) {
      var list = items();
      var index = list.indexOf(document.activeElement);
      var next = { Home: 0, End: list.length - 1 }[event.key];
      // The arrow that points along the toolbar moves on: right to left in a right-to-left page.
      var forward = getComputedStyle(toolbar).direction === "rtl" ? /Left|Down/ : /Right|Down/;
      if (next === undefined) next = (index + (forward.test(event.key) ? 1 : -1) + list.length) % list.length;
      list[index].tabIndex = -1;
      list[next].tabIndex = 0;
      list[next].focus();
      event.preventDefault();
    }
  });

  copyButton.addEventListener("click", function () {
    if (!current) return;
    var message = current.exact ? texts["passage.copied"] : texts["passage.paragraph_copied"];
    var done = function () {
      copyButton.classList.add("oc-done");
      announce(message);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(current.link).then(done, function () {
        announce(texts["passage.copy_refused"]);
      });
    } else {
      announce(texts["passage.copy_unsupported"]);
    }
  });

  schedule(); // the selection that loaded this file

  if (shareButton && navigator.share) {
    shareButton.addEventListener("click", function () {
      if (!current) return;
      navigator.share({ title: title, text: current.quote, url: current.link }).catch(function (error) {
        if (!error || error.name !== "AbortError") announce(texts["passage.share_failed"]);
      });
    });
  }
})();
