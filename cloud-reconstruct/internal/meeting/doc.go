// Package meeting holds the meetings a cloud node serves: a meeting joins
// booths that publish and watch each other. The registry is the node's
// only state. In memory by default (a drained node loses its meetings and
// its booths reconnect elsewhere); with a Store (the service's
// meetings_file) it is also kept in a file, so a node that restarts
// serves the same meetings again and their renderers find them.
package meeting
