// Package cli is booth-render's command line: `booth-render [run] flags`
// runs the agent, `booth-render snapshot flags` renders one model file to
// a PNG.
package cli
