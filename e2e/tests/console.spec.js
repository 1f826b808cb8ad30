// The kubectl console: commands print kubectl's output for the cluster at the playhead; a
// changing command forks the run and the cluster view follows; history, Tab and -w work.
const { test, expect } = require('@playwright/test');
const path = require('path');
const { load } = require('./helpers');

const SHOTS = path.resolve(__dirname, '..', '..', 'artifacts', 'screenshots');

async function kubectl(page, line) {
  const box = page.getByRole('textbox', { name: 'kubectl', exact: true });
  await box.fill(line);
  await box.press('Enter');
}

test('kubectl get, describe and logs print what kubectl prints', async ({ page }) => {
  await load(page, 'job-pi');
  await page.getByRole('button', { name: 'Step forward' }).click();
  const out = page.locator('.console-output');
  await kubectl(page, 'get pods -o wide');
  await expect(out).toContainText('NAME       READY   STATUS');
  await expect(out).toContainText('NOMINATED NODE   READINESS GATES');
  await kubectl(page, 'get jobs nope');
  await expect(page.locator('.console-output .stderr')).toContainText('Error from server (NotFound): jobs.batch "nope" not found');
  await kubectl(page, 'describe job pi');
  await expect(out).toContainText('Completion Mode:  NonIndexed');
  await kubectl(page, 'exec -it pi -- sh');
  await expect(out).toContainText('podlab: `kubectl exec` is not simulated');
  // History: ↑ brings back the last command.
  const box = page.getByRole('textbox', { name: 'kubectl', exact: true });
  await box.press('ArrowUp');
  await expect(box).toHaveValue('exec -it pi -- sh');
  // Tab completes a command.
  await box.fill('desc');
  await box.press('Tab');
  await expect(box).toHaveValue('describe ');
});

test('a changing command forks the run and the cluster view changes', async ({ page }) => {
  await load(page, 'daemonset-node-selector');
  await expect(page.locator('.cluster [data-pod]')).toHaveCount(0);
  await kubectl(page, 'label node node-1 disktype=ssd');
  await expect(page.locator('.console-output')).toContainText('node/node-1 labeled');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.locator('.cluster [data-node="node-1"] [data-pod]')).toHaveCount(1, { timeout: 15000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await kubectl(page, 'cordon node-3');
  await expect(page.locator('.console-output')).toContainText('node/node-3 cordoned');
  await expect(page.locator('.cluster [data-node="node-3"]')).toContainText('cordoned');
});

test('get -w keeps printing rows as the playhead moves, until Ctrl+C', async ({ page }) => {
  await load(page, 'job-parallel');
  await kubectl(page, 'get pods -w');
  const out = page.locator('.console-output');
  await expect(page.locator('.console-input')).toContainText('watching');
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(out).toContainText('Running');
  const box = page.getByRole('textbox', { name: 'kubectl', exact: true });
  await box.press('Control+c');
  await expect(out).toContainText('^C');
  await expect(page.locator('.console-input')).not.toContainText('watching');
});

test('the docs\' examples pasted into the editor behave as the docs say', async ({ page }) => {
  await load(page, 'bare-pods');
  const editor = page.getByRole('textbox', { name: 'Manifest' });
  const out = page.locator('.console-output');
  // tasks/job/pod-failure-policy.md: the config-issue Job's image does not exist.
  await editor.fill([
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    '  name: job-pod-failure-policy-config-issue',
    'spec:',
    '  completions: 8',
    '  parallelism: 2',
    '  template:',
    '    spec:',
    '      restartPolicy: Never',
    '      containers:',
    '      - name: main',
    '        image: "non-existing-repo/non-existing-image:example"',
    '  backoffLimit: 6',
    '  podFailurePolicy:',
    '    rules:',
    '    - action: FailJob',
    '      onPodConditions:',
    '      - type: ConfigIssue',
  ].join('\n'));
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  for (let i = 0; i < 4; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  await kubectl(page, 'get pods -l job-name=job-pod-failure-policy-config-issue');
  await expect(out).toContainText('ImagePullBackOff');
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.locator('.console-output').scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'console-docs-example.png') });
  // controllers/daemonset.yaml keeps its namespace.
  await editor.fill([
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    '  name: fluentd-elasticsearch',
    '  namespace: kube-system',
    '  labels:',
    '    k8s-app: fluentd-logging',
    'spec:',
    '  selector:',
    '    matchLabels:',
    '      name: fluentd-elasticsearch',
    '  template:',
    '    metadata:',
    '      labels:',
    '        name: fluentd-elasticsearch',
    '    spec:',
    '      containers:',
    '      - name: fluentd-elasticsearch',
    '        image: quay.io/fluentd_elasticsearch/fluentd:v2.5.2',
  ].join('\n'));
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await kubectl(page, 'get ds -n kube-system');
  await expect(out).toContainText('fluentd-elasticsearch');
  await kubectl(page, 'get ds');
  await expect(page.locator('.console-output .stderr').last()).toContainText('No resources found in default namespace.');
});

test('init containers, scripts and their logs, and a program podlab cannot run', async ({ page }) => {
  await load(page, 'bare-pods');
  const editor = page.getByRole('textbox', { name: 'Manifest' });
  const out = page.locator('.console-output');
  // controllers/job.md's Indexed Job: an init container writes each index's word for `rev`.
  await editor.fill([
    'apiVersion: batch/v1',
    'kind: Job',
    'metadata:',
    '  name: indexed-job',
    'spec:',
    '  completions: 5',
    '  parallelism: 3',
    '  completionMode: Indexed',
    '  template:',
    '    spec:',
    '      restartPolicy: Never',
    '      initContainers:',
    '      - name: input',
    '        image: docker.io/library/bash',
    '        command:',
    '        - bash',
    '        - -c',
    '        - |',
    '          items=(foo bar baz qux xyz)',
    '          echo ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt',
    '        volumeMounts:',
    '        - {mountPath: /input, name: input}',
    '      containers:',
    '      - name: worker',
    '        image: docker.io/library/busybox',
    '        command: [rev, /input/data.txt]',
    '        volumeMounts:',
    '        - {mountPath: /input, name: input}',
    '      volumes:',
    '      - {name: input, emptyDir: {}}',
  ].join('\n'));
  await expect(page.locator('.program-warnings')).toHaveCount(0);
  await page.getByRole('button', { name: 'Apply', exact: true }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await page.getByRole('button', { name: 'Step forward' }).click();
  await kubectl(page, 'get pods');
  // The init container has written its word; the worker waits for the kubelet's next look.
  await expect(out).toContainText('PodInitializing');
  await kubectl(page, 'describe pods -l batch.kubernetes.io/job-completion-index=0');
  await expect(out).toContainText('Init Containers:');
  for (let i = 0; i < 20; i++) await page.getByRole('button', { name: 'Step forward' }).click();
  await kubectl(page, 'logs -l batch.kubernetes.io/job-completion-index=3');
  await expect(out).toContainText('xuq');
  // A program outside the interpreter: the editor says so, in both languages.
  await editor.fill([
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    '  name: fetch',
    'spec:',
    '  containers:',
    '  - name: main',
    '    image: curlimages/curl',
    '    command: ["sh", "-c", "curl -s https://example.com"]',
  ].join('\n'));
  const warned = page.locator('.program-warnings');
  await expect(warned).toContainText('podlab does not interpret the command `curl`');
  await expect(warned.locator('.where')).toHaveText('9:14');
  await expect(page.getByRole('button', { name: 'Apply', exact: true })).toBeEnabled();
  await page.setViewportSize({ width: 1280, height: 720 });
  await warned.scrollIntoViewIfNeeded();
  await page.screenshot({ path: path.join(SHOTS, 'editor-program-warning-en.png') });
  await page.getByRole('button', { name: 'Language' }).click();
  await expect(warned).toContainText('podlab 不解释命令 `curl`');
  await page.screenshot({ path: path.join(SHOTS, 'editor-program-warning-zh.png') });
});
