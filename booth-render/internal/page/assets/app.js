// booth-render kiosk page: draws the streamed person with WebGL2 at the
// display's refresh rate. The Go side (internal/page) sends the projection
// (config), status texts and binary models over the websocket /ws; the
// page reports when it drew each model. Protocol: see internal/page/doc.go.
"use strict";
(() => {
  const canvas = document.getElementById("view");
  const statusEl = document.getElementById("status");
  const gl = canvas.getContext("webgl2", { antialias: false, alpha: false, preserveDrawingBuffer: true });

  let ws = null;
  let cfg = null;           // last config message
  let serverStatus = { state: "waiting", text: "Waiting for the display service" };
  let mesh = null;          // {vao, count, id}
  let pending = null;       // model received, not yet uploaded
  let lastModelAt = -1;     // performance.now() of the last model received
  let frames = 0, statsFrom = performance.now();

  function send(obj) {
    if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(obj));
  }

  function showStatus(text) {
    if (text === null) { statusEl.classList.add("hidden"); return; }
    statusEl.textContent = text;
    statusEl.classList.remove("hidden");
  }

  if (!gl) {
    showStatus("This display needs WebGL2, which the browser does not offer.");
    connect(() => send({ type: "error", message: "WebGL2 is not available" }));
    return;
  }

  const vsSource = `#version 300 es
    uniform mat4 uClip;
    uniform vec3 uLight;
    uniform float uAmbient;
    layout(location = 0) in vec3 aPos;
    layout(location = 1) in vec3 aNormal;
    layout(location = 2) in vec3 aColor;
    out vec3 vColor;
    void main() {
      gl_Position = uClip * vec4(aPos, 1.0);
      float lit = uAmbient + (1.0 - uAmbient) * max(0.0, dot(aNormal, uLight));
      vColor = aColor * lit;
    }`;
  const fsSource = `#version 300 es
    precision highp float;
    in vec3 vColor;
    out vec4 outColor;
    void main() { outColor = vec4(vColor, 1.0); }`;

  function shader(type, src) {
    const s = gl.createShader(type);
    gl.shaderSource(s, src);
    gl.compileShader(s);
    if (!gl.getShaderParameter(s, gl.COMPILE_STATUS)) throw new Error(gl.getShaderInfoLog(s));
    return s;
  }
  const prog = gl.createProgram();
  try {
    gl.attachShader(prog, shader(gl.VERTEX_SHADER, vsSource));
    gl.attachShader(prog, shader(gl.FRAGMENT_SHADER, fsSource));
    gl.linkProgram(prog);
    if (!gl.getProgramParameter(prog, gl.LINK_STATUS)) throw new Error(gl.getProgramInfoLog(prog));
  } catch (e) {
    showStatus("The display's shaders did not build: " + e.message);
    connect(() => send({ type: "error", message: "shader: " + e.message }));
    return;
  }
  const uClip = gl.getUniformLocation(prog, "uClip");
  const uLight = gl.getUniformLocation(prog, "uLight");
  const uAmbient = gl.getUniformLocation(prog, "uAmbient");

  function rendererInfo() {
    const ext = gl.getExtension("WEBGL_debug_renderer_info");
    if (ext) return { renderer: String(gl.getParameter(ext.UNMASKED_RENDERER_WEBGL)), vendor: String(gl.getParameter(ext.UNMASKED_VENDOR_WEBGL)) };
    return { renderer: String(gl.getParameter(gl.RENDERER)), vendor: String(gl.getParameter(gl.VENDOR)) };
  }

  // Binary model: see internal/page/frame.go for the layout.
  function parseModel(buf) {
    const dv = new DataView(buf);
    if (buf.byteLength < 32 || dv.getUint32(0, true) !== 0x31464d43) throw new Error("not a model frame");
    const id = dv.getUint32(4, true);
    const nv = dv.getUint32(24, true), nt = dv.getUint32(28, true);
    const pad4 = (n) => (n + 3) & ~3;
    let off = 32;
    const pos = new Float32Array(buf, off, 3 * nv); off += 12 * nv;
    const nrm = new Int8Array(buf, off, 3 * nv); off += pad4(3 * nv);
    const col = new Uint8Array(buf, off, 3 * nv); off += pad4(3 * nv);
    const idx = new Uint32Array(buf, off, 3 * nt); off += 12 * nt;
    if (off !== buf.byteLength) throw new Error("model frame size mismatch");
    return { id, pos, nrm, col, idx };
  }

  function upload(m) {
    if (mesh) {
      gl.deleteVertexArray(mesh.vao);
      for (const b of mesh.buffers) gl.deleteBuffer(b);
    }
    const vao = gl.createVertexArray();
    gl.bindVertexArray(vao);
    const buffers = [];
    const attr = (loc, data, size, type, normalized) => {
      const b = gl.createBuffer();
      gl.bindBuffer(gl.ARRAY_BUFFER, b);
      gl.bufferData(gl.ARRAY_BUFFER, data, gl.STATIC_DRAW);
      gl.enableVertexAttribArray(loc);
      gl.vertexAttribPointer(loc, size, type, normalized, 0, 0);
      buffers.push(b);
    };
    attr(0, m.pos, 3, gl.FLOAT, false);
    attr(1, m.nrm, 3, gl.BYTE, true);
    attr(2, m.col, 3, gl.UNSIGNED_BYTE, true);
    const ib = gl.createBuffer();
    gl.bindBuffer(gl.ELEMENT_ARRAY_BUFFER, ib);
    gl.bufferData(gl.ELEMENT_ARRAY_BUFFER, m.idx, gl.STATIC_DRAW);
    buffers.push(ib);
    gl.bindVertexArray(null);
    mesh = { vao, buffers, count: m.idx.length, id: m.id, reported: false };
  }

  function resize() {
    const dpr = window.devicePixelRatio || 1;
    const w = Math.round(canvas.clientWidth * dpr), h = Math.round(canvas.clientHeight * dpr);
    if (canvas.width !== w || canvas.height !== h) { canvas.width = w; canvas.height = h; }
  }

  function frame(rafTime) {
    requestAnimationFrame(frame);
    resize();
    const now = performance.now();
    if (pending) {
      try { upload(pending); } catch (e) { send({ type: "error", message: "upload: " + e.message }); }
      pending = null;
    }
    const bg = cfg ? cfg.background : [0, 0, 0];
    gl.viewport(0, 0, canvas.width, canvas.height);
    gl.clearColor(bg[0] / 255, bg[1] / 255, bg[2] / 255, 1);
    gl.clear(gl.COLOR_BUFFER_BIT | gl.DEPTH_BUFFER_BIT);
    const connected = ws && ws.readyState === WebSocket.OPEN;
    const stale = lastModelAt < 0 || now - lastModelAt > (cfg ? cfg.staleMs : 1000);
    if (cfg && mesh && !stale && connected) {
      gl.useProgram(prog);
      gl.uniformMatrix4fv(uClip, false, cfg.clip);
      gl.uniform3fv(uLight, cfg.light);
      gl.uniform1f(uAmbient, cfg.ambient);
      gl.enable(gl.DEPTH_TEST);
      gl.depthFunc(gl.LESS);
      gl.enable(gl.CULL_FACE);
      gl.cullFace(gl.BACK);
      gl.frontFace(gl.CCW);
      gl.bindVertexArray(mesh.vao);
      gl.drawElements(gl.TRIANGLES, mesh.count, gl.UNSIGNED_INT, 0);
      gl.bindVertexArray(null);
      if (!mesh.reported) {
        mesh.reported = true;
        // rAF's time is on the page's monotonic clock; timeOrigin puts it
        // on the Unix clock (ms, fractional).
        send({ type: "drawn", id: mesh.id, t: performance.timeOrigin + rafTime });
      }
      showStatus(null);
    } else if (!connected) {
      showStatus("Display service unreachable: reconnecting");
    } else if (lastModelAt < 0) {
      showStatus(serverStatus.text);
    } else {
      const ago = "Stream stopped " + Math.floor((now - lastModelAt) / 1000) + " s ago";
      const st = serverStatus.state;
      showStatus(st === "live" || st === "stopped" ? ago : serverStatus.text + " (" + ago.toLowerCase() + ")");
    }
    frames++;
    if (now - statsFrom >= 1000) {
      send({ type: "stats", fps: frames * 1000 / (now - statsFrom), frames: frames });
      const heard = window.cmAudio && window.cmAudio.report();
      if (heard) send(heard);
      frames = 0;
      statsFrom = now;
    }
  }

  function connect(onOpen) {
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws";
    ws = new WebSocket(url);
    ws.binaryType = "arraybuffer";
    ws.onopen = () => {
      if (onOpen) { onOpen(); return; }
      const info = rendererInfo();
      send({ type: "hello", webgl2: true, renderer: info.renderer, vendor: info.vendor, width: canvas.width, height: canvas.height });
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data === "string") {
        const msg = JSON.parse(ev.data);
        if (msg.type === "config") cfg = msg;
        else if (msg.type === "status") serverStatus = msg;
        return;
      }
      if (window.cmAudio && window.cmAudio.handle(ev.data)) return;
      try {
        pending = parseModel(ev.data);
        lastModelAt = performance.now();
      } catch (e) {
        send({ type: "error", message: "model: " + e.message });
      }
    };
    ws.onclose = () => { setTimeout(() => connect(onOpen), 500); };
  }

  resize();
  connect(null);
  requestAnimationFrame(frame);
})();
