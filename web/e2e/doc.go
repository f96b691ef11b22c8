// Package e2e holds the playground's end-to-end test: it builds the
// winhttpjs binary, starts `winhttpjs web` on a free loopback port and
// drives the page in headless Chromium (Debian's chromium, through
// playwright-core from web/node_modules) with playground.mjs.
//
// It needs /usr/bin/chromium (apt-get install -y chromium; another path in
// $CHROMIUM) and web/node_modules (cd web && npm ci); without them it fails
// and says so. The screenshot goes to the test's artifact folder:
//
//	go test -artifacts -outputdir /tmp/out ./web/e2e/
package e2e
