// The customer's side of the web chat, in headless Chromium at a phone's
// size: welcome and menu, a Chinese message acknowledged, the agent's reply
// (sent by the orchestrating shell script), the customer typing (for the
// agent's typing indicator), a reload that resumes the conversation, end,
// rating, thanks. On the way: the chosen item and the queue position shown
// right after the pick, the agent's join and a transfer as Chinese system
// lines with the display name and the queue's label, the header following
// the transfer, and the same lines in English after the language switch.
//
//   node webchat.mjs PAGE_URL CTL_DIR
//
// PAGE_URL and CTL_DIR may also come from WEBCHAT_URL and CTL_DIR. Other
// settings: WEBCHAT_ITEM (menu item id; default the first), AGENT_REPLY,
// AGENT_NAME, CHROMIUM (default /usr/bin/chromium). Signals the script by
// writing CTL_DIR/customer_sent (the customer's message is acknowledged);
// if the script writes CTL_DIR/agent_typed, the typing indicator must have
// been seen. After the reload it writes CTL_DIR/want_transfer and waits for
// the script to transfer the chat to TRANSFER_LABEL_ZH / TRANSFER_LABEL_EN
// where NEW_AGENT_NAME takes it. Exits 0 on success, 1 with a message
// otherwise; 150 s at most.
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

const PAGE_URL = process.argv[2] || process.env.WEBCHAT_URL;
const CTL_DIR = process.argv[3] || process.env.CTL_DIR;
const ITEM = process.env.WEBCHAT_ITEM || '';
const AGENT_REPLY = process.env.AGENT_REPLY || '您好，已为您查到：订单已发货';
const AGENT_NAME = process.env.AGENT_NAME || '王小丽';
const CUSTOMER_TEXT = '你好，我想查询订单 12345 的物流状态';
const ITEM_LABEL_ZH = process.env.ITEM_LABEL_ZH || '业务咨询';
const TRANSFER_LABEL_ZH = process.env.TRANSFER_LABEL_ZH || '售后服务';
const TRANSFER_LABEL_EN = process.env.TRANSFER_LABEL_EN || 'After-sales';
const NEW_AGENT_NAME = process.env.NEW_AGENT_NAME || '王大伟';
const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';
// A phone's user agent, so the visitor trail says "mobile Android Chrome".
const PHONE_UA = 'Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36';

if (!PAGE_URL || !CTL_DIR) {
	console.error('usage: node webchat.mjs PAGE_URL CTL_DIR');
	process.exit(64);
}

let browser = null;
let page = null;
const log = (s) => console.log(`webchat: ${s}`);
const pageErrors = [];
const consoleLines = [];

async function shot(name) {
	if (!page) return;
	try { await page.screenshot({ path: path.join(CTL_DIR, name), fullPage: true }); } catch { /* page gone */ }
}

async function fail(msg) {
	console.error(`webchat: FAIL: ${msg}`);
	await shot('webchat-failure.png');
	if (consoleLines.length) console.error('--- page console ---\n' + consoleLines.slice(-30).join('\n'));
	if (page) {
		try { console.error('--- #messages ---\n' + await page.locator('#messages').innerText({ timeout: 1000 })); } catch { /* ignore */ }
		try { console.error('--- #status / #notice ---\n' + await page.locator('#status').innerText({ timeout: 1000 }) + ' / ' + await page.locator('#notice').innerText({ timeout: 1000 })); } catch { /* ignore */ }
	}
	if (browser) await browser.close().catch(() => {});
	process.exit(1);
}

const hard = setTimeout(() => { fail('hard timeout of 150 s'); }, 150000);

// step(description, fn): runs fn; any exception becomes a failure that
// names the step.
async function step(what, fn) {
	try {
		const r = await fn();
		log(`ok: ${what}`);
		return r;
	} catch (e) {
		await fail(`${what}: ${(e && e.message || String(e)).split('\n')[0]}`);
	}
}

function customerMsg() {
	return page.locator('#messages .msg[data-from="customer"]').filter({ hasText: CUSTOMER_TEXT });
}
function agentMsg() {
	return page.locator('#messages .msg[data-from="agent"]').filter({ hasText: AGENT_REPLY });
}

async function exactlyOnce(loc, what) {
	const n = await loc.count();
	if (n !== 1) throw new Error(`${what} is shown ${n} times, wanted once`);
}

// The text of the system line with `code`, or '' when there is none.
async function systemLine(code) {
	const loc = page.locator(`#messages .msg[data-from="system"][data-code="${code}"] .text`);
	return (await loc.count()) ? (await loc.last().innerText()).trim() : '';
}

async function waitText(selector, want, what, timeout = 20000) {
	try {
		await page.waitForFunction(([sel, w]) => {
			const n = document.querySelector(sel);
			return n && n.offsetParent !== null && n.textContent.trim() === w;
		}, [selector, want], { timeout });
	} catch {
		const got = await page.locator(selector).innerText().catch(() => '(none)');
		throw new Error(`${what}: ${selector} reads ${JSON.stringify(got.trim())}, wanted ${JSON.stringify(want)}`);
	}
}

async function waitSystemLine(code, want, timeout = 20000) {
	try {
		await page.waitForFunction(([c, w]) => [...document.querySelectorAll(`#messages .msg[data-from="system"][data-code="${c}"] .text`)]
			.some((n) => n.textContent.trim() === w), [code, want], { timeout });
	} catch {
		const all = await page.locator('#messages .msg[data-from="system"] .text').allInnerTexts();
		throw new Error(`no system line ${JSON.stringify(want)} (code ${code}); system lines: ${JSON.stringify(all)}`);
	}
}

async function checkConversationShown(label) {
	await customerMsg().first().waitFor({ state: 'visible', timeout: 15000 });
	await agentMsg().first().waitFor({ state: 'visible', timeout: 15000 });
	await exactlyOnce(customerMsg(), `${label}: the customer's message`);
	await exactlyOnce(agentMsg(), `${label}: the agent's reply`);
	const text = (await customerMsg().locator('.text').innerText()).trim();
	if (text !== CUSTOMER_TEXT) throw new Error(`${label}: customer text reads ${JSON.stringify(text)}`);
	// Every seq shown once.
	const seqs = await page.locator('#messages .msg[data-seq]').evaluateAll((ns) => ns.map((n) => n.getAttribute('data-seq')));
	if (new Set(seqs).size !== seqs.length) throw new Error(`${label}: a seq is shown twice: ${seqs.join(',')}`);
}

async function main() {
	fs.mkdirSync(CTL_DIR, { recursive: true });
	browser = await step('launch Chromium', () => chromium.launch({
		executablePath: EXECUTABLE,
		args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
			'--disable-background-networking', '--disable-component-update', '--disable-sync'],
		timeout: 30000,
	}));
	const context = await browser.newContext({
		viewport: { width: 390, height: 844 },
		deviceScaleFactor: 2,
		isMobile: true,
		hasTouch: true,
		userAgent: PHONE_UA,
		locale: 'zh-CN',
	});
	context.setDefaultTimeout(15000);
	page = await context.newPage();
	page.on('pageerror', (e) => { pageErrors.push(String(e)); consoleLines.push(`pageerror: ${e}`); });
	page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));

	const url = new URL(PAGE_URL);
	url.searchParams.set('lang', 'zh');
	await step(`open ${url}`, async () => {
		const r = await page.goto(url.toString(), { waitUntil: 'load' });
		if (!r || !r.ok()) throw new Error(`HTTP ${r ? r.status() : 'no response'}`);
	});

	const items = await step('welcome and menu render', async () => {
		await page.locator('#menu button[data-item]').first().waitFor({ state: 'visible' });
		const welcome = (await page.locator('#welcome-text').innerText()).trim();
		if (!welcome) throw new Error('the welcome text is empty');
		const ids = await page.locator('#menu button[data-item]').evaluateAll((ns) => ns.map((n) => [n.getAttribute('data-item'), n.textContent.trim()]));
		if (ids.some(([id, label]) => !id || !label)) throw new Error(`a menu button lacks an id or a label: ${JSON.stringify(ids)}`);
		const send = (await page.locator('#send').innerText()).trim();
		if (send !== '发送') throw new Error(`page strings are not Chinese with ?lang=zh (#send reads ${JSON.stringify(send)})`);
		const lang = await page.evaluate(() => document.documentElement.lang);
		if (!lang.startsWith('zh')) throw new Error(`<html lang> is ${lang}`);
		log(`welcome: ${JSON.stringify(welcome)}; menu: ${JSON.stringify(ids)}`);
		return ids;
	});

	await step('the page fits a phone: no horizontal scrolling, tap targets at least 40 px', async () => {
		const r = await page.evaluate(() => {
			const small = [];
			for (const b of document.querySelectorAll('#menu button, #send, #end, #lang-toggle')) {
				const rc = b.getBoundingClientRect();
				if (rc.width && rc.height < 36) small.push(`${b.id || b.textContent.trim()} ${Math.round(rc.height)}px`);
			}
			return { sw: document.documentElement.scrollWidth, cw: document.documentElement.clientWidth, small };
		});
		if (r.sw > r.cw + 1) throw new Error(`page is ${r.sw}px wide in a ${r.cw}px viewport`);
		if (r.small.length) throw new Error(`buttons too small to tap: ${r.small.join(', ')}`);
	});

	const item = ITEM || items[0][0];
	await step(`pick menu item "${item}"`, async () => {
		const b = page.locator(`#menu button[data-item="${item.replace(/"/g, '\\"')}"]`);
		if (await b.count() !== 1) throw new Error(`no menu button for item "${item}" (menu: ${JSON.stringify(items)})`);
		await b.click();
		await page.locator('#input').waitFor({ state: 'visible' });
	});

	await step('after the pick the page shows the chosen item and the position in the queue', async () => {
		await waitText('#queue-name', ITEM_LABEL_ZH, 'the header names the chosen item');
		// No agent is available yet: first in the queue, told by the broker.
		await page.waitForFunction(() => document.getElementById('queue-pos').getAttribute('data-position') === '1', null, { timeout: 15000 })
			.catch(async () => { throw new Error(`#queue-pos reads ${JSON.stringify(await page.locator('#queue-pos').innerText())}`); });
		const pos = (await page.locator('#queue-pos').innerText()).trim();
		if (!pos.includes('排队中') || !pos.includes('等待') || !(await page.locator('#queue-pos').isVisible())) throw new Error(`#queue-pos reads ${JSON.stringify(pos)}`);
		log(`after the pick: header ${JSON.stringify(ITEM_LABEL_ZH)}, queue ${JSON.stringify(pos)}`);
	});
	await shot('webchat-queued.png');

	await step('send the Chinese message and see it acknowledged', async () => {
		await page.locator('#input').click();
		await page.locator('#input').pressSequentially('你好', { delay: 20 });
		await page.locator('#input').fill(CUSTOMER_TEXT);
		await page.locator('#send').click();
		await customerMsg().first().waitFor({ state: 'visible', timeout: 5000 });
		// Pending until the broker's ack.
		await page.locator('#messages .msg[data-from="customer"]:not(.pending)').filter({ hasText: CUSTOMER_TEXT })
			.first().waitFor({ state: 'visible', timeout: 15000 });
		await exactlyOnce(customerMsg(), 'the customer\'s message');
		const seq = await customerMsg().getAttribute('data-seq');
		if (!seq || !(Number(seq) >= 1)) throw new Error(`acknowledged message has no seq (data-seq=${seq})`);
		if ((await page.locator('#input').inputValue()) !== '') throw new Error('the input was not cleared');
	});

	const queue = await page.locator('#queue-pos').innerText().catch(() => '');
	if (queue) log(`queue display: ${JSON.stringify(queue.trim())}`);

	fs.writeFileSync(path.join(CTL_DIR, 'customer_sent'), 'sent\n');
	log('signalled customer_sent; waiting for the agent (60 s at most)');

	await step(`the agent's reply "${AGENT_REPLY}" appears`, async () => {
		await agentMsg().first().waitFor({ state: 'visible', timeout: 60000 });
		const text = (await agentMsg().first().locator('.text').innerText()).trim();
		if (text !== AGENT_REPLY) throw new Error(`reply reads ${JSON.stringify(text)}`);
	});

	await step(`the agent's display name "${AGENT_NAME}" is shown`, async () => {
		await page.locator('#agent-name').waitFor({ state: 'visible', timeout: 10000 });
		const name = await page.locator('#agent-name').innerText();
		if (!name.includes(AGENT_NAME)) throw new Error(`#agent-name reads ${JSON.stringify(name)}`);
	});

	await step(`the join reads "${AGENT_NAME} 已加入会话" for a Chinese visitor`, async () => {
		await waitSystemLine('joined', `${AGENT_NAME} 已加入会话`);
	});

	if (fs.existsSync(path.join(CTL_DIR, 'agent_typed'))) {
		await step('the agent\'s typing indicator was shown', async () => {
			const seen = await page.locator('#typing').getAttribute('data-seen');
			if (seen !== '1') throw new Error('#typing was never shown');
		});
	}
	// Typing is live, not stored: the script follows the agent's events from
	// before the customer types and says so by writing CTL_DIR/agent_listening.
	for (let i = 0; i < 200 && !fs.existsSync(path.join(CTL_DIR, 'agent_listening')); i++)
		await page.waitForTimeout(100);
	await step('the customer types (typing on, then off) without sending', async () => {
		await page.locator('#input').click();
		await page.locator('#input').pressSequentially('好的', { delay: 30 });
		await page.waitForTimeout(500);
		await page.locator('#input').fill('');
		await page.waitForTimeout(300);
	});
	await shot('webchat-chat.png');

	// Reload: the page keeps what it has shown; forget the agent's reply
	// first, so the broker must re-send it after last_seq.
	await step('reload resumes the conversation (token + last_seq)', async () => {
		const before = await page.evaluate(() => {
			const conv = JSON.parse(localStorage.getItem('hotline.conv') || 'null');
			const token = localStorage.getItem('hotline.visitor');
			if (!conv || !token) return { conv, token };
			const mine = conv.msgs.filter((m) => m.from === 'customer' && m.seq != null);
			const cut = Math.max(...mine.map((m) => m.seq));
			conv.msgs = conv.msgs.filter((m) => m.seq != null && m.seq <= cut);
			conv.lastSeq = cut;
			localStorage.setItem('hotline.conv', JSON.stringify(conv));
			return { cut, token, phase: conv.phase };
		});
		if (!before.token) throw new Error('no visitor token was kept in localStorage');
		if (before.cut == null) throw new Error(`no conversation kept in localStorage: ${JSON.stringify(before)}`);
		log(`reloading with last_seq ${before.cut} (the agent's reply must be re-sent)`);
		await page.reload({ waitUntil: 'load' });
		await checkConversationShown('after the reload');
		await page.waitForFunction(() => document.getElementById('status').getAttribute('data-state') === 'online', null, { timeout: 15000 });
		const token = await page.evaluate(() => localStorage.getItem('hotline.visitor'));
		if (token !== before.token) throw new Error('the broker gave a new visitor token on reload: the visitor was not known');
		const name = await page.locator('#agent-name').innerText();
		if (!name.includes(AGENT_NAME)) throw new Error(`after the reload #agent-name reads ${JSON.stringify(name)}`);
		if (!(await page.locator('#end').isVisible())) throw new Error('after the reload the chat is not open (no End button)');
	});

	await step(`after a transfer the page reads "已转接到 ${TRANSFER_LABEL_ZH}" and its header follows`, async () => {
		fs.writeFileSync(path.join(CTL_DIR, 'want_transfer'), 'now\n');
		await waitSystemLine('transferred', `已转接到 ${TRANSFER_LABEL_ZH}`, 60000);
		await waitText('#queue-name', TRANSFER_LABEL_ZH, 'the header names the new queue');
		await waitText('#agent-name', NEW_AGENT_NAME, 'the header names the new agent', 60000);
		await waitSystemLine('joined', `${NEW_AGENT_NAME} 已加入会话`);
		const texts = await page.locator('#messages .msg[data-from="system"] .text').allInnerTexts();
		if (texts.some((x) => /joined|Transferred|aftersales|xiaoli/.test(x))) throw new Error(`an English line, queue id or login name is shown: ${JSON.stringify(texts)}`);
		log(`system lines (zh): ${JSON.stringify(texts)}`);
	});
	await shot('webchat-transfer-zh.png');

	await step('for an English reader (language switch) the same lines read in English', async () => {
		await page.locator('#lang-toggle').click();
		await waitSystemLine('joined', `${AGENT_NAME} joined the chat`);
		await waitSystemLine('transferred', `Transferred to ${TRANSFER_LABEL_EN}`);
		await waitSystemLine('joined', `${NEW_AGENT_NAME} joined the chat`);
		// The broker's answer to the new hello gives the label in English.
		await waitText('#queue-name', TRANSFER_LABEL_EN, 'the header in English');
		await page.waitForFunction(() => document.getElementById('status').getAttribute('data-state') === 'online', null, { timeout: 15000 });
		log(`system lines (en): ${JSON.stringify(await page.locator('#messages .msg[data-from="system"] .text').allInnerTexts())}`);
	});
	await shot('webchat-transfer-en.png');

	await step('end the chat and rate it', async () => {
		await page.locator('#end').click();
		await page.locator('#rating').waitFor({ state: 'visible', timeout: 15000 });
		await page.locator('[data-csat="5"]').click();
		await page.locator('[data-nps="9"]').click();
		if (await page.locator('[data-csat="5"]').getAttribute('aria-pressed') !== 'true') throw new Error('CSAT 5 not selected');
		if (await page.locator('[data-nps="9"]').getAttribute('aria-pressed') !== 'true') throw new Error('NPS 9 not selected');
		await page.locator('#comment').fill('很好');
		await page.locator('#rate-submit').click();
		await page.locator('#thanks').waitFor({ state: 'visible', timeout: 15000 });
	});

	await shot('webchat.png');
	if (pageErrors.length) await fail(`JavaScript errors on the page: ${pageErrors.join(' | ')}`);
	await browser.close();
	clearTimeout(hard);
	log(`passed; screenshot ${path.join(CTL_DIR, 'webchat.png')}`);
}

main().catch((e) => fail(e && e.stack || String(e)));
