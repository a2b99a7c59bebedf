import { describe, expect, it } from 'vitest';
import { ChatClient, failedStart, startServerProcess, tempDatabase } from '../support/server-process';

/** One sample's value from the text format, by its name and labels as written ({code="bad_request"}). */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics in the Prometheus text format', () => {
  it('is off unless asked for', async () => {
    const server = await startServerProcess({ db: tempDatabase() });
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    await server.stop();
  });

  it('counts turns, their latency, errors by code, open connections, queued questions and store latency', async () => {
    const server = await startServerProcess({ db: tempDatabase(), args: ['--metrics'] });
    const client = new ChatClient(server.wsUrl);
    await client.welcome();
    await client.ask('m1', 'what is focal loss?');
    await client.ask('m2', 'What is the MSE of targets 1, 2 and predictions 1, 3?');
    await client.ask('m1', 'what is focal loss?');
    client.send('{"type": "ask", ');
    await client.next((frame) => frame['type'] === 'error');

    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await response.text();
    expect(sample(text, 'loss_tutor_turns_total{outcome="answered"}')).toBe(2);
    expect(sample(text, 'loss_tutor_turns_total{outcome="answered_again"}')).toBe(1);
    expect(sample(text, 'loss_tutor_turn_duration_seconds_count{outcome="answered"}')).toBe(2);
    expect(sample(text, 'loss_tutor_turn_duration_seconds_sum{outcome="answered"}')).toBeGreaterThan(0);
    expect(sample(text, 'loss_tutor_errors_total{code="bad_request"}')).toBe(1);
    expect(sample(text, 'loss_tutor_open_connections')).toBe(1);
    expect(sample(text, 'loss_tutor_queued_turns')).toBe(0);
    expect(sample(text, 'loss_tutor_store_duration_seconds_count{operation="recordTurn",outcome="ok"}')).toBe(2);
    expect(sample(text, 'loss_tutor_store_duration_seconds_count{operation="createSession",outcome="ok"}')).toBe(1);
    expect(sample(text, 'process_cpu_seconds_total')).toBeGreaterThan(0);

    client.close();
    await client.closed;
    let after = text;
    for (let i = 0; i < 20 && sample(after, 'loss_tutor_open_connections') !== 0; i++) after = await (await fetch(`${server.url}/metrics`)).text();
    expect(sample(after, 'loss_tutor_open_connections')).toBe(0);
    await server.stop();
  }, 60_000);

  it('counts the questions waiting behind one another on a connection', async () => {
    const server = await startServerProcess({ db: tempDatabase(), args: ['--metrics'] });
    const client = new ChatClient(server.wsUrl);
    await client.welcome();
    // The long multi-part question keeps the queue busy; each answer frame is sent while the rest still wait.
    const question = "I'm least confident about item #35. 1. How do weighted losses work? 2. How do the weights change training?";
    for (let i = 0; i < 8; i++) client.send({ type: 'ask', id: `w${i}`, text: question });
    let most = 0;
    for (let i = 0; i < 30 && client.frames.filter((f) => f['type'] === 'answer').length < 8; i++) {
      most = Math.max(most, sample(await (await fetch(`${server.url}/metrics`)).text(), 'loss_tutor_queued_turns') ?? 0);
    }
    await client.next((frame) => frame['type'] === 'answer' && frame['replyTo'] === 'w7');
    expect(most).toBeGreaterThan(0);
    expect(most).toBeLessThanOrEqual(8);
    client.close();
    await server.stop();
  }, 60_000);

  it('binds to an address of its own with --metrics-address, and leaves the public port without it', async () => {
    const server = await startServerProcess({ db: tempDatabase(), env: { LOSS_TUTOR_METRICS_ADDRESS: '127.0.0.1:0' } });
    let url: string | undefined;
    for (let i = 0; i < 50 && !url; i++) {
      url = /metrics at (http:\/\/127\.0\.0\.1:\d+\/metrics)/.exec(server.stdout())?.[1];
      if (!url) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(url).toBeDefined();
    expect(new URL(url!).port).not.toBe(new URL(server.url).port);
    const text = await (await fetch(url!)).text();
    expect(sample(text, 'loss_tutor_open_connections')).toBe(0);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    await server.stop();
  }, 60_000);

  it('refuses a --metrics-address that is not HOST:PORT, naming the flag', async () => {
    const failed = await failedStart(['--db', tempDatabase(), '--metrics-address', 'localhost']);
    // 2: a usage error, as every invalid serve option.
    expect(failed.code).toBe(2);
    expect(failed.stderr).toMatch(/metrics-address: HOST:PORT/);
  }, 60_000);
});
