/* Hotline customer web chat. Plain JavaScript, no framework, no build step.
 * Speaks the protocol of docs/webchat.md over a WebSocket at /chat: one
 * JSON object and a newline per message. */
(function () {
  'use strict';

  // ---- Strings -----------------------------------------------------------
  var STR = {
    zh: {
      title: '在线客服',
      langToggle: 'English',
      langToggleLabel: 'Switch to English',
      connecting: '正在连接…',
      reconnecting: '正在重新连接…',
      offline: '连接已断开，正在重新连接…',
      welcomeBack: '欢迎回来！',
      regionLabel: '所在地区',
      regionNone: '请选择地区',
      menuPrompt: '请选择您要咨询的业务：',
      itemClosed: '非服务时间，可留言',
      agentLabel: '客服：',
      queueLabel: '业务：',
      queuedLooking: '已选择“{item}”，正在为您排队…',
      queuedOffered: '正在为您接通客服…',
      sys_joined: '{agent_name} 已加入会话',
      sys_transferred: '已转接到 {queue_zh}',
      sys_transferred_agent: '已转接给 {agent_name}',
      sys_ended_agent: '客服已结束会话',
      sys_ended_customer: '您已结束会话',
      sys_no_agent: '暂时没有客服能接待，请留言',
      sys_barged: '主管 {agent_name} 已加入会话',
      sys_taken_over: '现在由 {agent_name} 为您服务',
      queued: '排队中：您前面还有 {ahead} 位（第 {pos} 位）',
      queuedFirst: '排队中：您是下一位',
      queuedEta: '，预计等待 {eta}',
      queuedNoEta: '，暂时无法估计等待时间',
      etaSec: '{n} 秒',
      etaMin: '约 {n} 分钟',
      typing: '{name} 正在输入…',
      agent: '客服',
      you: '我',
      system: '系统',
      inputLabel: '输入消息',
      inputPlaceholder: '请输入您的问题',
      send: '发送',
      end: '结束',
      endLabel: '结束对话',
      endedAgent: '客服已结束本次对话',
      endedCustomer: '您已结束本次对话',
      endedSystem: '本次对话已结束',
      rateTitle: '我的服务您来评',
      csatQ: '您对本次服务满意吗？',
      csat1: '非常不满意', csat2: '不满意', csat3: '一般', csat4: '满意', csat5: '非常满意',
      csatButton: '{n} 星',
      npsQ: '您有多大可能向朋友推荐我们？（0–10）',
      npsLow: '0 不可能',
      npsHigh: '10 非常可能',
      commentLabel: '意见或建议（选填）',
      rateSubmit: '提交评价',
      rateSkip: '跳过',
      rateNeed: '请先选择满意度和推荐度',
      thanks: '感谢您的评价！',
      newChat: '开始新的对话',
      backToMenu: '返回菜单',
      closedDefault: '现在不是服务时间。',
      leaveTitle: '请留言，我们会尽快联系您',
      leaveName: '姓名',
      leaveContact: '联系方式（电话或邮箱）',
      leaveText: '留言内容',
      leaveSubmit: '提交留言',
      leaveNeed: '请填写姓名、联系方式和留言内容',
      leftMessage: '留言已提交，编号 {ref}。我们会尽快与您联系。',
      tooLong: '消息太长了（最多 4000 字）',
      notConnected: '尚未连接，请稍候',
      error: '请求未被接受：{text}',
      err_state: '当前无法进行此操作',
      err_rate_limited: '操作太频繁了，请稍后再试',
      replaced: '此对话已在另一个标签页中继续。点击此处在本页继续。',
      err_bad_field: '内容不符合要求',
      err_too_big: '内容太长了',
      err_malformed: '页面与服务不一致，请刷新页面',
      err_unknown_type: '页面与服务不一致，请刷新页面',
      pending: '发送中',
      notSent: '未发送',
      messagesLabel: '对话记录'
    },
    en: {
      title: 'Customer service',
      langToggle: '中文',
      langToggleLabel: '切换到中文',
      connecting: 'Connecting…',
      reconnecting: 'Reconnecting…',
      offline: 'Connection lost, reconnecting…',
      welcomeBack: 'Welcome back!',
      regionLabel: 'Your region',
      regionNone: 'Choose a region',
      menuPrompt: 'What can we help you with?',
      itemClosed: 'closed now: leave a message',
      agentLabel: 'Agent: ',
      queueLabel: 'Topic: ',
      queuedLooking: 'You chose “{item}”: finding you a place in the queue…',
      queuedOffered: 'Connecting you to an agent…',
      sys_joined: '{agent_name} joined the chat',
      sys_transferred: 'Transferred to {queue_en}',
      sys_transferred_agent: 'Transferred to {agent_name}',
      sys_ended_agent: 'The agent ended the chat',
      sys_ended_customer: 'You ended the chat',
      sys_no_agent: 'No agent could take the chat in time; please leave a message',
      sys_barged: 'Supervisor {agent_name} joined the chat',
      sys_taken_over: '{agent_name} is now serving you',
      queued: 'In the queue: {ahead} ahead of you (position {pos})',
      queuedFirst: 'In the queue: you are next',
      queuedEta: ', estimated wait {eta}',
      queuedNoEta: ', no estimate of the wait yet',
      etaSec: '{n} s',
      etaMin: 'about {n} min',
      typing: '{name} is typing…',
      agent: 'Agent',
      you: 'You',
      system: 'System',
      inputLabel: 'Type a message',
      inputPlaceholder: 'Type your question',
      send: 'Send',
      end: 'End',
      endLabel: 'End the chat',
      endedAgent: 'The agent ended the chat',
      endedCustomer: 'You ended the chat',
      endedSystem: 'The chat has ended',
      rateTitle: 'Rate our service',
      csatQ: 'How satisfied are you with this chat?',
      csat1: 'Very dissatisfied', csat2: 'Dissatisfied', csat3: 'Neutral', csat4: 'Satisfied', csat5: 'Very satisfied',
      csatButton: '{n} star',
      npsQ: 'How likely are you to recommend us to a friend? (0–10)',
      npsLow: '0 not at all',
      npsHigh: '10 extremely',
      commentLabel: 'Comments (optional)',
      rateSubmit: 'Submit rating',
      rateSkip: 'Skip',
      rateNeed: 'Please choose both scores first',
      thanks: 'Thank you for your feedback!',
      newChat: 'Start a new chat',
      backToMenu: 'Back to the menu',
      closedDefault: 'We are closed right now.',
      leaveTitle: 'Leave us a message and we will get back to you',
      leaveName: 'Name',
      leaveContact: 'Phone or e-mail',
      leaveText: 'Message',
      leaveSubmit: 'Send message',
      leaveNeed: 'Please fill in your name, contact and message',
      leftMessage: 'Your message is stored, reference {ref}. We will contact you soon.',
      tooLong: 'The message is too long (4,000 characters at most)',
      notConnected: 'Not connected yet, please wait',
      error: 'Not accepted: {text}',
      err_state: 'That is not possible right now',
      err_rate_limited: 'Too many at once; please try again in a moment',
      replaced: 'This chat continued in another tab. Click here to continue in this one.',
      err_bad_field: 'That was not accepted',
      err_too_big: 'That is too long',
      err_malformed: 'The page is out of date, please reload it',
      err_unknown_type: 'The page is out of date, please reload it',
      pending: 'sending',
      notSent: 'not sent',
      messagesLabel: 'Conversation'
    }
  };

  var MAX_TEXT = 4000;          // characters in one chat line
  var MAX_LINE = 16 * 1024;     // bytes in one JSON line
  var MAX_PAGES = 20;
  var TRAIL_BYTES = 3600;       // the trail's strings together, in UTF-8
  var TYPING_IDLE_MS = 2500;
  var CONFIRM_MS = 4000;        // a resumed conversation must be confirmed by the broker
  var KEY = {
    visitor: 'hotline.visitor',
    lang: 'hotline.lang',
    landing: 'hotline.landing',
    pages: 'hotline.pages',
    region: 'hotline.region',
    conv: 'hotline.conv'
  };

  // ---- Small helpers -----------------------------------------------------
  function $(id) { return document.getElementById(id); }

  function store(kind) {
    try { return kind === 'session' ? window.sessionStorage : window.localStorage; } catch (e) { return null; }
  }
  function getItem(k) { var s = store(); try { return s ? s.getItem(k) : null; } catch (e) { return null; } }
  function setItem(k, v) { var s = store(); try { if (s) s.setItem(k, v); } catch (e) { /* full or disabled */ } }
  function removeItem(k) { var s = store(); try { if (s) s.removeItem(k); } catch (e) { /* ignore */ } }
  function getJSON(k, dflt) {
    var v = getItem(k);
    if (v == null) return dflt;
    try { return JSON.parse(v); } catch (e) { return dflt; }
  }

  function fmt(s, vars) {
    return String(s).replace(/\{(\w+)\}/g, function (m, k) { return vars && k in vars ? String(vars[k]) : m; });
  }
  function t(key, vars) {
    var table = STR[lang] || STR.zh;
    return fmt(key in table ? table[key] : (STR.en[key] || key), vars);
  }
  // A system line in the page's language from its code and args
  // (docs/webchat.md, "System lines"); its English text for a code this
  // page does not know or a line stored before codes. A missing argument
  // falls back: _zh to _en and back, then to the bare key.
  function sysArg(args, key) {
    var v = args[key];
    if (typeof v === 'string' && v) return v;
    var m = /^(.*)_(zh|en)$/.exec(key);
    var other = m ? args[m[1] + (m[2] === 'zh' ? '_en' : '_zh')] : '';
    if (typeof other === 'string' && other) return other;
    var cut = key.lastIndexOf('_');
    return cut > 0 ? sysArg(args, key.slice(0, cut)) : '';
  }
  function sysText(m) {
    var table = STR[lang] || STR.zh;
    var key = 'sys_' + (m.code || '');
    if (!m.code || !(key in table)) return m.text || '';
    var args = m.args && typeof m.args === 'object' ? m.args : {};
    return String(table[key]).replace(/\{(\w+)\}/g, function (x, k) { return sysArg(args, k) || '?'; });
  }
  function chars(s) { return Array.from(String(s)).length; }
  function clip(s, n) { s = String(s || ''); return s.length > n ? s.slice(0, n) : s; }
  function utf8Len(s) {
    if (window.TextEncoder) return new TextEncoder().encode(s).length;
    return unescape(encodeURIComponent(s)).length;
  }
  function randomHex(bytes) {
    var a = new Uint8Array(bytes);
    if (window.crypto && window.crypto.getRandomValues) window.crypto.getRandomValues(a);
    else for (var i = 0; i < bytes; i++) a[i] = Math.floor(Math.random() * 256);
    return Array.prototype.map.call(a, function (b) { return (b < 16 ? '0' : '') + b.toString(16); }).join('');
  }
  function hhmm(ms) {
    var d = new Date(typeof ms === 'number' ? ms : Date.now());
    var h = d.getHours(), m = d.getMinutes();
    return (h < 10 ? '0' : '') + h + ':' + (m < 10 ? '0' : '') + m;
  }

  // ---- Language ----------------------------------------------------------
  var params = new URLSearchParams(window.location.search);
  function pickLang() {
    var q = (params.get('lang') || '').toLowerCase();
    if (q) return q.indexOf('zh') === 0 ? 'zh' : 'en';
    var saved = getItem(KEY.lang);
    if (saved === 'zh' || saved === 'en') return saved;
    var nav = (navigator.language || (navigator.languages && navigator.languages[0]) || '').toLowerCase();
    return nav.indexOf('zh') === 0 ? 'zh' : 'en';
  }
  var lang = pickLang();

  // ---- Visitor trail -----------------------------------------------------
  function searchKeywords(u) {
    if (!u) return '';
    try {
      var p = new URL(u, window.location.href).searchParams;
      var names = ['q', 'wd', 'keyword', 'word'];
      for (var i = 0; i < names.length; i++) {
        var v = p.get(names[i]);
        if (v && v.trim()) return v.trim();
      }
    } catch (e) { /* not a URL */ }
    return '';
  }

  function deviceOf(ua) {
    ua = ua || '';
    var touchMac = /Macintosh/.test(ua) && navigator.maxTouchPoints > 1;
    var kind = 'desktop';
    if (/iPad|Tablet|PlayBook|Silk|Kindle/i.test(ua) || touchMac || (/Android/i.test(ua) && !/Mobile/i.test(ua))) kind = 'tablet';
    else if (/Mobi|iPhone|iPod|Android|Windows Phone|HarmonyOS/i.test(ua)) kind = 'mobile';
    var os = 'other';
    if (/HarmonyOS|OpenHarmony/i.test(ua)) os = 'HarmonyOS';
    else if (/Windows Phone/i.test(ua)) os = 'WindowsPhone';
    else if (/Android/i.test(ua)) os = 'Android';
    else if (/iPhone|iPad|iPod/i.test(ua) || touchMac) os = 'iOS';
    else if (/Windows/i.test(ua)) os = 'Windows';
    else if (/CrOS/i.test(ua)) os = 'ChromeOS';
    else if (/Mac OS X|Macintosh/i.test(ua)) os = 'macOS';
    else if (/Linux|X11/i.test(ua)) os = 'Linux';
    var br = 'other';
    if (/MicroMessenger/i.test(ua)) br = 'WeChat';
    else if (/DingTalk/i.test(ua)) br = 'DingTalk';
    else if (/QQBrowser|MQQBrowser/i.test(ua)) br = 'QQBrowser';
    else if (/UCBrowser|UCWEB/i.test(ua)) br = 'UC';
    else if (/Edg(e|A|iOS)?\//i.test(ua)) br = 'Edge';
    else if (/OPR\/|Opera/i.test(ua)) br = 'Opera';
    else if (/SamsungBrowser/i.test(ua)) br = 'Samsung';
    else if (/Firefox|FxiOS/i.test(ua)) br = 'Firefox';
    else if (/Chrome|CriOS|Chromium/i.test(ua)) br = 'Chrome';
    else if (/Safari/i.test(ua)) br = 'Safari';
    return kind + ' ' + os + ' ' + br;
  }

  function recordPage() {
    var here = clip(window.location.href, 400);
    if (!getItem(KEY.landing)) setItem(KEY.landing, here);
    var pages = getJSON(KEY.pages, []);
    if (!Array.isArray(pages)) pages = [];
    if (pages[pages.length - 1] !== here) pages.push(here);
    if (pages.length > MAX_PAGES) pages = pages.slice(pages.length - MAX_PAGES);
    setItem(KEY.pages, JSON.stringify(pages));
  }

  function trail() {
    var landing = getItem(KEY.landing) || window.location.href;
    var referrer = document.referrer || '';
    var pages = getJSON(KEY.pages, []);
    if (!Array.isArray(pages)) pages = [];
    return {
      referrer: clip(referrer, 400),
      landing: clip(landing, 400),
      pages: pages.map(function (p) { return clip(p, 400); }),
      keywords: clip(searchKeywords(landing) || searchKeywords(referrer), 100),
      device: deviceOf(navigator.userAgent),
      region: getItem(KEY.region) || ''
    };
  }

  // ---- Conversation state (kept across reloads) --------------------------
  // conv: {phase, agent, queueLabel, lastSeq, msgs: [{seq, id, from, name, text, ts, code, args}]}
  // A message with seq null is the visitor's own line not yet acknowledged.
  var conv = getJSON(KEY.conv, null);
  if (!conv || typeof conv !== 'object' || !Array.isArray(conv.msgs)) conv = null;
  function blankConv() { return { phase: 'queued', agent: '', queueLabel: '', lastSeq: 0, msgs: [] }; }
  function saveConv() { if (conv) setItem(KEY.conv, JSON.stringify(conv)); else removeItem(KEY.conv); }

  var idPrefix = randomHex(6);
  var idCounter = 0;
  function newMsgId() { idCounter += 1; return idPrefix + '-' + idCounter.toString(36); }

  // ---- Elements ----------------------------------------------------------
  var el = {
    app: $('app'), status: $('status'), langToggle: $('lang-toggle'),
    agentLine: $('agent-line'), agentName: $('agent-name'),
    queueLine: $('queue-line'), queueName: $('queue-name'),
    welcome: $('welcome'), welcomeText: $('welcome-text'), menu: $('menu'),
    regionBox: $('region-box'), region: $('region'),
    closed: $('closed'), closedText: $('closed-text'), leaveForm: $('leave-form'), leaveDone: $('leave-done'),
    chat: $('chat'), queuePos: $('queue-pos'), messages: $('messages'), typing: $('typing'),
    rating: $('rating'), csatBox: document.querySelector('#csat .buttons'), npsBox: document.querySelector('#nps .buttons'),
    csatHint: $('csat-hint'), comment: $('comment'), rateSubmit: $('rate-submit'),
    thanks: $('thanks'), newChat: $('new-chat'), over: $('over'), overText: $('over-text'),
    notice: $('notice'), composer: $('composer'), input: $('input'), send: $('send'), end: $('end'),
    body: $('body')
  };

  var phase = 'connecting';     // connecting, menu, closed, queued, chat, rating, thanks
  var welcomeMsg = null;        // the last welcome
  var greetedBack = false;      // the page's first welcome said returning
  var closedText = '';
  var lastQueued = null;
  var csat = 0, nps = -1;
  var agentTypingTimer = null;

  // ---- Rendering ---------------------------------------------------------
  function applyStrings() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.title = t('title') + ' · Hotline';
    var nodes = document.querySelectorAll('[data-i18n]');
    for (var i = 0; i < nodes.length; i++) nodes[i].textContent = t(nodes[i].getAttribute('data-i18n'));
    el.langToggle.textContent = t('langToggle');
    el.langToggle.setAttribute('aria-label', t('langToggleLabel'));
    el.langToggle.lang = lang === 'zh' ? 'en' : 'zh-CN';
    el.input.placeholder = t('inputPlaceholder');
    el.end.setAttribute('aria-label', t('endLabel'));
    el.end.title = t('endLabel');
    el.messages.setAttribute('aria-label', t('messagesLabel'));
    buildScales();
    if (welcomeMsg) renderWelcome();
    renderQueue();
    renderTypingText();
    if (el.region.options.length) el.region.options[0].textContent = t('regionNone');
    var coded = el.messages.querySelectorAll('.msg[data-code]');
    for (var k = 0; k < coded.length; k++) {
      var args = {};
      try { args = JSON.parse(coded[k].getAttribute('data-args') || '{}'); } catch (e) { /* keep none */ }
      coded[k].querySelector('.text').textContent = sysText({ code: coded[k].getAttribute('data-code'), args: args, text: coded[k].getAttribute('data-en') });
    }
    var labels = el.messages.querySelectorAll('.msg');
    for (var j = 0; j < labels.length; j++) {
      var who = labels[j].querySelector('.who');
      if (who && !labels[j].getAttribute('data-name')) who.textContent = whoLabel(labels[j].getAttribute('data-from'), '');
    }
    ['rating-ended', 'over-text'].forEach(function (id) {
      var n = $(id);
      if (n.getAttribute('data-key')) n.textContent = t(n.getAttribute('data-key'));
    });
    if (phase === 'closed' && !closedText) el.closedText.textContent = t('closedDefault');
  }

  function setStatus(key) {
    el.status.textContent = key ? t(key) : '';
    el.status.setAttribute('data-state', key || 'online');
    el.app.setAttribute('data-conn', key === 'reconnecting' || key === 'offline' ? 'down' : 'up');
  }

  var noticeTimer = null;
  function notice(text) {
    el.notice.textContent = text;
    el.notice.hidden = false;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(function () { el.notice.hidden = true; }, 6000);
  }

  function setPhase(p) {
    phase = p;
    el.app.setAttribute('data-phase', p);
    el.welcome.hidden = p !== 'menu';
    el.closed.hidden = p !== 'closed';
    var inConv = p === 'queued' || p === 'chat' || p === 'rating' || p === 'thanks' || p === 'over';
    el.chat.hidden = !inConv;
    el.composer.hidden = !(p === 'queued' || p === 'chat');
    el.rating.hidden = p !== 'rating';
    el.thanks.hidden = p !== 'thanks';
    el.over.hidden = p !== 'over';
    el.queuePos.hidden = p !== 'queued';
    if (p === 'queued') renderQueue();
    if (p !== 'queued' && p !== 'chat') showAgentTyping(false);
    var agentName = conv && conv.agent;
    el.agentLine.hidden = !(agentName && inConv);
    renderHeader(inConv);
    if (conv && (p === 'queued' || p === 'chat' || p === 'rating')) { conv.phase = p; saveConv(); }
    updateSendEnabled();
    if (p === 'rating') scrollDown(el.rating);
  }

  function updateSendEnabled() {
    el.send.disabled = !el.input.value.trim();
  }

  function scrollDown(target) {
    window.requestAnimationFrame(function () {
      if (target && target.scrollIntoView) target.scrollIntoView({ block: 'end' });
      else el.body.scrollTop = el.body.scrollHeight;
    });
  }

  function renderWelcome() {
    var w = welcomeMsg || {};
    var text = w.text || '';
    // "Welcome back" greets a visitor known from an earlier visit, not a
    // reconnect or a language switch of this page.
    if (w.returning && greetedBack) text = (text ? t('welcomeBack') + '\n' + text : t('welcomeBack'));
    el.welcomeText.textContent = text;
    el.menu.textContent = '';
    var items = Array.isArray(w.menu) ? w.menu : [];
    items.forEach(function (it) {
      if (!it || it.id == null) return;
      var b = document.createElement('button');
      b.type = 'button';
      b.setAttribute('data-item', String(it.id));
      b.setAttribute('data-testid', 'menu-item');
      b.textContent = it.label || String(it.id);
      if (it.open === false) {
        // Outside this item's business hours: still chosen, the broker then
        // answers "closed" and a message can be left.
        b.classList.add('closed-item');
        b.setAttribute('data-open', 'false');
        var hint = document.createElement('span');
        hint.className = 'hint';
        hint.textContent = t('itemClosed');
        b.appendChild(hint);
      }
      b.addEventListener('click', function () { startChat(String(it.id)); });
      el.menu.appendChild(b);
    });
    var regions = Array.isArray(w.regions) ? w.regions : [];
    el.region.textContent = '';
    if (regions.length) {
      var chosen = getItem(KEY.region) || '';
      var none = document.createElement('option');
      none.value = '';
      none.textContent = t('regionNone');
      el.region.appendChild(none);
      regions.forEach(function (r) {
        var id = typeof r === 'object' && r ? (r.id != null ? r.id : r.name) : r;
        var label = typeof r === 'object' && r ? (r.label || r.name || r.id) : r;
        if (id == null) return;
        var o = document.createElement('option');
        o.value = String(id);
        o.textContent = String(label);
        if (String(id) === chosen) o.selected = true;
        el.region.appendChild(o);
      });
    }
    el.regionBox.hidden = !regions.length;
    el.closedText.textContent = w.closed_text || closedText || t('closedDefault');
  }

  // The header names the queue the conversation is in (it follows a
  // transfer) and the agent who has it.
  function renderHeader(inConv) {
    if (inConv === undefined) inConv = !el.chat.hidden;
    var label = conv && conv.queueLabel;
    el.queueName.textContent = label || '';
    el.queueLine.hidden = !(label && inConv);
    el.agentName.textContent = (conv && conv.agent) || '';
    el.agentLine.hidden = !(conv && conv.agent && inConv);
  }

  function renderQueue() {
    if (!lastQueued) {
      // Chosen, not yet answered by the broker: say what was chosen.
      if (phase === 'queued' && conv && !conv.agent) {
        el.queuePos.textContent = t('queuedLooking', { item: conv.queueLabel || '' });
        el.queuePos.setAttribute('data-position', '');
        el.queuePos.hidden = false;
      } else {
        el.queuePos.hidden = true;
      }
      return;
    }
    var pos = Number(lastQueued.position) || 0;
    var eta = Number(lastQueued.eta_s);
    if (pos < 1) {
      // An agent is being offered the chat right now.
      el.queuePos.textContent = t('queuedOffered');
      el.queuePos.setAttribute('data-position', '0');
      el.queuePos.hidden = phase !== 'queued';
      return;
    }
    var text = pos <= 1 ? t('queuedFirst') : t('queued', { ahead: pos - 1, pos: pos });
    // A negative or missing eta_s means no estimate yet (no agent of the
    // queue is at work): the customer is told so rather than left guessing.
    if (isFinite(eta) && eta >= 0) {
      text += t('queuedEta', { eta: eta < 60 ? t('etaSec', { n: Math.max(1, Math.round(eta)) })
        : t('etaMin', { n: Math.round(eta / 60) }) });
    } else {
      text += t('queuedNoEta');
    }
    el.queuePos.textContent = text;
    el.queuePos.setAttribute('data-position', String(pos));
    el.queuePos.hidden = phase !== 'queued';
  }

  function whoLabel(from, name) {
    if (name) return name;
    if (from === 'customer') return t('you');
    if (from === 'agent') return (conv && conv.agent) || t('agent');
    return t('system');
  }

  function msgNode(m) {
    var li = document.createElement('li');
    li.className = 'msg';
    li.setAttribute('data-from', m.from || 'system');
    li.setAttribute('data-testid', 'msg');
    if (m.seq != null) li.setAttribute('data-seq', String(m.seq));
    else li.classList.add('pending');
    if (m.id) li.setAttribute('data-id', m.id);
    var name = m.from === 'customer' ? '' : (m.name || '');
    if (name) li.setAttribute('data-name', name);
    var who = document.createElement('span');
    who.className = 'who';
    who.textContent = whoLabel(m.from, name);
    var text = document.createElement('p');
    text.className = 'text';
    text.textContent = m.code ? sysText(m) : (m.text || '');
    if (m.code) {
      li.setAttribute('data-code', m.code);
      li.setAttribute('data-args', JSON.stringify(m.args || {}));
      li.setAttribute('data-en', m.text || '');
    }
    var meta = document.createElement('span');
    meta.className = 'meta';
    meta.textContent = hhmm(m.ts);
    li.appendChild(who);
    li.appendChild(text);
    li.appendChild(meta);
    if (m.seq == null) li.setAttribute('aria-busy', 'true');
    return li;
  }

  // Inserts a message node keeping seq order; pending lines stay last.
  function insertMsg(node, seq) {
    if (seq != null) {
      var kids = el.messages.children;
      for (var i = 0; i < kids.length; i++) {
        var s = kids[i].getAttribute('data-seq');
        var pend = kids[i].classList.contains('pending');
        if ((s != null && Number(s) > seq) || pend) { el.messages.insertBefore(node, kids[i]); return; }
      }
    }
    el.messages.appendChild(node);
  }

  function findById(id) {
    var kids = el.messages.querySelectorAll('.msg[data-id]');
    for (var i = 0; i < kids.length; i++) if (kids[i].getAttribute('data-id') === id) return kids[i];
    return null;
  }
  function seqShown(seq) { return !!el.messages.querySelector('.msg[data-seq="' + seq + '"]'); }

  function bumpSeq(seq) {
    if (!conv) conv = blankConv();
    if (typeof seq === 'number' && seq > conv.lastSeq) conv.lastSeq = seq;
  }

  function renderCached() {
    el.messages.textContent = '';
    if (!conv) return;
    conv.msgs.forEach(function (m) { el.messages.appendChild(msgNode(m)); });
    renderHeader();
  }

  // ---- Typing indicators -------------------------------------------------
  var agentTyping = false;
  function renderTypingText() {
    el.typing.textContent = t('typing', { name: (conv && conv.agent) || t('agent') });
  }
  function showAgentTyping(on) {
    agentTyping = !!on;
    clearTimeout(agentTypingTimer);
    if (agentTyping) {
      renderTypingText();
      el.typing.hidden = false;
      el.typing.setAttribute('data-seen', '1');
      agentTypingTimer = setTimeout(function () { showAgentTyping(false); }, 15000);
    } else {
      el.typing.hidden = true;
    }
  }

  var myTyping = false, myTypingTimer = null;
  function setMyTyping(on) {
    clearTimeout(myTypingTimer);
    if (on) myTypingTimer = setTimeout(function () { setMyTyping(false); }, TYPING_IDLE_MS);
    if (on === myTyping) return;
    if (on && phase !== 'chat' && phase !== 'queued') return;
    myTyping = on;
    send({ type: 'typing', on: on });
  }

  // ---- Actions -----------------------------------------------------------
  function startChat(item) {
    if (!isOpen()) { notice(t('notConnected')); return; }
    conv = blankConv();
    // The chosen item's label, shown at once; the broker's queued confirms it.
    var chosen = (welcomeMsg && Array.isArray(welcomeMsg.menu) ? welcomeMsg.menu : [])
      .filter(function (it) { return it && String(it.id) === item; })[0];
    conv.queueLabel = chosen && chosen.label ? String(chosen.label) : '';
    saveConv();
    el.messages.textContent = '';
    lastQueued = null;
    el.agentName.textContent = '';
    send({ type: 'start', item: item });
    setPhase('queued');
    el.input.focus();
  }

  // The broker takes plain text: no control characters but newline and tab.
  function plain(s) { return String(s).replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, ''); }

  var lastSent = null;          // {id, at}: the newest msg, to pin a refusal on
  function sendChat() {
    var text = plain(el.input.value).replace(/\s+$/, '');
    if (!text.trim()) return;
    if (chars(text) > MAX_TEXT) { notice(t('tooLong')); return; }
    if (!conv) conv = blankConv();
    var m = { seq: null, id: newMsgId(), from: 'customer', name: '', text: text, ts: Date.now() };
    if (utf8Len(JSON.stringify({ type: 'msg', id: m.id, text: text })) + 1 > MAX_LINE) { notice(t('tooLong')); return; }
    conv.msgs.push(m);
    saveConv();
    el.messages.appendChild(msgNode(m));
    el.input.value = '';
    updateSendEnabled();
    setMyTyping(false);
    lastSent = { id: m.id, at: Date.now() };
    send({ type: 'msg', id: m.id, text: text });
    scrollDown();
  }

  // A refused line (error right after it, no ack) is marked as not sent and
  // forgotten, so it is not sent again on reconnect.
  function refuseLastSent() {
    if (!lastSent || Date.now() - lastSent.at > 5000) return;
    var node = findById(lastSent.id);
    if (node && node.classList.contains('pending')) {
      node.classList.remove('pending');
      node.classList.add('failed');
      node.removeAttribute('aria-busy');
      node.querySelector('.meta').textContent = t('notSent');
      if (conv) conv.msgs = conv.msgs.filter(function (x) { return x.id !== lastSent.id; });
      saveConv();
    }
    lastSent = null;
  }

  function resendPending() {
    if (!conv) return;
    conv.msgs.forEach(function (m) {
      if (m.seq == null && m.from === 'customer') send({ type: 'msg', id: m.id, text: m.text });
    });
  }

  function endChat() {
    if (!send({ type: 'end' })) notice(t('notConnected'));
    setMyTyping(false);
  }

  function submitRating() {
    if (csat < 1 || nps < 0) { el.csatHint.textContent = t('rateNeed'); notice(t('rateNeed')); return; }
    var comment = plain(el.comment.value).trim();
    if (!send({ type: 'rate', csat: csat, nps: nps, comment: comment })) { notice(t('notConnected')); return; }
    el.rateSubmit.disabled = true;
  }

  function buildScales() {
    el.csatBox.textContent = '';
    for (var i = 1; i <= 5; i++) {
      var b = document.createElement('button');
      b.type = 'button';
      b.setAttribute('data-csat', String(i));
      b.setAttribute('aria-pressed', String(csat === i));
      b.setAttribute('aria-label', t('csatButton', { n: i }) + ' – ' + t('csat' + i));
      b.title = t('csat' + i);
      if (csat >= i) b.classList.add('lit');
      var star = document.createElement('span');
      star.className = 'star';
      star.setAttribute('aria-hidden', 'true');
      star.textContent = '★';
      b.appendChild(star);
      b.appendChild(document.createTextNode(' ' + i));
      b.addEventListener('click', onCsat);
      el.csatBox.appendChild(b);
    }
    el.csatHint.textContent = csat ? t('csat' + csat) : '';
    el.npsBox.textContent = '';
    for (var n = 0; n <= 10; n++) {
      var nb = document.createElement('button');
      nb.type = 'button';
      nb.setAttribute('data-nps', String(n));
      nb.setAttribute('aria-pressed', String(nps === n));
      nb.textContent = String(n);
      nb.addEventListener('click', onNps);
      el.npsBox.appendChild(nb);
    }
  }
  function onCsat(e) { csat = Number(e.currentTarget.getAttribute('data-csat')); buildScales(); }
  function onNps(e) { nps = Number(e.currentTarget.getAttribute('data-nps')); buildScales(); }

  function leaveMessage(e) {
    e.preventDefault();
    var f = el.leaveForm;
    var name = plain(f.elements.name.value).trim(), contact = plain(f.elements.contact.value).trim(),
      text = plain(f.elements.text.value).trim();
    if (!name || !contact || !text) { notice(t('leaveNeed')); return; }
    if (chars(text) > MAX_TEXT) { notice(t('tooLong')); return; }
    if (!send({ type: 'leave_message', name: name, contact: contact, text: text })) { notice(t('notConnected')); return; }
    $('leave-submit').disabled = true;
  }

  function newChat() {
    conv = null;
    saveConv();
    el.messages.textContent = '';
    csat = 0; nps = -1;
    el.comment.value = '';
    el.rateSubmit.disabled = false;
    buildScales();
    el.agentName.textContent = '';
    showHome();
  }

  function showHome() {
    if (welcomeMsg && welcomeMsg.open === false) {
      el.closedText.textContent = welcomeMsg.closed_text || t('closedDefault');
      $('closed-back').hidden = true;
      setPhase('closed');
    } else {
      setPhase('menu');
    }
  }

  // ---- Broker messages ---------------------------------------------------
  var confirmTimer = null;
  var pendingResend = false;
  function confirmed() {
    if (confirmTimer) { clearTimeout(confirmTimer); confirmTimer = null; }
    if (pendingResend) { pendingResend = false; resendPending(); }
  }

  // A newer tab took this visitor over: say so and stay quiet until the
  // visitor asks to continue here.
  var replaced = false;
  var handlers = {
    replaced: function () {
      replaced = true;
      if (ws) {
        var old = ws;
        ws = null;
        old.onopen = old.onmessage = old.onclose = old.onerror = null;
        try { old.close(); } catch (e) { /* already closed */ }
      }
      showAgentTyping(false);
      setStatus('replaced');
      el.app.setAttribute('data-conn', 'replaced');
    },
    welcome: function (m) {
      var had = getItem(KEY.visitor) || '';
      if (typeof m.visitor === 'string' && m.visitor) {
        if (had && m.visitor !== had && conv) { conv = null; saveConv(); el.messages.textContent = ''; }
        setItem(KEY.visitor, m.visitor);
      }
      if (!welcomeMsg) greetedBack = !!m.returning;
      welcomeMsg = m;
      backoff = 0;
      setStatus('');
      renderWelcome();
      var active = conv && (conv.phase === 'queued' || conv.phase === 'chat');
      if (active) {
        // Keep the conversation on screen; the broker confirms it with
        // queued or agent (or re-sent lines). If nothing comes, it is gone.
        if (phase !== conv.phase) setPhase(conv.phase);
        pendingResend = true;
        clearTimeout(confirmTimer);
        confirmTimer = setTimeout(function () {
          confirmTimer = null;
          if (pendingResend) {
            pendingResend = false;
            conv = null; saveConv(); el.messages.textContent = ''; lastQueued = null; showHome();
          }
        }, CONFIRM_MS);
      } else if (conv && conv.phase === 'rating') {
        setPhase('rating');
      } else if (phase !== 'thanks' && phase !== 'queued' && phase !== 'chat') {
        showHome();
      }
    },
    queued: function (m) {
      lastQueued = m;
      if (!conv) conv = blankConv();
      if (typeof m.label === 'string' && m.label) conv.queueLabel = m.label;
      // Queued again while in a chat: transferred; the agent has left.
      if (phase === 'chat') { conv.agent = ''; showAgentTyping(false); }
      saveConv();
      if (phase !== 'queued') setPhase('queued');
      renderHeader();
      renderQueue();
      confirmed();
    },
    closed: function (m) {
      closedText = m.text || '';
      el.closedText.textContent = closedText || (welcomeMsg && welcomeMsg.closed_text) || t('closedDefault');
      if (conv && conv.msgs.length === 0) { conv = null; saveConv(); }
      confirmed();
      // Only this item is closed when the broker is open for others.
      $('closed-back').hidden = !(welcomeMsg && welcomeMsg.open !== false);
      el.leaveForm.hidden = false;
      el.leaveDone.hidden = true;
      $('leave-submit').disabled = false;
      setPhase('closed');
    },
    agent: function (m) {
      var name = m.name || t('agent');
      if (!conv) conv = blankConv();
      var changed = conv.agent !== name;
      conv.agent = name;
      if (typeof m.label === 'string' && m.label) conv.queueLabel = m.label;
      saveConv();
      lastQueued = null;
      setPhase('chat');
      // The broker records the join as a system line; the header shows the name.
      if (changed) renderTypingText();
      confirmed();
    },
    msg: function (m) {
      if (typeof m.seq !== 'number') return;
      if (!conv) conv = blankConv();
      var mine = m.id ? findById(m.id) : null;
      if (mine) {
        ackNode(mine, m.id, m.seq);
      } else if (!seqShown(m.seq)) {
        var rec = { seq: m.seq, id: m.id || '', from: m.from || 'system', name: m.name || '', text: m.text || '', ts: m.ts };
        if (typeof m.code === 'string' && m.code) { rec.code = m.code; rec.args = m.args && typeof m.args === 'object' ? m.args : {}; }
        conv.msgs.push(rec);
        conv.msgs.sort(function (a, b) { return (a.seq == null ? 1e15 : a.seq) - (b.seq == null ? 1e15 : b.seq); });
        insertMsg(msgNode(rec), m.seq);
      }
      if (m.from === 'agent') showAgentTyping(false);
      bumpSeq(m.seq);
      saveConv();
      if (phase === 'menu' || phase === 'closed' || phase === 'connecting') setPhase(conv.agent ? 'chat' : 'queued');
      scrollDown();
      confirmed();
    },
    ack: function (m) {
      if (typeof m.seq !== 'number' || !m.id) return;
      if (lastSent && lastSent.id === m.id) lastSent = null;
      var node = findById(m.id);
      if (node) ackNode(node, m.id, m.seq);
      bumpSeq(m.seq);
      saveConv();
    },
    typing: function (m) { showAgentTyping(!!m.on); },
    ended: function (m) {
      var key = m.by === 'agent' ? 'endedAgent' : m.by === 'customer' ? 'endedCustomer' : 'endedSystem';
      if (!conv) conv = blankConv();
      el.rating.setAttribute('data-ended-by', String(m.by || ''));
      $('rating-ended').textContent = t(key);
      $('rating-ended').setAttribute('data-key', key);
      lastQueued = null;
      confirmed();
      if (!conv.agent && phase !== 'rating') {
        // Left the queue before anyone answered: nothing to rate.
        el.overText.textContent = t(key);
        el.overText.setAttribute('data-key', key);
        conv = null;
        saveConv();
        setPhase('over');
        return;
      }
      if (phase !== 'rating') { csat = 0; nps = -1; buildScales(); }
      el.rateSubmit.disabled = false;
      setPhase('rating');
    },
    rated: function () {
      conv = null;
      saveConv();
      setPhase('thanks');
      scrollDown(el.thanks);
    },
    left_message: function (m) {
      el.leaveForm.hidden = true;
      el.leaveDone.hidden = false;
      el.leaveDone.textContent = t('leftMessage', { ref: m.ref != null ? m.ref : '' });
    },
    error: function (m) {
      if (window.console) console.warn('hotline: broker refused a line:', m.code, m.text);
      var local = STR[lang]['err_' + m.code];
      var detail = lang === 'en' && m.text ? m.text : (local || m.text || m.code || '?');
      notice(t('error', { text: detail }));
      el.notice.setAttribute('data-code', String(m.code || ''));
      if (m.code === 'bad_field' || m.code === 'too_big' || m.code === 'state') refuseLastSent();
      el.rateSubmit.disabled = false;
      var ls = $('leave-submit'); if (ls) ls.disabled = false;
    }
  };

  function ackNode(node, id, seq) {
    if (seqShown(seq) && node.getAttribute('data-seq') !== String(seq)) {
      // Already shown under its seq (re-sent by the broker): drop the copy.
      node.parentNode.removeChild(node);
    } else {
      node.classList.remove('pending');
      node.removeAttribute('aria-busy');
      node.setAttribute('data-seq', String(seq));
    }
    if (conv) {
      var kept = [];
      var placed = false;
      conv.msgs.forEach(function (x) {
        if (x.id === id && x.from === 'customer') {
          if (!placed) { x.seq = seq; kept.push(x); placed = true; }
        } else if (!(x.seq === seq && x.id === id)) {
          kept.push(x);
        }
      });
      conv.msgs = kept;
    }
  }

  function dispatch(m) {
    if (!m || typeof m !== 'object' || typeof m.type !== 'string') return;
    var h = handlers[m.type];
    if (h) {
      try { h(m); } catch (e) { if (window.console) console.error('hotline: handling', m.type, e); }
    } else if (window.console) {
      console.info('hotline: ignoring message type', m.type);
    }
  }

  // ---- WebSocket ---------------------------------------------------------
  var ws = null;
  var inbuf = '';
  var backoff = 0;
  var reconnectTimer = null;
  var everConnected = false;

  function chatURL() {
    return (window.location.protocol === 'https:' ? 'wss://' : 'ws://') + window.location.host + '/chat';
  }
  function isOpen() { return ws && ws.readyState === 1; }

  function send(obj) {
    if (!isOpen()) return false;
    try { ws.send(JSON.stringify(obj) + '\n'); return true; } catch (e) { return false; }
  }

  function hello() {
    var msg = {
      type: 'hello',
      visitor: getItem(KEY.visitor) || '',
      lang: lang,
      last_seq: conv ? conv.lastSeq : 0,
      trail: trail()
    };
    // Keep the line and the trail under the broker's limits (docs/webchat.md,
    // "Text rules": 3,600 bytes of trail text in all): drop the oldest pages first.
    while ((utf8Len(JSON.stringify(msg)) + 1 > MAX_LINE - 512 ||
            utf8Len(JSON.stringify(msg.trail)) > TRAIL_BYTES) && msg.trail.pages.length) msg.trail.pages.shift();
    send(msg);
  }

  function connect() {
    clearTimeout(reconnectTimer);
    reconnectTimer = null;
    if (ws) return;
    setStatus(everConnected ? 'reconnecting' : 'connecting');
    var sock;
    try { sock = new WebSocket(chatURL()); } catch (e) { scheduleReconnect(); return; }
    ws = sock;
    inbuf = '';
    sock.onopen = function () {
      if (ws !== sock) return;
      everConnected = true;
      myTyping = false;
      hello();
    };
    sock.onmessage = function (ev) {
      if (ws !== sock) return;
      if (typeof ev.data !== 'string') return;
      inbuf += ev.data;
      var nl;
      while ((nl = inbuf.indexOf('\n')) >= 0) {
        var line = inbuf.slice(0, nl);
        inbuf = inbuf.slice(nl + 1);
        if (!line.trim()) continue;
        var m;
        try { m = JSON.parse(line); } catch (e) { if (window.console) console.warn('hotline: bad line from broker', line); continue; }
        dispatch(m);
      }
      // A frame without a trailing newline that is a whole object on its own.
      if (inbuf && inbuf.trim().charAt(0) === '{') {
        try { var whole = JSON.parse(inbuf); inbuf = ''; dispatch(whole); } catch (e) { /* wait for the rest */ }
      }
    };
    sock.onclose = function () {
      if (ws !== sock) return;
      ws = null;
      showAgentTyping(false);
      setStatus(everConnected ? 'reconnecting' : 'connecting');
      scheduleReconnect();
    };
    sock.onerror = function () { /* onclose follows */ };
  }

  function scheduleReconnect() {
    if (reconnectTimer || replaced) return;
    var base = Math.min(15000, 500 * Math.pow(2, backoff));
    backoff = Math.min(backoff + 1, 8);
    var delay = Math.round(base * (0.75 + Math.random() * 0.5));
    reconnectTimer = setTimeout(function () { reconnectTimer = null; connect(); }, delay);
  }

  function reconnectNow() {
    if (ws || replaced) return;
    backoff = 0;
    connect();
  }

  // ---- Wiring ------------------------------------------------------------
  function toggleLang() {
    lang = lang === 'zh' ? 'en' : 'zh';
    setItem(KEY.lang, lang);
    try {
      var u = new URL(window.location.href);
      if (u.searchParams.has('lang')) { u.searchParams.set('lang', lang); window.history.replaceState(null, '', u.toString()); }
    } catch (e) { /* ignore */ }
    applyStrings();
    // The broker's texts (welcome, menu) come in the hello's language: say
    // hello again on a fresh connection, resuming as on a reload.
    // The old socket is dropped at once rather than waiting for its
    // closing handshake.
    if (ws) {
      var old = ws;
      ws = null;
      old.onopen = old.onmessage = old.onclose = old.onerror = null;
      try { old.close(); } catch (e) { /* already closed */ }
    }
    reconnectNow();
  }

  el.langToggle.addEventListener('click', toggleLang);
  el.status.addEventListener('click', function () {
    if (!replaced) return;
    replaced = false;
    reconnectNow();
  });
  el.send.addEventListener('click', function () { sendChat(); el.input.focus(); });
  el.end.addEventListener('click', endChat);
  el.rateSubmit.addEventListener('click', submitRating);
  el.newChat.addEventListener('click', newChat);
  $('over-new').addEventListener('click', newChat);
  $('rate-skip').addEventListener('click', newChat);
  $('closed-back').addEventListener('click', function () { closedText = ''; setPhase('menu'); });
  el.leaveForm.addEventListener('submit', leaveMessage);
  el.region.addEventListener('change', function () {
    var r = el.region.value;
    setItem(KEY.region, r);
    if (r) send({ type: 'region', region: r });
  });
  el.input.addEventListener('keydown', function (e) {
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      sendChat();
    }
  });
  el.input.addEventListener('input', function () {
    updateSendEnabled();
    setMyTyping(el.input.value.trim().length > 0);
  });
  el.input.addEventListener('blur', function () { setMyTyping(false); });
  window.addEventListener('online', reconnectNow);
  document.addEventListener('visibilitychange', function () { if (!document.hidden) reconnectNow(); });

  recordPage();
  applyStrings();
  if (conv && conv.msgs.length) renderCached();
  setPhase('connecting');
  el.chat.hidden = !(conv && conv.msgs.length);
  connect();

  // For tests and debugging only: read-only view of the state.
  window.hotlineChat = {
    get phase() { return phase; },
    get lastSeq() { return conv ? conv.lastSeq : 0; },
    get lang() { return lang; },
    device: deviceOf
  };
})();
