// Baseline relay for bench/run.sh: answers subscribe and post_message, fans each posted frame out to its room.
const { WebSocketServer } = require('ws');
const rooms = new Map();
const wss = new WebSocketServer({ host: '127.0.0.1', port: Number(process.argv[2] || 0), perMessageDeflate: false });
const field = (s, name) => { const m = s.match(new RegExp('"' + name + '":"?([^",}]*)')); return m ? m[1] : null; };
wss.on('connection', ws => ws.on('message', data => {
  const s = data.toString(), type = field(s, 'type'), id = field(s, 'id'), room = field(s, 'room');
  if (type === 'subscribe') {
    if (!rooms.has(room)) rooms.set(room, new Set());
    rooms.get(room).add(ws);
    ws.on('close', () => rooms.get(room).delete(ws));
    ws.send(`{"type":"subscribed","id":"${id}","room":${room},"last_seq":0}`);
  } else if (type === 'post_message') {
    ws.send(`{"type":"ack","id":"${id}","room":${room}}`);
    for (const peer of rooms.get(room) || []) peer.send(s);
  } else if (type === 'authenticate') ws.send(`{"type":"ack","id":"${id}"}`);
}));
wss.on('listening', () => console.log(`relay listening on ${wss.address().port}`));
