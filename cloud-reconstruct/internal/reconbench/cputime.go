package reconbench

import (
	"syscall"
	"time"
)

// processCPU returns the CPU time (user + system) the process has used.
// On a machine shared with other work, wall-clock times measure the
// neighbours too; CPU time per frame says what the engine itself costs.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// loadAverage returns the one-minute load average (0 when unknown), so a
// reader can tell a quiet machine's figures from a busy one's.
func loadAverage() float64 {
	var si syscall.Sysinfo_t
	if err := syscall.Sysinfo(&si); err != nil {
		return 0
	}
	return float64(si.Loads[0]) / 65536
}
