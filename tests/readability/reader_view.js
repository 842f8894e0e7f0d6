// What Firefox's Reader View makes of a page: Mozilla's Readability on jsdom, as tests/test_extractors.py
// runs it. Usage: node reader_view.js PAGE.html URL; prints one JSON object (Readability's parse() result
// plus isProbablyReaderable) on stdout. jsdom runs no script and fetches nothing.
"use strict";
const fs = require("fs");
const { JSDOM } = require("jsdom");
const { Readability, isProbablyReaderable } = require("@mozilla/readability");

const [file, url] = process.argv.slice(2);
const { document } = new JSDOM(fs.readFileSync(file, "utf8"), { url }).window;
const readerable = isProbablyReaderable(document);
const article = new Readability(document).parse();
process.stdout.write(JSON.stringify({ readerable, ...article }));
