// Package ingest runs one booth's session on the cloud: it checks the
// booth's hello and builds the booth's reconstruction engine from the rig
// file it carries, checks the frame sets arriving on the media channel,
// hands the latest one to the engine (a busy engine means the older
// waiting frame set is dropped and counted; so is a set with fewer views
// than Params.MinViews: a missing camera carves nothing, and the hull of
// a set lacking most cameras fills whole regions of the booth, a model
// many times the size and cost), encodes each mesh once and publishes
// it, wrapped in a ModelFrame with every stage's time on the cloud's
// clock, to the fan-out. A set is decoded on arrival only when no other
// waits for the engine, else when the engine takes it: sets displaced
// while they wait cost at most one decoding per engine time.
//
// Two goroutines per booth: the session's run loop (hello, ingest,
// control, decoding a set that finds the engine's slot empty) and the
// engine worker (decoding a set that was not, reconstruct, encode,
// publish). Close cancels both and waits.
//
// Stage times. The booth's capture time and its own stages are converted
// to the cloud clock with the peer's ping/pong offset estimate (error at
// most RTT/2). STAGE_INGEST is the set's receipt (reassembled and
// checked); STAGE_QUEUE the engine's start (the set's decoding and the
// wait for a free engine, in either order); HULL, SURFACE and COLOR are
// the engine start plus its cumulative stage durations; MESH_ENCODE the
// end of mesh encoding; FANOUT the moment the model frame is sealed and
// handed to the subscribers (the frame is encoded once for all of them,
// so it cannot carry the end of the sends).
package ingest
