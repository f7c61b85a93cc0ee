package engine

import (
	"sync"
	"sync/atomic"
)

// parallelFor splits [0, n) into one contiguous range per worker and runs
// fn(w, lo, hi) for each on its own goroutine (inline for one worker).
func parallelFor(n, workers int, fn func(w, lo, hi int)) {
	if workers > n {
		workers = n
	}
	if workers <= 1 {
		if n > 0 {
			fn(0, 0, n)
		}
		return
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := n*w/workers, n*(w+1)/workers
		wg.Add(1)
		go func() {
			defer wg.Done()
			fn(w, lo, hi)
		}()
	}
	wg.Wait()
}

// parallelEach runs fn(w, i) for every i in [0, n), handing items out one
// at a time (for uneven items such as cameras).
func parallelEach(n, workers int, fn func(w, i int)) {
	if workers > n {
		workers = n
	}
	if workers <= 1 {
		for i := 0; i < n; i++ {
			fn(0, i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				fn(w, i)
			}
		}()
	}
	wg.Wait()
}

// parallelChunks splits [0, n) into chunks of size chunk and hands them
// to the workers as they come free (balancing uneven work); fn gets the
// chunk's number, so results can be gathered in order.
func parallelChunks(n, chunk, workers int, fn func(c, lo, hi int)) {
	chunks := (n + chunk - 1) / chunk
	if workers > chunks {
		workers = chunks
	}
	var next atomic.Int64
	work := func() {
		for {
			c := int(next.Add(1) - 1)
			if c >= chunks {
				return
			}
			fn(c, c*chunk, min(n, (c+1)*chunk))
		}
	}
	if workers <= 1 {
		work()
		return
	}
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work()
		}()
	}
	wg.Wait()
}
