// The page in a real browser: Debian's Chromium, driven by puppeteer-core (from
// npm, into the build folder; it downloads no browser). Serves SITE on a
// loopback port and checks what API.md promises ("In the browser") and what
// the page offers: nodes and pods in the DOM (data-node, data-pod, data-ready),
// a Deployment applied through window.kubesim.kubectl and through the console
// form, the replica buttons, the delete button, pause (neither the clock nor
// the dots move), step mode, the resource tabs and their YAML, the shareable
// link (a new page boots the same cluster), reset, the phone width, the
// embeddable module's example page, and the demo application when the module
// has it. Screenshots go to OUT.
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
const origin = `http://127.0.0.1:${server.address().port}`;
const url = `${origin}/?seed=3&demo=0`;

let failures = 0;
const check = (ok, what) => {
    console.log(`${ok ? 'ok' : 'FAIL'} - ${what}`);
    if (!ok) ++failures;
};
const sleep = (ms) => new Promise((res) => setTimeout(res, ms));
const started = Date.now();

// The README's Deployment (benchmarks/kubectl_bench.cpp, readme_deployment).
const readmeDeployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: echo, image: "hashicorp/http-echo:1.0", args: ["-text=hello"]}]
`;

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
// Typed into the console's stdin box.
const typed = `apiVersion: apps/v1
kind: Deployment
metadata: {name: typed}
spec:
  replicas: 2
  selector: {matchLabels: {app: typed}}
  template:
    metadata: {labels: {app: typed}}
    spec:
      containers:
      - {name: echo, image: hashicorp/http-echo, args: ["-text=typed"]}
`;

const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const errors = [];
async function open(address, viewport = { width: 1280, height: 900 }) {
    const page = await browser.newPage();
    await page.setViewport(viewport);
    page.on('pageerror', (e) => errors.push(`${address}: ${e}`));
    page.on('console', (m) => { if (m.type() === 'error') errors.push(`${address}: ${m.text()}`); });
    const t0 = Date.now();
    await page.goto(address);
    await page.waitForFunction(() => window.kubesim || window.embedded, { timeout: 10000 }).catch(() => {
        throw new Error(`${address}: the page never booted: ${errors.join('; ')}`);
    });
    await page.evaluate(() => (window.kubesim || window.embedded).ready);
    return { page, bootMs: Date.now() - t0 };
}
const podNames = (page, prefix) => page.$$eval('[data-pod]', (es, pre) => es.filter((e) => e.dataset.pod.startsWith(pre)
    && e.dataset.status !== 'Terminating').map((e) => e.dataset.pod).sort(), prefix);
const readyCount = (page, prefix) => page.$$eval(`[data-node] [data-pod^="${prefix}"][data-ready="true"]`, (es) => es.length);
const waitPods = (page, prefix, n, what, timeout = 30000) => page.waitForFunction((pre, k) => {
    const all = [...document.querySelectorAll(`[data-pod^="${pre}"]`)];
    return all.length === k && all.every((e) => e.dataset.ready === 'true' && e.closest('[data-node]'));
}, { timeout }, prefix, n).then(() => true, () => false).then(async (ok) => {
    check(ok, `${what}: ${ok ? n : `${(await podNames(page, prefix)).length}, not ${n}`} ${prefix}* pods Ready inside their nodes`);
    return ok;
});

try {
    const { page, bootMs } = await open(url);
    check(await page.$$eval('[data-node]', (e) => e.length) === 3, `boot: 3 nodes drawn (${bootMs} ms from navigation to window.kubesim.ready)`);

    // API.md's window.kubesim.kubectl.
    const r = await page.evaluate((y) => window.kubesim.kubectl('apply -f -', y), deployment);
    check(r.exitCode === 0 && r.stdout.includes('deployment.apps/web created'), `kubectl apply -f -: ${r.stdout.trim()}`);
    await waitPods(page, 'web-', 3, 'window.kubesim.kubectl');
    const pod = await page.$eval('[data-pod^="web-"]', (e) => ({ ns: e.dataset.namespace, phase: e.dataset.phase }));
    check(pod.ns === 'default' && pod.phase === 'Running', `pod attributes: namespace ${pod.ns}, phase ${pod.phase}`);
    const probeDots = await page.waitForFunction(() => Number(document.querySelector('canvas.ks-dots').dataset.dots) > 0, { timeout: 8000 })
        .then(() => page.evaluate(() => window.kubesim.dots()), () => []);
    check(probeDots.length > 0 && probeDots.every((d) => Number.isFinite(d.x) && Number.isFinite(d.y)),
        `request dots in the overlay: ${probeDots.map((d) => `${d.kind}${d.response ? ' response' : ''}`).join(', ')}`);
    await page.screenshot({ path: path.join(out, 'ready.png') });

    // A pod no node can hold waits in the unscheduled lane, with the scheduler's reason.
    await page.evaluate(() => window.kubesim.kubectl('apply -f -', JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'big' },
        spec: { containers: [{ name: 'c', image: 'busybox', command: ['sleep', '3600'], resources: { requests: { cpu: '100' } } }] } })));
    const why = await page.waitForFunction(() => document.querySelector('[data-lane=unscheduled] [data-pod=big] .ks-pod-why'), { timeout: 8000 })
        .then((e) => e.evaluate((x) => x.textContent), () => '');
    check(why.includes('Insufficient cpu'), `unscheduled lane: pod big, "${why}"`);
    await page.evaluate(() => window.kubesim.kubectl('delete pod big --wait=false'));

    // The console: a line typed into the input, a manifest into the stdin box, submitted.
    await page.$eval('.ks-stdin', (d) => { d.open = true; });
    await page.type('[data-ctl=kubectl-stdin]', typed);
    await page.type('[data-ctl=kubectl-line]', 'apply -f -');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-ctl=kubectl-out]').textContent.includes('deployment.apps/typed created'),
        { timeout: 5000 }).then(() => check(true, 'console form: deployment.apps/typed created'), () => check(false, 'console form: no output'));
    await waitPods(page, 'typed-', 2, 'console form');
    await page.type('[data-ctl=kubectl-line]', 'get deployments');
    await page.keyboard.press('Enter');
    const listed = await page.$eval('[data-ctl=kubectl-out]', (e) => e.textContent);
    check(/typed\s+2\/2/.test(listed), 'console: get deployments prints typed 2/2');
    await page.click('[data-ctl=example]');
    check((await page.$eval('[data-ctl=kubectl-stdin]', (e) => e.value)).includes('kind: Deployment')
        && await page.$eval('[data-ctl=kubectl-line]', (e) => e.value) === 'apply -f -', 'console: the example manifest fills stdin and the line');
    await page.$eval('[data-ctl=kubectl-line]', (e) => { e.value = ''; });

    // The replica buttons: + then − twice.
    const scaleButton = (name, d) => `[data-deployment="${name}"] button[data-act=scale][data-arg="${d}"]`;
    await page.waitForSelector(scaleButton('web', 1), { timeout: 5000 });
    await page.click(scaleButton('web', 1));
    await waitPods(page, 'web-', 4, 'replicas +');
    await page.click(scaleButton('web', -1));
    await page.waitForFunction((sel) => document.querySelector(sel)?.closest('[data-replicas]')?.dataset.replicas === '3', { timeout: 5000 }, scaleButton('web', -1));
    await page.click(scaleButton('web', -1));
    await waitPods(page, 'web-', 2, 'replicas − twice');

    // The delete button in a pod's menu: the ReplicaSet replaces the pod.
    const victim = (await podNames(page, 'web-'))[0];
    await page.click(`[data-pod="${victim}"] button[data-act=pod-menu]`);
    await page.click(`[data-pod="${victim}"] button[data-act=pod-delete]`);
    await page.waitForFunction((v) => {
        const e = document.querySelector(`[data-pod="${v}"]`);
        return !e || e.dataset.status === 'Terminating';
    }, { timeout: 5000 }, victim).then(() => check(true, `delete pod ${victim}: Terminating or gone`), () => check(false, `delete pod ${victim}: still there`));
    const replaced = await waitPods(page, 'web-', 2, 'after the delete');
    check(replaced && !(await podNames(page, 'web-')).includes(victim), 'the deleted pod was replaced by a new one');

    // Pause: neither the clock nor the dots move.
    await page.click('[data-ctl=play]');
    const snap = () => page.evaluate(() => ({ t: window.kubesim.now(), dots: JSON.stringify(window.kubesim.dots()),
        canvas: document.querySelector('canvas.ks-dots').toDataURL(), clock: document.querySelector('[data-ctl=clock]').textContent }));
    const a = await snap();
    await sleep(600);
    const b = await snap();
    check(a.t === b.t && a.clock === b.clock, `paused: the clock stands (${a.t} s)`);
    check(a.dots === b.dots && a.canvas === b.canvas, `paused: the ${JSON.parse(a.dots).length} dots stand (positions and the overlay's pixels)`);
    await page.click('[data-ctl=play]');
    await sleep(500);
    const c = await page.evaluate(() => window.kubesim.now());
    check(c > b.t, `resumed: the clock moves (${c} s)`);

    // Resource tabs, counts, YAML.
    await page.click('[data-tab=deployments]');
    await page.waitForFunction(() => document.querySelector('[data-ctl=tabpanel] table[data-kind=deployment] tbody tr td:nth-child(2)'), { timeout: 5000 });
    const tab = await page.evaluate(() => ({
        rows: [...document.querySelectorAll('[data-ctl=tabpanel] tbody tr')].map((tr) => tr.children[1].textContent),
        count: document.querySelector('[data-tab=deployments] .ks-count').textContent,
        pods: document.querySelector('[data-tab=pods] .ks-count').textContent,
    }));
    check(tab.rows.join(',') === 'typed,web' && tab.count === '(2)', `Deployments tab: ${tab.rows.join(', ')} ${tab.count}; Pods ${tab.pods}`);
    // (the table is redrawn as its AGE column moves: click in one go)
    await page.$eval('[data-ctl=tabpanel] button[data-act=yaml][data-name=web]', (b) => b.click());
    await page.waitForFunction(() => document.querySelector('dialog.ks-dialog').open, { timeout: 3000 });
    const yaml = await page.$eval('[data-ctl=yaml]', (e) => e.textContent);
    check(yaml.includes('kind: Deployment') && yaml.includes('name: web'), 'YAML view of deployment web');
    await page.keyboard.press('Escape');
    await page.focus('[data-tab=deployments]');
    await page.keyboard.press('ArrowRight');
    check(await page.evaluate(() => document.activeElement.dataset.tab === 'replicasets'
        && document.activeElement.getAttribute('aria-selected') === 'true'), 'tabs: the arrow keys move between them');
    await page.click('[data-tab=events]');
    await page.waitForFunction(() => document.querySelectorAll('[data-ctl=tabpanel] tbody tr td:nth-child(3)').length > 0, { timeout: 8000 })
        .then(() => true, () => false);
    const reasons = await page.$$eval('[data-ctl=tabpanel] tbody tr td:nth-child(3)', (es) => es.map((e) => e.textContent));
    check(reasons.includes('Scheduled') && reasons.includes('ScalingReplicaSet'), `Events tab: ${reasons.length} rows (Scheduled, ScalingReplicaSet, ...)`);
    const timeline = await page.$$eval('[data-ctl=events] li[data-reason]', (es) => es.map((e) => e.textContent));
    const scheduled = timeline.find((t) => t.includes('Scheduled')) || '';
    check(timeline.length > 0 && /^\d+[smhdy](\d+[smh])? /.test(scheduled) && /Pod\/[a-z0-9-]+: Successfully assigned/.test(scheduled),
        `Events timeline: ${timeline.length} events, an age and the object each ("${scheduled.slice(0, 80)}")`);

    // The shareable link: a new page boots the same seed and replays the commands.
    await page.click('[data-ctl=play]');
    await page.click('[data-ctl=share]');
    await page.waitForFunction(() => document.querySelector('[data-ctl=link]').value.includes('#'), { timeout: 5000 });
    const link = await page.$eval('[data-ctl=link]', (e) => e.value);
    const state = async () => ({
        t: window.kubesim.frame().t,
        pods: window.kubesim.frame().pods.map((p) => `${p.name} ${p.status}`).sort(),
        objects: (await window.kubesim.kubectl('get pods,replicasets,endpointslices,events -A -o json')).stdout,
    });
    const before = await page.evaluate(state);
    // Opened paused (?paused=1), so that its first frame is the one compared.
    const { page: copy, bootMs: replayMs } = await open(link.replace('#', '&paused=1#'));
    const after = await copy.evaluate(state);
    check(after.t === before.t && JSON.stringify(after.pods) === JSON.stringify(before.pods) && after.objects === before.objects,
        `shareable link (${link.length} characters, ${replayMs} ms to replay): the same ${after.pods.length} pods at t = ${after.t} s`
        + ` (pods, ReplicaSets, EndpointSlices, Events: ${after.objects === before.objects ? 'the same' : 'different'} JSON)`);
    if (after.t !== before.t || JSON.stringify(after.pods) !== JSON.stringify(before.pods)) {
        console.log(`  the page: t = ${before.t} s, ${before.pods.join(', ')}\n  the link: t = ${after.t} s, ${after.pods.join(', ')}`);
    }
    await copy.close();
    await page.click('[data-ctl=play]');

    // Step mode: one event at a time, with what it did; the clock stands in between.
    await page.click('[data-ctl=step-mode]');
    await page.click('[data-ctl=next]');
    const step1 = await page.$eval('[data-ctl=step-now]', (e) => ({ head: e.querySelector('h3')?.textContent || '', text: e.textContent }));
    const s1 = await page.evaluate(() => window.kubesim.now());
    await sleep(400);
    const s2 = await page.evaluate(() => window.kubesim.now());
    await page.click('[data-ctl=next]');
    const step2 = await page.$eval('[data-ctl=step-now] h3', (e) => e.textContent);
    check(/^Event 1 at t = [0-9.]+ s$/.test(step1.head) && step2.startsWith('Event 2 at') && s1 === s2,
        `step mode: "${step1.head}" then "${step2}", the clock stands between them`);
    await page.click('[data-ctl=next-visible]');
    const step3 = await page.$eval('[data-ctl=step-now]', (e) => ({ head: e.querySelector('h3').textContent, items: e.querySelectorAll('li').length }));
    check(/^Event \d+ at/.test(step3.head) && step3.items > 0, `step mode, next event that does something: "${step3.head}", ${step3.items} lines`);
    await page.screenshot({ path: path.join(out, 'step.png') });
    await page.click('[data-ctl=leave-step]');
    await sleep(300);
    check(await page.evaluate(() => window.kubesim.now()) > s2, 'leaving step mode: the clock moves again');

    await page.evaluate(() => window.kubesim.reset());
    await page.waitForFunction(() => document.querySelectorAll('[data-pod]').length === 0, { timeout: 5000 });
    check(await page.evaluate(() => window.kubesim.now()) < 1, 'reset: a new cluster, no pods');
    await page.screenshot({ path: path.join(out, 'reset.png') });
    const features = await page.evaluate(() => window.kubesim.features());
    await page.close();

    // A phone's width: one column, no horizontal scrolling.
    const { page: phone } = await open(url, { width: 375, height: 800, isMobile: true, hasTouch: true });
    await phone.evaluate((y) => window.kubesim.kubectl('apply -f -', y), deployment);
    await waitPods(phone, 'web-', 3, 'phone');
    const widths = await phone.evaluate(() => ({ page: document.documentElement.scrollWidth, body: document.body.scrollWidth, view: window.innerWidth }));
    check(widths.page <= widths.view && widths.body <= widths.view, `phone (375 px): page ${widths.page} px wide, no horizontal scroll`);
    await phone.screenshot({ path: path.join(out, 'phone.png'), fullPage: true });
    await phone.close();

    // The embeddable module in an article.
    const { page: article, bootMs: embedMs } = await open(`${origin}/embed-example.html`);
    check(await article.$$eval('.kubesim [data-node]', (e) => e.length) === 2, `embed example: 2 nodes drawn (${embedMs} ms)`);
    await waitPods(article, 'web-', 3, 'embed example');
    await article.click('[data-kubectl="scale deployment web --replicas=5"]');
    await waitPods(article, 'web-', 5, 'embed example, its Scale to 5 button');
    await article.screenshot({ path: path.join(out, 'embed.png'), fullPage: true });
    await article.close();

    // The demo application, when the module has it (the default view).
    if (!features.demo) {
        console.log('skip - demo application: this module has no loadDemo()');
    } else {
        const { page: demo, bootMs: demoMs } = await open(`${origin}/?seed=3`);
        const ok = await demo.waitForFunction(() => {
            const pods = [...document.querySelectorAll('[data-pod]')];
            return pods.length >= 12 && pods.every((e) => e.dataset.ready === 'true');
        }, { timeout: 30000 }).then(() => true, () => false);
        const n = await demo.$$eval('[data-pod][data-ready="true"]', (e) => e.length);
        check(ok, `demo: ${n} pods Ready (boot ${demoMs} ms)`);
        const dots = await demo.waitForFunction(() => Number(document.querySelector('canvas.ks-dots').dataset.dots) > 0, { timeout: 10000 })
            .then(() => demo.$eval('canvas.ks-dots', (e) => Number(e.dataset.dots)), () => 0);
        check(dots > 0, `demo: ${dots} request dots in the overlay`);
        await demo.screenshot({ path: path.join(out, 'demo.png') });
        if (!features.control) {
            console.log('skip - demo control: this module has no control()');
        } else {
            const api = await demo.$eval('[data-service="api"]', (e) => ({ ns: e.dataset.namespace, eps: e.dataset.endpoints.split(' ') }));
            const target = api.eps[0];
            await demo.click(`[data-pod="${target}"] button[data-act=pod-menu]`);
            await demo.click(`[data-pod="${target}"] button[data-act=pod-control][data-arg="not-ready"]`);
            const gone = await demo.waitForFunction((p) => !document.querySelector('[data-service="api"]').dataset.endpoints.split(' ').includes(p),
                { timeout: 15000 }, target).then(() => true, () => false);
            check(gone, `demo: not-ready on ${target} drops it from the api Service's endpoints`);
            await demo.keyboard.press('Escape');
            await demo.screenshot({ path: path.join(out, 'demo-not-ready.png') });
            await demo.click(`[data-pod="${target}"] button[data-act=pod-control][data-arg="ready"]`);
            const back = await demo.waitForFunction((p) => document.querySelector('[data-service="api"]').dataset.endpoints.split(' ').includes(p),
                { timeout: 15000 }, target).then(() => true, () => false);
            check(back, `demo: ready on ${target} brings it back`);
        }
        // A machine fails and comes back: the node turns NotReady (Unknown)
        // after the grace period, and Ready again once its kubelet is back.
        if (features.nodes) {
            await demo.select('[data-ctl=speed]', '16');  // the 50 s grace period in about 3 s
            await demo.click('[data-node="node-2"] button[data-act=node][data-arg=stop]');
            const stopped = await demo.waitForFunction(() => document.querySelector('[data-node="node-2"]').dataset.running === 'false',
                { timeout: 5000 }).then(() => true, () => false);
            check(stopped, 'node-2 Stop: the card says the machine stopped');
            const unknown = await demo.waitForFunction(() => document.querySelector('[data-node="node-2"]').dataset.ready === 'false',
                { timeout: 30000 }).then(() => true, () => false);
            const ready = (await demo.evaluate(() => window.kubesim.kubectl('get node node-2 --no-headers'))).stdout;
            check(unknown && /NotReady/.test(ready), `node-2 after the grace period: ${ready.trim()}`);
            await demo.screenshot({ path: path.join(out, 'demo-node-stopped.png') });
            await demo.click('[data-node="node-2"] button[data-act=node][data-arg=start]');
            const back = await demo.waitForFunction(() => {
                const e = document.querySelector('[data-node="node-2"]');
                return e.dataset.running === 'true' && e.dataset.ready === 'true';
            }, { timeout: 15000 }).then(() => true, () => false);
            check(back, 'node-2 Start: Ready again');
            await demo.click('[data-ctl=add-node]');
            const added = await demo.waitForFunction(() => document.querySelectorAll('[data-node]').length === 4, { timeout: 5000 })
                .then(() => true, () => false);
            check(added, 'Add node: a fourth node is drawn');
        } else {
            console.log('skip - node actions: this module has no node()');
        }
        await demo.close();
    }

    check(errors.length === 0, `no page errors${errors.length ? `: ${errors.join('; ')}` : ''}`);

    // Figures (printed, not checked): frame cost with 3 nodes and 12 pods, and
    // with 10 nodes and 300 pods.
    for (const [nodes, replicas] of [[3, 12], [10, 300]]) {
        const { page: p2, bootMs: boot } = await open(`${origin}/?seed=1&demo=0&nodes=${nodes}`);
        await p2.evaluate((y) => window.kubesim.kubectl('apply -f -', y), deployment.replace('replicas: 3', `replicas: ${replicas}`));
        await p2.waitForFunction((k) => document.querySelectorAll('[data-pod][data-ready="true"]').length === k, { timeout: 60000 }, replicas);
        await sleep(1500);
        const ms = await p2.evaluate(() => window.kubesim.frameMs());
        const parts = Object.entries(await p2.evaluate(() => window.kubesim.frameCosts())).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ');
        console.log(`figure: ${nodes} nodes, ${replicas} pods: boot ${boot} ms, ${ms.toFixed(2)} ms a frame (${parts} ms)`);
        if (replicas === 300) await p2.screenshot({ path: path.join(out, 'large.png') });
        await p2.close();
    }

    // The README's kubectl flow in the page against the native build
    // (benchmarks/kubectl_bench readme, the same text): a new cluster (reset),
    // apply -f -, rollout status, get pods -o wide; the median of 5.
    {
        const { page: p3 } = await open(`${origin}/?seed=0&demo=0`);
        const runs = await p3.evaluate(async (y) => {
            const ms = [];
            for (let i = 0; i < 5; ++i) {
                const t0 = performance.now();
                window.kubesim.reset();
                let r = await window.kubesim.kubectl('apply -f -', y);
                if (r.exitCode === 0) r = await window.kubesim.kubectl('rollout status deployment/web');
                if (r.exitCode === 0) r = await window.kubesim.kubectl('get pods -o wide');
                if (r.exitCode !== 0) return [r.stderr];
                ms.push(performance.now() - t0);
            }
            return ms.sort((a, b) => a - b);
        }, readmeDeployment);
        check(typeof runs[0] === 'number', `README flow in the page: ${typeof runs[0] === 'number' ? 'ran' : runs[0]}`);
        if (typeof runs[0] === 'number') console.log(`figure: README flow (reset, apply, rollout status, get pods) in the page: median ${runs[2].toFixed(1)} ms (min ${runs[0].toFixed(1)}, max ${runs[4].toFixed(1)})`);
        await p3.close();
    }
} catch (e) {
    check(false, String(e && e.stack ? e.stack : e));
} finally {
    await browser.close();
    server.close();
}
console.log(`${failures === 0 ? 'all passed' : `${failures} failed`} in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${out}`);
process.exit(failures === 0 ? 0 : 1);
