// Shared pieces of the conformance scripts: command-line arguments, a
// GraphQL-over-HTTP POST with the API key, and a line diff for reports.

/// The positional arguments after the script name; exits with the usage line
/// when some are missing.
export function args(names) {
  const given = process.argv.slice(2);
  if (given.length < names.length) {
    console.error(`usage: node ${process.argv[1].split('/').pop()} ${names.join(' ')}`);
    process.exit(2);
  }
  return given;
}

/// Media types of GraphQL over HTTP (§4: the client should accept both).
export const ACCEPT = 'application/graphql-response+json, application/json;q=0.9';

/// POSTs one GraphQL request and answers {status, contentType, body, text}.
/// `body` is the parsed JSON (undefined when the answer is not JSON).
export async function postGraphQL(url, key, payload) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: ACCEPT, 'x-api-key': key },
    body: JSON.stringify(payload),
  });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, contentType: response.headers.get('content-type') ?? '', body, text };
}

/// A fetch that adds the API key to every request, whatever form the
/// caller gave its headers in (object, array of pairs or Headers).
export function fetchWithKey(key, record) {
  return async (input, init = {}) => {
    const headers = new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined));
    headers.set('x-api-key', key);
    const response = await fetch(input, { ...init, headers });
    if (record) {
      const method = (init.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      record({ method, url, headers, body: init.body, response, text: response.clone().text() });
    }
    return response;
  };
}

/// The shortest edit script between two lists of lines, as
/// [' ' | '-' | '+', line] pairs (longest common subsequence).
function editScript(a, b) {
  const n = a.length;
  const m = b.length;
  // Common head and tail first: most differences are small.
  let head = 0;
  while (head < n && head < m && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < n - head && tail < m - head && a[n - 1 - tail] === b[m - 1 - tail]) tail++;
  const x = a.slice(head, n - tail);
  const y = b.slice(head, m - tail);
  const lcs = Array.from({ length: x.length + 1 }, () => new Uint32Array(y.length + 1));
  for (let i = x.length - 1; i >= 0; i--) {
    for (let j = y.length - 1; j >= 0; j--) {
      lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  const script = a.slice(0, head).map((line) => [' ', line]);
  let i = 0;
  let j = 0;
  while (i < x.length || j < y.length) {
    if (i < x.length && j < y.length && x[i] === y[j]) {
      script.push([' ', x[i++]]);
      j++;
    } else if (i < x.length && (j === y.length || lcs[i + 1][j] >= lcs[i][j + 1])) {
      script.push(['-', x[i++]]);
    } else {
      script.push(['+', y[j++]]);
    }
  }
  for (const line of a.slice(n - tail)) script.push([' ', line]);
  return script;
}

/// A unified diff (3 lines of context) of the first `maxHunks` hunks, or ''
/// when the texts are equal.
export function unifiedDiff(expectedText, actualText, { expectedName = 'expected', actualName = 'actual', maxHunks = 5 } = {}) {
  if (expectedText === actualText) return '';
  const script = editScript(expectedText.split('\n'), actualText.split('\n'));
  const changed = script.map(([op]) => op !== ' ');
  const out = [`--- ${expectedName}`, `+++ ${actualName}`];
  let hunks = 0;
  let k = 0;
  while (k < script.length && hunks < maxHunks) {
    if (!changed[k]) {
      k++;
      continue;
    }
    const start = Math.max(0, k - 3);
    let end = k;
    // Extend the hunk while the next change is within 6 lines.
    for (;;) {
      while (end < script.length && changed[end]) end++;
      let next = end;
      while (next < script.length && !changed[next]) next++;
      if (next < script.length && next - end <= 6) end = next;
      else break;
    }
    end = Math.min(script.length, end + 3);
    let oldLine = 1;
    let newLine = 1;
    for (let p = 0; p < start; p++) {
      if (script[p][0] !== '+') oldLine++;
      if (script[p][0] !== '-') newLine++;
    }
    const body = script.slice(start, end);
    const oldCount = body.filter(([op]) => op !== '+').length;
    const newCount = body.filter(([op]) => op !== '-').length;
    out.push(`@@ -${oldLine},${oldCount} +${newLine},${newCount} @@`);
    for (const [op, line] of body) out.push(op + line);
    hunks++;
    k = end;
  }
  if (k < script.length && changed.slice(k).some(Boolean)) out.push('… (more differences)');
  return out.join('\n');
}
