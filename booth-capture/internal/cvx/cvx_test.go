package cvx

import "testing"

func TestSetNumThreads(t *testing.T) {
	old := NumThreads()
	defer SetNumThreads(old)
	SetNumThreads(1)
	if got := NumThreads(); got != 1 {
		t.Fatalf("threads %d after setting 1", got)
	}
}
