// Command cloud-reconstruct is the cloud service (serve) and its admin
// commands (token mint, meeting create|list|end). See internal/cli.
package main

import (
	"os"

	"cloudme.dev/cloud-reconstruct/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], os.Stdout, os.Stderr)) }
