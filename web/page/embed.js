// The embeddable cluster view: an ES module (bundled by esbuild into
// kubesim.js, next to kubesim-core.js and kubesim-core.wasm) for putting a live
// cluster into any page, an article for instance:
//
//   import { boot } from './kubesim.js';
//   const k = boot(document.querySelector('#cluster'), { nodes: 2, seed: 7, manifests: [yaml] });
//   await k.ready;
//   await k.kubectl('scale deployment web --replicas=4');
//
// boot(element, {nodes, seed, hopLatencyMs, demo, manifests, speed, paused,
// parts}) draws into `element` and returns {ready, kubectl, pause, resume,
// reset, now, frame, frameMs, step, destroy, ...}; docs/web.md lists them.
// The view's style sheet comes with the module (every rule under .kubesim).
import css from './style.css';
import { boot as bootView, humanDuration, loadModule } from './view.js';

function injectStyle() {
    if (document.querySelector('style[data-kubesim-style]')) return;
    const style = document.createElement('style');
    style.setAttribute('data-kubesim-style', '');
    style.textContent = css;
    document.head.append(style);
}

export function boot(element, options = {}) {
    if (!(element instanceof Element)) throw new TypeError('kubesim boot(): the first argument must be a DOM element');
    injectStyle();
    return bootView(element, options);
}

export { humanDuration, loadModule };
// The module itself, for pages that draw their own view (docs/web.md, "The binding").
export { default as createKubesim } from './kubesim-core.js';
