package cli

import (
	"fmt"
	"io"
)

const usage = `usage:
  cloud-reconstruct serve [-config file.yaml] [flags]
  cloud-reconstruct token mint [-secret-file f | -secret-env V] [-subject s] [-ttl 12h] [-publish booth] [-subscribe-meeting m]... [-subscribe-booth b]... [-operator]
  cloud-reconstruct meeting create -id m1 -booth a -booth b   (CLOUD_URL, CLOUD_TOKEN)
  cloud-reconstruct meeting list
  cloud-reconstruct meeting end -id m1
`

// Main runs the command and returns the exit status.
func Main(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch args[0] {
	case "serve":
		err = serve(args[1:], stderr)
	case "token":
		if len(args) < 2 || args[1] != "mint" {
			fmt.Fprint(stderr, usage)
			return 2
		}
		err = mint(args[2:], stdout, stderr)
	case "meeting":
		if len(args) < 2 {
			fmt.Fprint(stderr, usage)
			return 2
		}
		err = meetingCmd(args[1], args[2:], stdout, stderr)
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprint(stderr, usage)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "cloud-reconstruct:", err)
		return 1
	}
	return 0
}

// multi is a repeatable string flag.
type multi []string

func (m *multi) String() string     { return fmt.Sprint([]string(*m)) }
func (m *multi) Set(v string) error { *m = append(*m, v); return nil }
