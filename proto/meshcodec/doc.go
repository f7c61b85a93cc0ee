// Package meshcodec encodes the reconstructed person, an indexed triangle
// mesh with per-vertex colour, into the compact stream that goes to every
// renderer 30 times a second, and decodes it back.
//
// # Stream format (version 2)
//
// A 40-byte header (see Header and ReadHeader): magic "CMSH", format
// version, flags, position bits, colour bits, vertex and triangle counts,
// and the float32 bounding box. A decoder refuses a newer version with
// ErrVersion, so an old renderer says clearly that it must be updated, and
// refuses version 1 streams (one part only, no part count) the same way.
//
// Then the part count, 1 or 2. A mesh of defaultPartMin triangles or more
// is coded as two parts, cut by a plane across the longest side of its
// box at a quantile (cutShare) of cutSamples triangles spread over the
// index list (by their first vertex): each part is traversed on its own,
// so the encoder and the decoder can run the two traversals on two cores.
// The seam's vertices, used by triangles of both parts, are coded in both;
// for two parts the stream says how many triangles and vertices the first
// part has, lists the seam (for each seam vertex of the second part, by
// increasing id there, its id in the first part), and gives the first
// part's share of each stream below. The decoded mesh numbers the first
// part's vertices first, then the second's but the seam's.
//
// Then entropy-coded blocks (huff0 from klauspost/compress, or raw, or a
// repeated byte), each holding the first part's bytes then the second's,
// so that the two share one Huffman table: the connectivity operations,
// vertex references, the position residual streams and their escapes,
// and, with colours, the colour residual streams and their escapes. Each
// component's residuals are split into numContexts streams, each with its
// own Huffman table, by a context both sides derive from decoded values:
// the bit length of the spread of that component along the gate edge (far
// apart or different colours: larger misses), and a last context for
// vertices predicted from the previous one.
//
// Positions are quantized on one uniform grid whose step is the largest
// side of the bounding box over 2^PositionBits-1 (the grid Draco uses), so
// the error per axis is at most PositionErrorBound: 0.611 mm per axis
// (1.058 mm as a 3D distance) over a 2.5 m box with the default 11 bits.
// Colours keep ColorBits per channel, are turned into YCoCg-R (lossless on
// the quantized values) and lose at most ColorErrorBound levels.
//
// Connectivity is coded by an Edgebreaker-style traversal: from a seed
// triangle, each gate edge of the active boundary is crossed and the
// triangle behind it is one of C (new vertex), L, R, E (it closes on the
// boundary's previous and/or next edge), S (it touches the boundary
// elsewhere: a loop offset, or an explicit vertex reference), or B (nothing
// across). Operations are packed three to a byte before entropy coding.
// New vertices are predicted by the parallelogram rule from the gate's
// triangle (positions) and by the gate's midpoint (colours); residuals are
// zig-zag bytes with escapes, in the stream of their context. Non-manifold edges, inconsistent windings,
// degenerate and isolated triangles need no special mode: they cost B
// operations and explicit references, never a failure. The decoded mesh
// has the same triangles, with the same orientation, over the same
// vertices, which may be numbered in another order (Encoder.VertexOrder
// gives the map).
//
// # Two cores
//
// With GOMAXPROCS above 1, an Encoder shares a mesh of defaultSplitMin
// triangles or more with a second goroutine. For two parts, the caller
// checks the positions and places the cut, then starts the second
// goroutine once: each gathers one part's triangles (checking their
// indices), builds its part's adjacency and runs its part's traversal,
// which quantizes each vertex as it reaches it; then the second goes on
// to entropy code the last position streams and the colour streams while
// the caller codes the others. For one part, a second
// goroutine does half of the adjacency's work, and then codes the same
// streams. A Decoder decodes the second part in a second goroutine from
// defaultDecodeSplitMin vertices, or for one part writes the second half
// of the output vertices there. The stream and the decoded mesh are the
// same either way, and neither allocates in steady state.
//
// The Decoder survives any bytes: counts are checked against Limits before
// anything is allocated, every stream's size against what the counts
// allow, and walks along the boundary are bounded per mesh, so hostile
// input costs time and memory proportional to the limits, never a panic.
package meshcodec
