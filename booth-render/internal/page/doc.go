// Package page serves the kiosk page (embedded HTML and JavaScript, WebGL2)
// and feeds it over a local websocket.
//
// # Protocol on /ws
//
// Server to page, text (JSON):
//   - {"type":"config","clip":[16],"light":[3],"ambient":a,"background":[3],"staleMs":n}
//     once on connect: the display's clip matrix (column-major, person's
//     world frame to clip space), the light, the background colour and how
//     long after the last model the page clears the person.
//   - {"type":"status","state":"waiting|live|stopped|connecting|rejected","text":"..."}
//     what to show when no person is drawn.
//
// Server to page, binary: the latest model only (a slow page skips to the
// newest), little-endian:
//
//	0   "CMF1"
//	4   u32 frame id (echoed back in "drawn")
//	8   u64 sequence
//	16  i64 capture time, Unix ns (cloud clock)
//	24  u32 vertex count n
//	28  u32 triangle count t
//	32  f32 positions [3n]
//	    i8 normals [3n] (unit normal * 127), padded to 4 bytes
//	    u8 colours [3n] (sRGB), padded to 4 bytes
//	    u32 indices [3t]
//
// Server to page, binary: audio, every Opus packet in order, AudioLead
// before it is to be heard, little-endian:
//
//	0   "CMA1"
//	4   u16 RTP sequence
//	6   u8 stream id length L (the speaking booth)
//	7   u8 zero
//	8   f64 play time, Unix ms (this machine's clock)
//	16  stream id [L]
//	    Opus packet (48 kHz, mono)
//
// The page decodes with WebCodecs' AudioDecoder and starts each packet
// with WebAudio at its play time.
//
// Page to server, text (JSON, at most MaxPageMessage bytes, strict):
//   - {"type":"hello","webgl2":true,"renderer":"...","vendor":"...","width":w,"height":h}
//   - {"type":"drawn","id":n,"t":ms}: frame id first drawn in the
//     requestAnimationFrame whose time is t (performance.timeOrigin +
//     rAF time, Unix ms)
//   - {"type":"stats","fps":f,"frames":n}: frames drawn over the last second
//   - {"type":"audio","played":n,"late":n,"errors":n,"peak":p,"onsets":[ms]}:
//     audio packets played, dropped late and refused by the decoder since
//     the last report, the loudest sample (0..1) and the play times (Unix
//     ms) of loud onsets heard, at most 8
//   - {"type":"error","message":"..."}
package page
