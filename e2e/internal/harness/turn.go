package harness

import (
	"fmt"
	"net"

	"github.com/pion/logging"
	"github.com/pion/turn/v5"
)

// Relay is a TURN server on loopback whose relayed traffic (between the
// relay address and the peers, here the cloud) goes through an
// Impairment: a booth configured relay-only reaches the cloud only
// through it, so its loss, delay and jitter sit on the real packet path.
type Relay struct {
	URL                string // turn:127.0.0.1:port?transport=udp
	Username, Password string
	Impair             *Impairment
	srv                *turn.Server
}

// relayGen allocates impaired relay sockets on loopback.
type relayGen struct {
	turn.RelayAddressGeneratorStatic
	im *Impairment
}

func (g *relayGen) AllocatePacketConn(conf turn.AllocateListenerConfig) (net.PacketConn, net.Addr, error) {
	c, addr, err := g.RelayAddressGeneratorStatic.AllocatePacketConn(conf)
	if err != nil {
		return nil, nil, err
	}
	return newImpairedConn(c, g.im), addr, nil
}

// StartRelay starts the TURN server with fresh credentials.
func StartRelay() (*Relay, error) {
	pc, err := net.ListenPacket("udp4", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &Relay{Username: "booth", Password: randomHex(12), Impair: &Impairment{}}
	const realm = "cloudme.test"
	key := turn.GenerateAuthKey(r.Username, realm, r.Password)
	gen := &relayGen{RelayAddressGeneratorStatic: turn.RelayAddressGeneratorStatic{RelayAddress: net.ParseIP("127.0.0.1"), Address: "127.0.0.1"}, im: r.Impair}
	srv, err := turn.NewServer(turn.ServerConfig{
		Realm:         realm,
		LoggerFactory: logging.NewDefaultLoggerFactory(),
		AuthHandler: func(ra *turn.RequestAttributes) (string, []byte, bool) {
			if ra.Username != r.Username {
				return "", nil, false
			}
			return ra.Username, key, true
		},
		PacketConnConfigs: []turn.PacketConnConfig{{PacketConn: pc, RelayAddressGenerator: gen}},
	})
	if err != nil {
		_ = pc.Close()
		return nil, fmt.Errorf("harness: TURN server: %w", err)
	}
	r.srv = srv
	r.URL = fmt.Sprintf("turn:%s?transport=udp", pc.LocalAddr())
	return r, nil
}

// Close stops the server and its relays.
func (r *Relay) Close() error { return r.srv.Close() }
