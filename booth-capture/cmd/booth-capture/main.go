// Command booth-capture is the booth agent: cameras in, synchronized,
// segmented frame sets out to the cloud. See internal/cli for the flags.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"cloudme.dev/booth-capture/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Run(ctx, os.Args[1:], os.Stderr)
	stop()
	os.Exit(code)
}
