package calibcli

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"go.uber.org/zap"

	"cloudme.dev/calibration/logging"
)

// env is what every subcommand gets: its flags' values, the logger and
// the output streams.
type env struct {
	log    *zap.Logger
	stdout io.Writer
	stderr io.Writer
	json   bool
}

// command is one subcommand: it registers its flags and returns the
// function that runs after parsing.
type command struct {
	summary string
	setup   func(fs *flag.FlagSet) func(e *env) error
}

var commands = map[string]command{
	"capture":    {"grab board images from all cameras of a booth in step, with live coverage feedback", setupCapture},
	"intrinsics": {"calibrate each camera's intrinsics from a folder of board images", setupIntrinsics},
	"extrinsics": {"calibrate the whole rig in one world frame from shared board views", setupExtrinsics},
	"report":     {"judge a calibration session: verdict with advice, coverage and residual plots", setupReport},
	"verify":     {"check a saved rig against fresh images; tell which camera has moved", setupVerify},
	"export":     {"write a rig file as OpenCV YAML or COLMAP text files", setupExport},
	"import":     {"build a rig file from COLMAP text files or OpenCV YAML intrinsics", setupImport},
}

// Run executes the calib command line (arguments without the program
// name). Results go to stdout (JSON with --json), progress and logs to
// stderr. It returns the exit status: 0 on success, 1 on failure (with a
// one-line reason on stderr), 2 on a usage error.
func Run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stderr)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	name := args[0]
	cmd, ok := commands[name]
	if !ok {
		fmt.Fprintf(stderr, "calib: unknown command %q\n", name)
		usage(stderr)
		return 2
	}
	fs := flag.NewFlagSet("calib "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	logCfg := logging.RegisterFlags(fs)
	jsonOut := fs.Bool("json", false, "print machine-readable JSON on stdout")
	run := cmd.setup(fs)
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "calib %s: unexpected argument %q\n", name, fs.Arg(0))
		return 2
	}
	if logCfg.Output == nil {
		logCfg.Output = stderr
	}
	log, err := logging.New(*logCfg)
	if err != nil {
		fmt.Fprintf(stderr, "calib %s: %v\n", name, err)
		return 2
	}
	defer log.Sync() //nolint:errcheck // nothing to do about a failed flush
	e := &env{log: log.Named(name), stdout: stdout, stderr: stderr, json: *jsonOut}
	if err := run(e); err != nil {
		msg := oneLine(err)
		fmt.Fprintf(stderr, "calib %s: %s\n", name, msg)
		if e.json {
			_ = json.NewEncoder(stdout).Encode(map[string]any{"ok": false, "command": name, "error": msg})
		}
		if errors.Is(err, ErrUsage) {
			return 2
		}
		return 1
	}
	return 0
}

// oneLine flattens a (possibly joined) error into one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: calib <command> [flags]   (calib <command> -h for its flags)")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-11s %s\n", n, commands[n].summary)
	}
}

// printJSON writes v as one JSON document on stdout.
func (e *env) printJSON(v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", " ")
	return enc.Encode(v)
}
