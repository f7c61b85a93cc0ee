package chrome

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// HeadlessParams configure a headless browser.
type HeadlessParams struct {
	Binary        string
	URL           string
	Width, Height int
}

// Headless is a headless Chromium showing one page (viewport exactly
// Width x Height CSS pixels at device scale 1), driven over the
// DevTools protocol. Its methods are not safe for concurrent use.
type Headless struct {
	cmd    *exec.Cmd
	dir    string
	ws     *websocket.Conn
	nextID int
	once   sync.Once
	logs   *tail
}

// headlessArgs renders with WebGL2 on SwiftShader (no GPU), at device
// scale 1 so that the canvas has exactly the window's pixels.
func headlessArgs(p HeadlessParams, dir string) []string {
	return []string{
		"--headless=new", "--no-sandbox", "--disable-gpu",
		"--use-angle=swiftshader", "--enable-unsafe-swiftshader",
		"--no-first-run", "--no-default-browser-check",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--mute-audio", "--hide-scrollbars",
		// The page plays audio without a click on it (a kiosk has nobody
		// to click); muted above, it still decodes and schedules.
		"--autoplay-policy=no-user-gesture-required",
		"--force-device-scale-factor=1",
		// A backgrounded headless page would throttle requestAnimationFrame.
		"--disable-background-timer-throttling", "--disable-renderer-backgrounding",
		"--disable-backgrounding-occluded-windows",
		"--user-data-dir=" + dir,
		fmt.Sprintf("--window-size=%d,%d", p.Width, p.Height),
		"--remote-debugging-port=0",
		"about:blank",
	}
}

// tail keeps the last lines of the browser's stderr for error messages.
type tail struct {
	mu    sync.Mutex
	lines []string
}

func (t *tail) add(s string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.lines = append(t.lines, s)
	if len(t.lines) > 20 {
		t.lines = t.lines[1:]
	}
}

func (t *tail) String() string {
	t.mu.Lock()
	defer t.mu.Unlock()
	return strings.Join(t.lines, "\n")
}

// StartHeadless starts the browser on p.URL and connects to its page.
func StartHeadless(ctx context.Context, p HeadlessParams) (*Headless, error) {
	if p.Width <= 0 || p.Height <= 0 || p.URL == "" || p.Binary == "" {
		return nil, fmt.Errorf("%w: bad parameters %+v", ErrBrowser, p)
	}
	dir, err := os.MkdirTemp("", "booth-render-chromium-")
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrBrowser, err)
	}
	h := &Headless{dir: dir, logs: &tail{}}
	h.cmd = exec.Command(p.Binary, headlessArgs(p, dir)...)
	stderr, err := h.cmd.StderrPipe()
	if err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("%w: %w", ErrBrowser, err)
	}
	if err := h.cmd.Start(); err != nil {
		_ = os.RemoveAll(dir)
		return nil, fmt.Errorf("%w: start %s: %w", ErrBrowser, p.Binary, err)
	}
	ok := false
	defer func() {
		if !ok {
			_ = h.Close()
		}
	}()
	devtools := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			h.logs.add(line)
			if i := strings.Index(line, "DevTools listening on "); i >= 0 {
				select {
				case devtools <- strings.TrimSpace(line[i+len("DevTools listening on "):]):
				default:
				}
			}
		}
	}()
	var browserWS string
	select {
	case browserWS = <-devtools:
	case <-ctx.Done():
		return nil, fmt.Errorf("%w: no DevTools endpoint: %v; browser said:\n%s", ErrBrowser, ctx.Err(), h.logs)
	}
	u, err := url.Parse(browserWS)
	if err != nil {
		return nil, fmt.Errorf("%w: DevTools endpoint %q: %w", ErrBrowser, browserWS, err)
	}
	pageWS, err := findPage(ctx, u.Host)
	if err != nil {
		return nil, err
	}
	ws, _, err := websocket.DefaultDialer.DialContext(ctx, pageWS, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: connect to the page: %w", ErrBrowser, err)
	}
	h.ws = ws
	// --window-size sets the window, not the viewport: fix the viewport
	// before the page loads, then load it.
	if _, err := h.call(ctx, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": p.Width, "height": p.Height, "deviceScaleFactor": 1, "mobile": false,
	}); err != nil {
		return nil, err
	}
	if _, err := h.call(ctx, "Page.navigate", map[string]any{"url": p.URL}); err != nil {
		return nil, err
	}
	ok = true
	return h, nil
}

// findPage waits for the page target and returns its DevTools websocket.
func findPage(ctx context.Context, host string) (string, error) {
	for {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+host+"/json/list", nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			var targets []struct {
				Type string `json:"type"`
				WS   string `json:"webSocketDebuggerUrl"`
			}
			err = json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(&targets)
			resp.Body.Close()
			for _, t := range targets {
				if err == nil && t.Type == "page" && t.WS != "" {
					return t.WS, nil
				}
			}
		}
		select {
		case <-ctx.Done():
			return "", fmt.Errorf("%w: no page target: %v", ErrBrowser, ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// call sends one DevTools command and returns its result, skipping events.
func (h *Headless) call(ctx context.Context, method string, params any) (json.RawMessage, error) {
	h.nextID++
	id := h.nextID
	if dl, ok := ctx.Deadline(); ok {
		_ = h.ws.SetReadDeadline(dl)
		_ = h.ws.SetWriteDeadline(dl)
	}
	if err := h.ws.WriteJSON(map[string]any{"id": id, "method": method, "params": params}); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrBrowser, method, err)
	}
	for {
		var msg struct {
			ID     int             `json:"id"`
			Result json.RawMessage `json:"result"`
			Error  *struct {
				Message string `json:"message"`
			} `json:"error"`
		}
		if err := h.ws.ReadJSON(&msg); err != nil {
			return nil, fmt.Errorf("%w: %s: %w", ErrBrowser, method, err)
		}
		if msg.ID != id {
			continue
		}
		if msg.Error != nil {
			return nil, fmt.Errorf("%w: %s: %s", ErrBrowser, method, msg.Error.Message)
		}
		return msg.Result, nil
	}
}

// Screenshot returns the page as PNG.
func (h *Headless) Screenshot(ctx context.Context) ([]byte, error) {
	res, err := h.call(ctx, "Page.captureScreenshot", map[string]any{"format": "png"})
	if err != nil {
		return nil, err
	}
	var out struct {
		Data string `json:"data"`
	}
	if err := json.Unmarshal(res, &out); err != nil {
		return nil, fmt.Errorf("%w: screenshot: %w", ErrBrowser, err)
	}
	b, err := base64.StdEncoding.DecodeString(out.Data)
	if err != nil {
		return nil, fmt.Errorf("%w: screenshot: %w", ErrBrowser, err)
	}
	return b, nil
}

// Eval evaluates a JavaScript expression in the page and returns its value
// as JSON.
func (h *Headless) Eval(ctx context.Context, expr string) (json.RawMessage, error) {
	res, err := h.call(ctx, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true})
	if err != nil {
		return nil, err
	}
	var out struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		Exception *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	if err := json.Unmarshal(res, &out); err != nil {
		return nil, fmt.Errorf("%w: evaluate: %w", ErrBrowser, err)
	}
	if out.Exception != nil {
		return nil, fmt.Errorf("%w: evaluate %q: %s", ErrBrowser, expr, out.Exception.Text)
	}
	return out.Result.Value, nil
}

// Logs returns the last lines the browser wrote to stderr.
func (h *Headless) Logs() string { return h.logs.String() }

// Close ends the browser and removes its profile. Closing twice is safe.
func (h *Headless) Close() error {
	h.once.Do(func() {
		if h.ws != nil {
			_ = h.ws.Close()
		}
		if h.cmd.Process != nil {
			_ = h.cmd.Process.Kill()
			_ = h.cmd.Wait()
		}
		_ = os.RemoveAll(h.dir)
	})
	return nil
}
