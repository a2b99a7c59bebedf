import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Outcomes of a turn: answered by the tutor, answered from the store (a resent ask), or failed. */
export type TurnOutcome = 'answered' | 'answered_again' | 'refused' | 'failed';

/**
 * The process's counters in the Prometheus text format. One registry per server, so that two
 * servers in one process (tests, benchmarks) count apart. The process's own CPU, memory and event
 * loop lag come with prom-client's default metrics: CPU per turn is their rate over the turns'.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly turns = new Counter({ name: 'loss_tutor_turns_total', help: 'Questions handled, by outcome.', labelNames: ['outcome'] as const, registers: [this.registry] });
  readonly turnSeconds = new Histogram({
    name: 'loss_tutor_turn_duration_seconds',
    help: 'From a question taken off its queue to its answer sent (or its failure).',
    labelNames: ['outcome'] as const,
    // The embedded tutor answers in milliseconds, a language model in seconds.
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  readonly errors = new Counter({ name: 'loss_tutor_errors_total', help: 'Error frames sent to clients, by code (docs/protocol.md).', labelNames: ['code'] as const, registers: [this.registry] });
  readonly openConnections = new Gauge({ name: 'loss_tutor_open_connections', help: 'Chat connections open now.', registers: [this.registry] });
  readonly queuedTurns = new Gauge({ name: 'loss_tutor_queued_turns', help: 'Questions taken but not yet answered, over all connections.', registers: [this.registry] });
  readonly storeSeconds = new Histogram({
    name: 'loss_tutor_store_duration_seconds',
    help: 'Store operations, by operation and outcome (ok or a StoreError code); writes include waiting for their group commit.',
    labelNames: ['operation', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }

  /** Answers GET /metrics (any path, when it has a port of its own) with the text format. */
  readonly handle = (_request: IncomingMessage, response: ServerResponse): void => {
    this.registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': this.registry.contentType }).end(text),
      () => response.writeHead(500, { 'content-type': 'text/plain' }).end('the metrics could not be collected\n'),
    );
  };

  /** A server of its own for the metrics, so that they can be bound where only the scraper reaches. */
  async listen(address: { host: string; port: number }): Promise<{ url: string; close(): Promise<void> }> {
    const server = createServer(this.handle);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(address.port, address.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const close = () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A scraper's keep-alive connection would hold the close up until it timed out.
        server.closeAllConnections();
      });
    return { url: `http://${address.host.includes(':') ? `[${address.host}]` : address.host}:${port}/metrics`, close };
  }
}
