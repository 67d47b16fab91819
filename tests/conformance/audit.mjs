// graphql-http's audit of the GraphQL over HTTP specification against the
// server, every request carrying the API key.
//
//   node audit.mjs URL KEY
//
// Prints every audit; exit 1 when a MUST or SHOULD audit fails (MAY failures
// are printed only), 2 on bad usage.
import { auditServer } from 'graphql-http';
import { args, fetchWithKey } from './lib.mjs';

const [url, key] = args(['URL', 'KEY']);

// What each response answered to, to show the exchange of a failed audit
// (the audit itself has read the body by then).
const exchanges = new WeakMap();
const fetchFn = fetchWithKey(key, (exchange) => exchanges.set(exchange.response, exchange));

const results = await auditServer({ url, fetchFn });

function level(result) {
  return result.name.split(' ', 1)[0];
}

async function describe(result) {
  const lines = [`    reason: ${result.reason}`];
  const exchange = result.response && exchanges.get(result.response);
  if (exchange) {
    let body = exchange.body;
    if (body !== undefined && typeof body !== 'string') body = `<${body.constructor?.name ?? typeof body}>`;
    lines.push(`    request: ${exchange.method} ${exchange.url}`);
    const sent = [...exchange.headers].filter(([name]) => name !== 'x-api-key');
    if (sent.length) lines.push(`    request headers: ${sent.map(([n, v]) => `${n}: ${v}`).join('; ')}`);
    if (body !== undefined) lines.push(`    request body: ${body}`);
    const response = exchange.response;
    lines.push(`    response: ${response.status} ${response.statusText}`);
    lines.push(`    response content-type: ${response.headers.get('content-type') ?? '(none)'}`);
    const text = await exchange.text.catch((error) => `<unreadable: ${error.message}>`);
    lines.push(`    response body: ${text.length > 1000 ? `${text.slice(0, 1000)}…` : text}`);
  } else if (result.response) {
    lines.push(`    response: ${result.response.status} ${result.response.statusText}`);
  }
  return lines.join('\n');
}

const failed = [];
const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const result of results) {
  counts[result.status] = (counts[result.status] ?? 0) + 1;
  const mark = result.status === 'ok' ? 'ok' : result.status.toUpperCase();
  console.log(`${mark.padEnd(6)} ${result.id}  ${result.name}`);
  if (result.status !== 'ok') {
    console.log(await describe(result));
    if (level(result) === 'MUST' || level(result) === 'SHOULD') failed.push(result);
  }
}

console.log(
  `audit: ${results.length} audits: ${counts.ok} ok, ${counts.error} MUST failed, ` +
    `${counts.warn} SHOULD failed, ${counts.notice} MAY failed`,
);
if (failed.length) {
  console.log('audit: FAILED (MUST/SHOULD):');
  for (const result of failed) console.log(`  ${result.id}  ${result.name}`);
  process.exit(1);
}
console.log('audit: ok');
