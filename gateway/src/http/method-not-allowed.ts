import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';

/**
 * Tells "no such path" (404) from "this path, not with this method" (405 with `Allow`): the
 * routes are indexed as they are registered, their `:param` segments matching any one segment.
 */
export class RouteIndex {
  readonly #routes: { pattern: RegExp; methods: Set<string> }[] = [];

  /** Indexes every route registered on `app` from now on. */
  watch(app: FastifyInstance): void {
    app.addHook('onRoute', (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      const source = route.url.split('/').map((segment) => (segment.startsWith(':') || segment === '*' ? '[^/]+' : escape(segment))).join('/');
      const pattern = new RegExp(`^${source}$`);
      const known = this.#routes.find((r) => r.pattern.source === pattern.source);
      if (known) for (const m of methods) known.methods.add(m);
      else this.#routes.push({ pattern, methods: new Set(methods) });
    });
  }

  /** The methods the path answers to (empty: no such path). */
  allowed(path: string): string[] {
    const methods = new Set<string>();
    for (const r of this.#routes) if (r.pattern.test(path)) for (const m of r.methods) methods.add(m);
    return [...methods].sort();
  }

  /** The not-found handler: 405 with `Allow` for a known path, else 404; both in the platform's error shape. */
  readonly notFound = (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const path = request.url.split('?')[0] ?? '';
    const allowed = this.allowed(path);
    if (allowed.length > 0) {
      return reply.status(405).header('allow', allowed.join(', ')).send({ error: 'METHOD_NOT_ALLOWED', message: `${request.method} is not allowed on ${path}; use ${allowed.join(', ')}` });
    }
    return reply.status(404).send({ error: 'NOT_FOUND', message: `no route ${request.method} ${path}` });
  };
}

function escape(segment: string): string {
  return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
