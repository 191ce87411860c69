// The cluster view: boots a cluster in the WebAssembly module (kubesim-core.js,
// emscripten's ES module, kept out of the bundle), advances its clock with the
// animation frames and draws it into an element: nodes as cards holding their
// pods, the requests crossing the network as moving dots, Deployments with
// their scale buttons, Services with their ready endpoints, a kubectl console,
// the Kubernetes Events, tables of the resources, step mode. The page
// (main.js) and the embeddable module (embed.js) are both this one view with
// different parts switched on. docs/web.md describes it.
import createKubesim from './kubesim-core.js';
import { encodeState } from './share.js';

let modulePromise = null;
// One module per page, shared by every view on it (each view has its own cluster).
export function loadModule() {
    if (!modulePromise) modulePromise = createKubesim();
    return modulePromise;
}

const EPOCH_MS = Date.UTC(2025, 0, 1); // the simulated clock starts at 2025-01-01T00:00:00Z

// Dot colours by request kind (docs/web.md, "The frame"); the legend repeats them in words.
const DOT_KINDS = [
    ['traffic', 'traffic', '#0969da'],
    ['failed', 'failed', '#cf222e'],
    ['readiness', 'readiness probe', '#1a7f37'],
    ['liveness', 'liveness probe', '#8250df'],
    ['startup', 'startup probe', '#bc4c00'],
    ['probe', 'other probe', '#6e7781'],
];
const DOT_COLOR = Object.fromEntries(DOT_KINDS.map(([k, , c]) => [k, c]));
const MAX_DOTS = 400;

const EXAMPLE_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: hello
spec:
  replicas: 3
  selector:
    matchLabels: {app: hello}
  template:
    metadata:
      labels: {app: hello}
    spec:
      containers:
      - name: echo
        image: hashicorp/http-echo
        args: ["-text=hello from kubesim", "-listen=:5678"]
        ports:
        - containerPort: 5678
        readinessProbe:
          httpGet: {path: /, port: 5678}
          periodSeconds: 3
        livenessProbe:
          httpGet: {path: /, port: 5678}
          periodSeconds: 5
---
apiVersion: v1
kind: Service
metadata:
  name: hello
spec:
  type: NodePort
  selector: {app: hello}
  ports:
  - port: 80
    targetPort: 5678
    nodePort: 30080
`;

// kubectl verbs that only read: not recorded for shareable links. `logs -f`
// and `get -w` run the clock, so they are recorded.
const READ_ONLY = new Set(['get', 'describe', 'explain', 'api-resources', 'api-versions', 'version',
    'cluster-info', 'config', 'auth', 'events', 'top', 'logs', 'help']);
function changesCluster(line) {
    const words = line.trim().split(/\s+/);
    const verb = words[0];
    if (!READ_ONLY.has(verb)) return true;
    if (verb === 'logs') return words.some((w) => /^(-f|--follow)(=true)?$/.test(w));
    if (verb === 'get' || verb === 'events') return words.some((w) => /^(-w|--watch|--watch-only)(=true)?$/.test(w));
    return false;
}
const readsStdin = (line) => /(^|\s)(-f|--filename)(\s+|=)-(\s|$)/.test(line);

// kubectl's age format (HumanDuration): 45s, 3m12s, 25m, 5h3m, 3d.
export function humanDuration(seconds) {
    const s = Math.max(0, Math.floor(seconds));
    if (s < 120) return `${s}s`;
    const m = Math.floor(s / 60);
    if (m < 10) return s % 60 ? `${m}m${s % 60}s` : `${m}m`;
    if (m < 180) return `${m}m`;
    const h = Math.floor(s / 3600);
    if (h < 8) return m % 60 ? `${h}h${m % 60}m` : `${h}h`;
    if (h < 48) return `${h}h`;
    const d = Math.floor(h / 24);
    if (h < 24 * 8) return h % 24 ? `${d}d${h % 24}h` : `${d}d`;
    if (d < 730) return `${d}d`;
    return `${Math.floor(d / 365)}y`;
}

function h(tag, attrs = {}, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
        if (v === false || v === undefined || v === null) continue;
        if (k === 'text') e.textContent = v;
        else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children) if (c !== null && c !== undefined && c !== false) e.append(c);
    return e;
}

const escapeHtml = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

function badge(text, kind) {
    return h('span', { class: `ks-badge ks-${kind}`, text });
}

// The pod's badge: words, not only a colour.
function podBadge(p) {
    if (p.deleting) return ['Terminating', 'warn'];
    if (['CrashLoopBackOff', 'Error', 'ErrImagePull', 'ImagePullBackOff', 'OOMKilled'].includes(p.status)) return [p.status, 'bad'];
    if (p.phase === 'Succeeded' || p.status === 'Completed') return ['Completed', 'muted'];
    if (p.phase === 'Failed') return [p.status || 'Failed', 'bad'];
    if (!p.node) return ['Pending', 'warn'];
    if (p.phase === 'Pending') return [p.status || 'Pending', 'warn'];
    return p.ready ? ['Ready', 'ok'] : ['Not ready', 'bad'];
}

// Keeps focus on the element with the same data-focus-key across a redraw of `box`.
function redrawKeepingFocus(box, render) {
    const active = document.activeElement;
    const key = active && box.contains(active) ? active.getAttribute('data-focus-key') : null;
    render();
    if (key) {
        const again = box.querySelector(`[data-focus-key="${CSS.escape(key)}"]`);
        if (again) again.focus();
    }
}

let instances = 0;

const DEFAULT_PARTS = {
    controls: true, // pause/play, step mode, speed, reset, namespace filter, clock, status
    legend: true,
    deployments: true,
    services: true,
    console: false,
    events: false,
    requests: false,
    resources: false,
    share: false, // the "Copy link" button
};

// Boots a cluster and draws it into `root`. Options: nodes, seed, hopLatencyMs,
// demo (load the demo application when the module has it), manifests (YAML or
// JSON texts applied at boot, in order), speed, paused, parts (which sections to
// draw), replay ({actions, at}: a shareable link's state), title, onStatus.
// Returns the view's handle at once; its `ready` resolves when the cluster is
// booted and drawn.
export function boot(root, options = {}) {
    const o = {
        nodes: 3, seed: 0, hopLatencyMs: 1, demo: false, manifests: [], speed: 1, paused: false,
        replay: null, title: '', dotLegSeconds: 0.4, ...options,
    };
    o.parts = { ...DEFAULT_PARTS, ...(options.parts || {}) };
    if (typeof o.manifests === 'string') o.manifests = [o.manifests];
    const uid = `ks${++instances}`;
    const view = new ClusterView(root, o, uid);
    return view.handle;
}

class ClusterView {
    constructor(root, o, uid) {
        this.root = root;
        this.o = o;
        this.uid = uid;
        this.c = null;
        this.frame = null;
        this.speed = Number(o.speed) || 1;
        this.lastWall = null;
        this.hidden = document.hidden;
        this.offscreen = false;
        this.stepMode = false;
        this.demoPending = false;
        this.stepCount = 0;
        this.costs = [];
        this.actions = [];
        this.features = {};
        this.destroyed = false;
        this.raf = 0;
        this.pods = new Map(); // "ns/name" -> {el, info, sig, parent}
        this.nodeCards = new Map(); // name -> {el, head, box, sig}
        this.ipEl = new Map(); // pod or node IP -> element
        this.positions = new Map(); // position cache, cleared when the layout changes
        this.dots = [];
        this.dotsDropped = 0;
        this.requestInfo = new Map(); // request id -> {fromIp, fromNode, end}
        this.drawnDotsAt = null;
        this.sigs = new Map();
        this.k8sEvents = [];
        this.deployments = [];
        this.deploymentRows = new Map();
        this.whyPending = new Map(); // "ns/name" -> the scheduler's message, for unscheduled pods
        this.refresh = new Map(); // what -> {next, cost}
        this.tab = 'pods';
        this.tabCounts = {};
        this.consoleHistory = [];
        this.historyAt = 0;
        this.build();
        this.handle = this.makeHandle();
        this.ready = this.start().catch((e) => {
            this.status(`the cluster could not boot: ${e && e.message ? e.message : e}`);
            throw e;
        });
        this.handle.ready = this.ready;
    }

    // ---- the DOM ----------------------------------------------------------

    id(name) {
        return `${this.uid}-${name}`;
    }

    build() {
        const p = this.o.parts;
        const root = h('div', { class: 'kubesim', 'data-kubesim': this.uid });
        this.$ = {};
        const ref = (name, e) => {
            this.$[name] = e;
            return e;
        };

        if (p.controls) {
            const speed = ref('speed', h('select', { id: this.id('speed'), 'data-ctl': 'speed' },
                ...[0.1, 0.25, 1, 4, 16, 64].map((s) => h('option', { value: s, selected: s === this.speed, text: `${s}×` }))));
            const ns = ref('namespace', h('select', { id: this.id('namespace'), 'data-ctl': 'namespace' }, h('option', { value: '', text: 'all' })));
            root.append(h('div', { class: 'ks-toolbar', role: 'group', 'aria-label': 'Cluster controls' },
                ref('play', h('button', { type: 'button', 'data-ctl': 'play', text: 'Pause' })),
                ref('stepMode', h('button', { type: 'button', 'data-ctl': 'step-mode', 'aria-pressed': 'false',
                    title: 'Stop the clock and run the simulation one event at a time', text: 'Step mode' })),
                h('label', { for: this.id('speed') }, 'Speed '), speed,
                ref('reset', h('button', { type: 'button', 'data-ctl': 'reset', title: 'A new cluster with the same seed', text: 'Reset' })),
                ref('addNode', h('button', { type: 'button', 'data-ctl': 'add-node', title: 'A new node joins the cluster', text: 'Add node', hidden: true })),
                h('label', { for: this.id('namespace') }, 'Namespace '), ns,
                ref('demo', h('button', { type: 'button', 'data-ctl': 'demo', hidden: true, text: 'Load demo app' })),
                p.share ? ref('share', h('button', { type: 'button', 'data-ctl': 'share', text: 'Copy link' })) : null,
                p.share ? ref('link', h('input', { type: 'url', readonly: true, hidden: true, 'data-ctl': 'link',
                    'aria-label': 'Shareable link to this cluster', class: 'ks-link' })) : null,
                ref('clock', h('span', { class: 'ks-clock', 'data-ctl': 'clock', text: 't = 0.0 s' })),
                ref('status', h('span', { class: 'ks-status', role: 'status', 'aria-live': 'polite', 'data-ctl': 'status', text: 'booting…' }))));

            root.append(ref('stepper', h('section', { class: 'ks-stepper', hidden: true, 'aria-label': 'Step mode', 'data-ctl': 'stepper' },
                h('p', { class: 'ks-hint', text: 'Step mode: the clock stands. Each press of “Next event” runs exactly one event of the simulation and shows what it did.' }),
                h('div', { class: 'ks-row' },
                    ref('next', h('button', { type: 'button', 'data-ctl': 'next', text: 'Next event' })),
                    ref('nextVisible', h('button', { type: 'button', 'data-ctl': 'next-visible',
                        title: 'Run events until one writes an object or sends a request', text: 'Next event that does something' })),
                    ref('leave', h('button', { type: 'button', 'data-ctl': 'leave-step', text: 'Leave step mode' }))),
                ref('stepNow', h('div', { class: 'ks-step-now', 'aria-live': 'polite', 'data-ctl': 'step-now' },
                    h('p', { text: 'No event run yet.' }))),
                h('details', {}, h('summary', { text: 'Earlier events' }),
                    ref('stepHistory', h('ol', { class: 'ks-step-history', reversed: true }))))));
        }

        const cluster = h('section', { class: 'ks-cluster', 'aria-label': this.o.title || 'The cluster' });
        ref('stage', h('div', { class: 'ks-stage' },
            ref('outside', h('div', { class: 'ks-outside', 'data-endpoint': 'outside', text: 'client / internet' })),
            ref('nodes', h('div', { class: 'ks-nodes' })),
            ref('canvas', h('canvas', { class: 'ks-dots', 'aria-hidden': 'true', 'data-dots': '0' }))));
        cluster.append(this.$.stage);
        if (p.legend) {
            cluster.append(h('ul', { class: 'ks-legend', 'aria-label': 'What the moving dots mean' },
                ...DOT_KINDS.map(([k, label, color]) => h('li', {}, h('span', { class: 'ks-swatch', style: `background:${color}` }), ` ${label}`)),
                h('li', {}, h('span', { class: 'ks-swatch ks-swatch-fill' }), ' request'),
                h('li', {}, h('span', { class: 'ks-swatch ks-swatch-ring' }), ' response')));
        }
        ref('fetchForm', h('form', { class: 'ks-fetch ks-row', hidden: true, 'data-ctl': 'fetch-form' },
            h('label', { for: this.id('fetch-url'), text: 'Request from outside: ' }),
            ref('fetchMethod', h('select', { 'aria-label': 'HTTP method', 'data-ctl': 'fetch-method' },
                h('option', { text: 'GET' }), h('option', { text: 'POST' }))),
            ref('fetchUrl', h('input', { id: this.id('fetch-url'), 'data-ctl': 'fetch-url', spellcheck: 'false', autocomplete: 'off', placeholder: 'http://node-1:30080/' })),
            h('button', { type: 'submit', text: 'Send' })));
        cluster.append(this.$.fetchForm);
        cluster.append(h('h3', { text: 'Unscheduled pods' }),
            ref('unscheduled', h('div', { class: 'ks-lane ks-pods', 'data-lane': 'unscheduled' })));
        if (p.deployments) {
            cluster.append(h('h3', { id: this.id('deployments-title'), text: 'Deployments' }),
                ref('deployments', h('ul', { class: 'ks-deployments', 'aria-labelledby': this.id('deployments-title') })));
        }
        if (p.services) {
            cluster.append(h('h3', { id: this.id('services-title'), text: 'Services and their ready endpoints' }),
                ref('services', h('ul', { class: 'ks-services', 'aria-labelledby': this.id('services-title') })));
        }

        const side = h('div', { class: 'ks-side' });
        if (p.console) {
            side.append(h('section', { class: 'ks-console', 'aria-labelledby': this.id('console-title') },
                h('h2', { id: this.id('console-title'), text: 'kubectl' }),
                ref('form', h('form', { class: 'ks-row', 'data-ctl': 'kubectl-form' },
                    h('label', { for: this.id('line'), class: 'ks-prompt', text: '$ kubectl' }),
                    ref('line', h('input', { id: this.id('line'), 'data-ctl': 'kubectl-line', autocomplete: 'off', spellcheck: 'false',
                        autocapitalize: 'off', placeholder: 'get pods -o wide' })),
                    h('button', { type: 'submit', text: 'Run' }))),
                ref('stdinBox', h('details', { class: 'ks-stdin' },
                    h('summary', { text: 'stdin (for -f -)' }),
                    h('label', { for: this.id('stdin'), class: 'ks-hint', text: 'Text kubectl reads for -f - (YAML or JSON):' }),
                    ref('stdin', h('textarea', { id: this.id('stdin'), 'data-ctl': 'kubectl-stdin', rows: 12, spellcheck: 'false' })),
                    h('div', { class: 'ks-row' },
                        ref('example', h('button', { type: 'button', 'data-ctl': 'example', text: 'Example manifest' })),
                        ref('clearStdin', h('button', { type: 'button', 'data-ctl': 'clear-stdin', text: 'Clear' }))))),
                ref('out', h('pre', { class: 'ks-out', tabindex: '0', 'data-ctl': 'kubectl-out', 'aria-label': 'kubectl output', 'aria-live': 'polite' }))));
        }
        if (p.events) {
            side.append(h('section', { 'aria-labelledby': this.id('events-title') },
                h('h2', { id: this.id('events-title'), text: 'Events' }),
                ref('events', h('ol', { class: 'ks-events', 'data-ctl': 'events', 'aria-label': 'Newest Kubernetes Events first' }))));
        }
        if (p.requests) {
            side.append(h('section', { 'aria-labelledby': this.id('requests-title') },
                h('h2', { id: this.id('requests-title'), text: 'Requests' }),
                ref('requests', h('ol', { class: 'ks-requests', 'data-ctl': 'requests', 'aria-label': 'Newest responses first' }))));
        }

        const main = h('div', { class: side.childElementCount ? 'ks-main' : 'ks-main ks-single' }, cluster);
        if (side.childElementCount) main.append(side);
        root.append(main);

        if (p.resources) root.append(this.buildResources());
        ref('dialog', h('dialog', { class: 'ks-dialog', 'aria-labelledby': this.id('yaml-title') },
            ref('dialogTitle', h('h2', { id: this.id('yaml-title') })),
            ref('dialogBody', h('pre', { class: 'ks-out', tabindex: '0', 'data-ctl': 'yaml' })),
            h('div', { class: 'ks-row' },
                ref('dialogRefresh', h('button', { type: 'button', 'data-ctl': 'yaml-refresh', text: 'Refresh' })),
                ref('dialogClose', h('button', { type: 'button', 'data-ctl': 'yaml-close', text: 'Close' })))));
        root.append(this.$.dialog);

        this.el = root;
        this.root.append(root);
        this.wire();
    }

    buildResources() {
        this.kinds = resourceKinds(this);
        const tabs = h('div', { role: 'tablist', class: 'ks-tabs', 'aria-label': 'Resource kinds' });
        this.tabButtons = new Map();
        for (const [key, k] of Object.entries(this.kinds)) {
            const b = h('button', { type: 'button', role: 'tab', id: this.id(`tab-${key}`), 'data-tab': key,
                'aria-controls': this.id('tabpanel'), 'aria-selected': String(key === this.tab), tabindex: key === this.tab ? '0' : '-1' },
            `${k.label} `, h('span', { class: 'ks-count', text: '' }));
            this.tabButtons.set(key, b);
            tabs.append(b);
        }
        this.$.tabpanel = h('div', { role: 'tabpanel', id: this.id('tabpanel'), class: 'ks-tabpanel', tabindex: '0',
            'aria-labelledby': this.id(`tab-${this.tab}`), 'data-ctl': 'tabpanel' });
        this.$.tabs = tabs;
        return h('section', { class: 'ks-resources', 'aria-labelledby': this.id('resources-title') },
            h('h2', { id: this.id('resources-title'), text: 'Resources' }), tabs, this.$.tabpanel);
    }

    wire() {
        const $ = this.$;
        const on = (e, type, f) => e && e.addEventListener(type, f);
        on($.play, 'click', () => this.setPaused(!this.c.paused()));
        on($.stepMode, 'click', () => this.setStepMode(!this.stepMode));
        on($.leave, 'click', () => this.setStepMode(false));
        on($.next, 'click', () => this.stepOnce());
        on($.nextVisible, 'click', () => this.stepOnce(true));
        on($.speed, 'change', () => { this.speed = Number($.speed.value); });
        on($.reset, 'click', () => this.reset());
        on($.addNode, 'click', () => this.nodeAction('add'));
        on($.namespace, 'change', () => { this.sigs.clear(); this.forceRefresh(); });
        on($.demo, 'click', () => this.loadDemo());
        on($.share, 'click', () => this.copyLink());
        on($.form, 'submit', (e) => {
            e.preventDefault();
            this.runConsole();
        });
        on($.line, 'keydown', (e) => {
            const hist = this.consoleHistory;
            if (e.key === 'ArrowUp' && this.historyAt > 0) {
                e.target.value = hist[--this.historyAt];
                e.preventDefault();
            } else if (e.key === 'ArrowDown') {
                this.historyAt = Math.min(hist.length, this.historyAt + 1);
                e.target.value = hist[this.historyAt] || '';
                e.preventDefault();
            }
        });
        on($.example, 'click', () => {
            $.stdin.value = EXAMPLE_MANIFEST;
            $.line.value = 'apply -f -';
            $.line.focus();
        });
        on($.clearStdin, 'click', () => { $.stdin.value = ''; });
        on($.fetchForm, 'submit', (e) => {
            e.preventDefault();
            this.outsideRequest($.fetchMethod.value, $.fetchUrl.value.trim());
        });
        on($.dialogClose, 'click', () => $.dialog.close());
        on($.dialogRefresh, 'click', () => this.showYaml(this.dialogFor));
        on($.tabs, 'click', (e) => {
            const b = e.target.closest('[role=tab]');
            if (b) this.selectTab(b.dataset.tab);
        });
        on($.tabs, 'keydown', (e) => {
            const keys = [...this.tabButtons.keys()];
            let i = keys.indexOf(this.tab);
            if (e.key === 'ArrowRight') i = (i + 1) % keys.length;
            else if (e.key === 'ArrowLeft') i = (i + keys.length - 1) % keys.length;
            else if (e.key === 'Home') i = 0;
            else if (e.key === 'End') i = keys.length - 1;
            else return;
            e.preventDefault();
            this.selectTab(keys[i]);
            this.tabButtons.get(keys[i]).focus();
        });
        // One listener for the buttons drawn inside pods, Deployments and tables.
        this.el.addEventListener('click', (e) => {
            const b = e.target.closest('button[data-act]');
            if (!b || !this.el.contains(b) || !this.c) return;
            const act = b.dataset.act;
            const podEl = b.closest('[data-pod]');
            if (act === 'pod-menu') {
                const menu = podEl.querySelector('.ks-pod-actions');
                const open = menu.hidden;
                menu.hidden = !open;
                b.setAttribute('aria-expanded', String(open));
                if (open) this.fillPodMenu(podEl, menu);
            } else if (act === 'pod-delete') {
                this.command(`delete pod ${podEl.dataset.pod} -n ${podEl.dataset.namespace} --wait=false`);
            } else if (act === 'pod-control') {
                this.control(podEl.dataset.namespace, podEl.dataset.pod, b.dataset.arg);
            } else if (act === 'node') {
                this.nodeAction(b.dataset.arg, b.closest('[data-node]').dataset.node);
            } else if (act === 'scale') {
                this.scale(b.dataset.ns, b.dataset.name, Number(b.dataset.arg));
            } else if (act === 'yaml') {
                this.showYaml({ kind: b.dataset.kind, name: b.dataset.name, ns: b.dataset.ns });
            }
        });
        this.onVisibility = () => {
            this.hidden = document.hidden;
            this.lastWall = null;
        };
        document.addEventListener('visibilitychange', this.onVisibility);
        if (typeof ResizeObserver === 'function') {
            this.resizeObserver = new ResizeObserver(() => this.layoutChanged());
            this.resizeObserver.observe(this.$.stage);
        }
        if (typeof IntersectionObserver === 'function') {
            this.intersection = new IntersectionObserver((entries) => {
                for (const e of entries) this.offscreen = !e.isIntersecting;
                this.lastWall = null;
            });
            this.intersection.observe(this.el);
        }
    }

    status(text) {
        if (this.$.status) this.$.status.textContent = text;
        if (this.o.onStatus) this.o.onStatus(text);
    }

    // ---- boot, time -------------------------------------------------------

    async start() {
        const Module = await loadModule();
        if (this.destroyed) return;
        this.Module = Module;
        this.c = new Module.Cluster(this.o.nodes, this.o.seed, this.o.hopLatencyMs);
        const c = this.c;
        this.features = {
            demo: typeof c.loadDemo === 'function',
            control: typeof c.control === 'function',
            fetch: typeof c.fetch === 'function',
            events: typeof c.recentEvents === 'function',
            nodes: typeof c.node === 'function',
        };
        if (this.$.addNode) this.$.addNode.hidden = !this.features.nodes;
        if (this.$.demo) this.$.demo.hidden = !this.features.demo;
        this.$.fetchForm.hidden = !this.features.fetch;
        const notes = [];
        for (const text of this.o.manifests) {
            const r = c.apply(text);
            if (r.exitCode !== 0) notes.push(`manifest: ${r.stderr.trim()}`);
        }
        if (this.o.replay) await this.replay(this.o.replay);
        // The demo is applied on the first animation frame, after the booted
        // cluster is drawn and `ready` resolved: the nodes show at once.
        else if (this.o.demo && this.features.demo) this.demoPending = true;
        if (this.o.paused) this.setPaused(true);
        this.frame = JSON.parse(c.frame());
        this.draw(this.frame);
        this.status(notes.length ? notes.join('; ')
            : `seed ${this.o.seed}, ${this.o.nodes} node${this.o.nodes === 1 ? '' : 's'}${this.o.replay ? `, ${this.actions.length} command${this.actions.length === 1 ? '' : 's'} replayed` : ''}`);
        this.raf = requestAnimationFrame((t) => this.tick(t));
    }

    nowUs() {
        return Math.round(this.c.now() * 1e6);
    }

    // Runs the clock to the simulated microsecond `us` exactly (advance() takes
    // page milliseconds × speed; half a microsecond more keeps the truncation to
    // whole microseconds from falling short).
    advanceTo(us) {
        const d = us - this.nowUs();
        if (d > 0) this.c.advance((d + 0.5) / 1000, 1);
    }

    // A shareable link's commands, each at its simulated time, then the clock to
    // the moment the link was made. In chunks of simulated time, so the page
    // stays responsive; chunks change nothing (the engine runs every entry due
    // up to the end of a chunk, whatever the chunk).
    async replay(state) {
        const wasPaused = this.c.paused();
        this.c.resume();
        const chunk = 5e6;
        const runTo = async (us) => {
            while (this.nowUs() < us && !this.destroyed) {
                this.advanceTo(Math.min(us, this.nowUs() + chunk));
                if (us - this.nowUs() > 0) {
                    this.status(`replaying the link: t = ${this.c.now().toFixed(1)} s of ${(us / 1e6).toFixed(1)} s`);
                    await new Promise((r) => setTimeout(r, 0));
                }
            }
        };
        for (const a of state.actions) {
            await runTo(a[0]);
            if (this.destroyed) return;
            this.perform(a);
        }
        if (typeof state.at === 'number') await runTo(state.at);
        if (wasPaused) this.c.pause();
    }

    // Runs one recorded action (share.js lists them) and records it.
    perform(a) {
        const c = this.c;
        this.actions.push(a);
        const [, op] = a;
        if (op === 'k') return c.kubectl(a[2], a[3] || '');
        if (op === 'd') return this.features.demo ? c.loadDemo() : { exitCode: 1, stdout: '', stderr: 'this module has no demo application\n' };
        if (op === 'c') return this.features.control ? c.control(a[2], a[3], a[4]) : { exitCode: 1, stdout: '', stderr: 'this module has no control\n' };
        if (op === 'n') return this.features.nodes ? c.node(a[2], a[3] || '') : { exitCode: 1, stdout: '', stderr: 'this module has no node actions\n' };
        if (op === 'f') {
            if (!this.features.fetch) return { exitCode: 1, stdout: '', stderr: 'this module has no fetch\n' };
            c.fetch(a[2], a[3], a[4] || '');
            return { exitCode: 0, stdout: '', stderr: '' };
        }
        return { exitCode: 1, stdout: '', stderr: `unknown action ${op}\n` };
    }

    tick(wall) {
        if (this.destroyed) return;
        this.raf = requestAnimationFrame((t) => this.tick(t));
        if (!this.c) return;
        if (this.demoPending) {
            this.demoPending = false;
            this.loadDemo();
        }
        if (this.hidden || this.offscreen) {
            this.lastWall = null;
            return;
        }
        const t0 = performance.now();
        if (this.lastWall !== null && !this.stepMode) this.c.advance(Math.min(wall - this.lastWall, 250), this.speed);
        this.lastWall = wall;
        const t1 = performance.now();
        const text = this.c.frame();
        const t2 = performance.now();
        this.frame = JSON.parse(text);
        const t3 = performance.now();
        this.draw(this.frame);
        const t4 = performance.now();
        this.periodic(wall);
        const t5 = performance.now();
        // What frames cost lately, in parts: frameMs() is simulation + frame() + parsing + drawing.
        this.costs.push([t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4]);
        if (this.costs.length > 60) this.costs.shift();
    }

    setPaused(p) {
        if (!this.c) return;
        if (p) this.c.pause();
        else this.c.resume();
        if (this.$.play) this.$.play.textContent = p ? 'Play' : 'Pause';
    }

    setStepMode(on) {
        if (!this.c || on === this.stepMode) return;
        this.stepMode = on;
        this.el.classList.toggle('ks-stepping', on);
        if (this.$.stepMode) this.$.stepMode.setAttribute('aria-pressed', String(on));
        if (this.$.stepper) this.$.stepper.hidden = !on;
        if (this.$.play) this.$.play.disabled = on;
        if (on) {
            this.wasPaused = this.c.paused();
            this.setPaused(true);
            this.status('step mode: the clock stands');
            if (this.$.next) this.$.next.focus();
        } else {
            for (const d of this.dots) d.step = false;
            this.dotsDirty = true;
            this.setPaused(Boolean(this.wasPaused));
            this.status(this.wasPaused ? 'paused' : 'running');
            this.lastWall = null;
        }
    }

    // One engine event, shown as what it did (the binding's step() text: a time
    // line, then a line per write, Kubernetes Event, request, response, trace).
    // visible: skip the events that write nothing and send nothing (at most 10,000).
    stepOnce(visible = false) {
        if (!this.c) return;
        if (!this.stepMode) this.setStepMode(true);
        // Only this event's requests keep their drawn paths.
        this.dots = this.dots.filter((d) => !d.step);
        this.dotsDirty = true;
        let text = this.c.step();
        let skipped = 0;
        while (visible && text && text.includes('(an event that wrote and sent nothing)') && skipped < 10000) {
            ++skipped;
            ++this.stepCount;
            text = this.c.step();
        }
        const box = this.$.stepNow;
        if (!box) return text;
        if (box.dataset.step) {
            const prev = h('li', { text: box.textContent.replace(/\s+/g, ' ').trim() });
            this.$.stepHistory.prepend(prev);
            while (this.$.stepHistory.children.length > 100) this.$.stepHistory.lastChild.remove();
        }
        if (!text) {
            box.replaceChildren(h('p', { text: 'Nothing is pending: the cluster is idle.' }));
            box.dataset.step = '';
            return text;
        }
        ++this.stepCount;
        const lines = text.split('\n').filter((l) => l.trim());
        const at = parseFloat(lines[0]);
        const labels = { created: 'created', updated: 'updated', deleting: 'marked for deletion', deleted: 'deleted',
            event: 'Kubernetes Event', request: 'request sent', response: 'response received', trace: 'trace' };
        const items = lines.slice(1).map((l) => {
            const t = l.trim();
            const word = t.split(' ')[0];
            const cls = labels[word] ? word : 'trace';
            const rest = labels[word] ? t.slice(word.length + 1).replace(/\(an event that wrote and sent nothing\)/, '') : t;
            return h('li', { class: `ks-step-${cls}` }, h('span', { class: 'ks-step-kind', text: labels[cls] }), ` ${rest}`);
        });
        const nothing = lines[0].includes('(an event that wrote and sent nothing)');
        box.replaceChildren(
            h('h3', { text: `Event ${this.stepCount} at t = ${Number.isFinite(at) ? at.toFixed(6) : lines[0]} s` }),
            ...(skipped ? [h('p', { class: 'ks-hint', text: `after ${skipped} internal event${skipped === 1 ? '' : 's'} (timers, coroutines resuming)` })] : []),
            items.length ? h('ul', {}, ...items) : h('p', { text: nothing ? 'An internal event: it wrote nothing and sent nothing (a timer, a coroutine resuming).' : 'No visible effect.' }));
        box.dataset.step = String(this.stepCount);
        return text;
    }

    reset() {
        if (!this.c) return;
        if (this.stepMode) this.setStepMode(false);
        this.c.reset();
        for (const text of this.o.manifests) this.c.apply(text);
        this.actions = [];
        this.dots = [];
        this.requestInfo.clear();
        this.k8sEvents = [];
        this.deployments = [];
        this.deploymentRows = new Map();
        this.sigs.clear();
        if (this.$.requests) this.$.requests.replaceChildren();
        if (this.$.stepNow) {
            this.$.stepNow.replaceChildren(h('p', { text: 'No event run yet.' }));
            delete this.$.stepNow.dataset.step;
            this.$.stepHistory.replaceChildren();
        }
        this.stepCount = 0;
        if (this.o.parts.share && location.hash) history.replaceState(null, '', location.pathname + location.search);
        this.forceRefresh();
        this.status(`reset: a new cluster (seed ${this.o.seed})`);
    }

    // ---- commands ---------------------------------------------------------

    kubectl(line, stdinText = '') {
        const l = line.trim().replace(/^kubectl\s+/, '');
        const record = changesCluster(l);
        const a = [this.nowUs(), 'k', l];
        if (readsStdin(l)) a.push(stdinText);
        const r = record ? this.perform(a) : this.c.kubectl(l, stdinText);
        if (record) this.forceRefresh();
        return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
    }

    // A command from the page's own buttons: shown in the console and the status.
    command(line) {
        const r = this.kubectl(line);
        this.printConsole(line, r);
        this.status(`kubectl ${line}: ${(r.exitCode === 0 ? r.stdout : r.stderr).trim() || `exit ${r.exitCode}`}`);
        return r;
    }

    printConsole(line, r) {
        const out = this.$.out;
        if (!out) return;
        out.append(h('span', { class: 'ks-cmd', text: `$ kubectl ${line}\n` }), `${r.stdout}${r.stderr}`);
        while (out.childNodes.length > 80) out.firstChild.remove();
        out.scrollTop = out.scrollHeight;
    }

    runConsole() {
        const line = this.$.line.value.trim().replace(/^kubectl\s+/, '');
        if (!line || !this.c) return;
        this.consoleHistory.push(line);
        this.historyAt = this.consoleHistory.length;
        const r = this.kubectl(line, this.$.stdin.value);
        this.printConsole(line, r);
        this.$.line.value = '';
    }

    loadDemo() {
        if (!this.features.demo) return null;
        const r = this.perform([this.nowUs(), 'd']);
        this.status(r.exitCode === 0 ? 'demo application loaded' : `demo: ${r.stderr.trim()}`);
        this.forceRefresh();
        return r;
    }

    control(ns, pod, action) {
        if (!this.features.control) return null;
        const r = this.perform([this.nowUs(), 'c', ns, pod, action]);
        this.status(r.exitCode === 0 ? `${action} sent to ${ns}/${pod}` : `${action} ${ns}/${pod}: ${(r.stderr || r.stdout).trim()}`);
        return r;
    }

    // stop | start | remove | add: the machine fails, boots, leaves, or a node joins.
    nodeAction(action, name = '') {
        if (!this.features.nodes) return null;
        const r = this.perform([this.nowUs(), 'n', action, name]);
        this.status(r.exitCode === 0 ? r.stdout.trim() : `${action} node ${name}: ${r.stderr.trim()}`);
        this.forceRefresh();
        return r;
    }

    outsideRequest(method, url) {
        if (!this.features.fetch || !url) return;
        this.perform([this.nowUs(), 'f', method, url, '']);
        this.status(`${method} ${url} sent from outside the cluster`);
    }

    scale(ns, name, delta) {
        const cur = this.c.kubectl(`get deployment ${name} -n ${ns} -o jsonpath={.spec.replicas}`, '');
        const n = Math.max(0, (parseInt(cur.stdout, 10) || 0) + delta);
        return this.command(`scale deployment ${name} -n ${ns} --replicas=${n}`);
    }

    fillPodMenu(podEl, menu) {
        const name = podEl.dataset.pod;
        const buttons = [];
        if (this.features.control && podEl.dataset.ip) {
            for (const [action, label] of [['not-ready', 'Make not ready'], ['ready', 'Make ready'], ['not-live', 'Make not live'], ['live', 'Make live']]) {
                buttons.push(h('button', { type: 'button', 'data-act': 'pod-control', 'data-arg': action, 'data-focus-key': `${action}:${name}`,
                    'aria-label': `${label}: pod ${name}`, text: label }));
            }
        }
        buttons.push(h('button', { type: 'button', 'data-act': 'pod-delete', 'data-focus-key': `delete:${name}`,
            'aria-label': `Delete pod ${name}`, text: 'Delete pod' }));
        menu.replaceChildren(...buttons);
    }

    async copyLink() {
        const state = { v: 1, seed: this.o.seed, nodes: this.o.nodes, hop: this.o.hopLatencyMs, at: this.nowUs(), actions: this.actions };
        const params = new URLSearchParams(location.search);
        params.set('seed', this.o.seed);
        params.set('nodes', this.o.nodes);
        if (this.o.hopLatencyMs !== 1) params.set('hop', this.o.hopLatencyMs);
        params.delete('demo');
        const url = `${location.origin}${location.pathname}?${params}#${await encodeState(state)}`;
        history.replaceState(null, '', url);
        const input = this.$.link;
        input.value = url;
        input.hidden = false;
        let copied = false;
        try {
            await navigator.clipboard.writeText(url);
            copied = true;
        } catch {
            input.select();
        }
        this.status(copied ? `link copied (${this.actions.length} command${this.actions.length === 1 ? '' : 's'}, ${url.length} characters)`
            : 'the link is in the box next to the button: copy it from there');
        return url;
    }

    // ---- drawing -----------------------------------------------------------

    filterNs() {
        return this.$.namespace ? this.$.namespace.value : '';
    }

    draw(f) {
        const ns = this.filterNs();
        let layout = false;
        // Nodes: keyed cards; a card's header is redrawn when the node changes.
        const seen = new Set();
        let order = false;
        for (const n of f.nodes) {
            seen.add(n.name);
            let card = this.nodeCards.get(n.name);
            if (!card) {
                const head = h('header');
                const box = h('div', { class: 'ks-pods', 'data-pods-of': n.name });
                const el = h('article', { class: 'ks-node', 'data-node': n.name, 'aria-label': `node ${n.name}` }, head, box);
                card = { el, head, box, sig: '' };
                this.nodeCards.set(n.name, card);
                order = true;
                layout = true;
            }
            const running = n.running !== false;
            const sig = `${n.ip}|${n.ready}|${n.unschedulable}|${running}|${this.features.nodes}`;
            if (card.sig !== sig) {
                card.sig = sig;
                card.el.setAttribute('data-node-ip', n.ip);
                card.el.setAttribute('data-ready', String(n.ready));
                card.el.setAttribute('data-running', String(running));
                // The machine's buttons: it fails (its kubelet and containers
                // stop) or boots again, or the node leaves the cluster.
                const machine = this.features.nodes ? [h('span', { class: 'ks-node-actions' },
                    h('button', { type: 'button', 'data-act': 'node', 'data-arg': running ? 'stop' : 'start', 'data-focus-key': `node-power:${n.name}`,
                        'aria-label': `${running ? 'Stop' : 'Start'} the machine of node ${n.name}`, text: running ? 'Stop' : 'Start' }),
                    h('button', { type: 'button', 'data-act': 'node', 'data-arg': 'remove', 'data-focus-key': `node-remove:${n.name}`,
                        'aria-label': `Remove node ${n.name}`, text: 'Remove' }))] : [];
                card.head.replaceChildren(h('span', { class: 'ks-node-name', text: n.name }), h('span', { class: 'ks-ip', text: n.ip }),
                    n.ready ? badge('Ready', 'ok') : badge('NotReady', 'bad'), ...(n.unschedulable ? [badge('SchedulingDisabled', 'warn')] : []),
                    ...(running ? [] : [badge('Stopped', 'bad')]), ...machine);
                if (n.ip) this.ipEl.set(n.ip, card.head);
                layout = true;
            }
        }
        for (const [name, card] of this.nodeCards) {
            if (!seen.has(name)) {
                card.el.remove();
                this.nodeCards.delete(name);
                layout = true;
            }
        }
        if (order) {
            // node-2 before node-10
            const names = [...this.nodeCards.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
            this.nodeCards = new Map(names.map((n) => [n, this.nodeCards.get(n)]));
            this.$.nodes.replaceChildren(...names.map((n) => this.nodeCards.get(n).el));
        }

        // Pods: keyed elements inside their node (or the unscheduled lane).
        const want = new Map(); // container element -> [pod]
        for (const card of this.nodeCards.values()) want.set(card.box, []);
        want.set(this.$.unscheduled, []);
        const live = new Set();
        for (const p of f.pods) {
            if (ns && p.ns !== ns) continue;
            const card = p.node && this.nodeCards.get(p.node);
            want.get(card ? card.box : this.$.unscheduled).push(p);
        }
        // Many pods a node: compact chips (the name's last part, the badge).
        let most = 0;
        for (const list of want.values()) most = Math.max(most, list.length);
        const dense = most > 12;
        if (dense !== this.dense) {
            this.dense = dense;
            this.$.stage.classList.toggle('ks-dense', dense);
            layout = true;
        }
        for (const [box, list] of want) {
            let cursor = box.firstElementChild;
            for (const p of list) {
                const key = `${p.ns}/${p.name}`;
                live.add(key);
                let rec = this.pods.get(key);
                if (!rec) {
                    rec = this.podElement(p);
                    this.pods.set(key, rec);
                }
                if (this.updatePod(rec, p)) layout = true;
                if (rec.el !== cursor) {
                    box.insertBefore(rec.el, cursor);
                    layout = true;
                } else {
                    cursor = cursor.nextElementSibling;
                }
            }
        }
        for (const [key, rec] of this.pods) {
            if (!live.has(key)) {
                rec.el.remove();
                if (rec.ip && this.ipEl.get(rec.ip) === rec.el) this.ipEl.delete(rec.ip);
                this.pods.delete(key);
                layout = true;
            }
        }
        if (layout) this.layoutChanged();

        if (this.$.services) this.drawServices(f, ns);
        if (this.$.namespace) this.drawNamespaces(f);
        this.ingest(f);
        this.drawDots(f.t);
        if (this.$.clock) this.$.clock.textContent = `t = ${f.t.toFixed(1)} s`;
        if (this.$.tabpanel) this.drawTab(false);
    }

    podElement(p) {
        const info = h('span', { class: 'ks-pod-info' });
        const menuButton = h('button', { type: 'button', class: 'ks-pod-menu', 'data-act': 'pod-menu', 'aria-expanded': 'false',
            'aria-label': `Actions for pod ${p.name}`, title: 'Actions', 'data-focus-key': `menu:${p.ns}/${p.name}`, text: '⋯' });
        const el = h('div', { class: 'ks-pod', 'data-pod': p.name, 'data-namespace': p.ns, role: 'group', 'aria-label': `pod ${p.name}` },
            h('span', { class: 'ks-pod-name', text: p.name }), h('span', { class: 'ks-pod-short', 'aria-hidden': 'true', text: p.name.slice(p.name.lastIndexOf('-') + 1) || p.name }),
            info, menuButton, h('div', { class: 'ks-pod-actions ks-row', hidden: true }));
        return { el, info, sig: '', ip: '' };
    }

    // Attributes and text of a pod; true when something visible changed.
    updatePod(rec, p) {
        const why = p.node ? '' : this.whyPending.get(`${p.ns}/${p.name}`) || '';
        const sig = `${p.phase}|${p.status}|${p.ready}|${p.containers}|${p.restarts}|${p.deleting}|${p.ip}|${p.node}|${p.owner}|${why}`;
        if (rec.sig === sig) return false;
        rec.sig = sig;
        const e = rec.el;
        e.setAttribute('data-phase', p.phase);
        e.setAttribute('data-ready', String(p.ready));
        e.setAttribute('data-status', p.deleting ? 'Terminating' : p.status);
        e.setAttribute('data-ip', p.ip);
        e.setAttribute('data-restarts', String(p.restarts));
        if (rec.ip !== p.ip) {
            if (rec.ip && this.ipEl.get(rec.ip) === e) this.ipEl.delete(rec.ip);
            rec.ip = p.ip;
        }
        if (p.ip) this.ipEl.set(p.ip, e);
        const [text, kind] = podBadge(p);
        rec.info.replaceChildren(badge(text, kind), h('span', { class: 'ks-pod-containers', title: 'ready containers', text: ` ${p.containers}` }),
            ...(p.restarts > 0 ? [` · ${p.restarts} restart${p.restarts === 1 ? '' : 's'}`] : []),
            ...(why ? [h('span', { class: 'ks-pod-why', text: why })] : []));
        e.title = `${p.ns}/${p.name}: ${p.deleting ? 'Terminating' : p.status}${p.owner ? `, owned by ${p.owner}` : ''}${p.ip ? `, ${p.ip}` : ''}`;
        return true;
    }

    drawServices(f, ns) {
        const services = f.services.filter((s) => !ns || s.ns === ns);
        const sig = JSON.stringify(services);
        if (this.sigs.get('services') === sig) return;
        this.sigs.set('services', sig);
        const ports = (s) => s.ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}` : `${p.port}`)).join(', ');
        this.$.services.replaceChildren(...services.map((s) => h('li', {
            'data-service': s.name, 'data-namespace': s.ns, 'data-endpoints': s.ready.join(' '),
        }, h('b', { text: `${s.ns}/${s.name}` }), ` ${s.type} ${s.clusterIP} port${s.ports.length === 1 ? '' : 's'} ${ports(s)} → `,
        s.ready.length ? s.ready.join(', ') : h('em', { text: 'no ready endpoints' }))));
        if (this.$.fetchUrl && !this.$.fetchUrl.value) {
            const np = f.services.find((s) => s.type === 'NodePort' && s.ports.some((p) => p.nodePort));
            if (np && f.nodes.length) this.$.fetchUrl.value = `http://${f.nodes[0].name}:${np.ports.find((p) => p.nodePort).nodePort}/`;
        }
    }

    drawNamespaces(f) {
        const names = [...new Set([...f.pods.map((p) => p.ns), ...f.services.map((s) => s.ns)])].sort();
        const sig = names.join(' ');
        if (this.sigs.get('namespaces') === sig) return;
        this.sigs.set('namespaces', sig);
        const select = this.$.namespace;
        const keep = select.value;
        select.replaceChildren(h('option', { value: '', text: 'all' }), ...names.map((n) => h('option', { value: n, text: n })));
        select.value = names.includes(keep) ? keep : '';
    }

    // Each Deployment's row is kept and updated in place (its buttons too), so
    // that a click never lands on a button the refresh has just replaced.
    drawDeployments() {
        const box = this.$.deployments;
        if (!box) return;
        const ns = this.filterNs();
        const list = this.deployments.filter((d) => !ns || d.ns === ns);
        const sig = JSON.stringify(list);
        if (this.sigs.get('deployments') === sig) return;
        this.sigs.set('deployments', sig);
        if (!list.length) {
            this.deploymentRows = new Map();
            box.replaceChildren(h('li', { class: 'ks-hint', text: 'No Deployments yet.' }));
            return;
        }
        const old = this.deploymentRows || new Map();
        const rows = new Map();
        for (const d of list) {
            const key = `${d.ns}/${d.name}`;
            let row = old.get(key);
            if (!row) {
                const minus = h('button', { type: 'button', 'data-act': 'scale', 'data-arg': '-1', 'data-ns': d.ns, 'data-name': d.name,
                    'data-focus-key': `scale-:${key}`, 'aria-label': `Remove a replica of ${d.name}`, text: '−' });
                const count = h('span', { class: 'ks-replicas' });
                const plus = h('button', { type: 'button', 'data-act': 'scale', 'data-arg': '1', 'data-ns': d.ns, 'data-name': d.name,
                    'data-focus-key': `scale+:${key}`, 'aria-label': `Add a replica of ${d.name}`, text: '+' });
                const ready = document.createTextNode('');
                const el = h('li', { 'data-deployment': d.name, 'data-namespace': d.ns },
                    h('b', { text: key }), ready, h('span', { class: 'ks-scale' }, minus, count, plus));
                row = { el, ready, minus, count };
            }
            row.el.dataset.replicas = String(d.replicas);
            row.ready.data = ` ${d.ready}/${d.replicas} ready `;
            row.minus.disabled = d.replicas === 0;
            row.count.textContent = String(d.replicas);
            row.count.setAttribute('aria-label', `${d.replicas} replicas`);
            rows.set(key, row);
        }
        this.deploymentRows = rows;
        const wanted = [...rows.values()].map((r) => r.el);
        const same = wanted.length === box.children.length && wanted.every((el, i) => box.children[i] === el);
        if (!same) redrawKeepingFocus(box, () => box.replaceChildren(...wanted));
    }

    drawEvents() {
        const box = this.$.events;
        if (!box) return;
        const ns = this.filterNs();
        const now = this.c.now();
        const list = this.k8sEvents.filter((e) => !ns || e.namespace === ns).slice(0, 40);
        const sig = `${Math.floor(now)}|${JSON.stringify(list)}`;
        if (this.sigs.get('events') === sig) return;
        this.sigs.set('events', sig);
        if (!list.length) {
            box.replaceChildren(h('li', { class: 'ks-hint', text: 'No Events yet.' }));
            return;
        }
        box.replaceChildren(...list.map((e) => h('li', { 'data-type': e.type, 'data-reason': e.reason },
            h('span', { class: 'ks-age', text: humanDuration(now - e.last) }), ' ',
            badge(e.type, e.type === 'Warning' ? 'bad' : 'muted'), ' ',
            h('b', { text: e.reason }), ` ${e.kind}/${e.name}${e.count > 1 ? ` (×${e.count})` : ''}: ${e.message}`)));
    }

    // ---- requests as dots --------------------------------------------------

    // Requests and responses since the last frame: dots (and the Requests list).
    ingest(f) {
        const V = this.o.dotLegSeconds;
        const hopS = this.o.hopLatencyMs / 1000;
        const newDots = [];
        for (const e of f.events) {
            if (e.type === 'request') {
                const info = { fromIp: e.fromIp, fromNode: e.fromNode, end: e.sent };
                this.requestInfo.set(e.id, info);
                if (e.hops.length) {
                    const d = this.makeDot(e, e.hops, e.sent, V, hopS, false);
                    info.end = d.end;
                    newDots.push(d);
                }
            } else {
                const info = this.requestInfo.get(e.id);
                this.requestInfo.delete(e.id);
                if (e.hops.length) {
                    const start = Math.max(e.hops[0].at, info ? info.end : 0);
                    newDots.push(this.makeDot(e, e.hops, start, V, hopS, true));
                } else if (e.failed) {
                    // Refused or unroutable: nothing travelled; a mark where it started.
                    const at = { ip: info ? info.fromIp : '', node: info ? info.fromNode : '' };
                    newDots.push({ kind: 'failed', response: true, burst: true, legs: [{ a: at, b: at, dur: V }], start: e.received, end: e.received + V });
                }
            }
        }
        if (this.requestInfo.size > 5000) {
            const keys = [...this.requestInfo.keys()].slice(0, this.requestInfo.size - 4000);
            for (const k of keys) this.requestInfo.delete(k);
        }
        this.dots = this.dots.filter((d) => d.end > f.t);
        for (const d of newDots) {
            if (d.end <= f.t && !this.stepMode) continue;
            if (this.dots.length >= MAX_DOTS) {
                ++this.dotsDropped; // shown as the canvas's data-dropped
                continue;
            }
            if (this.stepMode) d.step = true;
            this.dots.push(d);
            this.dotsDirty = true;
        }
        if (this.$.requests) this.logRequests(f.events);
    }

    makeDot(e, hops, start, V, hopS, response) {
        const legs = hops.map((hp, i) => {
            const real = i + 1 < hops.length ? hops[i + 1].at - hp.at : hopS;
            return { a: { ip: hp.fromIp, node: hp.from }, b: { ip: hp.toIp, node: hp.to }, dur: Math.max(real, V) };
        });
        const total = legs.reduce((s, l) => s + l.dur, 0);
        return { kind: response && e.failed ? 'failed' : e.kind, response, legs, start, end: start + total };
    }

    logRequests(events) {
        const list = this.$.requests;
        const responses = events.filter((e) => e.type === 'response').slice(-40);
        for (const e of responses) {
            list.prepend(h('li', { class: `ks-${e.kind}${e.failed ? ' ks-failed' : ''}`, 'data-kind': e.kind },
                `${e.received.toFixed(3)}s ${e.kind} ${e.url} → ${e.status || ''}${e.error ? ` ${e.error}` : ''}${e.failed ? ' (failed)' : ''}`));
        }
        while (list.children.length > 60) list.lastChild.remove();
    }

    layoutChanged() {
        this.positions.clear();
        this.drawnDotsAt = null;
        const s = this.$.stage;
        const dpr = window.devicePixelRatio || 1;
        const w = Math.round(s.clientWidth * dpr);
        const hgt = Math.round(s.clientHeight * dpr);
        const cv = this.$.canvas;
        if (cv.width !== w || cv.height !== hgt) {
            cv.width = w;
            cv.height = hgt;
        }
    }

    // Where an endpoint of a leg is on the stage: the pod (or node) with that
    // IP, else the node's card, else the outside box.
    point(end) {
        const key = `${end.ip}|${end.node}`;
        let p = this.positions.get(key);
        if (p) return p;
        let el = end.ip ? this.ipEl.get(end.ip) : null;
        if (el && (!el.isConnected || !el.getClientRects().length)) el = null;
        if (!el && end.node) el = this.nodeCards.get(end.node)?.head || null;
        if (!el) el = this.$.outside;
        const r = el.getBoundingClientRect();
        const s = this.stageRect || (this.stageRect = this.$.stage.getBoundingClientRect());
        p = { x: r.left - s.left + r.width / 2, y: r.top - s.top + r.height / 2 };
        this.positions.set(key, p);
        return p;
    }

    dotPosition(d, t) {
        let at = t - d.start;
        for (const leg of d.legs) {
            if (at <= leg.dur) {
                const a = this.point(leg.a);
                const b = this.point(leg.b);
                const k = Math.max(0, Math.min(1, at / leg.dur));
                return { x: a.x + (b.x - a.x) * k, y: a.y + (b.y - a.y) * k };
            }
            at -= leg.dur;
        }
        return this.point(d.legs[d.legs.length - 1].b);
    }

    drawDots(t) {
        const cv = this.$.canvas;
        if (this.drawnDotsAt === t && !this.dotsDirty) return;
        this.dotsDirty = false;
        this.drawnDotsAt = t;
        this.stageRect = null;
        const ctx = cv.getContext('2d');
        const dpr = cv.width / Math.max(1, this.$.stage.clientWidth);
        ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
        ctx.clearRect(0, 0, cv.width, cv.height);
        let shown = 0;
        for (const d of this.dots) {
            if (t < d.start && !d.step) continue;
            const color = DOT_COLOR[d.kind] || DOT_COLOR.probe;
            if (d.step) {
                // Step mode: the path the request takes, dashed, and the dot on it.
                ctx.setLineDash([4, 4]);
                ctx.strokeStyle = color;
                ctx.lineWidth = 1.5;
                ctx.beginPath();
                for (const leg of d.legs) {
                    const a = this.point(leg.a);
                    const b = this.point(leg.b);
                    ctx.moveTo(a.x, a.y);
                    ctx.lineTo(b.x, b.y);
                }
                ctx.stroke();
                ctx.setLineDash([]);
            }
            const p = this.dotPosition(d, Math.max(t, d.start));
            ++shown;
            ctx.beginPath();
            if (d.burst) {
                ctx.strokeStyle = color;
                ctx.lineWidth = 2;
                ctx.moveTo(p.x - 5, p.y - 5);
                ctx.lineTo(p.x + 5, p.y + 5);
                ctx.moveTo(p.x + 5, p.y - 5);
                ctx.lineTo(p.x - 5, p.y + 5);
                ctx.stroke();
                continue;
            }
            ctx.arc(p.x, p.y, 4.5, 0, Math.PI * 2);
            if (d.response) {
                ctx.fillStyle = '#fff';
                ctx.fill();
                ctx.strokeStyle = color;
                ctx.lineWidth = 2;
                ctx.stroke();
            } else {
                ctx.fillStyle = color;
                ctx.fill();
            }
        }
        cv.setAttribute('data-dots', String(shown));
        if (this.dotsDropped) cv.setAttribute('data-dropped', String(this.dotsDropped));
    }

    // ---- what is refreshed now and then (kubectl, Events) ---------------------

    // Whether `what` is due: timed() spaces the refreshes by at least `min` ms
    // of page time and 25 × what the last one cost, so a slow list never takes
    // the page; forceRefresh() makes everything due after a command.
    due(what, wall) {
        const r = this.refresh.get(what);
        return !r || wall >= r.next || r.force;
    }

    timed(what, wall, min, f) {
        const t0 = performance.now();
        f();
        const cost = performance.now() - t0;
        this.refresh.set(what, { next: wall + Math.max(min, 25 * cost), cost, force: false, t: this.frame ? this.frame.t : 0 });
    }

    forceRefresh() {
        for (const r of this.refresh.values()) r.force = true;
        this.sigs.delete('deployments');
    }

    periodic(wall) {
        const simT = this.frame.t;
        const moved = (what) => {
            const r = this.refresh.get(what);
            return !r || r.force || r.t !== simT;
        };
        if (this.$.deployments && this.due('deployments', wall) && moved('deployments')) {
            this.timed('deployments', wall, 500, () => {
                this.deployments = this.listJson('deployments').map((d) => ({
                    ns: d.metadata.namespace, name: d.metadata.name, replicas: d.spec.replicas ?? 1,
                    ready: d.status?.readyReplicas ?? 0,
                }));
            });
            this.drawDeployments();
        }
        const waiting = this.frame.pods.filter((p) => !p.node && !p.deleting).slice(0, 10);
        if (waiting.length && this.due('pending', wall) && moved('pending')) {
            // Why the scheduler has not placed them: their PodScheduled condition.
            this.timed('pending', wall, 2000, () => {
                const why = new Map();
                for (const p of waiting) {
                    const r = this.c.kubectl(`get pod ${p.name} -n ${p.ns} -o json`, '');
                    try {
                        const c = (JSON.parse(r.stdout).status.conditions || []).find((x) => x.type === 'PodScheduled' && x.status === 'False');
                        if (c && c.message) why.set(`${p.ns}/${p.name}`, c.message);
                    } catch {
                        // gone meanwhile
                    }
                }
                this.whyPending = why;
            });
        }
        const wantEvents = this.$.events || (this.$.tabpanel && this.tab === 'events');
        if (wantEvents && this.due('events', wall) && moved('events')) {
            const limit = this.$.tabpanel && this.tab === 'events' ? 500 : 60;
            this.timed('events', wall, this.features.events ? 500 : 2000, () => { this.k8sEvents = this.readEvents(limit); });
            if (this.$.tabpanel && this.tab === 'events') this.drawTab(true);
        }
        if (this.$.events) this.drawEvents(); // redrawn when they change, or each simulated second (their ages)
        if (this.$.tabpanel) {
            const k = this.kinds[this.tab];
            if (k.kubectl && this.due(`tab:${this.tab}`, wall) && moved(`tab:${this.tab}`)) {
                this.timed(`tab:${this.tab}`, wall, 400, () => { k.items = this.listJson(k.kubectl, k.clusterScoped); });
                this.drawTab(true);
            }
        }
    }

    listJson(resource, clusterScoped = false) {
        const ns = this.filterNs();
        const scope = clusterScoped ? '' : ns ? ` -n ${ns}` : ' -A';
        const r = this.c.kubectl(`get ${resource}${scope} -o json`, '');
        if (r.exitCode !== 0) return [];
        try {
            return JSON.parse(r.stdout).items || [];
        } catch {
            return [];
        }
    }

    // Newest Kubernetes Events first: {type, reason, kind, name, namespace,
    // message, count, last (simulated seconds since boot)}. From the module's
    // recentEvents() when it has it, else from kubectl.
    readEvents(limit) {
        if (this.features.events) {
            try {
                // The module's fields: name is the Event's own, object the one it is about.
                return JSON.parse(this.c.recentEvents(limit)).map((e) => ({
                    type: e.type, reason: e.reason, kind: e.kind, name: e.object, namespace: e.namespace,
                    message: e.message, count: e.count || 1, last: e.lastTimestamp ?? e.firstTimestamp ?? 0,
                }));
            } catch {
                return [];
            }
        }
        const items = this.listJson('events');
        const list = items.map((e) => ({
            type: e.type, reason: e.reason, kind: e.involvedObject?.kind || '', name: e.involvedObject?.name || '',
            namespace: e.involvedObject?.namespace || e.metadata.namespace, message: e.message || '', count: e.count || 1,
            last: (Date.parse(e.lastTimestamp || e.eventTime || e.metadata.creationTimestamp) - EPOCH_MS) / 1000,
            rv: Number(e.metadata.resourceVersion) || 0,
        }));
        list.sort((a, b) => b.last - a.last || b.rv - a.rv);
        return list.slice(0, limit);
    }

    // ---- resource tabs ------------------------------------------------------

    selectTab(key) {
        if (!this.kinds[key] || key === this.tab) return;
        this.tab = key;
        for (const [k, b] of this.tabButtons) {
            b.setAttribute('aria-selected', String(k === key));
            b.tabIndex = k === key ? 0 : -1;
        }
        this.$.tabpanel.setAttribute('aria-labelledby', this.id(`tab-${key}`));
        this.sigs.delete('tab');
        const r = this.refresh.get(`tab:${key}`);
        if (r) r.force = true;
        if (key === 'events' && this.refresh.get('events')) this.refresh.get('events').force = true;
        this.drawTab(true);
    }

    // The visible tab's table (redrawn when its rows change, at most a few
    // times a second for what comes from the frame) and every tab's count.
    drawTab(force) {
        const wall = performance.now();
        if (!force && this.lastTabDraw && wall - this.lastTabDraw < 250) return;
        this.lastTabDraw = wall;
        const k = this.kinds[this.tab];
        const rows = k.rows();
        for (const [key, kind] of Object.entries(this.kinds)) {
            const n = key === this.tab ? rows.length : kind.count ? kind.count() : this.tabCounts[key];
            if (key === this.tab) this.tabCounts[key] = rows.length;
            const span = this.tabButtons.get(key).querySelector('.ks-count');
            const text = n === undefined ? '' : `(${n})`;
            if (span.textContent !== text) span.textContent = text;
        }
        const shown = rows.slice(0, 500);
        const html = `<div class="ks-table-wrap"><table class="ks-table" data-kind="${k.kind}"><caption>${escapeHtml(k.label)}: ${rows.length}${rows.length > shown.length ? ` (the first ${shown.length} shown)` : ''}</caption>`
            + `<thead><tr>${k.cols.map((c) => `<th scope="col">${c}</th>`).join('')}<th scope="col"><span class="ks-sr">YAML</span></th></tr></thead><tbody>`
            + (shown.length ? shown.map((r) => `<tr>${r.cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}<td>`
                + `<button type="button" data-act="yaml" data-kind="${escapeHtml(r.yaml.kind)}" data-name="${escapeHtml(r.yaml.name)}" data-ns="${escapeHtml(r.yaml.ns || '')}"`
                + ` data-focus-key="yaml:${escapeHtml(`${r.yaml.kind}/${r.yaml.ns}/${r.yaml.name}`)}" aria-label="YAML of ${escapeHtml(r.yaml.kind)} ${escapeHtml(r.yaml.name)}">YAML</button></td></tr>`).join('')
                : `<tr><td colspan="${k.cols.length + 1}" class="ks-hint">No resources found.</td></tr>`)
            + '</tbody></table></div>';
        if (this.sigs.get('tab') === html) return;
        this.sigs.set('tab', html);
        redrawKeepingFocus(this.$.tabpanel, () => { this.$.tabpanel.innerHTML = html; });
    }

    showYaml(what) {
        if (!what || !this.c) return;
        this.dialogFor = what;
        const line = `get ${what.kind} ${what.name}${what.ns ? ` -n ${what.ns}` : ''} -o yaml`;
        const r = this.c.kubectl(line, '');
        this.$.dialogTitle.textContent = `kubectl ${line}`;
        this.$.dialogBody.textContent = r.stdout || r.stderr;
        if (!this.$.dialog.open) {
            if (typeof this.$.dialog.showModal === 'function') this.$.dialog.showModal();
            else this.$.dialog.setAttribute('open', '');
        }
    }

    // ---- the handle ---------------------------------------------------------

    makeHandle() {
        const whenReady = async (f) => {
            await this.ready;
            return f();
        };
        return {
            ready: null,
            element: this.el,
            kubectl: (line, stdinText = '') => whenReady(() => this.kubectl(line, stdinText)),
            pause: () => this.setPaused(true),
            resume: () => {
                if (this.stepMode) this.setStepMode(false);
                this.setPaused(false);
            },
            reset: () => this.reset(),
            now: () => (this.c ? this.c.now() : 0),
            frame: () => this.frame,
            frameMs: () => this.costs.reduce((a, c) => a + c[0] + c[1] + c[2] + c[3], 0) / Math.max(this.costs.length, 1),
            frameCosts: () => {
                const n = Math.max(this.costs.length, 1);
                const sum = (i) => this.costs.reduce((a, c) => a + c[i], 0) / n;
                return { simulation: sum(0), frame: sum(1), parse: sum(2), draw: sum(3), refresh: sum(4) };
            },
            step: () => this.stepOnce(),
            loadDemo: () => whenReady(() => this.loadDemo()),
            control: (ns, pod, action) => whenReady(() => this.control(ns, pod, action)),
            node: (action, name) => whenReady(() => this.nodeAction(action, name)),
            actions: () => this.actions.slice(),
            shareLink: () => whenReady(() => this.copyLink()),
            dots: () => this.dots.filter((d) => this.frame && (this.frame.t >= d.start || d.step))
                .map((d) => ({ kind: d.kind, response: d.response, ...this.dotPosition(d, Math.max(this.frame.t, d.start)) })),
            features: () => ({ ...this.features }),
            destroy: () => this.destroy(),
        };
    }

    destroy() {
        if (this.destroyed) return;
        this.destroyed = true;
        cancelAnimationFrame(this.raf);
        document.removeEventListener('visibilitychange', this.onVisibility);
        if (this.resizeObserver) this.resizeObserver.disconnect();
        if (this.intersection) this.intersection.disconnect();
        if (this.c) this.c.delete();
        this.c = null;
        this.el.remove();
    }
}

// The resource tabs: from the frame where it has the kind, otherwise from
// `kubectl get KIND -A -o json` (only for the visible tab).
function resourceKinds(v) {
    const ns = () => v.filterNs();
    const nowAbs = () => v.c.now();
    const age = (ts) => (ts ? humanDuration(nowAbs() - (Date.parse(ts) - EPOCH_MS) / 1000) : '');
    const fromKubectl = (kind, label, cols, row, clusterScoped = false) => ({
        label, kind, cols, kubectl: kind, clusterScoped, items: [],
        rows() {
            return this.items.map((o) => ({ cells: row(o), yaml: { kind, name: o.metadata.name, ns: clusterScoped ? '' : o.metadata.namespace } }));
        },
    });
    return {
        pods: {
            label: 'Pods', kind: 'pod', cols: ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'NODE', 'IP'],
            rows: () => (v.frame ? v.frame.pods : []).filter((p) => !ns() || p.ns === ns()).map((p) => ({
                cells: [p.ns, p.name, p.containers, p.deleting ? 'Terminating' : p.status, String(p.restarts), p.node || '<none>', p.ip || '<none>'],
                yaml: { kind: 'pod', name: p.name, ns: p.ns },
            })),
            count: () => (v.frame ? v.frame.pods.filter((p) => !ns() || p.ns === ns()).length : undefined),
        },
        deployments: fromKubectl('deployment', 'Deployments', ['NAMESPACE', 'NAME', 'READY', 'UP-TO-DATE', 'AVAILABLE', 'AGE'],
            (d) => [d.metadata.namespace, d.metadata.name, `${d.status?.readyReplicas ?? 0}/${d.spec.replicas ?? 1}`,
                String(d.status?.updatedReplicas ?? 0), String(d.status?.availableReplicas ?? 0), age(d.metadata.creationTimestamp)]),
        replicasets: fromKubectl('replicaset', 'ReplicaSets', ['NAMESPACE', 'NAME', 'DESIRED', 'CURRENT', 'READY', 'OWNER', 'AGE'],
            (r) => [r.metadata.namespace, r.metadata.name, String(r.spec.replicas ?? 1), String(r.status?.replicas ?? 0),
                String(r.status?.readyReplicas ?? 0), (r.metadata.ownerReferences || []).map((o) => `${o.kind}/${o.name}`).join(', '),
                age(r.metadata.creationTimestamp)]),
        services: {
            label: 'Services', kind: 'service', cols: ['NAMESPACE', 'NAME', 'TYPE', 'CLUSTER-IP', 'PORT(S)', 'READY ENDPOINTS'],
            rows: () => (v.frame ? v.frame.services : []).filter((s) => !ns() || s.ns === ns()).map((s) => ({
                cells: [s.ns, s.name, s.type, s.clusterIP, s.ports.map((p) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/TCP`).join(','),
                    s.ready.length ? s.ready.join(', ') : '<none>'],
                yaml: { kind: 'service', name: s.name, ns: s.ns },
            })),
            count: () => (v.frame ? v.frame.services.filter((s) => !ns() || s.ns === ns()).length : undefined),
        },
        endpointslices: fromKubectl('endpointslice', 'EndpointSlices', ['NAMESPACE', 'NAME', 'SERVICE', 'PORTS', 'ENDPOINTS', 'AGE'],
            (s) => [s.metadata.namespace, s.metadata.name, s.metadata.labels?.['kubernetes.io/service-name'] || '',
                (s.ports || []).map((p) => p.port ?? '<unset>').join(',') || '<unset>',
                (s.endpoints || []).map((e) => `${(e.addresses || []).join(',')}${e.conditions?.ready ? '' : ' (not ready)'}`).join(', ') || '<unset>',
                age(s.metadata.creationTimestamp)]),
        nodes: {
            label: 'Nodes', kind: 'node', cols: ['NAME', 'STATUS', 'INTERNAL-IP', 'PODS'],
            rows: () => (v.frame ? v.frame.nodes : []).map((n) => ({
                cells: [n.name, `${n.ready ? 'Ready' : 'NotReady'}${n.unschedulable ? ',SchedulingDisabled' : ''}`, n.ip,
                    String(v.frame.pods.filter((p) => p.node === n.name).length)],
                yaml: { kind: 'node', name: n.name, ns: '' },
            })),
            count: () => (v.frame ? v.frame.nodes.length : undefined),
        },
        namespaces: fromKubectl('namespace', 'Namespaces', ['NAME', 'STATUS', 'AGE'],
            (n) => [n.metadata.name, n.status?.phase || '', age(n.metadata.creationTimestamp)], true),
        events: {
            label: 'Events', kind: 'event', cols: ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE', 'COUNT'],
            rows: () => v.k8sEvents.filter((e) => !ns() || e.namespace === ns()).map((e) => ({
                cells: [humanDuration(nowAbs() - e.last), e.type, e.reason, `${e.kind.toLowerCase()}/${e.name}`, e.message, String(e.count)],
                yaml: { kind: e.kind.toLowerCase(), name: e.name, ns: e.kind === 'Node' || e.kind === 'Namespace' ? '' : e.namespace },
            })),
        },
    };
}
