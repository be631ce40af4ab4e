/**
 * A tiny HTTP service wrapping the library: POST survey rows as JSON, get driver importance back.
 * Plain `node:http`, no framework.
 *
 *   POST /importance   body: { rows, outcome, predictors, metrics?, weights?, missingCodes?, bootstrap? }
 *                      200: the `relativeImportance` result (plain JSON, as in-process)
 *                      400: { error: { name, code, message, argument?, column?, row?, ... } } for bad input
 *                           (the library's typed error, `error.toJSON()`; the code is stable API)
 *   anything else      404 / 405; 413 for a body over the size limit; 500 (logged, not echoed) otherwise.
 *
 * Run: `npx tsx examples/importance-service.ts [port]` (default 3000; 0 picks a free port), then
 *   curl -s -X POST --data @examples/importance-request.json http://localhost:3000/importance
 *
 * Importing the module only defines `createServer()`; it listens only when run directly.
 *
 * The imports point at the source tree so the script runs in a clone; in your own code write
 * `from 'loyalty-drivers'` instead.
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { pathToFileURL } from 'node:url';
import { InputError, LoyaltyError, relativeImportance, type RelativeImportanceOptions } from '../src/index.js';

/** Limits that keep one request from monopolising the service. */
export interface ServiceLimits {
  /** Largest request body in bytes (default 10 MB). */
  readonly maxBytes?: number;
  /** Most predictors per request (default 15: 2^15 subsets take milliseconds; 25 would take seconds). */
  readonly maxPredictors?: number;
  /** Most bootstrap replicates per request (default 2,000). */
  readonly maxReplicates?: number;
}

class PayloadTooLarge extends Error {}

function readBody(request: IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        // Stop collecting; the rest of the upload is read and discarded, and the 413 response
        // closes the connection.
        request.removeAllListeners('data');
        request.resume();
        reject(new PayloadTooLarge(`request body over ${maxBytes} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/** Turns a parsed body into the arguments of `relativeImportance`, with typed errors for bad shapes. */
function readRequest(body: unknown, limits: Required<ServiceLimits>): { rows: unknown[]; options: RelativeImportanceOptions } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new InputError('INVALID_OPTION', 'body: expected a JSON object { rows, outcome, predictors }', {
      argument: 'body',
      expected: 'an object',
    });
  }
  const { rows, outcome, predictors, metrics, weights, missingCodes, bootstrap } = body as Record<string, unknown>;
  if (!Array.isArray(rows)) {
    throw new InputError('INVALID_OPTION', 'body.rows: expected an array of row objects', {
      argument: 'body.rows',
      expected: 'an array of objects',
    });
  }
  if (Array.isArray(predictors) && predictors.length > limits.maxPredictors) {
    throw new InputError(
      'LIMIT_EXCEEDED',
      `body.predictors: ${predictors.length} predictors; this service takes at most ${limits.maxPredictors}`,
      {
        argument: 'body.predictors',
        value: predictors.length,
        expected: `at most ${limits.maxPredictors} predictors`,
      },
    );
  }
  const replicates =
    bootstrap !== null && typeof bootstrap === 'object'
      ? (bootstrap as { replicates?: unknown }).replicates
      : bootstrap === true
        ? 1000
        : 0;
  if (typeof replicates === 'number' && replicates > limits.maxReplicates) {
    throw new InputError('LIMIT_EXCEEDED', `body.bootstrap.replicates: ${replicates}; this service takes at most ${limits.maxReplicates}`, {
      argument: 'body.bootstrap.replicates',
      value: replicates,
      expected: `at most ${limits.maxReplicates}`,
    });
  }
  // The library validates everything else (types, columns, ranges) and names what is wrong.
  return { rows, options: { outcome, predictors, metrics, weights, missingCodes, bootstrap } as RelativeImportanceOptions };
}

/**
 * The importance service as a `node:http` server, not yet listening: call `.listen(port)`.
 *
 * @param limits - Request size, predictor and bootstrap limits.
 */
export function createServer(limits: ServiceLimits = {}): Server {
  const resolved: Required<ServiceLimits> = { maxBytes: 10 * 1024 * 1024, maxPredictors: 15, maxReplicates: 2000, ...limits };
  return createHttpServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== '/importance') {
      send(response, 404, { error: { code: 'NOT_FOUND', message: `no route ${path}; POST /importance` } });
      return;
    }
    if (request.method !== 'POST') {
      response.setHeader('allow', 'POST');
      send(response, 405, { error: { code: 'METHOD_NOT_ALLOWED', message: 'POST a JSON body { rows, outcome, predictors }' } });
      return;
    }
    readBody(request, resolved.maxBytes)
      .then((text) => {
        let body: unknown;
        try {
          body = JSON.parse(text);
        } catch (e) {
          throw new InputError('INVALID_OPTION', `body: not valid JSON (${(e as Error).message})`, {
            argument: 'body',
            expected: 'a JSON object',
          });
        }
        const { rows, options } = readRequest(body, resolved);
        send(response, 200, relativeImportance(rows as never, options));
      })
      .catch((error: unknown) => {
        if (error instanceof LoyaltyError) send(response, 400, { error: error.toJSON() });
        else if (error instanceof PayloadTooLarge) {
          response.setHeader('connection', 'close');
          send(response, 413, { error: { code: 'PAYLOAD_TOO_LARGE', message: error.message } });
        } else {
          console.error(error);
          send(response, 500, { error: { code: 'INTERNAL', message: 'internal error' } });
        }
      });
  });
}

// Listen only when run directly (`npx tsx examples/importance-service.ts`), not when imported.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
  const server = createServer();
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    const actual = typeof address === 'object' && address !== null ? address.port : port;
    console.log(`importance service listening on http://127.0.0.1:${actual}/importance`);
    console.log(`try: curl -s -X POST --data @examples/importance-request.json http://127.0.0.1:${actual}/importance`);
  });
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
