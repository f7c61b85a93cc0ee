// Draco peer for `bench-codec`: reads one mesh file written by the Go
// harness (cloud-reconstruct/internal/codecbench), encodes and decodes it
// with Google Draco (npm draco3d, WebAssembly) at the same position and
// colour quantization, and prints one JSON line per speed setting on
// stdout: bytes, encode and decode p50/p99 in ms over K iterations.
//
// Mesh file, little endian: "CMBM", u32 version (1), u32 vertices,
// u32 triangles, u32 position bits, u32 colour bits (0: no colours),
// f32 x,y,z per vertex, u32 3 indices per triangle, u8 r,g,b per vertex.
//
// usage: node encode.mjs FILE [iterations] [speeds, e.g. 5,0]
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import draco3d from 'draco3d';

function fail(msg) {
  process.stderr.write(`encode.mjs: ${msg}\n`);
  process.exit(1);
}

function readMesh(path) {
  const buf = readFileSync(path);
  if (buf.length < 24 || buf.toString('latin1', 0, 4) !== 'CMBM') fail(`${path}: not a CMBM mesh file`);
  const u32 = (o) => buf.readUInt32LE(o);
  if (u32(4) !== 1) fail(`${path}: version ${u32(4)}, want 1`);
  const n = u32(8), t = u32(12), positionBits = u32(16), colorBits = u32(20);
  let off = 24;
  const need = off + 12 * n + 12 * t + (colorBits ? 3 * n : 0);
  if (buf.length !== need) fail(`${path}: ${buf.length} bytes, want ${need}`);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length);
  const positions = new Float32Array(ab, off, 3 * n); off += 12 * n;
  const indices = new Uint32Array(ab, off, 3 * t); off += 12 * t;
  let colors = null;
  if (colorBits) {
    colors = new Float32Array(3 * n);
    const c = new Uint8Array(ab, off, 3 * n);
    for (let i = 0; i < 3 * n; i++) colors[i] = c[i] / 255;
  }
  return { n, t, positionBits, colorBits, positions, indices, colors };
}

function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
}

const round = (x) => Math.round(x * 1000) / 1000;

async function main() {
  const [file, itArg, speedArg] = process.argv.slice(2);
  if (!file) fail('usage: node encode.mjs FILE [iterations] [speeds]');
  const iterations = Math.max(1, parseInt(itArg ?? '20', 10));
  const speeds = (speedArg ?? '5,0').split(',').map((s) => parseInt(s, 10));
  const m = readMesh(file);
  const enc = await draco3d.createEncoderModule({});
  const dec = await draco3d.createDecoderModule({});

  const dm = new enc.Mesh();
  const builder = new enc.MeshBuilder();
  builder.AddFacesToMesh(dm, m.t, m.indices);
  builder.AddFloatAttributeToMesh(dm, enc.POSITION, m.n, 3, m.positions);
  if (m.colors) builder.AddFloatAttributeToMesh(dm, enc.COLOR, m.n, 3, m.colors);

  for (const speed of speeds) {
    const encoder = new enc.Encoder();
    encoder.SetSpeedOptions(speed, speed);
    encoder.SetEncodingMethod(enc.MESH_EDGEBREAKER_ENCODING);
    encoder.SetAttributeQuantization(enc.POSITION, m.positionBits);
    if (m.colors) encoder.SetAttributeQuantization(enc.COLOR, m.colorBits);
    const encTimes = [], decTimes = [];
    let bytes = null, decodedTriangles = 0;
    for (let i = 0; i < iterations + 1; i++) {
      const out = new enc.DracoInt8Array();
      const t0 = performance.now();
      const len = encoder.EncodeMeshToDracoBuffer(dm, out);
      const t1 = performance.now();
      if (len <= 0) fail(`draco encode failed at speed ${speed}`);
      const data = new Int8Array(len);
      for (let j = 0; j < len; j++) data[j] = out.GetValue(j);
      enc.destroy(out);
      // Decode into plain arrays, as a renderer would need them.
      const t2 = performance.now();
      const decoder = new dec.Decoder();
      const mesh = new dec.Mesh();
      const status = decoder.DecodeArrayToMesh(data, len, mesh);
      if (!status.ok()) fail(`draco decode failed: ${status.error_msg()}`);
      const faces = mesh.num_faces(), points = mesh.num_points();
      const idxPtr = dec._malloc(faces * 12);
      decoder.GetTrianglesUInt32Array(mesh, faces * 12, idxPtr);
      const idx = new Uint32Array(dec.HEAPU8.buffer, idxPtr, faces * 3).slice();
      dec._free(idxPtr);
      const pa = decoder.GetAttribute(mesh, decoder.GetAttributeId(mesh, dec.POSITION));
      const pos = new dec.DracoFloat32Array();
      decoder.GetAttributeFloatForAllPoints(mesh, pa, pos);
      let col = null;
      if (m.colors) {
        const ca = decoder.GetAttribute(mesh, decoder.GetAttributeId(mesh, dec.COLOR));
        col = new dec.DracoFloat32Array();
        decoder.GetAttributeFloatForAllPoints(mesh, ca, col);
      }
      const t3 = performance.now();
      decodedTriangles = faces; // Draco drops faces that quantization makes degenerate
      if (idx.length !== 3 * faces || pos.size() !== 3 * points) fail('draco decoded arrays of the wrong size');
      dec.destroy(pos);
      if (col) dec.destroy(col);
      dec.destroy(mesh);
      dec.destroy(decoder);
      bytes = len;
      if (i > 0) { // the first round warms up the WebAssembly JIT
        encTimes.push(t1 - t0);
        decTimes.push(t3 - t2);
      }
    }
    enc.destroy(encoder);
    process.stdout.write(JSON.stringify({
      draco_version: '1.5.9',
      speed,
      method: 'edgebreaker',
      position_bits: m.positionBits,
      color_bits: m.colorBits,
      triangles: m.t,
      decoded_triangles: decodedTriangles,
      vertices: m.n,
      iterations,
      bytes,
      bits_per_vertex: round((8 * bytes) / m.n),
      bits_per_triangle: round((8 * bytes) / m.t),
      encode_p50_ms: round(percentile(encTimes, 0.5)),
      encode_p99_ms: round(percentile(encTimes, 0.99)),
      decode_p50_ms: round(percentile(decTimes, 0.5)),
      decode_p99_ms: round(percentile(decTimes, 0.99)),
      mbps_at_30fps: round((bytes * 8 * 30) / 1e6),
    }) + '\n');
  }
  enc.destroy(dm);
  enc.destroy(builder);
}

main().catch((e) => fail(e.stack ?? String(e)));
