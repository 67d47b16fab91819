// The reference GraphQL server of the benchmark: graphql-js and graphql-http
// on node:http, serving Rampart's own schema with data Rampart answered.
//
//   node reference_server.mjs --port PORT --key KEY --sdl SCHEMA.graphql [--data DATA.json]
//                             [--host 127.0.0.1] [--no-document-cache]
//
// DATA.json holds the `data` of one Rampart answer (e.g. {"project": {...}});
// it is the root value, so every root field answers the stored object of
// its name and graphql-js's default resolvers read the nested fields
// (abstract types through each object's __typename). Arguments are ignored:
// the server answers the same stored objects whatever is asked for.
//
// Like Rampart it checks the x-api-key header on /graphql (401 without the
// key), answers GET /healthz without one, and keeps parsed and validated
// documents by query text (an LRU of 512, as Rampart's default), so that
// both servers do comparable work per request. --no-document-cache parses
// and validates every request, as graphql-http does by default.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { parseArgs } from 'node:util';
import { buildSchema, parse as graphqlParse, validate as graphqlValidate } from 'graphql';
import { createHandler } from 'graphql-http/lib/use/http';

const { values: options } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
    key: { type: 'string' },
    sdl: { type: 'string' },
    data: { type: 'string' },
    'no-document-cache': { type: 'boolean', default: false },
  },
});
for (const required of ['port', 'key', 'sdl']) {
  if (!options[required]) {
    console.error(
      'usage: node reference_server.mjs --port PORT --key KEY --sdl SCHEMA.graphql [--data DATA.json] ' +
        '[--host HOST] [--no-document-cache]',
    );
    process.exit(2);
  }
}

const schema = buildSchema(readFileSync(options.sdl, 'utf8'));
const rootValue = options.data ? JSON.parse(readFileSync(options.data, 'utf8')) : {};
const expectedKey = Buffer.from(options.key);

/// A bounded map that forgets the least recently used entry.
class Lru {
  constructor(capacity) {
    this.capacity = capacity;
    this.entries = new Map();
  }
  get(key) {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }
  set(key, value) {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value);
  }
}

const handlerOptions = { schema, rootValue };
if (!options['no-document-cache']) {
  // Syntax errors are thrown, so only good documents are kept; the same text
  // gives the same document object, whose validation is then kept too.
  const documents = new Lru(512);
  const validations = new WeakMap();
  handlerOptions.parse = (source, parseOptions) => {
    const text = typeof source === 'string' ? source : source.body;
    let document = documents.get(text);
    if (!document) {
      document = graphqlParse(source, parseOptions);
      documents.set(text, document);
    }
    return document;
  };
  handlerOptions.validate = (validationSchema, document, rules, validationOptions, typeInfo) => {
    let errors = validations.get(document);
    if (!errors) {
      errors = graphqlValidate(validationSchema, document, rules, validationOptions, typeInfo);
      validations.set(document, errors);
    }
    return errors;
  };
}
const graphqlHandler = createHandler(handlerOptions);

function keyMatches(header) {
  if (typeof header !== 'string') return false;
  const given = Buffer.from(header);
  return given.length === expectedKey.length && timingSafeEqual(given, expectedKey);
}

const server = createServer((req, res) => {
  const path = req.url.split('?', 1)[0];
  if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
    res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('ok\n');
    return;
  }
  if (path !== '/graphql') {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  if (!keyMatches(req.headers['x-api-key'])) {
    res
      .writeHead(401, { 'content-type': 'application/json; charset=utf-8' })
      .end(JSON.stringify({ errors: [{ message: 'missing or unknown API key', extensions: { code: 'UNAUTHENTICATED' } }] }));
    return;
  }
  graphqlHandler(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});

server.keepAliveTimeout = 60_000;
server.listen(Number(options.port), options.host, () => {
  const { address, port } = server.address();
  console.log(`reference server: http://${address}:${port}/graphql (pid ${process.pid})`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
