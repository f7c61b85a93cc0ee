// Package importrules holds the test that guards the workspace's import
// rules (ARCHITECTURE.md): proto imports neither pion nor gocv nor any other
// module of ours; calibration imports no agent; nothing imports
// cloud-reconstruct; everything cloud-reconstruct and booth-render import
// builds with CGO_ENABLED=0 and never imports gocv; in calibration only the
// board-detection packages and the calib commands may import gocv; the
// end-to-end harness (e2e) imports no agent and no gocv.
//
// It lives in proto, the lowest module, and inspects the whole workspace
// with `go list`, so it needs the go command and the go.work file.
package importrules
