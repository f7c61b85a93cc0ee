package link

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"syscall"
	"time"

	"github.com/pion/webrtc/v4"
	"go.uber.org/zap"
)

// DialParams say where and as whom an agent connects.
type DialParams struct {
	// URL of the cloud's session endpoint, e.g.
	// http://cloud:8080/v1/sessions/publish/booth-a.
	URL string
	// Token is the bearer token carrying the agent's grant. It is sent in
	// the Authorization header and never logged.
	Token string
	// HTTPClient for signaling (default: a client with a 10 s timeout).
	HTTPClient *http.Client
	Config
}

// Dial opens a session to the cloud: it gathers ICE candidates, posts the
// offer, applies the answer and waits until both data channels are open or
// ctx ends.
func Dial(ctx context.Context, dp DialParams) (*Peer, error) {
	if dp.URL == "" {
		return nil, fmt.Errorf("%w: no session URL", ErrSignaling)
	}
	p, err := newPeer(dp.Config, true)
	if err != nil {
		return nil, err
	}
	ok := false
	defer func() {
		if !ok {
			_ = p.Close()
		}
	}()
	offer, err := p.pc.CreateOffer(nil)
	if err != nil {
		return nil, fmt.Errorf("%w: create offer: %v", ErrSignaling, err)
	}
	gathered := webrtc.GatheringCompletePromise(p.pc)
	if err := p.pc.SetLocalDescription(offer); err != nil {
		return nil, fmt.Errorf("%w: set local description: %v", ErrSignaling, err)
	}
	select {
	case <-gathered:
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: gathering ICE candidates: %v", ErrSignaling, ctx.Err())
	}
	client := dp.HTTPClient
	if client == nil {
		client = &http.Client{Timeout: 10 * time.Second}
	}
	answer, location, err := postOffer(ctx, client, dp.URL, dp.Token, p.pc.LocalDescription().SDP)
	if err != nil {
		return nil, err
	}
	if err := p.pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeAnswer, SDP: answer}); err != nil {
		return nil, fmt.Errorf("%w: apply answer: %v", ErrSignaling, err)
	}
	if location != "" {
		p.OnClose(func() { deleteSession(client, location, dp.Token, p.log) })
	}
	select {
	case <-p.Ready():
	case <-p.Done():
		return nil, fmt.Errorf("%w: session ended before it opened: %v", ErrSignaling, p.Err())
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: waiting for the data channels: %v", ErrSignaling, ctx.Err())
	}
	ok = true
	p.log.Info("session open", zap.String("url", redact(dp.URL)))
	if location != "" && p.cfg.ProbeInterval > 0 {
		go p.probeSession(client, location, dp.Token)
	}
	return p, nil
}

// probeSession watches a dialed session: while the connection is
// disconnected it asks the cloud, every ProbeInterval, whether the
// session still exists, and ends the session when the answer is a
// certain no (see Config.ProbeInterval).
func (p *Peer) probeSession(client *http.Client, location, token string) {
	t := time.NewTicker(p.cfg.ProbeInterval)
	defer t.Stop()
	for {
		select {
		case <-p.done:
			return
		case <-t.C:
		}
		if p.pc.ConnectionState() != webrtc.PeerConnectionStateDisconnected {
			continue
		}
		if err := askSession(client, location, token, p.cfg.ProbeInterval); err != nil {
			p.log.Warn("the cloud no longer serves this session; ending it", zap.Error(err))
			go p.closeWith(fmt.Errorf("%w: %v", ErrClosed, err))
			return
		}
	}
}

// errSessionGone reports a certain answer that the session is gone.
var errSessionGone = errors.New("session gone")

// askSession returns errSessionGone-wrapped errors only for a certain no:
// 404 from the cloud, or a refused connection.
func askSession(client *http.Client, location, token string, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, location, nil)
	if err != nil {
		return nil
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		if errors.Is(err, syscall.ECONNREFUSED) {
			return fmt.Errorf("%w: %s refuses connections", errSessionGone, redact(location))
		}
		return nil
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
	_ = resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return fmt.Errorf("%w: %s answers 404", errSessionGone, redact(location))
	}
	return nil
}

func postOffer(ctx context.Context, client *http.Client, endpoint, token, sdp string) (answer, location string, err error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(sdp))
	if err != nil {
		return "", "", fmt.Errorf("%w: %v", ErrSignaling, err)
	}
	req.Header.Set("Content-Type", "application/sdp")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		return "", "", fmt.Errorf("%w: post offer to %s: %v", ErrSignaling, redact(endpoint), err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return "", "", fmt.Errorf("%w: read answer: %v", ErrSignaling, err)
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return "", "", fmt.Errorf("%w: %s: %s", ErrRejected, resp.Status, firstLine(body))
	case resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK:
		return "", "", fmt.Errorf("%w: %s answered %s: %s", ErrSignaling, redact(endpoint), resp.Status, firstLine(body))
	}
	if loc := resp.Header.Get("Location"); loc != "" {
		base, err := url.Parse(endpoint)
		if err == nil {
			if u, err := base.Parse(loc); err == nil {
				location = u.String()
			}
		}
	}
	return string(body), location, nil
}

func deleteSession(client *http.Client, location, token string, log *zap.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodDelete, location, nil)
	if err != nil {
		return
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := client.Do(req)
	if err != nil {
		log.Debug("ending session", zap.String("url", redact(location)), zap.Error(err))
		return
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
}

// redact drops a URL's query and user info, where tokens sometimes hide.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User, u.RawQuery, u.Fragment = nil, "", ""
	return u.String()
}

func firstLine(b []byte) string {
	b = bytes.TrimSpace(b)
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		b = b[:i]
	}
	if len(b) > 200 {
		b = b[:200]
	}
	return string(b)
}
