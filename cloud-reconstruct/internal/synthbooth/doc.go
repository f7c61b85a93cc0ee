// Package synthbooth is a synthetic booth-capture client for the cloud's
// integration tests and benchmarks: it renders a few frames of the
// calibration module's synthetic booth once (a person seen by a generated
// rig), encodes them as the wire's frame sets (rowrun masks, raw RGB
// crops), and then publishes them over a link session at a set rate with
// fresh capture and stage times, so that the booth side costs little.
package synthbooth
