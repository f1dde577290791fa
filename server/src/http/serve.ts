import type { IncomingMessage, ServerResponse } from 'node:http';
import type {
  FastifyBaseLogger,
  FastifyContextConfig,
  FastifyInstance,
  RawServerDefault,
  RouteGenericInterface,
  RouteHandlerMethod,
} from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { apiErrorSchema, type Endpoint } from '#contract';
import type { Action } from '../policies/policy.js';

export type ZodApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

type SuccessStatus<E extends Endpoint> = E extends { status: infer S extends number } ? S : 200;

/** The Fastify schema of an endpoint: its inputs, its success answer, and the error answer for 4xx and 5xx. */
export type SchemaOf<E extends Endpoint> = {
  params: E['params'];
  querystring: E['query'];
  body: E['body'];
  response: { [S in SuccessStatus<E>]: E['response'] } & {
    '4xx': typeof apiErrorSchema;
    '5xx': typeof apiErrorSchema;
  };
};

export type EndpointHandler<E extends Endpoint> = RouteHandlerMethod<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  RouteGenericInterface,
  FastifyContextConfig,
  SchemaOf<E>,
  ZodTypeProvider
>;

export interface ServeOptions {
  /** The policy action the route performs (security.ts checks it before the handler, the use case with the resource). */
  policy: Action;
  tags: string[];
  summary: string;
  description?: string;
  /** Per-route limits of @fastify/rate-limit, on top of the sign-in rules. */
  rateLimit?: { max: number; timeWindow: string };
  bodyLimit?: number;
  /** False for a GET that sends a file or discloses something (audited): a HEAD twin would do it without a body. */
  exposeHeadRoute?: boolean;
}

/**
 * Registers an endpoint of the contract: method, path and schemas from there, the policy and the words
 * of the OpenAPI document from here. Every answer goes through the serializer's check against the
 * endpoint's schema, which also drops any field the contract does not name.
 */
export function serve<E extends Endpoint>(app: ZodApp, e: E, options: ServeOptions, handler: EndpointHandler<E>): void {
  const { policy, rateLimit, tags, summary, description, bodyLimit, exposeHeadRoute } = options;
  app.route({
    method: e.method,
    url: e.path,
    ...(exposeHeadRoute === false ? { exposeHeadRoute } : {}),
    ...(bodyLimit ? { bodyLimit } : {}),
    config: { policy, ...(rateLimit ? { rateLimit } : {}) },
    schema: {
      tags,
      summary,
      ...(description ? { description } : {}),
      ...(e.params ? { params: e.params } : {}),
      ...(e.query ? { querystring: e.query } : {}),
      ...(e.body ? { body: e.body } : {}),
      ...(e.upload ? { consumes: ['multipart/form-data'] } : {}),
      response: { [e.status ?? 200]: e.response, '4xx': apiErrorSchema, '5xx': apiErrorSchema },
    },
    handler: handler as RouteHandlerMethod,
  });
}
