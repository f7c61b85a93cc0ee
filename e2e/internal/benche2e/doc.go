// Package benche2e measures the whole system as a user feels it: real
// cloud-reconstruct, booth-capture and booth-render processes on this
// machine, glass-to-glass latency (capture to display) from the
// renderers' display reports, every stage of every frame from the model
// frames' stage times (each renderer logs them with every model it
// draws, so the bench adds no subscriber of its own), frames
// per second and drops at each hop, the bitrate of each hop and the CPU
// of each process (/proc/<pid>/stat).
package benche2e
