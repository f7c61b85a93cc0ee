package subscribe

// State is where the session stands.
type State int32

// States.
const (
	Connecting State = iota // dialling (first time or after a loss)
	Connected               // the session is open
	Rejected                // the cloud refused the token; retrying slowly
	Closed                  // Close was called
)

func (s State) String() string {
	switch s {
	case Connecting:
		return "connecting"
	case Connected:
		return "connected"
	case Rejected:
		return "rejected"
	case Closed:
		return "closed"
	}
	return "unknown"
}
