// Command calib calibrates a booth's camera rig and checks it: capture,
// intrinsics, extrinsics, report, verify, export and import. Run
// "calib help" for the list; see cloudme.dev/calibration/cmd/calib/internal/calibcli.
package main

import (
	"os"

	"cloudme.dev/calibration/cmd/calib/internal/calibcli"
)

func main() {
	os.Exit(calibcli.Run(os.Args[1:], os.Stdout, os.Stderr))
}
