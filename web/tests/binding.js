// Runs binding.script through the WebAssembly module (the page's ES module,
// kubesim.js) under node and diffs the transcript against
// binding.expected, which the native driver (driver.cpp) prints too.
//   node binding.js MODULE.js [EXPECTED]
// Exit 77 (skipped) when the module has not been built.
'use strict';
const fs = require('fs');
const path = require('path');

const modulePath = process.argv[2];
const expectedPath = process.argv[3] || path.join(__dirname, 'binding.expected');
if (!modulePath || !fs.existsSync(modulePath)) {
    console.log(`skipped: no WebAssembly module at ${modulePath} (build it with ./scripts/web)`);
    process.exit(77);
}

const fixed6 = (v) => v.toFixed(6);
const trimNewlines = (s) => s.replace(/\n+$/, '');

// `summary` and `events N`: as driver.cpp prints them.
function summary(frameText) {
    const f = JSON.parse(frameText);
    let s = `t ${fixed6(f.t)}\n`;
    for (const p of f.pods)
        s += `pod ${p.ns}/${p.name} ${p.status} ${p.ready ? 'ready' : 'not-ready'} ${p.containers} restarts=${p.restarts} ${p.node} ${p.ip}\n`;
    for (const v of f.services) s += `service ${v.ns}/${v.name} ready=[${v.ready.join(',')}]\n`;
    const responses = new Map();
    for (const e of f.events) {
        if (e.type !== 'response') continue;
        let key = e.kind;
        if (key === 'traffic') key += ` ${e.url.split('?')[0]}`;
        key += ` ${e.status}`;
        if (e.fetch !== undefined) key += ` fetch=${e.fetch}`;
        responses.set(key, (responses.get(key) || 0) + 1);
    }
    for (const key of [...responses.keys()].sort()) s += `responses ${key} x${responses.get(key)}\n`;
    if (f.dropped !== 0) s += `dropped ${f.dropped}\n`;
    for (const r of f.fetches)
        s += `fetch ${r.id} ${r.method} ${r.url} -> ${r.status} sent ${fixed6(r.sent)} received ${fixed6(r.received)} ${trimNewlines(r.error + r.body)}\n`;
    return s;
}

function delta(frameText) {
    const f = JSON.parse(frameText);
    const sections = ['nodes', 'pods', 'services'].filter((name) => name in f);
    return `sections=[${sections.join(',')}] events=${f.events.length}\n`;
}

function events(text) {
    let s = '';
    for (const e of JSON.parse(text))
        s += `${e.lastTimestamp === null ? '-' : fixed6(e.lastTimestamp)} ${e.type} ${e.reason} ${e.kind}/${e.object}: ${e.message} (x${e.count})\n`;
    return s;
}

async function main() {
    // emscripten 3.1.6's ES module reads files under node through the globals
    // `require` and `__dirname`, which an ES module does not have: lend them.
    const dir = path.dirname(path.resolve(modulePath));
    globalThis.require = require;
    globalThis.__dirname = dir;
    const { pathToFileURL } = require('url');
    const createKubesim = (await import(pathToFileURL(path.resolve(modulePath)).href)).default;
    const M = await createKubesim({ locateFile: (file) => path.join(dir, file) });
    const script = fs.readFileSync(path.join(__dirname, 'binding.script'), 'utf8').split('\n');
    let out = '';
    const print = (s) => { out += s; };
    const result = (r) => print(`${r.stdout}${r.stderr}exit ${r.exitCode}\n`);
    let c = null;
    for (const line of script) {
        if (line === '' || line.startsWith('#')) continue;
        print(`> ${line}\n`);
        const words = line.split(/\s+/);
        const cmd = words[0];
        const rest = line.length > cmd.length ? line.slice(cmd.length + 1) : '';
        switch (cmd) {
            case 'boot':
                if (c) c.delete();
                c = new M.Cluster(Number(words[1]), Number(words[2]), Number(words[3]));
                break;
            case 'now': print(`${fixed6(c.now())}\n`); break;
            case 'kubectl': result(c.kubectl(rest, '')); break;
            case 'apply': result(c.apply(fs.readFileSync(path.join(__dirname, rest), 'utf8'))); break;
            case 'advance': print(`${fixed6(c.advance(Number(words[1]), Number(words[2])))}\n`); break;
            case 'step': for (let i = 0; i < Number(words[1]); ++i) print(c.step()); break;
            case 'frame': print(`${c.frame()}\n`); break;
            case 'summary': print(summary(c.frame())); break;
            case 'delta': print(delta(c.frameDelta())); break;
            case 'demo': result(c.loadDemo()); break;
            case 'demo-manifest': {
                const same = c.demoManifest() === fs.readFileSync(path.join(__dirname, rest), 'utf8');
                print(`demo manifest ${same ? 'equals' : 'differs from'} ${rest}\n`);
                break;
            }
            case 'fetch': print(`fetch ${c.fetch(words[1], words[2], words[3] || '')}\n`); break;
            case 'control': result(c.control(words[1], words[2], words[3])); break;
            case 'events': print(events(c.recentEvents(Number(words[1])))); break;
            case 'pause': c.pause(); break;
            case 'resume': c.resume(); break;
            case 'reset': c.reset(); break;
            default: throw new Error(`unknown command: ${line}`);
        }
    }
    if (c) c.delete();
    const expected = fs.readFileSync(expectedPath, 'utf8');
    if (out !== expected) {
        const a = expected.split('\n'), b = out.split('\n');
        for (let i = 0; i < Math.max(a.length, b.length); ++i) {
            if (a[i] !== b[i]) {
                console.log(`transcript differs from ${expectedPath} at line ${i + 1}:`);
                console.log(`- ${a[i]}`);
                console.log(`+ ${b[i]}`);
                break;
            }
        }
        fs.writeFileSync(`${modulePath}.binding.out`, out);
        console.log(`(whole transcript: ${modulePath}.binding.out)`);
        process.exit(1);
    }
    console.log(`binding transcript equals ${path.basename(expectedPath)} (${b_lines(out)} lines)`);
}
const b_lines = (s) => s.split('\n').length - 1;

main().catch((e) => { console.log(e && e.stack ? e.stack : String(e)); process.exit(1); });
