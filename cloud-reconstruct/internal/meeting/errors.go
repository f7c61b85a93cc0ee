package meeting

import "errors"

var (
	// ErrNotFound: no active meeting with that id.
	ErrNotFound = errors.New("meeting not found")
	// ErrExists: a meeting with that id is already active.
	ErrExists = errors.New("meeting already exists")
	// ErrBoothBusy: a booth is already in another active meeting.
	ErrBoothBusy = errors.New("booth is in another meeting")
	// ErrInvalid: a request is malformed or names bad ids.
	ErrInvalid = errors.New("invalid meeting request")
)
