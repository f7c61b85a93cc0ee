// Package ingest runs one booth's session on the cloud: it checks the
// booth's hello and builds the booth's reconstruction engine from the rig
// file it carries, checks the frame sets arriving on the media channel,
// hands the latest one to the engine (a busy engine means the older
// waiting frame set is dropped and counted; so is a set with fewer views
// than Params.MinViews: a missing camera carves nothing, and the hull of
// a set lacking most cameras fills whole regions of the booth, a model
// many times the size and cost), decodes it when the engine is free,
// encodes each mesh once and publishes it, wrapped in a ModelFrame with
// every stage's time on the cloud's clock, to the fan-out. A set is
// decoded only once the engine takes it: a set displaced while it waits
// costs nothing but its receipt.
//
// Two goroutines per booth: the session's run loop (hello, ingest,
// control) and the engine worker (decode, reconstruct, encode, publish).
// Close cancels both and waits.
//
// Stage times. The booth's capture time and its own stages are converted
// to the cloud clock with the peer's ping/pong offset estimate (error at
// most RTT/2). STAGE_INGEST is the set's receipt (reassembled and
// checked); STAGE_QUEUE the engine's start (the wait for a free engine,
// then the set's decoding); HULL, SURFACE and COLOR are the engine start
// plus its cumulative stage durations; MESH_ENCODE the end of mesh
// encoding; FANOUT the moment the model frame is sealed and handed to
// the subscribers (the frame is encoded once for all of them, so it
// cannot carry the end of the sends).
package ingest
