// The page in a real browser: Debian's Chromium, driven by puppeteer-core (from
// npm, into the build folder; it downloads no browser). Serves SITE on a
// loopback port, boots the page and checks what API.md promises ("In the
// browser"): nodes and pods in the DOM (data-node, data-pod, data-ready), a
// Deployment applied through window.kubesim.kubectl becoming Ready, pause
// (nothing moves), resume, reset. Screenshots go to OUT.
//   node browser.mjs PUPPETEER_DIR SITE OUT
// Exit 77 (skipped) without Chromium or puppeteer-core.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';

const [puppeteerDir, site, out] = process.argv.slice(2);
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!chromium) {
    console.log('skipped: no Chromium (apt-get install -y chromium)');
    process.exit(77);
}
let puppeteer;
try {
    puppeteer = createRequire(path.join(path.resolve(puppeteerDir), 'x.js'))('puppeteer-core');
} catch {
    console.log(`skipped: no puppeteer-core under ${puppeteerDir} (./scripts/web installs it)`);
    process.exit(77);
}
fs.mkdirSync(out, { recursive: true });

const types = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.css': 'text/css' };
const server = http.createServer((req, res) => {
    const file = path.join(path.resolve(site), decodeURIComponent(new URL(req.url, 'http://x').pathname).replace(/\/$/, '/index.html'));
    if (!file.startsWith(path.resolve(site)) || !fs.existsSync(file)) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { 'Content-Type': types[path.extname(file)] || 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const url = `http://127.0.0.1:${server.address().port}/?seed=3`;

let failures = 0;
const check = (ok, what) => {
    console.log(`${ok ? 'ok' : 'FAIL'} - ${what}`);
    if (!ok) ++failures;
};

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: echo
        image: hashicorp/http-echo
        args: ["-text=hello"]
        readinessProbe:
          httpGet: {path: /, port: 5678}
          periodSeconds: 2
`;

const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
try {
    const page = await browser.newPage();
    await page.setViewport({ width: 1280, height: 900 });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    const t0 = Date.now();
    await page.goto(url);
    await page.waitForFunction(() => window.kubesim, { timeout: 10000 }).catch(() => {
        throw new Error(`window.kubesim never appeared: ${errors.join('; ')}`);
    });
    await page.evaluate(() => window.kubesim.ready);
    const bootMs = Date.now() - t0;
    check(await page.$$eval('[data-node]', (e) => e.length) === 3, `boot: 3 nodes drawn (${bootMs} ms from navigation)`);

    const r = await page.evaluate((y) => window.kubesim.kubectl('apply -f -', y), deployment);
    check(r.exitCode === 0 && r.stdout.includes('deployment.apps/web created'), `kubectl apply -f -: ${r.stdout.trim()}`);
    await page.waitForFunction(() => document.querySelectorAll('[data-node] [data-pod][data-ready="true"]').length === 3,
        { timeout: 30000 });
    check(true, '3 pods Ready inside their nodes');
    const pod = await page.$eval('[data-pod]', (e) => ({ ns: e.dataset.namespace, phase: e.dataset.phase }));
    check(pod.ns === 'default' && pod.phase === 'Running', `pod attributes: namespace ${pod.ns}, phase ${pod.phase}`);
    await page.screenshot({ path: path.join(out, 'ready.png') });

    await page.evaluate(() => window.kubesim.pause());
    const a = await page.evaluate(() => window.kubesim.now());
    await new Promise((res) => setTimeout(res, 500));
    const b = await page.evaluate(() => window.kubesim.now());
    check(a === b, `paused: the clock stands (${a} s)`);
    await page.evaluate(() => window.kubesim.resume());
    await new Promise((res) => setTimeout(res, 500));
    const c = await page.evaluate(() => window.kubesim.now());
    check(c > b, `resumed: the clock moves (${c} s)`);

    await page.evaluate(() => window.kubesim.reset());
    await page.waitForFunction(() => document.querySelectorAll('[data-pod]').length === 0, { timeout: 5000 });
    check(await page.evaluate(() => window.kubesim.now()) < 1, 'reset: a new cluster, no pods');
    await page.screenshot({ path: path.join(out, 'reset.png') });
    check(errors.length === 0, `no page errors${errors.length ? `: ${errors.join('; ')}` : ''}`);

    // Figures (printed, not checked): frame cost with 3 nodes and 12 pods, and
    // with 10 nodes and 300 pods.
    for (const [nodes, replicas] of [[3, 12], [10, 300]]) {
        const p2 = await browser.newPage();
        const t1 = Date.now();
        await p2.goto(`${url.replace('seed=3', 'seed=1')}&nodes=${nodes}`);
        await p2.waitForFunction(() => window.kubesim, { timeout: 10000 });
        await p2.evaluate(() => window.kubesim.ready);
        const boot = Date.now() - t1;
        await p2.evaluate((y) => window.kubesim.kubectl('apply -f -', y),
            deployment.replace('replicas: 3', `replicas: ${replicas}`));
        await p2.waitForFunction((n) => document.querySelectorAll('[data-pod][data-ready="true"]').length === n,
            { timeout: 60000 }, replicas);
        await new Promise((res) => setTimeout(res, 1500));
        const ms = await p2.evaluate(() => window.kubesim.frameMs());
        console.log(`figure: ${nodes} nodes, ${replicas} pods: boot ${boot} ms, ${ms.toFixed(2)} ms a frame (simulation, frame, drawing)`);
        if (replicas === 300) await p2.screenshot({ path: path.join(out, 'large.png') });
        await p2.close();
    }
} catch (e) {
    check(false, String(e && e.stack ? e.stack : e));
} finally {
    await browser.close();
    server.close();
}
console.log(`${failures === 0 ? 'all passed' : `${failures} failed`}; screenshots in ${out}`);
process.exit(failures === 0 ? 0 : 1);
