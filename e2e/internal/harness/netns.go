package harness

import (
	"fmt"
	"math/rand/v2"
	"os/exec"
	"strings"
	"sync/atomic"
)

// Netns is a network namespace joined to this host by a veth pair: a
// booth run inside it reaches the cloud over the veth only, so taking the
// host side down cuts its network as an unplugged cable would.
type Netns struct {
	Name   string
	HostIf string
	HostIP string // the host's address on the veth (the cloud's, for the booth)
	NsIP   string // the namespace's address
}

var netnsSeq atomic.Uint32

func ipCmd(args ...string) error {
	out, err := exec.Command("ip", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// NewNetns creates a namespace and its veth pair (needs root and a kernel
// that allows namespaces; the error says why not).
func NewNetns() (*Netns, error) {
	n := netnsSeq.Add(1)
	id := fmt.Sprintf("%d-%d", pid()%100000, n)
	// A random /30 of 10.231.0.0/16: two test runs at once (two
	// sessions' `make test`) almost never pick the same one.
	sub, blk := rand.IntN(256), 4*rand.IntN(64)
	ns := &Netns{Name: "cloudme-e2e-" + id, HostIf: "ce2e" + id,
		HostIP: fmt.Sprintf("10.231.%d.%d", sub, blk+1), NsIP: fmt.Sprintf("10.231.%d.%d", sub, blk+2)}
	peer := "ce2p" + id
	steps := [][]string{
		{"netns", "add", ns.Name},
		{"link", "add", ns.HostIf, "type", "veth", "peer", "name", peer},
		{"link", "set", peer, "netns", ns.Name},
		{"addr", "add", ns.HostIP + "/30", "dev", ns.HostIf},
		{"link", "set", ns.HostIf, "up"},
		{"-n", ns.Name, "addr", "add", ns.NsIP + "/30", "dev", peer},
		{"-n", ns.Name, "link", "set", peer, "up"},
		{"-n", ns.Name, "link", "set", "lo", "up"},
	}
	for _, s := range steps {
		if err := ipCmd(s...); err != nil {
			ns.Close()
			return nil, fmt.Errorf("harness: network namespace: %w", err)
		}
	}
	return ns, nil
}

// SetLink brings the host side of the veth up or down.
func (ns *Netns) SetLink(up bool) error {
	state := "down"
	if up {
		state = "up"
	}
	return ipCmd("link", "set", ns.HostIf, state)
}

// Close deletes the namespace (and with it the veth pair).
func (ns *Netns) Close() {
	_ = ipCmd("link", "del", ns.HostIf)
	_ = ipCmd("netns", "del", ns.Name)
}
