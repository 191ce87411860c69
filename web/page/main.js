// The page: boots a cluster in the WebAssembly module, advances its clock with
// the animation frames, draws the compact frame (docs/web.md) and offers
// window.kubesim (API.md, "In the browser"). Bundled by esbuild into app.js;
// kubesim.js (emscripten's ES module) stays a separate file.
import createKubesim from './kubesim.js';

const params = new URLSearchParams(location.search);
const options = {
    nodes: Number(params.get('nodes') || 3),
    seed: Number(params.get('seed') || 0),
    hopLatencyMs: Number(params.get('hop') || 1),
};

const $ = (id) => document.getElementById(id);
let Module = null;
let cluster = null;
let speed = 1;
let lastWall = null;
let hiddenPause = false;
let frame = null;

function el(tag, attrs = {}, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
    if (text !== undefined) e.textContent = text;
    return e;
}

function badge(text, kind) {
    return el('span', { class: `badge ${kind}` }, text);
}

function podBadge(p) {
    if (p.deleting) return badge('Terminating', 'warn');
    if (p.status === 'CrashLoopBackOff' || p.status === 'Error' || p.status === 'ErrImagePull') return badge(p.status, 'bad');
    if (p.phase === 'Pending' || !p.node) return badge(p.status || 'Pending', 'warn');
    return p.ready ? badge('Ready', 'ok') : badge('Not ready', 'bad');
}

function podElement(p) {
    const e = el('div', {
        class: 'pod',
        'data-pod': p.name,
        'data-namespace': p.ns,
        'data-phase': p.phase,
        'data-ready': String(p.ready),
        'data-status': p.status,
    });
    e.append(el('span', { class: 'name' }, p.name));
    const info = el('span');
    info.append(podBadge(p));
    info.append(document.createTextNode(` ${p.containers}`));
    if (p.restarts > 0) info.append(document.createTextNode(` · ${p.restarts} restart${p.restarts === 1 ? '' : 's'}`));
    e.append(info);
    e.title = `${p.ns}/${p.name} ${p.status}${p.owner ? ` (${p.owner})` : ''}${p.ip ? ` ${p.ip}` : ''}`;
    return e;
}

// Redraws only what changed: each node and lane keeps a signature of its content.
const drawn = new Map();
function replaceIfChanged(key, container, signature, build) {
    if (drawn.get(key) === signature) return;
    drawn.set(key, signature);
    container.replaceChildren(...build());
}

function draw(f) {
    const ns = $('namespace').value;
    const pods = f.pods.filter((p) => !ns || p.ns === ns);
    const byNode = new Map(f.nodes.map((n) => [n.name, []]));
    const unscheduled = [];
    for (const p of pods) (p.node && byNode.has(p.node) ? byNode.get(p.node) : unscheduled).push(p);

    const nodesSig = JSON.stringify(f.nodes);
    const nodesBox = $('nodes');
    if (drawn.get('nodes') !== nodesSig) {
        drawn.set('nodes', nodesSig);
        nodesBox.replaceChildren(...f.nodes.map((n) => {
            const card = el('article', { class: 'node', 'data-node': n.name, 'aria-label': `node ${n.name}` });
            const head = el('header');
            const title = el('span', {}, n.name);
            title.append(el('span', { class: 'ip' }, ` ${n.ip}`));
            head.append(title, n.ready ? badge('Ready', 'ok') : badge('NotReady', 'bad'));
            if (n.unschedulable) head.append(badge('SchedulingDisabled', 'warn'));
            card.append(head, el('div', { class: 'pods', 'data-pods-of': n.name }));
            return card;
        }));
        for (const key of [...drawn.keys()]) if (key.startsWith('pods:')) drawn.delete(key);
    }
    for (const [name, list] of byNode) {
        const box = nodesBox.querySelector(`[data-pods-of="${CSS.escape(name)}"]`);
        if (box) replaceIfChanged(`pods:${name}`, box, JSON.stringify(list), () => list.map(podElement));
    }
    replaceIfChanged('unscheduled', $('unscheduled'), JSON.stringify(unscheduled), () => unscheduled.map(podElement));
    const services = f.services.filter((s) => !ns || s.ns === ns);
    replaceIfChanged('services', $('services'), JSON.stringify(services), () => services.map((s) => el('li', {
        'data-service': s.name, 'data-namespace': s.ns,
    }, `${s.ns}/${s.name} ${s.type} ${s.clusterIP} ports ${s.ports.map((p) => p.nodePort ? `${p.port}:${p.nodePort}` : p.port).join(',')}`
        + ` → ${s.ready.length ? s.ready.join(', ') : 'no ready endpoints'}`)));
    $('services').setAttribute('aria-label', 'Services and their ready endpoints');

    const namespaces = [...new Set(f.pods.map((p) => p.ns))].sort();
    const select = $('namespace');
    const have = [...select.options].map((o) => o.value).slice(1);
    if (JSON.stringify(have) !== JSON.stringify(namespaces)) {
        const keep = select.value;
        select.replaceChildren(el('option', { value: '' }, 'all'), ...namespaces.map((n) => el('option', { value: n }, n)));
        select.value = namespaces.includes(keep) ? keep : '';
    }

    const list = $('requests');
    for (const e of f.events) {
        if (e.type !== 'response') continue;
        const cls = `${e.kind}${e.failed ? ' failed' : ''}`;
        list.prepend(el('li', { class: cls }, `${e.received.toFixed(3)}s ${e.kind} ${e.url} → ${e.status || e.error}`));
    }
    while (list.children.length > 60) list.lastChild.remove();
    $('clock').textContent = `t = ${f.t.toFixed(1)} s`;
}

// What a frame costs (simulation, frame(), parse, drawing), averaged over the
// last 60 frames: window.kubesim.frameMs().
const costs = [];
function tick(wall) {
    if (cluster) {
        const start = performance.now();
        if (lastWall !== null && !hiddenPause) cluster.advance(Math.min(wall - lastWall, 250), speed);
        lastWall = wall;
        frame = JSON.parse(cluster.frame());
        draw(frame);
        costs.push(performance.now() - start);
        if (costs.length > 60) costs.shift();
    }
    requestAnimationFrame(tick);
}

function setPaused(p) {
    if (!cluster) return;
    if (p) cluster.pause(); else cluster.resume();
    $('play').textContent = p ? 'Play' : 'Pause';
    $('play').setAttribute('aria-pressed', String(p));
}

function boot() {
    cluster = new Module.Cluster(options.nodes, options.seed, options.hopLatencyMs);
    drawn.clear();
    $('requests').replaceChildren();
    $('step-out').textContent = '';
    frame = JSON.parse(cluster.frame());
    draw(frame);
}

const ready = (async () => {
    Module = await createKubesim();
    boot();
    $('status').textContent = `seed ${options.seed}, ${options.nodes} nodes`;
    requestAnimationFrame(tick);
})();

$('play').addEventListener('click', () => setPaused(!cluster.paused()));
$('step').addEventListener('click', () => {
    setPaused(true);
    const text = cluster.step();
    const out = $('step-out');
    out.textContent = (text || 'nothing is pending\n') + out.textContent.slice(0, 20000);
});
$('speed').addEventListener('change', (e) => { speed = Number(e.target.value); });
$('reset').addEventListener('click', () => { cluster.reset(); drawn.clear(); $('requests').replaceChildren(); });
$('namespace').addEventListener('change', () => drawn.clear());
document.addEventListener('visibilitychange', () => { hiddenPause = document.hidden; lastWall = null; });

const history = [];
let historyAt = 0;
$('kubectl-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const line = $('kubectl-line').value.trim();
    if (!line) return;
    history.push(line);
    historyAt = history.length;
    const r = cluster.kubectl(line.replace(/^kubectl\s+/, ''), $('kubectl-stdin').value);
    $('kubectl-out').textContent = `$ kubectl ${line}\n${r.stdout}${r.stderr}`;
    $('kubectl-line').value = '';
});
$('kubectl-line').addEventListener('keydown', (e) => {
    if (e.key === 'ArrowUp' && historyAt > 0) { e.target.value = history[--historyAt]; e.preventDefault(); }
    if (e.key === 'ArrowDown') { historyAt = Math.min(history.length, historyAt + 1); e.target.value = history[historyAt] || ''; e.preventDefault(); }
});

window.kubesim = {
    ready,
    kubectl: async (line, stdinText = '') => {
        await ready;
        const r = cluster.kubectl(line, stdinText);
        return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
    },
    pause: () => setPaused(true),
    resume: () => setPaused(false),
    reset: () => { cluster.reset(); drawn.clear(); },
    now: () => cluster ? cluster.now() : 0,
    frame: () => frame,
    frameMs: () => costs.reduce((a, b) => a + b, 0) / Math.max(costs.length, 1),
};
