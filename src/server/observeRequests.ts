import { context, propagation, SpanKind, trace } from '@opentelemetry/api';
import type { RequestHandler } from 'express';

import { runInRequestScope } from '../observability/requestScope.js';
import { requestIdFrom } from './requestId.js';

const tracer = trace.getTracer('sessions-gateway');

/**
 * The first middleware of `/graphql`: settles the request id (the caller's `x-request-id`
 * when sane, else a fresh one), echoes it in the response, keeps it in `res.locals.requestId`
 * for the GraphQL context, and runs the rest of the request inside its request scope (for
 * log lines) and inside an operation span (continuing the caller's `traceparent`), so the
 * upstream spans of this operation become its children.
 */
export function observeRequests(): RequestHandler {
  return (req, res, next) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    res.locals.requestId = requestId;
    res.setHeader('x-request-id', requestId);
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(
      'graphql operation',
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method, 'url.path': req.baseUrl || req.path, 'gateway.request_id': requestId } },
      parent,
    );
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      span.setAttribute('http.response.status_code', res.statusCode);
      span.end();
    };
    res.once('finish', end);
    res.once('close', end);
    runInRequestScope({ requestId }, () => context.with(trace.setSpan(parent, span), () => next()));
  };
}
