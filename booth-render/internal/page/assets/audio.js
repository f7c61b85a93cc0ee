"use strict";
// Audio on the kiosk page: the server sends each Opus packet with the time
// it must be heard (Unix ms, this machine's clock) a little ahead of it;
// WebCodecs' AudioDecoder decodes it and WebAudio starts it at that time
// on the speakers. The page reports, about once a second, how many
// packets it played, dropped late or could not decode, the loudest
// sample, and when loud onsets (clicks) were heard.
(() => {
  const MAGIC = 0x31414d43; // "CMA1"
  const RATE = 48000;
  // libopus (inside Chromium's decoder too) delays its output by its
  // 6.5 ms look-ahead: a packet's first captured sample comes out that
  // late, so each packet starts that much early to be heard at its play
  // time.
  const CODEC_DELAY_MS = 312 / 48;
  const ONSET_LEVEL = 0.25;
  const ONSET_GAP_MS = 100;
  let ctx = null;
  const decoders = new Map();
  let played = 0, late = 0, errors = 0, peak = 0, onsets = [], lastLoud = -1e12;

  function context() {
    if (!ctx) ctx = new AudioContext({ latencyHint: "interactive" });
    if (ctx.state === "suspended") ctx.resume();
    return ctx;
  }

  // The context time at which Unix time unixMs comes out of the speakers,
  // or null while the context is not running yet.
  function contextTime(c, unixMs) {
    if (c.state !== "running") return null;
    const ts = c.getOutputTimestamp();
    if (!ts.performanceTime) {
      const out = (c.outputLatency || 0) + (c.baseLatency || 0);
      return c.currentTime + (unixMs - (performance.timeOrigin + performance.now())) / 1000 - out;
    }
    return ts.contextTime + (unixMs - (performance.timeOrigin + ts.performanceTime)) / 1000;
  }

  // play starts one decoded packet at playMs. The play time travels
  // beside the decoder (one output per packet, in order), not in the
  // chunk's timestamp: Chromium's decoder may restamp its outputs from
  // the first timestamp and the sample count, which loses the player's
  // small changes of delay.
  function play(data, playMs) {
    const n = data.numberOfFrames;
    const pcm = new Float32Array(n);
    data.copyTo(pcm, { planeIndex: 0, format: "f32-planar" });
    data.close();
    if (playMs === undefined) { errors++; return; }
    const c = context();
    const when = contextTime(c, playMs - CODEC_DELAY_MS);
    if (when === null || when < c.currentTime) { late++; return; }
    const buf = c.createBuffer(1, n, RATE);
    buf.copyToChannel(pcm, 0);
    const src = c.createBufferSource();
    src.buffer = buf;
    src.connect(c.destination);
    src.start(when);
    played++;
    for (let i = 0; i < n; i++) {
      const v = Math.abs(pcm[i]);
      if (v > peak) peak = v;
      if (v > ONSET_LEVEL) {
        // Heard at the time this sample was started for: the packet's
        // play time less the codec's delay, plus the sample's place.
        const t = playMs - CODEC_DELAY_MS + i * 1000 / RATE;
        if (t - lastLoud > ONSET_GAP_MS && onsets.length < 8) onsets.push(t);
        lastLoud = t;
      }
    }
  }

  function decoder(stream) {
    let d = decoders.get(stream);
    if (d && d.dec.state === "configured") return d;
    const times = [];
    const dec = new AudioDecoder({ output: (data) => play(data, times.shift()), error: () => { errors++; decoders.delete(stream); } });
    dec.configure({ codec: "opus", sampleRate: RATE, numberOfChannels: 1 });
    d = { dec: dec, times: times };
    decoders.set(stream, d);
    return d;
  }

  // Started with the page, so that it runs by the time the first packet
  // is due (the kiosk allows autoplay; elsewhere it starts suspended and
  // packets count as late until a click resumes it).
  try { context(); } catch (e) { errors++; }

  window.cmAudio = {
    // handle takes a binary message; false when it is not audio.
    handle(buf) {
      if (buf.byteLength < 16) return false;
      const v = new DataView(buf);
      if (v.getUint32(0, true) !== MAGIC) return false;
      const len = v.getUint8(6);
      const playMs = v.getFloat64(8, true);
      if (16 + len > buf.byteLength || typeof AudioDecoder === "undefined") { errors++; return true; }
      context(); // started at the first packet, running by the time it is due
      const stream = new TextDecoder().decode(new Uint8Array(buf, 16, len));
      try {
        const d = decoder(stream);
        d.dec.decode(new EncodedAudioChunk({ type: "key", timestamp: Math.round(playMs * 1000), data: new Uint8Array(buf, 16 + len) }));
        d.times.push(playMs);
      } catch (e) {
        errors++;
      }
      return true;
    },
    // report returns the audio report since the last one, or null.
    report() {
      if (played + late + errors === 0) return null;
      const r = { type: "audio", played: played, late: late, errors: errors, peak: Math.min(peak, 2), onsets: onsets };
      played = late = errors = 0;
      peak = 0;
      onsets = [];
      return r;
    },
  };
})();
