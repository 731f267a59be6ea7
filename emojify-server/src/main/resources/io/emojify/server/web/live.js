'use strict';
// The live page of `emojify serve`: camera frames to /v1/live over a WebSocket (one frame in flight at a time, the next is
// sent when the answer comes), the drawn frames and each face's emotion shown; photos dropped are sent to /v1/emojify
// and /v1/analyze. window.emojifyStatus exposes what happened, for tests and curious users.

const status = window.emojifyStatus = {
  state: 'starting', framesSent: 0, framesReceived: 0, fps: 0, serverMs: 0, faces: [], emotionsSeen: {},
  frameHashes: [], errors: []
};
const $ = id => document.getElementById(id);
const video = $('video');
const canvas = $('canvas');
const out = $('out');
const MAX_WIDTH = 640;
let ws = null;
let running = true;
let meta = null;
let received = [];

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

function hash(bytes) {
  let h = 0x811c9dc5;
  for (let i = 0; i < bytes.length; i++) { h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0; }
  return h.toString(16);
}

function sendFrame() {
  if (!running || !ws || ws.readyState !== WebSocket.OPEN) { return; }
  if (video.readyState < 2 || !video.videoWidth) { setTimeout(sendFrame, 50); return; }
  const scale = Math.min(1, MAX_WIDTH / video.videoWidth);
  canvas.width = Math.round(video.videoWidth * scale);
  canvas.height = Math.round(video.videoHeight * scale);
  canvas.getContext('2d').drawImage(video, 0, 0, canvas.width, canvas.height);
  canvas.toBlob(blob => {
    if (blob && ws && ws.readyState === WebSocket.OPEN) {
      ws.send(blob);
      status.framesSent++;
    } else {
      setTimeout(sendFrame, 50);
    }
  }, 'image/jpeg', 0.8);
}

async function showFrame(blob) {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  status.frameHashes.push(hash(bytes));
  if (status.frameHashes.length > 50) { status.frameHashes.shift(); }
  const old = out.src;
  out.src = URL.createObjectURL(blob);
  if (old) { URL.revokeObjectURL(old); }
  const now = performance.now();
  received.push(now);
  received = received.filter(t => now - t <= 2000);
  status.framesReceived++;
  status.fps = received.length > 1 ? (received.length - 1) * 1000 / (now - received[0]) : 0;
  if (meta) {
    status.faces = meta.faces;
    status.serverMs = meta.ms;
    meta.faces.forEach(f => { status.emotionsSeen[f.emotion] = (status.emotionsSeen[f.emotion] || 0) + 1; });
    showFaces('faces', meta.faces);
  }
  say('stats', status.fps.toFixed(1) + ' frames/s, ' + status.serverMs + ' ms on the server, '
    + status.faces.length + (status.faces.length === 1 ? ' face' : ' faces'));
  say('message', '');
}

function connect() {
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  ws = new WebSocket(scheme + '://' + location.host + '/v1/live?mode=' + encodeURIComponent($('mode').value));
  ws.binaryType = 'blob';
  ws.onopen = () => { status.state = 'streaming'; sendFrame(); };
  ws.onmessage = ev => {
    if (typeof ev.data === 'string') {
      const m = JSON.parse(ev.data);
      if (m.error) {
        error(m.error);
        setTimeout(sendFrame, m.busy ? 200 : 50); // no frame follows an error
      } else {
        meta = m;
      }
    } else {
      showFrame(ev.data).finally(sendFrame);
    }
  };
  ws.onclose = ev => {
    if (running) {
      status.state = 'closed';
      error('The connection closed' + (ev.reason ? ': ' + ev.reason : '') + '; reconnecting...');
      setTimeout(connect, 1000);
    }
  };
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
    connect();
  } catch (e) {
    status.state = 'no-camera';
    error('No camera: ' + e.message + '. Photos can still be dropped.');
  }
}

$('toggle').onclick = () => {
  running = !running;
  $('toggle').textContent = running ? 'Stop' : 'Start';
  if (running) { connect(); } else if (ws) { status.state = 'stopped'; ws.close(); }
};
$('mode').onchange = () => { if (ws) { const old = ws; ws = null; old.onclose = null; old.close(); } if (running) { connect(); } };

async function sendPhoto(file) {
  say('photo-message', 'working...');
  const headers = { 'Content-Type': file.type || 'application/octet-stream' };
  try {
    const [drawn, analysed] = await Promise.all([
      fetch('v1/emojify?mode=' + encodeURIComponent($('mode').value), { method: 'POST', body: file,
        headers: { ...headers, Accept: 'image/png' } }),
      fetch('v1/analyze', { method: 'POST', body: file, headers })]);
    if (!drawn.ok) { throw new Error((await drawn.json()).error); }
    if (!analysed.ok) { throw new Error((await analysed.json()).error); }
    const img = $('photo-out');
    if (img.src) { URL.revokeObjectURL(img.src); }
    img.src = URL.createObjectURL(await drawn.blob());
    const faces = (await analysed.json()).faces;
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
