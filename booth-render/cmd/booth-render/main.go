// Command booth-render shows the remote person at true scale on this
// booth's screen: see `booth-render -h` and `booth-render snapshot -h`.
package main

import (
	"os"

	"cloudme.dev/booth-render/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stderr)) }
