// Package headless draws the person with the software rasterizer
// (calibration/raster) through the display's off-axis projection, the same
// projection the kiosk page uses, and writes PNG snapshots: one-off
// (booth-render snapshot), periodic for monitoring, and, with no page, the
// display itself (each model rendered, its display time the moment the
// render finished). When the stream has stopped it draws no person and a
// status line instead.
package headless
