// Package meeting holds the meetings a cloud node serves, in memory: a
// meeting joins booths that publish and watch each other. The registry is
// the node's only state (a drained node loses its meetings and its booths
// reconnect elsewhere).
package meeting
