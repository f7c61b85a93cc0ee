package subscribe

import (
	"fmt"
	"net/url"
	"strings"
)

// Target says what to watch: a meeting (optionally without this booth's
// own models) or one booth.
type Target struct {
	Meeting string
	Exclude string
	Booth   string
}

// URL returns the subscribe endpoint under the cloud's base URL:
// {cloud}/v1/subscribe?meeting=M[&exclude=B] or ?booth=B.
func (t Target) URL(cloud string) (string, error) {
	base, err := url.Parse(strings.TrimRight(cloud, "/"))
	if err != nil || (base.Scheme != "http" && base.Scheme != "https") || base.Host == "" {
		return "", fmt.Errorf("%w: cloud URL %q: want http(s)://host[:port]", ErrParams, cloud)
	}
	q := url.Values{}
	switch {
	case t.Meeting != "" && t.Booth != "":
		return "", fmt.Errorf("%w: give a meeting or a booth, not both", ErrParams)
	case t.Meeting != "":
		q.Set("meeting", t.Meeting)
		if t.Exclude != "" {
			q.Set("exclude", t.Exclude)
		}
	case t.Booth != "":
		if t.Exclude != "" {
			return "", fmt.Errorf("%w: exclude only applies to a meeting", ErrParams)
		}
		q.Set("booth", t.Booth)
	default:
		return "", fmt.Errorf("%w: give a meeting or a booth to watch", ErrParams)
	}
	base.Path += "/v1/subscribe"
	base.RawQuery = q.Encode()
	return base.String(), nil
}
