package harness

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"sort"
	"strconv"
	"strings"
)

// Samples are one scrape of a Prometheus text endpoint: value by series,
// the series written as name{label="v",...} exactly as exposed.
type Samples map[string]float64

// Scrape reads url's Prometheus text exposition.
func Scrape(ctx context.Context, url string) (Samples, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, fmt.Errorf("harness: scrape %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("harness: scrape %s: %s", url, resp.Status)
	}
	return ParseSamples(io.LimitReader(resp.Body, 16<<20))
}

// ParseSamples parses the Prometheus text format (comments skipped,
// timestamps ignored).
func ParseSamples(r io.Reader) (Samples, error) {
	s := Samples{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" || line[0] == '#' {
			continue
		}
		// The value follows the series; label values may hold spaces, so
		// split after the closing brace when there is one.
		cut := strings.LastIndexByte(line, '}')
		if cut < 0 {
			cut = strings.IndexByte(line, ' ') - 1
			if cut < 0 {
				return nil, fmt.Errorf("harness: metrics line %q", line)
			}
		}
		series, rest := line[:cut+1], strings.Fields(line[cut+1:])
		if len(rest) == 0 {
			return nil, fmt.Errorf("harness: metrics line %q has no value", line)
		}
		v, err := strconv.ParseFloat(rest[0], 64)
		if err != nil {
			return nil, fmt.Errorf("harness: metrics line %q: %v", line, err)
		}
		s[series] = v
	}
	return s, sc.Err()
}

// labelsOf splits name{a="x",b="y"} into name and labels.
func labelsOf(series string) (string, map[string]string) {
	i := strings.IndexByte(series, '{')
	if i < 0 {
		return series, nil
	}
	name, body := series[:i], strings.TrimSuffix(series[i+1:], "}")
	ls := map[string]string{}
	for body != "" {
		eq := strings.IndexByte(body, '=')
		if eq < 0 || eq+1 >= len(body) || body[eq+1] != '"' {
			break
		}
		k := body[:eq]
		j := eq + 2
		var v strings.Builder
		for j < len(body) && body[j] != '"' {
			if body[j] == '\\' && j+1 < len(body) {
				j++
			}
			v.WriteByte(body[j])
			j++
		}
		ls[k] = v.String()
		body = strings.TrimPrefix(body[min(j+1, len(body)):], ",")
	}
	return name, ls
}

// match says whether every label in want has its value in ls.
func match(ls, want map[string]string) bool {
	for k, v := range want {
		if ls[k] != v {
			return false
		}
	}
	return true
}

// Sum adds the series named name whose labels include want.
func (s Samples) Sum(name string, want map[string]string) float64 {
	var t float64
	for series, v := range s {
		n, ls := labelsOf(series)
		if n == name && match(ls, want) {
			t += v
		}
	}
	return t
}

// Values returns the value of name per value of label key (the other
// labels summed).
func (s Samples) Values(name, key string) map[string]float64 {
	out := map[string]float64{}
	for series, v := range s {
		n, ls := labelsOf(series)
		if n == name {
			out[ls[key]] += v
		}
	}
	return out
}

// Sub returns s - prev, series by series (a counter that went down, after
// a restart, counts from zero).
func (s Samples) Sub(prev Samples) Samples {
	d := Samples{}
	for k, v := range s {
		p := prev[k]
		if v < p {
			p = 0
		}
		d[k] = v - p
	}
	return d
}

// Histogram is a cumulative Prometheus histogram.
type Histogram struct {
	Bounds []float64 // upper bounds, ascending, +Inf last
	Counts []float64 // cumulative counts
	Sum    float64
	Count  float64
}

// Histogram assembles histogram name (its _bucket, _sum and _count
// series) over the series whose labels include want, summed.
func (s Samples) Histogram(name string, want map[string]string) Histogram {
	byLE := map[float64]float64{}
	var h Histogram
	for series, v := range s {
		n, ls := labelsOf(series)
		if !match(ls, want) {
			continue
		}
		switch n {
		case name + "_bucket":
			le, err := strconv.ParseFloat(ls["le"], 64)
			if err != nil {
				continue
			}
			byLE[le] += v
		case name + "_sum":
			h.Sum += v
		case name + "_count":
			h.Count += v
		}
	}
	for le := range byLE {
		h.Bounds = append(h.Bounds, le)
	}
	sort.Float64s(h.Bounds)
	for _, le := range h.Bounds {
		h.Counts = append(h.Counts, byLE[le])
	}
	return h
}

// Quantile estimates quantile q in [0, 1] by linear interpolation inside
// the bucket that holds it, as Prometheus's histogram_quantile does; NaN
// when empty. Its resolution is the bucket width.
func (h Histogram) Quantile(q float64) float64 {
	if len(h.Counts) == 0 || h.Counts[len(h.Counts)-1] == 0 {
		return math.NaN()
	}
	total := h.Counts[len(h.Counts)-1]
	rank := q * total
	lo, prev := 0.0, 0.0
	for i, ub := range h.Bounds {
		c := h.Counts[i]
		if c >= rank {
			if math.IsInf(ub, 1) {
				return lo // beyond the last finite bound: its lower edge
			}
			if c == prev {
				return ub
			}
			return lo + (ub-lo)*(rank-prev)/(c-prev)
		}
		lo, prev = ub, c
	}
	return lo
}
