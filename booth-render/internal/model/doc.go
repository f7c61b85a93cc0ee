// Package model is the decoded person model that booth-render shows: the
// mesh of one ModelFrame with its vertex normals and its times, and the
// ways to get one (decode a frame, read a file).
package model
