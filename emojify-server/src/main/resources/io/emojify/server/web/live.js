'use strict';
// The live page of `emojify serve`. The camera's video is painted on a canvas at the camera's own rate, and the emoji, boxes
// and labels are drawn over it here, from the faces the server answers. Frames go to /v1/live over a WebSocket with two in
// flight (the server analyses one while the next travels); each answer names its frame and gives each face's track id and
// smoothed box. Between answers each face's box moves on with its track's velocity (at most EXTRAPOLATE_MS past the frame
// it was found in), so the emoji follows the face instead of jumping. Photos dropped go to /v1/emojify and /v1/analyze.
// The token, when the server has one, comes in the URL's fragment (#token=..., never sent to a server) and is sent as a
// WebSocket subprotocol and as "Authorization: Bearer". window.emojifyStatus tells what happens, for tests and the curious.

const status = window.emojifyStatus = {
  state: 'starting', framesSent: 0, framesAnswered: 0, framesDisplayed: 0, overlayFrames: 0, dropped: 0,
  displayedFps: 0, fps: 0, latencyMs: 0, serverMs: 0, faces: [], emotionsSeen: {}, errors: []
};
const $ = id => document.getElementById(id);
const video = $('video');
const view = $('view');
const capture = $('capture');
const MAX_WIDTH = 640;
const IN_FLIGHT = 2;
const EXTRAPOLATE_MS = 250;
const WINDOW_MS = 3000;
const token = readToken();
let ws = null;
let running = true;
let encoding = false;
let sentSeq = 0;
let pauseUntil = 0;
let pending = new Map();      // frame number -> {grabbed: time the frame was taken from the camera}
let tracks = new Map();       // track id -> {box, velocity, at, face}
let lastAnswerAt = -1;        // grab time of the frame of the newest answer applied
let unpainted = [];           // grab times of answers whose faces are not painted yet
const painted = [];           // paint times, for displayedFps
const analysed = [];          // answer times, for fps
const latencies = [];         // grab-to-paint times of the last answers
const emojiArt = new Map();

function readToken() {
  const m = /(?:^#|&)token=([^&]+)/.exec(location.hash);
  if (m) {
    sessionStorage.setItem('emojify-token', decodeURIComponent(m[1]));
    history.replaceState(null, '', location.pathname + location.search); // out of sight and of the history
  }
  return sessionStorage.getItem('emojify-token');
}

function authHeaders() { return token ? { Authorization: 'Bearer ' + token } : {}; }

function say(id, text) { $(id).textContent = text || ''; }

function error(text) {
  status.errors.push(text);
  if (status.errors.length > 20) { status.errors.shift(); }
  say('message', text);
}

function showFaces(listId, faces) {
  const list = $(listId);
  list.replaceChildren(...faces.map(f => {
    const li = document.createElement('li');
    const emoji = document.createElement('span');
    emoji.className = 'emoji';
    emoji.textContent = f.emoji.text;
    const p = f.probabilities[f.emotion];
    li.append(emoji, ' ' + f.emotion + ' ' + Math.round(100 * p) + '%' + (f.track ? ' (face ' + f.track + ')' : ''));
    return li;
  }));
}

/** The art the server draws for an emoji (whatever fonts this browser has), loaded once. */
function art(face) {
  const code = face.emoji.codepoint.slice(2).toLowerCase();
  let img = emojiArt.get(code);
  if (!img) {
    img = new Image();
    img.src = 'emoji/' + code + '.png';
    emojiArt.set(code, img);
  }
  return img.complete && img.naturalWidth ? img : null;
}

function trim(times, now) {
  while (times.length && now - times[0] > WINDOW_MS) { times.shift(); }
}

function rate(times, now) {
  trim(times, now);
  return times.length > 1 ? (times.length - 1) * 1000 / (now - times[0]) : 0;
}

function median(values) {
  if (!values.length) { return 0; }
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Applies an answer: each track's box, and its velocity from its last two answers (per ms of camera time). */
function applyAnswer(m, grabbed) {
  if (grabbed <= lastAnswerAt) { return; }
  lastAnswerAt = grabbed;
  const next = new Map();
  for (const f of m.faces) {
    const b = { x: f.box.x, y: f.box.y, w: f.box.width, h: f.box.height };
    const prev = tracks.get(f.track);
    let velocity = { x: 0, y: 0, w: 0, h: 0 };
    if (prev && grabbed > prev.at) {
      const dt = grabbed - prev.at;
      const raw = { x: (b.x - prev.box.x) / dt, y: (b.y - prev.box.y) / dt, w: (b.w - prev.box.w) / dt,
        h: (b.h - prev.box.h) / dt };
      const k = 0.6; // the newest estimate's weight
      velocity = { x: k * raw.x + (1 - k) * prev.velocity.x, y: k * raw.y + (1 - k) * prev.velocity.y,
        w: k * raw.w + (1 - k) * prev.velocity.w, h: k * raw.h + (1 - k) * prev.velocity.h };
    }
    next.set(f.track, { box: b, velocity, at: grabbed, face: f });
    art(f);
  }
  tracks = next;
  unpainted.push(grabbed);
  status.faces = m.faces;
  status.serverMs = m.ms;
  m.faces.forEach(f => { status.emotionsSeen[f.emotion] = (status.emotionsSeen[f.emotion] || 0) + 1; });
  showFaces('faces', m.faces);
}

/** Where a track's face is at a time: its box moved on by its velocity, at most EXTRAPOLATE_MS ahead. */
function boxAt(track, now) {
  const dt = Math.max(0, Math.min(EXTRAPOLATE_MS, now - track.at));
  const b = track.box;
  const v = track.velocity;
  return { x: b.x + v.x * dt, y: b.y + v.y * dt, w: Math.max(4, b.w + v.w * dt), h: Math.max(4, b.h + v.h * dt) };
}

function drawOverlay(g, now) {
  const mode = $('mode').value;
  for (const track of tracks.values()) {
    const b = boxAt(track, now);
    const f = track.face;
    const img = art(f);
    if (mode === 'replace') {
      const side = 1.15 * Math.max(b.w, b.h);
      const x = b.x + b.w / 2 - side / 2;
      const y = b.y + b.h / 2 - side / 2;
      if (img) { g.drawImage(img, x, y, side, side); } else { emojiText(g, f, x, y, side); }
    } else {
      g.lineWidth = 2;
      g.strokeStyle = mode === 'boxes' ? '#00d26a' : 'rgba(255, 255, 255, 0.8)';
      g.strokeRect(b.x, b.y, b.w, b.h);
      if (mode === 'badge') {
        const side = Math.max(24, 0.45 * b.w);
        if (img) { g.drawImage(img, b.x + b.w - side / 2, b.y - side / 2, side, side); }
        else { emojiText(g, f, b.x + b.w - side / 2, b.y - side / 2, side); }
      } else {
        const dx = b.x - track.box.x;
        const dy = b.y - track.box.y;
        g.fillStyle = '#00d26a';
        (f.landmarks || []).forEach(([px, py]) => g.fillRect(px + dx - 2, py + dy - 2, 4, 4));
        const label = f.emotion + ' ' + Math.round(100 * f.probabilities[f.emotion]) + '%';
        g.font = '14px system-ui, sans-serif';
        const w = g.measureText(label).width + 8;
        g.fillRect(b.x, b.y - 20, w, 20);
        g.fillStyle = '#000';
        g.fillText(label, b.x + 4, b.y - 5);
      }
    }
  }
  return tracks.size > 0;
}

function emojiText(g, f, x, y, side) {
  g.font = Math.round(side * 0.85) + 'px sans-serif';
  g.textBaseline = 'top';
  g.fillText(f.emoji.text, x, y);
  g.textBaseline = 'alphabetic';
}

/** Paints one camera frame with the faces where they are now, and sends it when fewer than IN_FLIGHT are out. */
function paint() {
  const now = performance.now();
  if (!video.videoWidth) { return; }
  const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
  const w = Math.round(video.videoWidth * scale);
  const h = Math.round(video.videoHeight * scale);
  if (view.width !== w || view.height !== h) { view.width = w; view.height = h; }
  const g = view.getContext('2d');
  g.drawImage(video, 0, 0, w, h);
  if (drawOverlay(g, now)) { status.overlayFrames++; }
  status.framesDisplayed++;
  painted.push(now);
  unpainted.forEach(grabbed => latencies.push(now - grabbed));
  unpainted = [];
  while (latencies.length > 60) { latencies.shift(); }
  send(now, w, h);
}

function send(now, w, h) {
  if (encoding || !running || !ws || ws.readyState !== WebSocket.OPEN || pending.size >= IN_FLIGHT
      || now < pauseUntil) { return; }
  encoding = true;
  capture.width = w;
  capture.height = h;
  capture.getContext('2d').drawImage(video, 0, 0, w, h);
  capture.toBlob(blob => {
    encoding = false;
    if (blob && ws && ws.readyState === WebSocket.OPEN) {
      pending.set(++sentSeq, { grabbed: now });
      ws.send(blob);
      status.framesSent++;
    }
  }, 'image/jpeg', 0.8);
}

function figures() {
  const now = performance.now();
  status.displayedFps = Math.round(rate(painted, now) * 10) / 10;
  status.fps = Math.round(rate(analysed, now) * 10) / 10;
  status.latencyMs = Math.round(median(latencies));
  say('stats', status.displayedFps.toFixed(1) + ' frames/s shown, ' + status.fps.toFixed(1) + ' analysed/s, '
    + status.latencyMs + ' ms camera to emoji, ' + status.faces.length + (status.faces.length === 1 ? ' face' : ' faces'));
}

function onAnswer(m) {
  const sent = pending.get(m.frame);
  pending.delete(m.frame);
  if (m.error) {
    if (m.dropped) { status.dropped++; return; }
    if (m.busy) { pauseUntil = performance.now() + 200; }
    error(m.error);
    return;
  }
  status.framesAnswered++;
  analysed.push(performance.now());
  if (sent) { applyAnswer(m, sent.grabbed); }
  say('message', '');
}

function connect() {
  const url = new URL('v1/live', location.href);
  url.protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  url.hash = '';
  const socket = new WebSocket(url, token ? ['emojify', 'emojify-token.' + token] : ['emojify']);
  let opened = false;
  ws = socket;
  pending = new Map();
  sentSeq = 0;
  socket.onopen = () => { opened = true; status.state = 'streaming'; };
  socket.onmessage = ev => { if (typeof ev.data === 'string') { onAnswer(JSON.parse(ev.data)); } };
  socket.onclose = ev => {
    if (ws !== socket || !running) { return; }
    status.state = 'closed';
    error(opened ? 'The connection closed' + (ev.reason ? ': ' + ev.reason : '') + '; reconnecting...'
      : 'The server refused the connection' + (token ? '' : ' (if it needs a token, open the URL it printed at '
        + 'start-up, with #token=...)') + '; trying again...');
    setTimeout(connect, opened ? 1000 : 3000);
  };
}

function loop() {
  if (video.requestVideoFrameCallback) {
    const onFrame = () => { paint(); video.requestVideoFrameCallback(onFrame); };
    video.requestVideoFrameCallback(onFrame);
  } else {
    let last = -1;
    const onAnimationFrame = () => {
      if (video.currentTime !== last) { last = video.currentTime; paint(); }
      requestAnimationFrame(onAnimationFrame);
    };
    requestAnimationFrame(onAnimationFrame);
  }
  setInterval(figures, 500);
}

async function startCamera() {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    status.state = 'no-camera';
    error('This browser gives no camera here (it needs https or localhost). Photos can still be dropped.');
    return;
  }
  try {
    video.srcObject = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 }, audio: false });
    await video.play();
    loop();
    connect();
  } catch (e) {
    status.state = 'no-camera';
    error('No camera: ' + e.message + '. Photos can still be dropped.');
  }
}

$('toggle').onclick = () => {
  running = !running;
  $('toggle').textContent = running ? 'Stop' : 'Start';
  if (running) { connect(); } else if (ws) { status.state = 'stopped'; tracks = new Map(); ws.close(); }
};

async function sendPhoto(file) {
  say('photo-message', 'working...');
  const headers = { 'Content-Type': file.type || 'application/octet-stream', ...authHeaders() };
  try {
    const [drawn, analysedPhoto] = await Promise.all([
      fetch('v1/emojify?mode=' + encodeURIComponent($('mode').value), { method: 'POST', body: file,
        headers: { ...headers, Accept: 'image/png' } }),
      fetch('v1/analyze', { method: 'POST', body: file, headers })]);
    if (!drawn.ok) { throw new Error((await drawn.json()).error); }
    if (!analysedPhoto.ok) { throw new Error((await analysedPhoto.json()).error); }
    const img = $('photo-out');
    if (img.src) { URL.revokeObjectURL(img.src); }
    img.src = URL.createObjectURL(await drawn.blob());
    const faces = (await analysedPhoto.json()).faces;
    showFaces('photo-faces', faces);
    say('photo-message', faces.length ? '' : 'No face found.');
  } catch (e) {
    say('photo-message', e.message);
  }
}

const drop = $('drop');
drop.addEventListener('dragover', e => { e.preventDefault(); drop.classList.add('over'); });
drop.addEventListener('dragleave', () => drop.classList.remove('over'));
drop.addEventListener('drop', e => {
  e.preventDefault();
  drop.classList.remove('over');
  if (e.dataTransfer.files.length) { sendPhoto(e.dataTransfer.files[0]); }
});
$('file').addEventListener('change', e => { if (e.target.files.length) { sendPhoto(e.target.files[0]); } });

startCamera();
