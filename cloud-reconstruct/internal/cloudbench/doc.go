// Package cloudbench measures the cloud service in-process: a real server
// on loopback, synthetic booths publishing pre-rendered frame sets over
// real pion sessions at a target rate, and one renderer per meeting
// reading the models. Per-stage latency comes from the model frames'
// stage times (booth, cloud and renderer share one clock here), process
// CPU from getrusage. Capacity raises the number of meetings until a case
// misses its target.
package cloudbench
