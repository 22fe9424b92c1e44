// A minimal WebSocket client on node:net (RFC 6455, client side: masked
// frames, text and binary, fragmentation, ping/pong, close), dependency-free
// so it runs on any Node from 18 on; and the malformed-input probe of the
// web chat protocol (docs/webchat.md).
//
//   node wsprobe.mjs malformed ws://127.0.0.1:PORT/chat
//
// prints "ok - ..." / "FAIL - ..." lines and exits non-zero on any failure.
import net from 'node:net';
import crypto from 'node:crypto';

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export class LineSocket {
	// Connects and upgrades; resolves once the handshake is done.
	static open(url, { timeoutMs = 5000 } = {}) {
		const u = new URL(url);
		if (u.protocol !== 'ws:') throw new Error(`only ws:// is supported: ${url}`);
		const port = Number(u.port || 80);
		const key = crypto.randomBytes(16).toString('base64');
		const want = crypto.createHash('sha1').update(key + GUID).digest('base64');
		return new Promise((resolve, reject) => {
			const sock = net.connect({ host: u.hostname, port });
			let head = Buffer.alloc(0);
			const timer = setTimeout(() => { sock.destroy(); reject(new Error(`handshake timed out: ${url}`)); }, timeoutMs);
			sock.on('error', (e) => { clearTimeout(timer); reject(e); });
			sock.on('connect', () => {
				sock.write(
					`GET ${u.pathname}${u.search} HTTP/1.1\r\n` +
					`Host: ${u.host}\r\n` +
					'Upgrade: websocket\r\nConnection: Upgrade\r\n' +
					`Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\n` +
					`Origin: http://${u.host}\r\n\r\n`);
			});
			const onData = (chunk) => {
				head = Buffer.concat([head, chunk]);
				const end = head.indexOf('\r\n\r\n');
				if (end < 0) {
					if (head.length > 16384) { sock.destroy(); reject(new Error('handshake response too long')); }
					return;
				}
				clearTimeout(timer);
				sock.removeListener('data', onData);
				const text = head.subarray(0, end).toString('latin1');
				const lines = text.split('\r\n');
				if (!/^HTTP\/1\.1 101\b/.test(lines[0])) { sock.destroy(); reject(new Error(`upgrade refused: ${lines[0]}`)); return; }
				const hdr = {};
				for (const l of lines.slice(1)) {
					const i = l.indexOf(':');
					if (i > 0) hdr[l.slice(0, i).trim().toLowerCase()] = l.slice(i + 1).trim();
				}
				if (hdr['sec-websocket-accept'] !== want) { sock.destroy(); reject(new Error('bad Sec-WebSocket-Accept')); return; }
				const ws = new LineSocket(sock);
				resolve(ws);
				const rest = head.subarray(end + 4);
				if (rest.length) ws._feed(rest);
			};
			sock.on('data', onData);
		});
	}

	constructor(sock) {
		this.sock = sock;
		this.buf = Buffer.alloc(0);
		this.frag = null;          // {opcode, parts[]} of a fragmented message
		this.text = '';            // received text not yet ended by a newline
		this.messages = [];        // parsed JSON messages not yet taken
		this.received = [];        // every parsed message, for the record
		this.bad = [];             // lines from the server that were not JSON
		this.waiters = [];
		this.closed = false;
		this.closeCode = null;
		sock.removeAllListeners('error');
		sock.on('data', (c) => this._feed(c));
		sock.on('error', () => { /* close follows */ });
		sock.on('close', () => { this.closed = true; this._wake(); });
	}

	_feed(chunk) {
		this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
		for (;;) {
			const b = this.buf;
			if (b.length < 2) return;
			const fin = (b[0] & 0x80) !== 0, opcode = b[0] & 0x0f, masked = (b[1] & 0x80) !== 0;
			let len = b[1] & 0x7f, off = 2;
			if (len === 126) { if (b.length < 4) return; len = b.readUInt16BE(2); off = 4; }
			else if (len === 127) { if (b.length < 10) return; len = Number(b.readBigUInt64BE(2)); off = 10; }
			let mask = null;
			if (masked) { if (b.length < off + 4) return; mask = b.subarray(off, off + 4); off += 4; }
			if (b.length < off + len) return;
			let payload = Buffer.from(b.subarray(off, off + len));
			if (mask) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
			this.buf = b.subarray(off + len);
			this._frame(fin, opcode, payload);
		}
	}

	_frame(fin, opcode, payload) {
		if (opcode === 0x8) {
			this.closeCode = payload.length >= 2 ? payload.readUInt16BE(0) : 1005;
			if (!this.closed) { try { this._send(0x8, payload.subarray(0, 2)); } catch { /* gone */ } }
			this.closed = true;
			this.sock.end();
			this._wake();
			return;
		}
		if (opcode === 0x9) { this._send(0xA, payload); return; }
		if (opcode === 0xA) return;
		if (opcode === 0x0) {
			if (!this.frag) return;
			this.frag.parts.push(payload);
			if (fin) { const whole = Buffer.concat(this.frag.parts); this.frag = null; this._data(whole); }
			return;
		}
		if (!fin) { this.frag = { opcode, parts: [payload] }; return; }
		this._data(payload);
	}

	_data(payload) {
		this.text += payload.toString('utf8');
		let nl;
		while ((nl = this.text.indexOf('\n')) >= 0) {
			const line = this.text.slice(0, nl);
			this.text = this.text.slice(nl + 1);
			if (!line.trim()) continue;
			let m;
			try { m = JSON.parse(line); } catch { this.bad.push(line); continue; }
			this.messages.push(m);
			this.received.push(m);
		}
		this._wake();
	}

	_wake() {
		const ws = this.waiters;
		this.waiters = [];
		for (const w of ws) w();
	}

	_send(opcode, payload, fin = true) {
		const len = payload.length;
		let head;
		if (len < 126) { head = Buffer.alloc(2); head[1] = 0x80 | len; }
		else if (len < 65536) { head = Buffer.alloc(4); head[1] = 0x80 | 126; head.writeUInt16BE(len, 2); }
		else { head = Buffer.alloc(10); head[1] = 0x80 | 127; head.writeBigUInt64BE(BigInt(len), 2); }
		head[0] = (fin ? 0x80 : 0) | opcode;
		const mask = crypto.randomBytes(4);
		const body = Buffer.from(payload);
		for (let i = 0; i < body.length; i++) body[i] ^= mask[i & 3];
		this.sock.write(Buffer.concat([head, mask, body]));
	}

	// Sends a string (a text frame) or a Buffer (a binary frame) as it is.
	sendRaw(data) {
		if (typeof data === 'string') this._send(0x1, Buffer.from(data, 'utf8'));
		else this._send(0x2, data);
	}
	// Sends a text message in several frames (a fragmented message).
	sendFragmented(str, pieces) {
		const bytes = Buffer.from(str, 'utf8');
		const step = Math.ceil(bytes.length / pieces);
		for (let i = 0, k = 0; i < bytes.length; i += step, k++) {
			const last = i + step >= bytes.length;
			this._send(k === 0 ? 0x1 : 0x0, bytes.subarray(i, i + step), last);
		}
	}
	// One JSON object and a newline, as the protocol wants.
	send(obj) { this.sendRaw(JSON.stringify(obj) + '\n'); }

	// Resolves with the first message (already received or to come) that
	// matches `pred`, removing it; rejects after `timeoutMs`.
	next(pred, timeoutMs = 5000, what = 'a message') {
		const deadline = Date.now() + timeoutMs;
		return new Promise((resolve, reject) => {
			const look = () => {
				const i = this.messages.findIndex(pred);
				if (i >= 0) { const [m] = this.messages.splice(i, 1); resolve(m); return; }
				if (this.closed) { reject(new Error(`connection closed (code ${this.closeCode}) while waiting for ${what}`)); return; }
				const left = deadline - Date.now();
				if (left <= 0) { reject(new Error(`timed out waiting for ${what}`)); return; }
				const timer = setTimeout(() => { this.waiters = this.waiters.filter((w) => w !== wake); look(); }, left);
				const wake = () => { clearTimeout(timer); look(); };
				this.waiters.push(wake);
			};
			look();
		});
	}
	type(t, timeoutMs = 5000) { return this.next((m) => m && m.type === t, timeoutMs, `"${t}"`); }

	close() {
		if (!this.closed) { try { this._send(0x8, Buffer.from([0x03, 0xe8])); } catch { /* gone */ } }
		this.closed = true;
		setTimeout(() => this.sock.destroy(), 200).unref();
	}
}

// ---- The malformed-input probe ------------------------------------------

function trail(device) {
	return { referrer: '', landing: 'http://probe.invalid/', pages: ['http://probe.invalid/'], keywords: '', device, region: '' };
}

// Deterministic garbage bytes, no newline among them.
function garbage(n) {
	const out = Buffer.alloc(n);
	let x = 0x9e3779b9;
	for (let i = 0; i < n; i++) {
		x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
		out[i] = (x & 0xff) === 0x0a ? 0xff : x & 0xff;
	}
	out[0] = 0xff; out[1] = 0x00; out[2] = 0xc3; // invalid UTF-8 and a NUL up front
	return out;
}

async function malformed(url) {
	let fails = 0;
	const ok = (d) => console.log(`ok - ${d}`);
	const bad = (d) => { fails++; console.log(`FAIL - ${d}`); };

	const a = await LineSocket.open(url);
	const b = await LineSocket.open(url);

	// B: a well-behaved visitor; its hello arrives split over two frames.
	b.sendFragmented(JSON.stringify({ type: 'hello', visitor: '', lang: 'en', last_seq: 0, trail: trail('desktop Linux probe') }) + '\n', 3);
	let welcome;
	try { welcome = await b.type('welcome'); ok('B: hello split over frames gets welcome'); }
	catch (e) { bad(`B: hello: ${e.message}`); }
	const menu = (welcome && Array.isArray(welcome.menu)) ? welcome.menu : [];
	if (welcome) {
		if (typeof welcome.visitor === 'string' && welcome.visitor) ok('B: welcome carries a visitor token');
		else bad(`B: welcome has no visitor token: ${JSON.stringify(welcome)}`);
		if (menu.length && menu.every((m) => m && typeof m.id === 'string' && typeof m.label === 'string')) ok(`B: welcome menu has ${menu.length} item(s) with id and label`);
		else bad(`B: welcome menu is empty or malformed: ${JSON.stringify(welcome.menu)}`);
	}

	// A: every kind of bad line; each answered by error, in turn.
	const cases = [
		['malformed JSON', '{"type":"hello","visitor":\n', ['malformed']],
		['a JSON array', '[1,2,3]\n', ['malformed', 'bad_field']],
		['a JSON string', '"hello"\n', ['malformed', 'bad_field']],
		['an unknown type', '{"type":"teleport","to":"mars"}\n', ['unknown_type']],
		['no type at all', '{"visitor":""}\n', ['malformed', 'bad_field', 'unknown_type']],
		['a 100 KiB line', '{"type":"msg","id":"big","text":"' + 'x'.repeat(100 * 1024) + '"}\n', ['too_big']],
		['binary garbage (binary frame)', Buffer.concat([garbage(300), Buffer.from('\n')]), ['malformed']],
	];

	const bSteps = [];
	let item = menu.length ? menu[0].id : null;
	bSteps.push(() => { if (item) b.send({ type: 'start', item }); });
	bSteps.push(() => b.send({ type: 'typing', on: true }));
	// Two messages in one frame.
	bSteps.push(() => b.sendRaw(JSON.stringify({ type: 'msg', id: 'probe-1', text: 'hello 你好 1' }) + '\n' +
		JSON.stringify({ type: 'msg', id: 'probe-2', text: 'second line 2' }) + '\n'));
	bSteps.push(() => b.send({ type: 'typing', on: false }));
	bSteps.push(() => b.send({ type: 'msg', id: 'probe-3', text: '第三行 three' }));

	for (let i = 0; i < cases.length; i++) {
		const [name, line, codes] = cases[i];
		if (bSteps[i]) bSteps[i]();
		a.sendRaw(line);
		try {
			const e = await a.type('error');
			if (codes.includes(e.code)) ok(`A: ${name} → error ${e.code}`);
			else bad(`A: ${name} → error code "${e.code}", wanted one of ${codes.join('/')} (${JSON.stringify(e)})`);
			if (typeof e.text !== 'string' || !e.text) bad(`A: ${name}: error has no text`);
		} catch (e) {
			bad(`A: ${name}: ${e.message}`);
		}
	}
	const stray = a.messages.filter((m) => m.type !== 'error');
	if (stray.length) bad(`A: unexpected messages after bad lines: ${JSON.stringify(stray).slice(0, 300)}`);
	const extraErr = a.messages.filter((m) => m.type === 'error');
	if (extraErr.length) bad(`A: ${extraErr.length} more error(s) than bad lines: ${JSON.stringify(extraErr).slice(0, 300)}`);
	a.messages.length = 0;

	// A is still usable: hello gets welcome.
	a.send({ type: 'hello', visitor: '', lang: 'zh', last_seq: 0, trail: trail('mobile Android probe') });
	try {
		const w = await a.type('welcome');
		ok('A: after the bad lines, hello still gets welcome');
		if (!Array.isArray(w.menu)) bad('A: welcome without a menu');
	} catch (e) { bad(`A: hello after bad lines: ${e.message}`); }
	// A in a conversation: a text over 4,000 characters is refused, one of
	// exactly 4,000 (12,000 bytes of Chinese) is stored.
	if (item) {
		a.send({ type: 'start', item });
		try { await a.next((m) => ['queued', 'agent'].includes(m.type), 5000, 'queued/agent after start'); ok('A: start after the bad lines is answered'); }
		catch (e) { bad(`A: start: ${e.message}`); }
		a.send({ type: 'msg', id: 'long-1', text: '长'.repeat(5000) });
		try {
			const e = await a.next((m) => m.type === 'error' || (m.type === 'ack' && m.id === 'long-1'), 5000, 'answer to a 5000-character msg');
			if (e.type === 'ack') bad('A: a 5000-character text was stored (limit 4,000)');
			else if (['too_big', 'bad_field'].includes(e.code)) ok(`A: a msg with a 5000-character text → error ${e.code}`);
			else bad(`A: 5000-character text → error code "${e.code}", wanted too_big/bad_field`);
		} catch (e) { bad(`A: ${e.message}`); }
		a.send({ type: 'msg', id: 'num-1', text: 42 });
		try {
			const e = await a.next((m) => m.type === 'error' || (m.type === 'ack' && m.id === 'num-1'), 5000, 'answer to a msg whose text is a number');
			if (e.type === 'error' && e.code === 'bad_field') ok('A: a msg whose text is a number → error bad_field');
			else bad(`A: a msg whose text is a number → ${JSON.stringify(e)}, wanted error bad_field`);
		} catch (e) { bad(`A: ${e.message}`); }
		a.send({ type: 'msg', id: 'long-2', text: '长'.repeat(4000) });
		try {
			const k = await a.next((m) => m.type === 'error' || (m.type === 'ack' && m.id === 'long-2'), 5000, 'ack of a 4000-character msg');
			if (k.type === 'ack') ok('A: a text of exactly 4,000 characters (12,000 bytes) is acknowledged');
			else bad(`A: a 4000-character text was refused: ${JSON.stringify(k)}`);
		} catch (e) { bad(`A: ${e.message}`); }
		a.send({ type: 'end' });
		try { await a.type('ended'); ok('A: end is answered by ended'); } catch (e) { bad(`A: end: ${e.message}`); }
	}
	if (a.bad.length) bad(`A: the broker sent lines that are not JSON: ${a.bad[0].slice(0, 100)}`);

	// B: its conversation went on undisturbed.
	for (let i = cases.length; i < bSteps.length; i++) bSteps[i]();
	if (!item) {
		bad('B: no menu item to start a conversation with; skipped start/msg');
	} else {
		try {
			const st = await b.next((m) => ['queued', 'agent', 'closed'].includes(m.type), 5000, 'queued/agent/closed after start');
			if (st.type === 'closed') bad(`B: start answered "closed" (outside business hours?): ${JSON.stringify(st)}`);
			else ok(`B: start answered "${st.type}"`);
			if (st.type === 'queued') {
				if (Number.isInteger(st.position) && st.position >= 1) ok(`B: queued position ${st.position}`);
				else bad(`B: queued.position is not a positive integer: ${JSON.stringify(st)}`);
				if (typeof st.eta_s === 'number' && st.eta_s >= 0) ok(`B: queued eta_s ${st.eta_s}`);
				else if (st.eta_s === -1) { ok('B: queued eta_s -1'); console.log('# note: eta_s -1 (no estimate yet; docs/webchat.md does not say so)'); }
				else bad(`B: queued.eta_s is not a number: ${JSON.stringify(st)}`);
			}
		} catch (e) { bad(`B: start: ${e.message}`); }
		const seqs = [];
		for (const id of ['probe-1', 'probe-2', 'probe-3']) {
			try {
				const k = await b.next((m) => m.type === 'ack' && m.id === id, 5000, `ack of ${id}`);
				if (Number.isInteger(k.seq) && k.seq >= 1) { ok(`B: ${id} acknowledged as seq ${k.seq}`); seqs.push(k.seq); }
				else bad(`B: ack of ${id} without a proper seq: ${JSON.stringify(k)}`);
			} catch (e) { bad(`B: ${e.message}`); }
		}
		if (seqs.length === 3) {
			if (seqs[0] < seqs[1] && seqs[1] < seqs[2]) ok('B: seqs increase in sending order');
			else bad(`B: seqs out of order: ${seqs.join(',')}`);
		}
	}
	const bErr = b.received.filter((m) => m.type === 'error');
	if (bErr.length === 0) ok('B: received no error while A misbehaved');
	else bad(`B: received error(s): ${JSON.stringify(bErr).slice(0, 300)}`);
	if (b.bad.length) bad(`B: the broker sent lines that are not JSON: ${b.bad[0].slice(0, 100)}`);

	// A reconnecting visitor with B's token is known again.
	if (welcome && welcome.visitor) {
		const c = await LineSocket.open(url);
		c.send({ type: 'hello', visitor: welcome.visitor, lang: 'en', last_seq: 0, trail: trail('desktop Linux probe') });
		try {
			const w = await c.type('welcome');
			if (w.visitor === welcome.visitor) ok('C: the same token resumes the visitor');
			else bad(`C: welcome gave another token (${w.visitor}) for a known one (${welcome.visitor})`);
			if (w.returning === true) ok('C: welcome.returning is true');
			else bad(`C: welcome.returning is ${JSON.stringify(w.returning)} for a known token`);
			if (item) {
				const lines = [];
				const deadline = Date.now() + 3000;
				while (Date.now() < deadline) {
					try { lines.push(await c.next((m) => m.type === 'msg', Math.max(1, deadline - Date.now()), 'msg')); }
					catch { break; }
					if (lines.filter((m) => m.from === 'customer').length >= 3) break;
				}
				const mine = lines.filter((m) => m.from === 'customer').map((m) => m.id);
				if (['probe-1', 'probe-2', 'probe-3'].every((id) => mine.includes(id))) ok('C: last_seq 0 re-sends the open conversation with the visitor\'s ids');
				else bad(`C: resume re-sent ${JSON.stringify(lines).slice(0, 300)}`);
			}
		} catch (e) { bad(`C: ${e.message}`); }
		c.close();
	}

	a.close();
	b.close();
	return fails;
}

const [, , cmd, url] = process.argv;
if (cmd === 'malformed' && url) {
	const hard = setTimeout(() => { console.log('FAIL - probe timed out after 60 s'); process.exit(2); }, 60000);
	malformed(url).then((fails) => {
		clearTimeout(hard);
		process.exit(fails ? 1 : 0);
	}, (e) => {
		console.log(`FAIL - probe: ${e && e.stack || e}`);
		process.exit(1);
	});
} else if (cmd) {
	console.error('usage: node wsprobe.mjs malformed ws://HOST:PORT/chat');
	process.exit(64);
}
