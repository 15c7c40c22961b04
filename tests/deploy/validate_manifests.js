#!/usr/bin/env node
// Checks one rendered kustomize overlay (`kubectl kustomize` output):
//  1. every object validates against the Kubernetes OpenAPI schemas
//     (kubernetes-models; offline). An apiVersion/kind it lacks is an error.
//  2. the deployment contract of deploy/README.md holds: one StatefulSet
//     with a PVC for the data dir, a headless and a client Service, gRPC
//     probes on the health port, resources, PDB, NetworkPolicy, token and
//     TLS files from Secret volumes, settings from a ConfigMap, a grace
//     period longer than the drain, Prometheus annotations, non-root.
// Usage: validate_manifests.js OVERLAY_NAME RENDERED.yaml
// Prints every failure and exits 1 if there is any.
'use strict';
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

const [overlay, file] = process.argv.slice(2);
const failures = [];
const fail = (msg) => failures.push(`${overlay}: ${msg}`);
const check = (cond, msg) => { if (!cond) fail(msg); return !!cond; };

// kubernetes-models lays its classes out as <apiVersion>/<Kind>, core as v1/.
function validateSchema(obj) {
  const where = `${obj.kind}/${obj.metadata && obj.metadata.name}`;
  let Model;
  try {
    Model = require(`kubernetes-models/${obj.apiVersion}/${obj.kind}`)[obj.kind];
  } catch (e) {
    return fail(`${where}: no schema for ${obj.apiVersion} ${obj.kind}`);
  }
  // kustomize wraps Secret data at 76 columns; the API server's base64
  // decoder (Go's) skips those newlines, the schema's "byte" regex does not.
  if (obj.kind === 'Secret' && obj.data) {
    obj = { ...obj, data: Object.fromEntries(Object.entries(obj.data)
      .map(([k, v]) => [k, String(v).replace(/[\r\n]/g, '')])) };
  }
  try {
    new Model(obj).validate();
  } catch (e) {
    fail(`${where}: schema: ${e.message}`);
  }
}

// True if a label selector (matchLabels only) selects `labels`.
function selects(matchLabels, labels) {
  const entries = Object.entries(matchLabels || {});
  return entries.length > 0 && entries.every(([k, v]) => labels[k] === v);
}

function portOf(hostPort) {
  const m = /:(\d+)$/.exec(hostPort || '');
  return m ? Number(m[1]) : NaN;
}

function checkWorkload(objs) {
  const sets = objs.filter((o) => o.kind === 'StatefulSet');
  if (!check(sets.length === 1, `want exactly one StatefulSet, got ${sets.length}`)) return null;
  const sts = sets[0];
  const spec = sts.spec;
  const pod = spec.template.spec;
  const labels = spec.template.metadata.labels || {};
  check(spec.replicas === 1, 'replicas must be 1 (RocksDB is single-writer)');
  check(selects(spec.selector.matchLabels, labels), 'StatefulSet selector must select its pods');
  const c = pod.containers.find((x) => x.name === 'govgraph');
  if (!check(c, 'no container named govgraph')) return null;

  // Settings: the ConfigMap's variables, overridden by the container's env.
  const env = {};
  for (const ref of c.envFrom || []) {
    if (!ref.configMapRef) continue;
    const cm = objs.find((o) => o.kind === 'ConfigMap' && o.metadata.name === ref.configMapRef.name);
    if (check(cm, `envFrom names a ConfigMap ${ref.configMapRef.name} that is not rendered`)) {
      Object.assign(env, cm.data);
    }
  }
  check(Object.keys(env).length > 0, 'settings must come from a ConfigMap (envFrom)');
  for (const e of c.env || []) env[e.name] = e.value;

  const ports = Object.fromEntries((c.ports || []).map((p) => [p.name, p.containerPort]));
  check(ports.grpc === portOf(env.GOVGRAPH_LISTEN), 'port grpc must match GOVGRAPH_LISTEN');
  check(ports.health === portOf(env.GOVGRAPH_HEALTH_LISTEN), 'port health must match GOVGRAPH_HEALTH_LISTEN');
  check(ports.metrics === portOf(env.GOVGRAPH_METRICS_LISTEN), 'port metrics must match GOVGRAPH_METRICS_LISTEN');
  const annotations = spec.template.metadata.annotations || {};
  return { sts, pod, c, env, ports, labels, annotations };
}

function checkProbesAndResources({ c, ports }) {
  for (const probe of ['livenessProbe', 'readinessProbe']) {
    const p = c[probe];
    check(p && p.grpc && p.grpc.port === ports.health && ports.health,
      `${probe} must be a native grpc probe on the health port`);
  }
  const r = c.resources || {};
  for (const kind of ['requests', 'limits']) {
    check(r[kind] && r[kind].cpu && r[kind].memory, `resources.${kind} needs cpu and memory`);
  }
}

// The data dir, token file and TLS files must live on the right volumes.
function checkVolumes({ sts, pod, c, env }, objs) {
  const mountOf = (file) => (c.volumeMounts || [])
    .filter((m) => file && (file === m.mountPath || file.startsWith(m.mountPath + '/')))
    .sort((a, b) => b.mountPath.length - a.mountPath.length)[0];
  const claims = (sts.spec.volumeClaimTemplates || []).map((t) => t.metadata.name);
  const data = mountOf(env.GOVGRAPH_DATA_DIR);
  check(data && claims.includes(data.name),
    'GOVGRAPH_DATA_DIR must be on a volumeClaimTemplates PVC');
  for (const v of ['GOVGRAPH_TOKEN_FILE', 'GOVGRAPH_TLS_CERT', 'GOVGRAPH_TLS_KEY']) {
    const m = mountOf(env[v]);
    const vol = m && (pod.volumes || []).find((x) => x.name === m.name);
    const ok = vol && vol.secret && vol.secret.secretName && m.readOnly;
    if (!check(ok, `${v} must be a file of a read-only Secret volume`)) continue;
    check(!m.subPath, `${v}: no subPath (the kubelet would not update it)`);
    const key = path.relative(m.mountPath, env[v]);
    const secret = objs.find((o) => o.kind === 'Secret' && o.metadata.name === vol.secret.secretName);
    // Rendered Secrets (dev) must hold the key; prod's come from outside.
    if (secret) check((secret.data || {})[key], `Secret ${secret.metadata.name} lacks ${key}`);
  }
}

function checkPodSettings({ pod, c, env, ports, annotations: ann }) {
  const grace = Number(env.GOVGRAPH_SHUTDOWN_GRACE_SECONDS || 10);
  const stop = c.lifecycle && c.lifecycle.preStop;
  const sleep = stop && stop.exec ? Number(stop.exec.command.slice(-1)[0]) || 0 : 0;
  check(pod.terminationGracePeriodSeconds > grace + sleep,
    `terminationGracePeriodSeconds (${pod.terminationGracePeriodSeconds}) must exceed ` +
    `GOVGRAPH_SHUTDOWN_GRACE_SECONDS (${grace}) + preStop sleep (${sleep})`);
  const sc = pod.securityContext || {};
  check(sc.runAsNonRoot === true && sc.runAsUser > 0, 'pod must run as a non-root uid');
  check(sc.fsGroup > 0, 'pod needs an fsGroup so the uid can write the PVC');
  check(c.securityContext && c.securityContext.readOnlyRootFilesystem === true,
    'container needs readOnlyRootFilesystem');
  check(!/^(127\.|localhost)/.test(env.GOVGRAPH_LISTEN || ''), 'GOVGRAPH_LISTEN must not be loopback');
  check(ann['prometheus.io/scrape'] === 'true', 'pod needs prometheus.io/scrape: "true"');
  check(Number(ann['prometheus.io/port']) === ports.metrics, 'prometheus.io/port must be the metrics port');
  check(ann['prometheus.io/path'] === '/metrics', 'prometheus.io/path must be /metrics');
}

function checkServices({ sts, labels, ports }, objs) {
  const svcs = objs.filter((o) => o.kind === 'Service' && selects(o.spec.selector, labels));
  const exposesGrpc = (s) => s.spec.ports.some((p) => p.targetPort === 'grpc' || p.targetPort === ports.grpc);
  const headless = svcs.find((s) => s.metadata.name === sts.spec.serviceName);
  check(headless && headless.spec.clusterIP === 'None',
    `serviceName ${sts.spec.serviceName} must be a headless Service (clusterIP None) selecting the pod`);
  check(svcs.some((s) => s.spec.clusterIP !== 'None' && exposesGrpc(s)),
    'need a client Service (not headless) exposing the grpc port');
}

function checkPolicies({ labels, ports }, objs) {
  check(objs.some((o) => o.kind === 'PodDisruptionBudget' && selects(o.spec.selector.matchLabels, labels)),
    'need a PodDisruptionBudget selecting the pod');
  const np = objs.find((o) => o.kind === 'NetworkPolicy' && selects(o.spec.podSelector.matchLabels, labels));
  if (!check(np, 'need a NetworkPolicy selecting the pod')) return;
  check((np.spec.policyTypes || []).includes('Ingress'), 'NetworkPolicy must restrict Ingress');
  const grpcRule = (np.spec.ingress || []).find((r) => (r.ports || []).some(
    (p) => p.port === 'grpc' || p.port === ports.grpc));
  if (!check(grpcRule, 'NetworkPolicy must admit the grpc port')) return;
  // Guards against kustomize labels leaking into the peer selectors.
  check((grpcRule.from || []).every((f) => !selects(f.podSelector && f.podSelector.matchLabels, labels)),
    'NetworkPolicy grpc peers must be the clients, not the server pods');
}

function main() {
  const docs = YAML.parseAllDocuments(fs.readFileSync(file, 'utf8'));
  const objs = docs.map((d) => d.toJS()).filter((o) => o);
  check(objs.length > 0, 'rendered nothing');
  for (const e of docs.flatMap((d) => d.errors)) fail(`YAML: ${e.message}`);
  objs.forEach(validateSchema);
  const w = checkWorkload(objs);
  if (w) {
    checkProbesAndResources(w);
    checkVolumes(w, objs);
    checkPodSettings(w);
    checkServices(w, objs);
    checkPolicies(w, objs);
  }
  failures.forEach((f) => console.error(`FAIL ${f}`));
  console.log(`${overlay}: ${objs.length} objects, ${failures.length} failures`);
  process.exit(failures.length ? 1 : 0);
}

main();
