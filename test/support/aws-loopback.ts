/**
 * An in-process AWS endpoint on 127.0.0.1 for handler tests.
 *
 * Real AWS SDK v3 clients are pointed at it (see `loopbackClientConfig` and
 * `useLoopbackEnvironment`) so that serialization, retries and paging run for
 * real. Replies are written in each service's wire protocol with the builders
 * exported below.
 *
 * Protocols of the installed clients: Cost Explorer awsJson1_1; Cost
 * Optimization Hub, Step Functions and CloudWatch awsJson1_0 (CloudWatch in
 * query-compatible mode); SNS awsQuery; EC2 ec2Query; S3 restXml; Lambda
 * restJson1.
 */
import { randomUUID } from 'node:crypto';
import { createServer, IncomingHttpHeaders, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import * as lambdaApi from '@aws-sdk/client-lambda';
import * as s3Api from '@aws-sdk/client-s3';

export type LoopbackProtocol = 'awsJson' | 'awsQuery' | 'ec2Query' | 'restXml' | 'restJson';

export interface LoopbackRequest {
  /** Signing name from the SigV4 credential scope ('ce', 'sns', 'ec2', 's3', 'monitoring', 'states', 'lambda', ...). */
  readonly service: string;
  /** 'GetCostAndUsage', 'Publish', 'PutObject', ...; for an unrecognised REST call, '<METHOD> <path>'. */
  readonly operation: string;
  readonly protocol: LoopbackProtocol;
  readonly method: string;
  /** Decoded path without the query string. */
  readonly path: string;
  readonly query: Record<string, string>;
  readonly headers: IncomingHttpHeaders;
  /** Body as UTF-8, after undoing gzip request compression and aws-chunked framing. */
  readonly rawBody: string;
  readonly bodyBytes: Buffer;
  /**
   * awsJson: the parsed JSON body. awsQuery / ec2Query: the form parameters,
   * flattened keys kept as sent ('Filter.1.Name'). REST: path labels
   * (Bucket, Key, FunctionName, ...) and query parameters, plus the body:
   * its fields when it is a JSON object, otherwise the text as `Body`.
   */
  readonly input: any;
}

export interface LoopbackReply {
  readonly status?: number;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

export type LoopbackHandler = (request: LoopbackRequest) => LoopbackReply | Promise<LoopbackReply>;

export interface AwsLoopbackOptions {
  /**
   * Client packages (`import * as api from '@aws-sdk/client-xxx'`) of REST
   * services whose operations should be recognised from method and path.
   * Defaults to S3 and Lambda.
   */
  readonly restApis?: ReadonlyArray<Record<string, unknown>>;
}

export class AwsLoopback {
  static async start(options: AwsLoopbackOptions = {}): Promise<AwsLoopback> {
    const routes = (options.restApis ?? [s3Api, lambdaApi]).flatMap(restRoutesOf);
    const loopback = new AwsLoopback(routes);
    await loopback.listen();
    return loopback;
  }

  readonly requests: LoopbackRequest[] = [];
  private readonly server: Server;
  private readonly handlers = new Map<string, LoopbackHandler>();
  private readonly queuedReplies = new Map<string, LoopbackReply[]>();
  private port = 0;

  private constructor(private readonly routes: RestRoute[]) {
    this.server = createServer((req, res) => void this.answer(req, res));
  }

  get endpoint(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  requestsFor(operation: string): LoopbackRequest[] {
    return this.requests.filter((request) => request.operation === operation);
  }

  on(operation: string, handler: LoopbackHandler): this {
    this.handlers.set(operation, handler);
    return this;
  }

  queue(operation: string, ...replies: LoopbackReply[]): this {
    const pending = this.queuedReplies.get(operation) ?? [];
    this.queuedReplies.set(operation, [...pending, ...replies]);
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server.listening) return;
    const closed = new Promise<void>((resolve, reject) => this.server.close((error) => (error ? reject(error) : resolve())));
    // SDK clients keep sockets alive; without this close() would wait for them to time out.
    this.server.closeAllConnections();
    await closed;
  }

  private async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.address() as AddressInfo).port;
  }

  private async answer(message: IncomingMessage, response: ServerResponse): Promise<void> {
    try {
      const request = describeRequest(message, await readBody(message), this.routes);
      this.requests.push(request);
      sendReply(response, request, await this.replyTo(request));
    } catch (error) {
      // A request we cannot parse, or a reply Node refuses to send (say, a bad header value). 400 keeps the SDK from retrying.
      if (response.headersSent) {
        response.destroy();
      } else {
        response.writeHead(400, { 'content-type': 'text/plain' }).end(`AwsLoopback failed on this request: ${errorMessage(error)}`);
      }
    }
  }

  private async replyTo(request: LoopbackRequest): Promise<LoopbackReply> {
    const queued = this.queuedReplies.get(request.operation)?.shift();
    if (queued) return queued;
    const handler = this.handlers.get(request.operation);
    if (!handler) return unhandledOperationReply(request);
    try {
      return await handler(request);
    } catch (error) {
      return protocolError(request, 'LoopbackHandlerFailed', `AwsLoopback handler for ${request.operation} threw: ${errorMessage(error)}`);
    }
  }
}

// ---------------------------------------------------------------------------
// Reply builders
// ---------------------------------------------------------------------------

/** awsJson1_0 / awsJson1_1 success; the server copies the request's Content-Type (x-amz-json-1.0 or 1.1). */
export function awsJsonReply(body: unknown): LoopbackReply {
  return { status: 200, body: JSON.stringify(body ?? {}) };
}

/**
 * awsJson (and restJson1) error. `x-amzn-query-error` is what query-compatible
 * services such as CloudWatch send so that the error keeps its awsQuery code.
 */
export function awsJsonError(code: string, message: string, status = 400): LoopbackReply {
  return {
    status,
    headers: { 'x-amzn-errortype': code, 'x-amzn-query-error': `${code};${faultOf(status)}` },
    body: JSON.stringify({ __type: code, message }),
  };
}

/** restJson1 success with a JSON document body. */
export function restJsonReply(body: unknown, status = 200, headers: Record<string, string> = {}): LoopbackReply {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** Lambda Invoke result: the payload is the raw response body; a function error is signalled by header. */
export function lambdaInvokeReply(payload: unknown, functionError?: string): LoopbackReply {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amz-executed-version': '$LATEST' };
  if (functionError) headers['x-amz-function-error'] = functionError;
  return { status: 200, headers, body: JSON.stringify(payload) };
}

/** awsQuery success, e.g. queryReply('Publish', '<MessageId>1</MessageId>', 'http://sns.amazonaws.com/doc/2010-03-31/'). */
export function queryReply(action: string, resultXml: string, xmlns: string): LoopbackReply {
  return xmlReply(
    `<${action}Response xmlns="${escapeXml(xmlns)}">` +
    `<${action}Result>${resultXml}</${action}Result>` +
    `<ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata>` +
    `</${action}Response>`,
  );
}

export function queryError(code: string, message: string, status = 400): LoopbackReply {
  return xmlReply(
    '<ErrorResponse>' +
    `<Error><Type>${faultOf(status)}</Type><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error>` +
    `<RequestId>${randomUUID()}</RequestId>` +
    '</ErrorResponse>',
    status,
  );
}

/** ec2Query success: no Result wrapper, lower-case requestId first. */
export function ec2Reply(action: string, innerXml: string): LoopbackReply {
  return xmlReply(
    `<${action}Response xmlns="http://ec2.amazonaws.com/doc/2016-11-15/">` +
    `<requestId>${randomUUID()}</requestId>${innerXml}` +
    `</${action}Response>`,
  );
}

/** ec2Query error. EC2 answers RequestLimitExceeded with 503. */
export function ec2Error(code: string, message: string, status = 400): LoopbackReply {
  return xmlReply(
    '<Response>' +
    `<Errors><Error><Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message></Error></Errors>` +
    `<RequestID>${randomUUID()}</RequestID>` +
    '</Response>',
    status,
  );
}

/** S3 success; an empty body suits PutObject and friends, pass `ETag` etc. as headers. */
export function s3Reply(xml = '', headers: Record<string, string> = {}, status = 200): LoopbackReply {
  return { status, headers: { 'content-type': 'application/xml', ...headers }, body: xml };
}

/** S3 error, e.g. s3Error('NoSuchKey', '...', 404) or s3Error('SlowDown', '...', 503). */
export function s3Error(code: string, message: string, status = 400): LoopbackReply {
  return xmlReply(
    '<Error>' +
    `<Code>${escapeXml(code)}</Code><Message>${escapeXml(message)}</Message>` +
    `<RequestId>${randomUUID()}</RequestId><HostId>loopback</HostId>` +
    '</Error>',
    status,
  );
}

export function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (character) => XML_ENTITIES[character]);
}

// ---------------------------------------------------------------------------
// Client setup
// ---------------------------------------------------------------------------

const LOOPBACK_REGION = 'us-east-1';
const LOOPBACK_CREDENTIALS = { accessKeyId: 'AKIDLOOPBACKTEST', secretAccessKey: 'loopback-secret-not-a-real-key' };

/** Config object to pass to `new XxxClient(...)` directly. */
export function loopbackClientConfig(endpoint: string): {
  endpoint: string; region: string; credentials: { accessKeyId: string; secretAccessKey: string };
} {
  return { endpoint, region: LOOPBACK_REGION, credentials: { ...LOOPBACK_CREDENTIALS } };
}

/**
 * Points every SDK client created afterwards at `endpoint` through the
 * environment, as a deployed handler would be configured. Returns a function
 * that restores the previous environment.
 */
export function useLoopbackEnvironment(endpoint: string): () => void {
  const changes: Record<string, string | undefined> = {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: LOOPBACK_REGION,
    AWS_DEFAULT_REGION: LOOPBACK_REGION,
    AWS_ACCESS_KEY_ID: LOOPBACK_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOOPBACK_CREDENTIALS.secretAccessKey,
    // Never reach for instance metadata: there is no network here.
    AWS_EC2_METADATA_DISABLED: 'true',
    // Each of these would take precedence over, or disable, the settings above
    // (with AWS_PROFILE set, the SDK skips the environment credentials).
    AWS_SESSION_TOKEN: undefined,
    AWS_PROFILE: undefined,
    AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: undefined,
    AWS_USE_FIPS_ENDPOINT: undefined,
    AWS_USE_DUALSTACK_ENDPOINT: undefined,
    ...Object.fromEntries(Object.keys(process.env).filter((name) => name.startsWith('AWS_ENDPOINT_URL_')).map((name) => [name, undefined])),
  };
  return setEnvironment(changes);
}

/**
 * Sets (or, for undefined, removes) environment variables, e.g. a handler's environment as the
 * template deploys it. Returns the function that restores the previous values.
 */
export function setEnvironment(values: Record<string, string | undefined>): () => void {
  const previous = Object.fromEntries(Object.keys(values).map((name) => [name, process.env[name]]));
  applyEnvironment(values);
  return () => applyEnvironment(previous);
}

function applyEnvironment(values: Record<string, string | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined) {
      delete process.env[name];
    } else {
      process.env[name] = value;
    }
  }
}

// ---------------------------------------------------------------------------
// Reading requests
// ---------------------------------------------------------------------------

interface RestRoute {
  readonly service: string;
  readonly operation: string;
  readonly method: string;
  readonly segments: string[];
  readonly requiredQuery: Array<[name: string, value: string | undefined]>;
}

interface RouteMatch {
  readonly route: RestRoute;
  readonly labels: Record<string, string>;
}

/** Smithy's schema tag for an operation: `[9, namespace, name, traits, input, output]`. */
const OPERATION_SCHEMA_TAG = 9;

function restRoutesOf(api: Record<string, unknown>): RestRoute[] {
  return Object.values(api).filter(isHttpOperationSchema).map(([, namespace, operation, traits]) => {
    const [method, uri] = traits.http;
    const [pathTemplate, queryTemplate = ''] = uri.split('?');
    return {
      service: namespace.replace(/^com\.amazonaws\./, ''),
      operation,
      method,
      segments: pathTemplate.split('/').filter(Boolean),
      requiredQuery: queryTemplate.split('&').filter(Boolean).map((pair) => pair.split('=') as [string, string | undefined]),
    };
  });
}

function isHttpOperationSchema(value: unknown): value is [number, string, string, { http: [string, string, number] }] {
  return Array.isArray(value) && value[0] === OPERATION_SCHEMA_TAG && typeof value[2] === 'string' && Array.isArray(value[3]?.http);
}

async function readBody(message: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of message) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function describeRequest(message: IncomingMessage, received: Buffer, routes: RestRoute[]): LoopbackRequest {
  const url = new URL(message.url ?? '/', 'http://loopback');
  const headers = message.headers;
  const bodyBytes = decodeContent(received, headers);
  const rawBody = bodyBytes.toString('utf8');
  const common = {
    method: message.method ?? 'GET',
    path: decodeURIComponent(url.pathname),
    query: Object.fromEntries(url.searchParams),
    headers,
    rawBody,
    bodyBytes,
  };
  const service = signingServiceOf(headers) ?? targetPrefixOf(headers) ?? 'unknown';
  const target = headerValue(headers, 'x-amz-target');
  if (target) {
    return { ...common, service, protocol: 'awsJson', operation: target.slice(target.lastIndexOf('.') + 1), input: parseJson(rawBody || '{}') };
  }
  if (headerValue(headers, 'content-type')?.startsWith('application/x-www-form-urlencoded')) {
    const input = Object.fromEntries(new URLSearchParams(rawBody));
    return { ...common, service, protocol: service === 'ec2' ? 'ec2Query' : 'awsQuery', operation: input.Action ?? 'unknown', input };
  }
  return describeRestRequest(common, url, service, routes);
}

function describeRestRequest(
  common: Omit<LoopbackRequest, 'service' | 'operation' | 'protocol' | 'input'>,
  url: URL,
  service: string,
  routes: RestRoute[],
): LoopbackRequest {
  const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  // Path-style S3 (what an IP-address endpoint gets): the bucket is the first segment, not part of the modelled URI.
  const bucketInPath = service === 's3';
  const routeSegments = bucketInPath ? segments.slice(1) : segments;
  const match = bestRoute(routes.filter((route) => service === 'unknown' || route.service === service), common.method, routeSegments, url.searchParams);
  const literalQueryNames = new Set(match?.route.requiredQuery.map(([name]) => name));
  const input = {
    ...(bucketInPath && segments.length > 0 ? { Bucket: segments[0] } : {}),
    ...match?.labels,
    ...Object.fromEntries([...url.searchParams].filter(([name]) => !literalQueryNames.has(name))),
    ...restBodyFields(common.rawBody, common.headers),
  };
  return {
    ...common,
    service: service === 'unknown' ? match?.route.service ?? service : service,
    protocol: bucketInPath ? 'restXml' : 'restJson',
    operation: match?.route.operation ?? `${common.method} ${common.path}`,
    input,
  };
}

function bestRoute(routes: RestRoute[], method: string, segments: string[], query: URLSearchParams): RouteMatch | undefined {
  const matches = routes
    .filter((route) => route.method === method && hasRequiredQuery(route, query))
    .map((route) => ({ route, labels: matchSegments(route.segments, segments) }))
    .filter((candidate): candidate is RouteMatch => candidate.labels !== undefined);
  // 'GET /{Bucket}?list-type=2' also fits the bare 'GET /{Bucket}': the route with more fixed parts wins.
  return matches.sort((a, b) => specificityOf(b.route) - specificityOf(a.route))[0];
}

function hasRequiredQuery(route: RestRoute, query: URLSearchParams): boolean {
  return route.requiredQuery.every(([name, value]) => query.has(name) && (value === undefined || query.get(name) === value));
}

function matchSegments(template: string[], actual: string[]): Record<string, string> | undefined {
  const labels: Record<string, string> = {};
  for (const [index, part] of template.entries()) {
    const label = /^\{(\w+)(\+?)\}$/.exec(part);
    if (!label) {
      if (actual[index] !== part) return undefined;
    } else if (label[2] === '+') {
      if (index >= actual.length) return undefined;
      labels[label[1]] = actual.slice(index).join('/');
      return labels;
    } else {
      if (actual[index] === undefined) return undefined;
      labels[label[1]] = actual[index];
    }
  }
  return template.length === actual.length ? labels : undefined;
}

function specificityOf(route: RestRoute): number {
  return route.requiredQuery.length * 100 + route.segments.filter((part) => !part.startsWith('{')).length;
}

function restBodyFields(rawBody: string, headers: IncomingHttpHeaders): Record<string, unknown> {
  if (!rawBody) return {};
  const parsed = headerValue(headers, 'content-type')?.includes('json') ? parseJson(rawBody) : undefined;
  return isPlainObject(parsed) ? parsed : { Body: rawBody };
}

function decodeContent(body: Buffer, headers: IncomingHttpHeaders): Buffer {
  const encodings = (headerValue(headers, 'content-encoding') ?? '').split(',').map((encoding) => encoding.trim());
  let decoded = body;
  if (encodings.includes('gzip')) decoded = gunzipSync(decoded);
  if (encodings.includes('aws-chunked')) decoded = removeAwsChunkedFraming(decoded);
  return decoded;
}

/** aws-chunked (S3 streaming uploads): `<hex size>[;chunk-signature=..]\r\n<data>\r\n` ... `0\r\n<trailers>\r\n\r\n`. */
function removeAwsChunkedFraming(framed: Buffer): Buffer {
  const chunks: Buffer[] = [];
  let offset = 0;
  while (offset < framed.length) {
    const lineEnd = framed.indexOf('\r\n', offset);
    const size = parseInt(framed.subarray(offset, lineEnd).toString('latin1').split(';')[0], 16);
    if (!(size > 0)) break;
    chunks.push(framed.subarray(lineEnd + 2, lineEnd + 2 + size));
    offset = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(chunks);
}

function signingServiceOf(headers: IncomingHttpHeaders): string | undefined {
  return /Credential=[^/]+\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(headerValue(headers, 'authorization') ?? '')?.[1];
}

function targetPrefixOf(headers: IncomingHttpHeaders): string | undefined {
  return headerValue(headers, 'x-amz-target')?.split('.')[0];
}

function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

// ---------------------------------------------------------------------------
// Writing replies
// ---------------------------------------------------------------------------

function unhandledOperationReply(request: LoopbackRequest): LoopbackReply {
  return protocolError(
    request,
    'LoopbackUnhandledOperation',
    `AwsLoopback has no reply for ${request.service} operation ${request.operation} (${request.method} ${request.path}); ` +
    `register one with loopback.on('${request.operation}', ...) or loopback.queue('${request.operation}', ...)`,
  );
}

/** An error in the request's own protocol; 400 so that the SDK surfaces it at once instead of retrying. */
function protocolError(request: LoopbackRequest, code: string, message: string): LoopbackReply {
  switch (request.protocol) {
    case 'awsQuery': return queryError(code, message);
    case 'ec2Query': return ec2Error(code, message);
    case 'restXml': return s3Error(code, message);
    default: return awsJsonError(code, message);
  }
}

function sendReply(response: ServerResponse, request: LoopbackRequest, reply: LoopbackReply): void {
  const body = Buffer.from(reply.body ?? '');
  const headers: Record<string, string> = {
    'x-amzn-requestid': randomUUID(),
    ...(request.protocol === 'restXml' ? { 'x-amz-request-id': randomUUID(), 'x-amz-id-2': 'loopback' } : {}),
    ...lowerCaseKeys(reply.headers ?? {}),
    'content-length': String(body.length),
  };
  if (body.length > 0 && !headers['content-type']) headers['content-type'] = defaultContentType(request);
  response.writeHead(reply.status ?? 200, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
}

function defaultContentType(request: LoopbackRequest): string {
  switch (request.protocol) {
    case 'awsJson': return headerValue(request.headers, 'content-type') ?? 'application/x-amz-json-1.1';
    case 'restJson': return 'application/json';
    default: return 'text/xml';
  }
}

function xmlReply(xml: string, status = 200): LoopbackReply {
  return { status, headers: { 'content-type': 'text/xml' }, body: `<?xml version="1.0" encoding="UTF-8"?>\n${xml}` };
}

function faultOf(status: number): 'Sender' | 'Receiver' {
  return status >= 500 ? 'Receiver' : 'Sender';
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' };
