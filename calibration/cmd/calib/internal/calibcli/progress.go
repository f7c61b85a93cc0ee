package calibcli

import (
	"fmt"
	"io"
	"os"
	"strings"
	"sync"
)

// progress shows how far a long job is: a redrawn bar on a terminal, plain
// lines at every tenth otherwise. It is safe for concurrent use.
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	label    string
	total    int
	done     int
	tty      bool
	lastTick int
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func newProgress(w io.Writer, label string, total int) *progress {
	p := &progress{w: w, label: label, total: total, tty: isTerminal(w), lastTick: -1}
	p.draw()
	return p
}

// Add marks n more items done.
func (p *progress) Add(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.done += n
	p.draw()
}

// Finish ends the bar's line.
func (p *progress) Finish() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.tty {
		fmt.Fprintln(p.w)
	}
}

func (p *progress) draw() {
	if p.total <= 0 {
		return
	}
	frac := float64(p.done) / float64(p.total)
	if p.tty {
		const width = 30
		n := int(frac * width)
		fmt.Fprintf(p.w, "\r%s [%s%s] %d/%d", p.label, strings.Repeat("=", n), strings.Repeat(" ", width-n), p.done, p.total)
		return
	}
	tick := int(frac * 10)
	if tick != p.lastTick {
		p.lastTick = tick
		fmt.Fprintf(p.w, "%s: %d/%d\n", p.label, p.done, p.total)
	}
}
