// The page (index.html): the cluster view (view.js) with every part switched
// on, its options from the URL (?seed=N&nodes=N&hop=MS&demo=0&paused=1), a shareable
// link's state from the fragment (share.js), and window.kubesim (API.md, "In
// the browser"). Bundled by esbuild into app.js; kubesim-core.js (emscripten's ES
// module) stays a separate file.
import { boot, loadModule } from './view.js';
import { decodeState } from './share.js';

// The module compiles (off the main thread) while the page builds its view.
loadModule();

const params = new URLSearchParams(location.search);
const number = (value, fallback) => (value === null || value === undefined || value === '' || !Number.isFinite(Number(value)) ? fallback : Number(value));

let view = null;
const ready = (async () => {
    const state = location.hash.length > 1 ? await decodeState(location.hash) : null;
    view = boot(document.getElementById('app'), {
        nodes: Math.max(1, Math.round(number(state ? state.nodes : params.get('nodes'), 3))),
        seed: number(state ? state.seed : params.get('seed'), 0),
        hopLatencyMs: number(state ? state.hop : params.get('hop'), 1),
        // The demo application is the default view when the module has it (?demo=0: an empty cluster);
        // a shareable link carries its own commands instead.
        demo: params.get('demo') !== '0',
        paused: params.get('paused') === '1',
        replay: state,
        parts: { console: true, events: true, requests: true, resources: true, share: true },
        title: 'The cluster: nodes and their pods',
    });
    await view.ready;
})();

window.kubesim = {
    ready,
    kubectl: async (line, stdinText = '') => {
        await ready;
        return view.kubectl(line, stdinText);
    },
    pause: () => view && view.pause(),
    resume: () => view && view.resume(),
    reset: () => view && view.reset(),
    now: () => (view ? view.now() : 0),
    frame: () => (view ? view.frame() : null),
    frameMs: () => (view ? view.frameMs() : 0),
    frameCosts: () => (view ? view.frameCosts() : {}),
    // Beyond API.md: what the page's own buttons do, for scripts and tests.
    step: () => view && view.step(),
    loadDemo: async () => { await ready; return view.loadDemo(); },
    control: async (ns, pod, action) => { await ready; return view.control(ns, pod, action); },
    shareLink: async () => { await ready; return view.shareLink(); },
    dots: () => (view ? view.dots() : []),
    features: () => (view ? view.features() : {}),
};
