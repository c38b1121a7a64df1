import { InternalServerError, NotFoundError, renderError } from 'http-error-kit';

// A 4xx is exposed: detail and extensions reach the client.
const notFound = renderError(
  new NotFoundError('No order 42 here.', { extensions: { orderId: 42 } }),
);
// {"type":"about:blank","title":"Not Found","status":404,"detail":"No order 42 here.","orderId":42}

// A 5xx is not: whatever it says stays on the server.
const crash = renderError(
  new Error('connect ECONNREFUSED 10.0.0.5:5432 (user=app password=hunter2)'),
);
// {"type":"about:blank","title":"Internal Server Error","status":500}

// The one thing a redacted 500 may carry: request-level members, e.g. a trace id for support.
const traced = renderError(new InternalServerError({ cause: new Error('disk full') }), {
  extensions: { traceId: '4bf92f3577b34da6a3ce929d0e0e4736' },
});
// {"type":"about:blank","title":"Internal Server Error","status":500,"traceId":"4bf92f3577b34da6a3ce929d0e0e4736"}

// In development, debug shows everything: detail, stack and the cause chain.
const debugged = renderError(new Error('disk full'), { debug: true });

export { crash, debugged, notFound, traced };
