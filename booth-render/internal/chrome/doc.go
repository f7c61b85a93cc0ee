// Package chrome starts Chromium: full screen on the kiosk page under a
// supervisor that restarts it when it dies (--kiosk), and headless with a
// minimal Chrome DevTools protocol client (over gorilla/websocket) for the
// real-browser test and the page frame-rate benchmark.
package chrome
