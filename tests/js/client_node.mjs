// @kubernetes/client-node against `kubesim serve`, through the kubeconfig the
// server writes: lists, creates and reads back, a watch, merge and strategic
// merge patches, deletes, and a pod's log. Run by run.sh (meson test
// client-node): node client_node.mjs PATH_TO_KUBESIM
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import * as k8s from '@kubernetes/client-node';

const binary = process.argv[2];
if (!binary) {
    console.error('usage: node client_node.mjs PATH_TO_KUBESIM');
    process.exit(2);
}
const namespace = 'default';
const scratch = mkdtempSync(join(tmpdir(), 'kubesim-client-node-'));
const servers = new Set();

// The whole test, npm aside, takes a few seconds; a hang fails it.
const watchdog = setTimeout(() => {
    console.error('client-node: timed out');
    for (const s of servers) s.child.kill('SIGKILL');
    process.exit(1);
}, 120_000);

function step(text) {
    console.log(`ok - ${text}`);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what, fn, timeoutMs = 30_000) {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const v = await fn();
        if (v) return v;
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await sleep(20);
    }
}

// Starts `kubesim serve` on a free port and waits for its one line.
function serve(speed) {
    const kubeconfig = join(scratch, `kubeconfig-speed-${speed}.yaml`);
    const child = spawn(binary, ['serve', '--speed', String(speed), '--port', '0', '--kubeconfig', kubeconfig], {
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    const server = { child, kubeconfig, url: '', stderr: '', exited: null };
    servers.add(server);
    child.stderr.on('data', (d) => (server.stderr += d));
    server.exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    return new Promise((resolve, reject) => {
        let out = '';
        const timer = setTimeout(
            () => reject(new Error(`kubesim serve printed no line: ${out}${server.stderr}`)), 30_000);
        child.on('error', reject);
        child.on('exit', (code, signal) => {
            clearTimeout(timer);
            reject(new Error(`kubesim serve exited (${code ?? signal}) before serving: ${server.stderr}`));
        });
        child.stdout.on('data', (d) => {
            out += d;
            const m = /^kubesim: serving the Kubernetes API at (\S+) \(kubeconfig: (.+)\)\n/m.exec(out);
            if (!m) return;
            clearTimeout(timer);
            assert.equal(m[2], kubeconfig);
            server.url = m[1];
            resolve(server);
        });
    });
}

// SIGTERM, as a service manager stops it: a clean exit with status 0.
async function stop(server) {
    server.child.kill('SIGTERM');
    const { code, signal } = await server.exited;
    servers.delete(server);
    assert.equal(signal, null, `kubesim serve was killed by ${signal}: ${server.stderr}`);
    assert.equal(code, 0, `kubesim serve exited with ${code}: ${server.stderr}`);
}

function clientsOf(server) {
    const kc = new k8s.KubeConfig();
    kc.loadFromFile(server.kubeconfig);
    assert.equal(kc.getCurrentCluster().server, server.url);
    return { kc, core: kc.makeApiClient(k8s.CoreV1Api), apps: kc.makeApiClient(k8s.AppsV1Api) };
}

async function expectNotFound(promise) {
    await assert.rejects(promise, (e) => {
        assert.equal(e.code, 404, String(e));
        return true;
    });
}

// Everything but the log, on a stopped clock: nothing moves unless the test
// moves it.
async function apiChecks() {
    const server = await serve(0);
    step(`kubesim serve --speed 0 at ${server.url}`);
    const { kc, core, apps } = clientsOf(server);

    const namespaces = (await core.listNamespace()).items.map((n) => n.metadata.name);
    for (const n of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) assert.ok(namespaces.includes(n), n);
    const nodes = (await core.listNode()).items;
    assert.deepEqual(nodes.map((n) => n.metadata.name), ['node-1', 'node-2', 'node-3']);
    for (const n of nodes) assert.equal(n.status.conditions.find((c) => c.type === 'Ready').status, 'True');
    step('list namespaces and nodes');

    // A watch from the list's resourceVersion: only what happens from here on.
    const initial = await core.listNamespacedConfigMap({ namespace });
    const events = [];
    let watchError = null;
    const watch = new k8s.Watch(kc);
    const controller = await watch.watch(
        `/api/v1/namespaces/${namespace}/configmaps`,
        { resourceVersion: initial.metadata.resourceVersion },
        (type, obj) => events.push({ type, obj }),
        (err) => {
            if (err && err.name !== 'AbortError') watchError = err;
        },
    );

    const cm = await core.createNamespacedConfigMap({
        namespace,
        body: { metadata: { name: 'settings', labels: { app: 'web' } }, data: { color: 'blue' } },
    });
    assert.equal(cm.metadata.namespace, namespace);
    assert.ok(cm.metadata.uid && cm.metadata.resourceVersion);
    const deploy = await apps.createNamespacedDeployment({
        namespace,
        body: {
            metadata: { name: 'web' },
            spec: {
                replicas: 2,
                selector: { matchLabels: { app: 'web' } },
                template: {
                    metadata: { labels: { app: 'web' } },
                    spec: {
                        containers: [
                            {
                                name: 'web',
                                image: 'busybox:1.36',
                                command: ['sh', '-c', 'sleep 3600'],
                                ports: [{ containerPort: 8080 }],
                            },
                        ],
                    },
                },
            },
        },
    });
    assert.equal(deploy.metadata.generation, 1);
    step('create a ConfigMap and a Deployment');

    const cmBack = await core.readNamespacedConfigMap({ name: 'settings', namespace });
    assert.deepEqual(cmBack.data, { color: 'blue' });
    assert.equal(cmBack.metadata.uid, cm.metadata.uid);
    const deployBack = await apps.readNamespacedDeployment({ name: 'web', namespace });
    assert.equal(deployBack.spec.replicas, 2);
    assert.equal(deployBack.spec.template.spec.containers[0].image, 'busybox:1.36');
    assert.equal(deployBack.spec.strategy.type, 'RollingUpdate');  // defaulted by the server
    const deployments = await apps.listNamespacedDeployment({ namespace });
    assert.deepEqual(deployments.items.map((d) => d.metadata.name), ['web']);
    step('read them back');

    // client-node 1.x: the patch type is the request's Content-Type header.
    const merge = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.MergePatch);
    const strategic = k8s.setHeaderOptions('Content-Type', k8s.PatchStrategy.StrategicMergePatch);
    let patched = await core.patchNamespacedConfigMap(
        { name: 'settings', namespace, body: { data: { size: 'large' } } }, merge);
    assert.deepEqual(patched.data, { color: 'blue', size: 'large' });
    patched = await core.patchNamespacedConfigMap(
        { name: 'settings', namespace, body: { data: { color: null } } }, merge);
    assert.deepEqual(patched.data, { size: 'large' });
    step('merge patch');

    // Containers merge by name: the port stays (a merge patch would replace the list).
    const rolled = await apps.patchNamespacedDeployment(
        {
            name: 'web',
            namespace,
            body: { spec: { template: { spec: { containers: [{ name: 'web', image: 'busybox:1.37' }] } } } },
        },
        strategic,
    );
    const containers = rolled.spec.template.spec.containers;
    assert.equal(containers.length, 1);
    assert.equal(containers[0].image, 'busybox:1.37');
    assert.deepEqual(containers[0].ports.map((p) => p.containerPort), [8080]);
    assert.equal(rolled.metadata.generation, 2);
    step('strategic merge patch');

    await core.deleteNamespacedConfigMap({ name: 'settings', namespace });
    await expectNotFound(core.readNamespacedConfigMap({ name: 'settings', namespace }));
    await apps.deleteNamespacedDeployment({ name: 'web', namespace });
    await expectNotFound(apps.readNamespacedDeployment({ name: 'web', namespace }));
    step('delete');

    const seen = () => events.filter((e) => e.obj.metadata.name === 'settings');
    await until('the watch events of settings', () => seen().some((e) => e.type === 'DELETED'), 10_000);
    assert.equal(watchError, null);
    assert.deepEqual(seen().map((e) => e.type), ['ADDED', 'MODIFIED', 'MODIFIED', 'DELETED']);
    const [added, grown, shrunk] = seen().map((e) => e.obj);
    assert.deepEqual(added.data, { color: 'blue' });
    assert.deepEqual(grown.data, { color: 'blue', size: 'large' });
    assert.deepEqual(shrunk.data, { size: 'large' });
    assert.ok(Number(grown.metadata.resourceVersion) > Number(added.metadata.resourceVersion));
    controller.abort();
    step('watch: ADDED, MODIFIED, MODIFIED, DELETED');

    await stop(server);
    step('SIGTERM: exit status 0');
}

// A pod's log needs the clock to run (pull, start): speed 50.
async function logChecks() {
    const server = await serve(50);
    step(`kubesim serve --speed 50 at ${server.url}`);
    const { core } = clientsOf(server);
    await core.createNamespacedPod({
        namespace,
        body: {
            metadata: { name: 'hello' },
            spec: {
                containers: [
                    {
                        name: 'hello',
                        image: 'busybox:1.36',
                        command: ['sh', '-c', 'echo hello from kubesim; sleep 3600'],
                    },
                ],
            },
        },
    });
    await until('pod hello to run', async () => {
        const p = await core.readNamespacedPod({ name: 'hello', namespace });
        return p.status.phase === 'Running';
    });
    const log = await until('the log of hello', async () => {
        const text = await core.readNamespacedPodLog({ name: 'hello', namespace });
        return text.length > 0 && text;
    });
    assert.equal(log, 'hello from kubesim\n');
    step('pod log');
    await stop(server);
    step('SIGTERM: exit status 0');
}

try {
    await apiChecks();
    await logChecks();
} catch (e) {
    console.error('client-node: FAILED:', e);
    for (const s of servers) console.error(`kubesim serve (${s.url}) stderr:\n${s.stderr}`);
    process.exitCode = 1;
} finally {
    for (const s of servers) s.child.kill('SIGKILL');
    clearTimeout(watchdog);
    rmSync(scratch, { recursive: true, force: true });
}
