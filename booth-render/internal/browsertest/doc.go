// Package browsertest holds the real-browser test of the kiosk page:
// headless Chromium (SwiftShader WebGL2) loads the page, receives a model
// over the websocket and draws it, and the screenshot is compared with the
// software rasterizer's image of the same model through the same display
// projection. It has no code outside its tests.
package browsertest
