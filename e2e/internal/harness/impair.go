package harness

import (
	"math/rand/v2"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Impairment is what a path does to packets: loss, one-way delay with
// jitter, or nothing at all getting through. Safe for concurrent use;
// changes apply to the next packet.
type Impairment struct {
	mu        sync.Mutex
	loss      float64
	delay     time.Duration
	jitter    time.Duration
	blackhole bool

	Passed, Dropped atomic.Uint64
}

// Set sets loss (0..1) and the one-way delay, uniform in delay ± jitter.
func (im *Impairment) Set(loss float64, delay, jitter time.Duration) {
	im.mu.Lock()
	defer im.mu.Unlock()
	im.loss, im.delay, im.jitter = loss, delay, jitter
}

// Blackhole drops every packet while on.
func (im *Impairment) Blackhole(on bool) {
	im.mu.Lock()
	defer im.mu.Unlock()
	im.blackhole = on
}

// fate says whether to drop a packet and how long to hold it.
func (im *Impairment) fate() (drop bool, hold time.Duration) {
	im.mu.Lock()
	defer im.mu.Unlock()
	if im.blackhole || (im.loss > 0 && rand.Float64() < im.loss) {
		im.Dropped.Add(1)
		return true, 0
	}
	im.Passed.Add(1)
	hold = im.delay
	if im.jitter > 0 {
		hold += time.Duration((rand.Float64()*2 - 1) * float64(im.jitter))
	}
	return false, max(0, hold)
}

// impairedConn applies an Impairment to both directions of a PacketConn:
// writes are held (or dropped) before they reach the socket, reads after
// they leave it. Jitter reorders packets, as on a real path.
type impairedConn struct {
	net.PacketConn
	im   *Impairment
	in   chan packet
	done chan struct{}
	once sync.Once
	wg   sync.WaitGroup
}

type packet struct {
	b    []byte
	addr net.Addr
}

func newImpairedConn(c net.PacketConn, im *Impairment) *impairedConn {
	ic := &impairedConn{PacketConn: c, im: im, in: make(chan packet, 4096), done: make(chan struct{})}
	ic.wg.Add(1)
	go ic.readLoop()
	return ic
}

func (ic *impairedConn) readLoop() {
	defer ic.wg.Done()
	buf := make([]byte, 65536)
	for {
		n, addr, err := ic.PacketConn.ReadFrom(buf)
		if err != nil {
			ic.Close()
			return
		}
		drop, hold := ic.im.fate()
		if drop {
			continue
		}
		p := packet{append([]byte(nil), buf[:n]...), addr}
		ic.after(hold, func() {
			select {
			case ic.in <- p:
			default: // the reader is far behind: a full router queue drops
			}
		})
	}
}

// after runs f after d unless the conn closes first.
func (ic *impairedConn) after(d time.Duration, f func()) {
	if d <= 0 {
		f()
		return
	}
	ic.wg.Add(1)
	t := time.NewTimer(d)
	go func() {
		defer ic.wg.Done()
		select {
		case <-t.C:
			f()
		case <-ic.done:
			t.Stop()
		}
	}()
}

func (ic *impairedConn) ReadFrom(b []byte) (int, net.Addr, error) {
	select {
	case p := <-ic.in:
		return copy(b, p.b), p.addr, nil
	case <-ic.done:
		return 0, nil, net.ErrClosed
	}
}

func (ic *impairedConn) WriteTo(b []byte, addr net.Addr) (int, error) {
	select {
	case <-ic.done:
		return 0, net.ErrClosed
	default:
	}
	drop, hold := ic.im.fate()
	if drop {
		return len(b), nil
	}
	p := append([]byte(nil), b...)
	ic.after(hold, func() { _, _ = ic.PacketConn.WriteTo(p, addr) })
	return len(b), nil
}

func (ic *impairedConn) Close() error {
	var err error
	ic.once.Do(func() {
		close(ic.done)
		err = ic.PacketConn.Close()
	})
	return err
}
