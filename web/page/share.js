// Shareable links: the cluster's options and the commands applied through the
// page, as JSON in the URL's fragment. Compressed (deflate-raw through
// CompressionStream) and base64url-encoded as `#z=...` when the browser has
// CompressionStream, plain base64url JSON as `#j=...` otherwise; both decode
// everywhere the matching stream exists (`#j=` always).
//
// The state: {v: 1, seed, nodes, hop, at, actions}, `at` the simulated
// microsecond the link was made at, each action [t, op, ...args] with t in
// simulated microseconds since boot:
//   [t, 'k', line, stdin?]      kubectl LINE (stdin only when the line reads -f -)
//   [t, 'd']                    the demo application loaded
//   [t, 'c', ns, pod, action]   the demo's control port: ready|not-ready|live|not-live
//   [t, 'f', method, url, body] an HTTP request from outside the cluster

function toBase64Url(bytes) {
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
    const s = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; ++i) out[i] = s.charCodeAt(i);
    return out;
}

async function pipe(bytes, stream) {
    const piped = new Blob([bytes]).stream().pipeThrough(stream);
    return new Uint8Array(await new Response(piped).arrayBuffer());
}

function hasStream(Stream) {
    try {
        return typeof Stream === 'function' && Boolean(new Stream('deflate-raw'));
    } catch {
        return false;
    }
}

// The fragment (without '#') that carries `state`.
export async function encodeState(state) {
    const bytes = new TextEncoder().encode(JSON.stringify(state));
    if (hasStream(globalThis.CompressionStream)) {
        return `z=${toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw')))}`;
    }
    return `j=${toBase64Url(bytes)}`;
}

// The state a fragment carries, or null when it carries none (or cannot be read).
export async function decodeState(fragment) {
    const hash = fragment.replace(/^#/, '');
    try {
        let bytes;
        if (hash.startsWith('z=') && hasStream(globalThis.DecompressionStream)) {
            bytes = await pipe(fromBase64Url(hash.slice(2)), new DecompressionStream('deflate-raw'));
        } else if (hash.startsWith('j=')) {
            bytes = fromBase64Url(hash.slice(2));
        } else {
            return null;
        }
        const state = JSON.parse(new TextDecoder().decode(bytes));
        if (!state || state.v !== 1 || !Array.isArray(state.actions)) return null;
        return state;
    } catch {
        return null;
    }
}
