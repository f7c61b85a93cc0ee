// Package subscribe is booth-render's session with the cloud: it
// subscribes to a meeting or a booth, decodes every model frame it
// receives (the newest wins when decoding falls behind: the link's inbox
// keeps the latest), and sends a DisplayReport on the control channel for
// each model shown, on the cloud's clock. It reconnects with backoff when
// the session ends.
package subscribe
