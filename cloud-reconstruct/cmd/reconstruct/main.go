// Command reconstruct builds one coloured mesh per frame from a
// synthetic-booth dataset or a Middlebury multi-view folder and writes
// them as PLY and binary glTF. See reconcli for the flags.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"go.uber.org/zap"

	"cloudme.dev/calibration/logging"
	"cloudme.dev/cloud-reconstruct/internal/engine/reconcli"
)

func main() {
	fs := flag.NewFlagSet("reconstruct", flag.ExitOnError)
	logCfg := logging.RegisterFlags(fs)
	opts := reconcli.RegisterFlags(fs)
	_ = fs.Parse(os.Args[1:])
	log, err := logging.New(*logCfg)
	if err != nil {
		fmt.Fprintln(os.Stderr, "reconstruct:", err)
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if err := reconcli.Run(ctx, opts, log.Named("reconstruct")); err != nil {
		log.Error("reconstruct failed", zap.Error(err))
		os.Exit(1)
	}
}
