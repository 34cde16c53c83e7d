// `npm run bench -- video [--duration SECONDS] [--repetitions N] [--no-build]`: video sessions
// (issue 5) on loopback with Chromium's fake camera (640×480) and microphone, beside the issue's
// targets:
//   a party already admitted presses "join" → first decoded remote frame   ≤ 1.5 s
//   a move takes effect on the moved party's page and the other party's   ≤ 500 ms
//   4 participants (12 streams) for 5 minutes: no stream stalls             > 2 s
// The real thing end to end: the web build served by `mw serve` (the app, /signal and the loopback
// mint endpoint), every participant on the party join page in its own browser context. The
// mediator's admit and move come from a "controller": a second mediator-role token (the server
// allows several mediators in a session) on a WebSocket from Node, parked in caucus-9 so that no
// page ever connects to it; it sends only `admit` and `move`.
//
// Frames are read two ways: getStats inbound-rtp framesDecoded polled by the bench itself (an init
// script keeps each page's RTCPeerConnections), which is the figure, and each tile's
// data-frames-decoded, which the page refreshes once a second (the UI's own view, so up to 1 s
// later). Builds the web app first (npm run build:web) unless --no-build.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { register } from 'tsx/esm/api';
import WebSocket from 'ws';

register();
const { counterIncrease, counterSteps, summariseStalls } = await import('./video/stalls.ts');

const root = fileURLToPath(new URL('../../', import.meta.url));
const log = (message) => process.stderr.write(`bench video: ${message}\n`);
const round = (n) => (n === null || n === undefined ? null : Math.round(n * 10) / 10);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
};
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const now = () => performance.timeOrigin + performance.now();
/** A timed figure beside its target: median, max, pass (the max within the target) and every sample. */
const timings = (how, samplesMs, targetMs) => ({
  how,
  medianMs: round(median(samplesMs)),
  maxMs: round(Math.max(...samplesMs)),
  targetMs,
  pass: Math.max(...samplesMs) <= targetMs,
  samplesMs: samplesMs.map(round),
});

function option(name, fallback) {
  const args = process.argv.slice(2);
  const inline = args.find((a) => a.startsWith(`--${name}=`));
  if (inline) return inline.slice(name.length + 3);
  const at = args.indexOf(`--${name}`);
  return at >= 0 && args[at + 1] !== undefined && !args[at + 1].startsWith('-') ? args[at + 1] : fallback;
}
const DURATION_S = Number(option('duration', process.env.BENCH_VIDEO_SECONDS ?? 300));
const REPETITIONS = Number(option('repetitions', 5));
const SAMPLE_MS = 500;
if (!(DURATION_S > 0) || !(REPETITIONS >= 1)) {
  console.error('bench video: --duration must be a positive number of seconds and --repetitions at least 1');
  process.exit(2);
}

const loadAtStart = loadavg()[0];
const TARGETS = { rejoinMs: 1500, moveMs: 500, stallMs: 2000 };
const SESSION = `bench-video-${Date.now()}`;
const PEOPLE = {
  mediator: { role: 'mediator', name: '赵调解', label: '调解员' },
  applicant: { role: 'applicant', name: '黄堃', label: '申请人' },
  respondent: { role: 'respondent', name: '吴三', label: '被申请人' },
  agent: { role: 'agent', name: '孙代理', label: '代理人' },
  controller: { role: 'mediator', name: '测速控制台', label: '调解员' },
};
const tileName = (who) => `${PEOPLE[who].name}（${PEOPLE[who].label}）`;

// ---- the server ----
if (!process.argv.includes('--no-build')) {
  log('building the web app (npm run build:web; --no-build reuses dist/)');
  if (spawnSync('npm', ['run', '--silent', 'build:web'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] }).status !== 0) process.exit(1);
}
const temp = mkdtempSync(join(tmpdir(), 'mw-bench-video-'));
const serverLog = [];
const server = spawn(process.execPath, [`${root}cli/bin/mw.mjs`, 'serve', '--port', '0', '--host', '127.0.0.1', '--web-root', `${root}dist`, '--secret-file', join(temp, 'signal.secret'), '--json'], {
  cwd: root,
  stdio: ['ignore', 'pipe', 'pipe'],
});
createInterface({ input: server.stderr }).on('line', (line) => serverLog.push(line) > 200 && serverLog.shift());
const listening = await new Promise((resolve, reject) => {
  createInterface({ input: server.stdout }).once('line', (line) => resolve(JSON.parse(line)));
  server.once('exit', (code) => reject(new Error(`mw serve exited (${code}): ${serverLog.join('\n')}`)));
});
const origin = `http://127.0.0.1:${listening.port}`;
log(`mw serve at ${origin}/`);

async function mint(participants) {
  const response = await fetch(`${origin}/signal/tokens`, {
    method: 'POST',
    headers: { origin, 'content-type': 'application/json' },
    body: JSON.stringify({ session: SESSION, ttlSeconds: 3600, participants }),
  });
  if (!response.ok) throw new Error(`minting refused: ${response.status} ${await response.text()}`);
  return (await response.json()).tokens;
}

// ---- the controller: a mediator-role socket that only admits and moves ----
class Controller {
  constructor(token) {
    this.token = token;
    this.you = null;
    /** id → ParticipantView, everyone (mediators see every room). */
    this.participants = new Map();
    this.waiters = new Set();
  }

  async open() {
    this.ws = new WebSocket(`ws://127.0.0.1:${listening.port}/signal`);
    this.ws.on('message', (data) => this.onMessage(JSON.parse(String(data)), now()));
    await new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
    });
    const joined = this.next((m) => m.type === 'joined');
    this.ws.send(JSON.stringify({ type: 'join', token: this.token }));
    await joined;
  }

  onMessage(message, at) {
    if (message.type === 'error') log(`controller refused: ${message.code} ${message.message}`);
    if (message.type === 'joined') {
      this.you = message.you;
      for (const p of message.participants) this.participants.set(p.id, p);
    } else if (message.type === 'moved') {
      this.you = { ...this.you, room: message.room };
    } else if (message.type === 'peer-joined') {
      this.participants.set(message.participant.id, message.participant);
    } else if (message.type === 'peer-moved') {
      const p = this.participants.get(message.participant);
      if (p) this.participants.set(p.id, { ...p, room: message.room });
    } else if (message.type === 'reconnecting' || message.type === 'rejoined') {
      const p = this.participants.get(message.participant);
      if (p) this.participants.set(p.id, { ...p, state: message.type === 'reconnecting' ? 'reconnecting' : 'connected' });
    } else if (message.type === 'peer-left') {
      this.participants.delete(message.participant);
    }
    for (const waiter of this.waiters) waiter(message, at);
  }

  /** The next message `test` accepts (and when it came), within `timeoutMs`. */
  next(test, timeoutMs = 20_000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error('controller: timed out waiting for the server'));
      }, timeoutMs);
      const waiter = (message, at) => {
        if (!test(message)) return;
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve({ message, at });
      };
      this.waiters.add(waiter);
    });
  }

  /** Waits until `test` holds of the participant `id` as the server reported them. */
  async until(id, test, timeoutMs = 20_000) {
    const deadline = Date.now() + timeoutMs;
    while (!test(this.participants.get(id))) {
      if (Date.now() > deadline) throw new Error(`controller: participant ${id} never got there (${JSON.stringify(this.participants.get(id))})`);
      await sleep(20);
    }
  }

  /** Sends a message; returns when it went (ms since 1970, fractional). */
  send(message) {
    const at = now();
    this.ws.send(JSON.stringify(message));
    return at;
  }

  close() {
    this.ws?.close();
  }
}

// ---- in the pages ----
// Runs before the app: keeps every RTCPeerConnection (simple-peer looks the constructor up on
// window when it makes each one), and offers the watchers the bench evaluates.
function pageInstrumentation() {
  const Native = window.RTCPeerConnection;
  const pcs = [];
  window.RTCPeerConnection = class extends Native {
    constructor(...args) {
      super(...args);
      pcs.push(this);
    }
  };
  const epoch = () => performance.timeOrigin + performance.now();
  const remoteTiles = () =>
    [...document.querySelectorAll('figure[role="group"]')]
      .filter((f) => !(f.getAttribute('aria-label') ?? '').includes('（我（'))
      .map((f) => ({
        name: f.getAttribute('aria-label'),
        attr: f.dataset.framesDecoded === undefined ? null : Number(f.dataset.framesDecoded),
        track: f.querySelector('video')?.srcObject?.getVideoTracks?.()[0]?.id ?? null,
      }));
  /** Inbound video of every live connection: track id → framesDecoded and the picture's size. */
  const inbound = async () => {
    const out = [];
    for (const pc of pcs) {
      if (pc.connectionState === 'closed' || pc.signalingState === 'closed') continue;
      let report;
      try {
        report = await pc.getStats();
      } catch {
        continue;
      }
      report.forEach((s) => {
        if (s.type !== 'inbound-rtp' || s.kind !== 'video') return;
        out.push({
          track: s.trackIdentifier,
          frames: s.framesDecoded ?? 0,
          width: s.frameWidth ?? null,
          height: s.frameHeight ?? null,
          // Chromium's own freeze detection (a frame later than max(3 × the mean frame interval,
          // the mean + 150 ms)), on the receiver's media thread: independent of this page's timers.
          freezes: s.freezeCount ?? null,
          freezeSeconds: s.totalFreezesDuration ?? null,
        });
      });
    }
    return out;
  };
  /** One sample: each remote tile with its framesDecoded from getStats and from its attribute. */
  window.__benchSample = async () => {
    const at = epoch();
    const streams = await inbound();
    const byTrack = new Map(streams.map((s) => [s.track, s]));
    return { at, tiles: remoteTiles().map((t) => ({ ...t, stats: t.track ? (byTrack.get(t.track) ?? null) : null })) };
  };
  /**
   * Until `expected` remote streams decode: when the first and the last did, by getStats (polled
   * every 25 ms) and by the tiles' attribute. Times in ms since 1970.
   */
  window.__benchWatchFrames = (expected, timeoutMs = 20_000) =>
    new Promise((resolve) => {
      const started = epoch();
      const result = { firstStats: null, allStats: null, firstTile: null, allTiles: null, timedOut: false };
      const poll = async () => {
        const streams = (await inbound()).filter((s) => s.frames > 0);
        const tiles = remoteTiles().filter((t) => t.attr !== null && t.attr > 0);
        const at = epoch();
        if (streams.length > 0) result.firstStats ??= at;
        if (streams.length >= expected) result.allStats ??= at;
        if (tiles.length > 0) result.firstTile ??= at;
        if (tiles.length >= expected) result.allTiles ??= at;
        if (result.allStats !== null && result.allTiles !== null) return resolve(result);
        if (at - started > timeoutMs) return resolve({ ...result, timedOut: true });
        setTimeout(poll, 25);
      };
      void poll();
    });
  /** When `test` (a function body over `document`) first holds, watching every DOM change. */
  window.__benchWhen = (body, timeoutMs = 10_000) =>
    new Promise((resolve) => {
      const test = new Function('document', body);
      if (test(document)) return resolve(epoch());
      const observer = new MutationObserver(() => {
        if (!test(document)) return;
        observer.disconnect();
        clearTimeout(timer);
        resolve(epoch());
      });
      const timer = setTimeout(() => {
        observer.disconnect();
        resolve(null);
      }, timeoutMs);
      observer.observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
    });
  // A reload measured from the page load: the watcher starts with the document.
  if (sessionStorage.getItem('bench-watch-on-load')) {
    const expected = Number(sessionStorage.getItem('bench-watch-on-load'));
    sessionStorage.removeItem('bench-watch-on-load');
    window.__benchOnLoad = window.__benchWatchFrames(expected);
  }
}

// The e2e suite's Chromium and flags (fake camera and microphone, no permission prompts).
const { default: e2eConfig } = await import('../../playwright.config.ts');
const browser = await chromium.launch({ executablePath: e2eConfig.use.launchOptions.executablePath, args: e2eConfig.use.launchOptions.args });

const pages = {};
const tokens = {};
const ids = {};

/** Opens `who`'s invitation link in a fresh browser context, consents, and waits for the camera. */
async function openJoinPage(who) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1100, height: 800 } });
  await context.addInitScript(pageInstrumentation);
  const page = await context.newPage();
  page.on('pageerror', (error) => log(`${who}'s page: ${error.message}`));
  await page.goto(`${origin}/#/join?token=${tokens[who]}`);
  await page.getByRole('checkbox', { name: /我同意通过网络视频方式参加/ }).check();
  await page.getByRole('button', { name: '加入调解' }).and(page.locator(':enabled')).waitFor({ timeout: 20_000 });
  pages[who] = page;
  return page;
}

/** Presses "join"; returns when the click event reached the page (ms since 1970). */
async function pressJoin(page) {
  await page.evaluate(() => {
    window.__benchClickAt = null;
    document.addEventListener('click', () => (window.__benchClickAt ??= performance.timeOrigin + performance.now()), { capture: true, once: true });
  });
  await page.getByRole('button', { name: '加入调解' }).click();
  return page.evaluate(() => window.__benchClickAt);
}

async function decodingAll(who, others, timeoutMs = 30_000) {
  const result = await pages[who].evaluate(([n, t]) => window.__benchWatchFrames(n, t), [others.length, timeoutMs]);
  if (result.timedOut) throw new Error(`${who}'s page does not decode ${others.join(', ')} (${JSON.stringify(result)})`);
  for (const other of others) await pages[who].getByRole('group', { name: tileName(other) }).waitFor();
}

const controller = new Controller(null);
const figures = { bench: 'video' };
try {
  const minted = await mint(['mediator', 'applicant', 'respondent', 'agent', 'controller'].map((who) => ({ role: PEOPLE[who].role, name: PEOPLE[who].name })));
  ['mediator', 'applicant', 'respondent', 'agent', 'controller'].forEach((who, i) => {
    tokens[who] = minted[i].token;
    ids[who] = minted[i].id;
  });

  // The controller joins first (mediators open the joint room) and parks itself in caucus-9.
  controller.token = tokens.controller;
  await controller.open();
  const parked = controller.next((m) => m.type === 'moved');
  controller.send({ type: 'move', participant: ids.controller, room: 'caucus-9' });
  await parked;

  async function admit(who) {
    await controller.until(ids[who], (p) => p?.room === 'waiting' && p.state === 'connected');
    controller.send({ type: 'admit', participant: ids[who] });
    await pages[who].getByRole('status').filter({ hasText: '您在联合调解室' }).waitFor({ timeout: 20_000 });
  }

  log('mediator, applicant and respondent join the joint room');
  for (const who of ['mediator', 'applicant', 'respondent']) await openJoinPage(who);
  await pressJoin(pages.mediator);
  await pages.mediator.getByRole('status').filter({ hasText: '您在联合调解室' }).waitFor({ timeout: 20_000 });
  for (const who of ['applicant', 'respondent']) {
    await pressJoin(pages[who]);
    await admit(who);
  }
  await decodingAll('mediator', ['applicant', 'respondent']);
  await decodingAll('applicant', ['mediator', 'respondent']);
  await decodingAll('respondent', ['mediator', 'applicant']);

  // 1. An admitted party comes back (seat kept) and presses join again: new context, as after
  //    closing the browser; the click to the first decoded remote frame.
  log(`rejoin → first decoded frame, ${REPETITIONS} times by the button, ${REPETITIONS} by a reload`);
  const rejoins = [];
  for (let i = 0; i < REPETITIONS; i += 1) {
    await pages.applicant.context().close();
    await controller.until(ids.applicant, (p) => p?.state === 'reconnecting');
    const page = await openJoinPage('applicant');
    const watching = page.evaluate(() => window.__benchWatchFrames(2));
    const clickAt = await pressJoin(page);
    const seen = await watching;
    if (seen.timedOut) throw new Error(`the rejoined applicant decodes nobody: ${JSON.stringify(seen)}`);
    rejoins.push({ firstMs: seen.firstStats - clickAt, allMs: seen.allStats - clickAt, firstTileMs: seen.firstTile - clickAt, allTilesMs: seen.allTiles - clickAt });
    await decodingAll('mediator', ['applicant', 'respondent']);
    await decodingAll('respondent', ['mediator', 'applicant']);
    await sleep(1000);
  }
  // …and the page's own automatic rejoin after a reload, from the reload to the first frame.
  const reloads = [];
  for (let i = 0; i < REPETITIONS; i += 1) {
    const page = pages.respondent;
    await page.evaluate(() => sessionStorage.setItem('bench-watch-on-load', '2'));
    const reloadAt = now();
    await page.reload({ waitUntil: 'commit' });
    await page.waitForFunction(() => window.__benchOnLoad !== undefined);
    const seen = await page.evaluate(() => window.__benchOnLoad);
    if (!seen || seen.timedOut) throw new Error(`the reloaded respondent decodes nobody: ${JSON.stringify(seen)}`);
    reloads.push({ firstMs: seen.firstStats - reloadAt, allMs: seen.allStats - reloadAt, firstTileMs: seen.firstTile - reloadAt });
    await decodingAll('mediator', ['applicant', 'respondent']);
    await decodingAll('applicant', ['mediator', 'respondent']);
    await sleep(1000);
  }
  figures.rejoinToFirstFrame = {
    ...timings(
      'an admitted applicant (seat kept) opens the link in a fresh browser context and presses 加入调解; from the click event to getStats inbound-rtp framesDecoded > 0 (polled every 25 ms)',
      rejoins.map((r) => r.firstMs),
      TARGETS.rejoinMs,
    ),
    repetitions: rejoins.length,
    allRemoteStreams: { medianMs: round(median(rejoins.map((r) => r.allMs))), maxMs: round(Math.max(...rejoins.map((r) => r.allMs))) },
    tileAttribute: {
      how: "the first remote tile's data-frames-decoded > 0 (the page samples getStats once a second)",
      medianMs: round(median(rejoins.map((r) => r.firstTileMs))),
      maxMs: round(Math.max(...rejoins.map((r) => r.firstTileMs))),
      pass: Math.max(...rejoins.map((r) => r.firstTileMs)) <= TARGETS.rejoinMs,
    },
    afterReload: {
      how: 'the respondent reloads (automatic rejoin); from page.reload to the first frame, page load and camera included',
      medianMs: round(median(reloads.map((r) => r.firstMs))),
      maxMs: round(Math.max(...reloads.map((r) => r.firstMs))),
      tileAttributeMedianMs: round(median(reloads.map((r) => r.firstTileMs))),
      repetitions: reloads.length,
    },
  };

  // 2. Moves: the applicant to caucus-1 and back, from the controller's send to the effect on
  //    the applicant's page (its status says which room) and on the respondent's (the
  //    applicant's tile goes, or comes back).
  log(`moves, ${REPETITIONS} each way`);
  const applicantTile = `[role="group"][aria-label="${tileName('applicant')}"]`;
  const statusHas = (text) => `return [...document.querySelectorAll('[role="status"]')].some((e) => e.textContent.includes(${JSON.stringify(text)}))`;
  const moves = [];
  for (let i = 0; i < REPETITIONS; i += 1) {
    for (const room of ['caucus-1', 'joint']) {
      const toCaucus = room !== 'joint';
      const moved = pages.applicant.evaluate((body) => window.__benchWhen(body), statusHas(toCaucus ? '您在单独谈话室' : '您在联合调解室'));
      const other = pages.respondent.evaluate((body) => window.__benchWhen(body), `return ${toCaucus ? '!' : ''}document.querySelector(${JSON.stringify(applicantTile)})`);
      const acked = controller.next((m) => m.type === 'peer-moved' && m.participant === ids.applicant && m.room === room);
      await sleep(50); // both watchers are in place
      const sentAt = controller.send({ type: 'move', participant: ids.applicant, room });
      const [movedAt, otherAt, ack] = await Promise.all([moved, other, acked]);
      if (movedAt === null || otherAt === null) throw new Error(`the move to ${room} never showed (${movedAt}, ${otherAt})`);
      const entry = { room, movedPartyMs: movedAt - sentAt, otherPartyMs: otherAt - sentAt, serverMs: ack.at - sentAt };
      if (!toCaucus) {
        const frames = await pages.respondent.evaluate(() => window.__benchWatchFrames(2));
        entry.backToFirstFrameMs = frames.allStats - sentAt;
        await decodingAll('applicant', ['mediator', 'respondent']);
      } else {
        await pages.applicant.getByRole('group', { name: tileName('respondent') }).waitFor({ state: 'detached' });
      }
      moves.push(entry);
      await sleep(1000);
    }
  }
  const effect = moves.map((m) => Math.max(m.movedPartyMs, m.otherPartyMs));
  const back = moves.filter((m) => m.room === 'joint');
  figures.moveLatency = {
    ...timings(
      "from the controller sending `move` (applicant ↔ caucus-1) until both pages show it: the applicant's status names the new room and the respondent's page loses (or regains) the applicant's tile; the later of the two",
      effect,
      TARGETS.moveMs,
    ),
    moves: moves.length,
    movedPartyMedianMs: round(median(moves.map((m) => m.movedPartyMs))),
    otherPartyMedianMs: round(median(moves.map((m) => m.otherPartyMs))),
    serverAckMedianMs: round(median(moves.map((m) => m.serverMs))),
    backToJointThenDecodingMedianMs: round(median(back.map((m) => m.backToFirstFrameMs))),
  };

  // 3. Four participants in the joint room (a mesh of 6 connections, 12 video streams).
  log('the agent joins: 4 participants');
  await openJoinPage('agent');
  await pressJoin(pages.agent);
  await admit('agent');
  const everyone = ['mediator', 'applicant', 'respondent', 'agent'];
  for (const who of everyone) await decodingAll(who, everyone.filter((o) => o !== who));
  await sleep(2000);

  log(`sampling every ${SAMPLE_MS} ms for ${DURATION_S} s`);
  const loadBefore = loadavg()[0];
  const streamsStats = {};
  const freezes = {};
  const streamsAttr = {};
  const sizes = {};
  const firstFrames = {};
  const lastFrames = {};
  for (const who of everyone) {
    for (const other of everyone.filter((o) => o !== who)) {
      const key = `${tileName(other)} → ${tileName(who)}`;
      streamsStats[key] = [];
      streamsAttr[key] = [];
      freezes[key] = { counts: [], seconds: [] };
    }
  }
  const started = now();
  let lateTicks = 0;
  for (let tick = 0; ; tick += 1) {
    const due = started + tick * SAMPLE_MS;
    if (due > started + DURATION_S * 1000) break;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    else if (wait < -SAMPLE_MS / 2) lateTicks += 1;
    const samples = await Promise.all(everyone.map((who) => pages[who].evaluate(() => window.__benchSample())));
    everyone.forEach((who, i) => {
      const sample = samples[i];
      for (const other of everyone.filter((o) => o !== who)) {
        const key = `${tileName(other)} → ${tileName(who)}`;
        const tile = sample.tiles.find((t) => t.name === tileName(other));
        const frames = tile?.stats?.frames ?? null;
        streamsStats[key].push({ at: sample.at, frames });
        streamsAttr[key].push({ at: sample.at, frames: tile?.attr ?? null });
        freezes[key].counts.push(tile?.stats?.freezes ?? null);
        freezes[key].seconds.push(tile?.stats?.freezeSeconds ?? null);
        if (frames !== null) {
          firstFrames[key] ??= { at: sample.at, frames };
          lastFrames[key] = { at: sample.at, frames };
        }
        if (tile?.stats?.width) sizes[`${tile.stats.width}×${tile.stats.height}`] = (sizes[`${tile.stats.width}×${tile.stats.height}`] ?? 0) + 1;
      }
    });
  }
  const stats = summariseStalls(streamsStats, TARGETS.stallMs);
  const frozen = Object.fromEntries(
    Object.entries(freezes).map(([key, f]) => [
      key,
      {
        count: counterIncrease(f.counts),
        totalMs: round(counterIncrease(f.seconds) * 1000),
        // A freeze is added to the total when it ends, so the most the total grew between two
        // samples bounds the longest single freeze (exactly it when one freeze ended in between).
        longestMs: round(Math.max(0, ...counterSteps(f.seconds)) * 1000),
      },
    ]),
  );
  // A sampled gap over the target is a stall unless the browser saw no freeze that long: when this
  // page's main thread (which takes the samples) was starved, the gap is the sampler's, not the stream's.
  const stalled = stats.over.filter((key) => frozen[key].longestMs > TARGETS.stallMs);
  const attr = summariseStalls(streamsAttr, TARGETS.stallMs);
  const fps = Object.keys(streamsStats).map((key) => (lastFrames[key] && firstFrames[key] && lastFrames[key].at > firstFrames[key].at ? ((lastFrames[key].frames - firstFrames[key].frames) * 1000) / (lastFrames[key].at - firstFrames[key].at) : 0));
  figures.fourParticipants = {
    how: `4 join pages in the joint room; every ${SAMPLE_MS} ms each page's getStats inbound-rtp framesDecoded per remote tile; a stall is the longest time a stream's count did not rise (never under ${SAMPLE_MS} ms; a sample the page takes late, its main thread starved, lengthens it, so a gap over the target counts as a stall only if the browser's own longest freeze of that stream may be over it too)`,
    durationSeconds: DURATION_S,
    participants: everyone.length,
    connections: (everyone.length * (everyone.length - 1)) / 2,
    streams: stats.streams,
    streamsExpected: everyone.length * (everyone.length - 1),
    samplesPerStream: Math.min(...Object.values(streamsStats).map((s) => s.length)),
    lateSamples: lateTicks,
    longestStallMs: round(stats.longestMs),
    targetMaxStallMs: TARGETS.stallMs,
    pass: stats.streams === everyone.length * (everyone.length - 1) && stalled.length === 0,
    streamsOverTargetSampled: stats.over,
    streamsStalledOverTarget: stalled,
    longestStallPerStreamMs: Object.fromEntries(Object.entries(stats.perStreamMs).map(([k, v]) => [k, round(v)])),
    browserFreezes: {
      how: 'getStats inbound-rtp freezeCount and totalFreezesDuration over the window, per stream (Chromium’s freeze: a frame later than max(3 × mean interval, mean + 150 ms), measured on its media thread); longest: the most totalFreezesDuration grew between two samples, an upper bound of the longest single freeze',
      streamsWithFreezes: Object.values(frozen).filter((f) => f.count > 0).length,
      maxCount: Math.max(...Object.values(frozen).map((f) => f.count)),
      maxTotalMs: Math.max(...Object.values(frozen).map((f) => f.totalMs)),
      longestMs: Math.max(...Object.values(frozen).map((f) => f.longestMs)),
      perStream: frozen,
    },
    framesPerSecond: { min: round(Math.min(...fps)), median: round(median(fps)), max: round(Math.max(...fps)) },
    decodedSizeSamples: sizes,
    loadAverage1m: { before: round(loadBefore), after: round(loadavg()[0]) },
    tileAttribute: {
      how: 'the same from the tiles’ data-frames-decoded, which the page refreshes once a second (so 1 s is normal)',
      longestStallMs: round(attr.longestMs),
      streamsOverTarget: attr.over,
    },
  };
  figures.machine = { cores: availableParallelism(), cpu: cpus()[0]?.model ?? null, loadAverage1mAtStart: round(loadAtStart), browser: browser.version() };
  figures.pass = figures.rejoinToFirstFrame.pass && figures.moveLatency.pass && figures.fourParticipants.pass;
  console.log(JSON.stringify(figures, null, 2));
} catch (error) {
  log(`failed: ${error instanceof Error ? error.stack : String(error)}`);
  log(`server log (last lines):\n${serverLog.slice(-30).join('\n')}`);
  process.exitCode = 1;
} finally {
  controller.close();
  await browser.close();
  server.kill('SIGTERM');
  rmSync(temp, { recursive: true, force: true });
}
