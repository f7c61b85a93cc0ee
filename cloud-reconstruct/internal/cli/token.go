package cli

import (
	"flag"
	"fmt"
	"io"
	"time"

	"cloudme.dev/cloud-reconstruct/internal/auth"
)

// mint prints a signed token on stdout (and nothing else, so it can be
// captured); the secret comes from a file or an environment variable.
func mint(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("token mint", flag.ContinueOnError)
	fs.SetOutput(stderr)
	secretFile := fs.String("secret-file", "", "file holding the signing secret")
	secretEnv := fs.String("secret-env", "CLOUD_TOKEN_SECRET", "environment variable holding the signing secret")
	subject := fs.String("subject", "", "who the token is for (default: derived from the grants)")
	ttl := fs.Duration("ttl", 12*time.Hour, "lifetime")
	var g auth.Grants
	var meetings, booths multi
	fs.StringVar(&g.Publish, "publish", "", "booth id the bearer may publish as")
	fs.Var(&meetings, "subscribe-meeting", "meeting the bearer may watch (repeatable)")
	fs.Var(&booths, "subscribe-booth", "booth the bearer may watch (repeatable)")
	fs.BoolVar(&g.Operator, "operator", false, "operator grant")
	if err := fs.Parse(args); err != nil {
		return err
	}
	g.SubscribeMeetings, g.SubscribeBooths = meetings, booths
	secret, err := auth.LoadSecret(*secretFile, *secretEnv)
	if err != nil {
		return err
	}
	iss, err := auth.NewIssuer(secret, 0)
	if err != nil {
		return err
	}
	sub := *subject
	if sub == "" {
		switch {
		case g.Publish != "":
			sub = "booth:" + g.Publish
		case g.Operator:
			sub = "operator"
		default:
			sub = "watcher"
		}
	}
	tok, err := iss.Mint(sub, g, *ttl)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(stdout, tok)
	return err
}
