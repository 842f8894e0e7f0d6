"""Chromium's command-line flags for every headless run here: the browser tests, `make screenshots` and
`make bench`. In bench/ because the benchmark must not import from the tests; the tests import it from here."""

# Without the background-networking flags Chromium keeps trying hosts it must never reach (an offline test
# fails, a benchmark run gets noise); --no-sandbox because CI containers run as root.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
