// Package maskcodec turns a binary person mask of any size into compact
// bytes and back. A booth sends one mask per camera and per frame, so both
// directions are built to take well under a millisecond for a 1920x1080
// mask and to code a person silhouette in about a kilobyte.
//
// # Format, version 1
//
// A stream is a header followed by a payload:
//
//	magic   2 bytes  'M' 'k'
//	version 1 byte   1
//	flags   1 byte   low 2 bits: entropy stage (0 none, 1 zstd, 2 huff0); others zero
//	width   uvarint  0..MaxWidth
//	height  uvarint  0..MaxHeight
//	rawlen  uvarint  length of the token stream, only when an entropy stage is used
//	payload          the token stream, entropy coded when the flags say so
//
// The token stream describes each row by its transitions: the x positions
// where the value changes, an even count of them, the start (inclusive) and
// end (exclusive) of every inside run, strictly increasing and at most the
// width. Rows are coded in order, each against the previous row (the row
// before the first is empty), by a row token, an uvarint h:
//
//	h == 0       same transition count as the previous row; one zig-zag
//	             uvarint per transition follows, its change from the
//	             previous row's transition at the same index
//	h odd        the previous row repeats (h>>1)+1 times
//	h even, > 0  a row of k = h/2-1 runs; 2k uvarints follow: the first
//	             start, then each following transition's gap to the one
//	             before it, minus one
//
// Every uvarint is minimal and at most 3 bytes. The tokens must describe
// exactly the mask's height and the stream must end with the last row: a
// decoder rejects trailing bytes.
//
// The entropy stage runs only when it makes the payload smaller. The
// decoder bounds every allocation by the declared size, which it checks
// against MaxWidth and MaxHeight before allocating anything.
package maskcodec
