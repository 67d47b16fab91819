// Three common GraphQL clients against the server, each running one query
// and one mutation: graphql-request (POST), urql (queries over GET) and
// Apollo Client (POST, InMemoryCache adding __typename).
//
//   node clients.mjs URL KEY [SDL_FILE] [EMAIL]
//
// With SDL_FILE the operations are first validated against that schema, so
// that a change of the schema shows as such. EMAIL is the user of KEY
// (default admin@example.com). Exit 0 when every check holds, 1 otherwise.
import { readFileSync } from 'node:fs';
import { buildSchema, parse, validate } from 'graphql';
import { GraphQLClient } from 'graphql-request';
import { Client as UrqlClient, fetchExchange } from '@urql/core';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client/core';
import { args, fetchWithKey } from './lib.mjs';

const [url, key, sdlFile, email = 'admin@example.com'] = args(['URL', 'KEY']);

const QUERY = /* GraphQL */ `
  query Me {
    me {
      email
      role
    }
  }
`;
const MUTATION = /* GraphQL */ `
  mutation CreateAsset($input: CreateAssetInput!) {
    createAsset(input: $input) {
      id
      name
      description
    }
  }
`;

/// The checks the answers must pass; `sent` is the mutation's input.
function checkQuery(data) {
  expect(data?.me?.email === email, `me.email is ${JSON.stringify(data?.me?.email)}, expected ${email}`);
  expect(data?.me?.role === 'ADMIN', `me.role is ${JSON.stringify(data?.me?.role)}, expected ADMIN`);
}
function checkMutation(data, sent) {
  const asset = data?.createAsset;
  expect(typeof asset?.id === 'string' && asset.id.length > 0, `createAsset.id is ${JSON.stringify(asset?.id)}`);
  expect(asset?.name === sent.name, `createAsset.name is ${JSON.stringify(asset?.name)}, expected ${sent.name}`);
  expect(
    asset?.description === sent.description,
    `createAsset.description is ${JSON.stringify(asset?.description)}, expected ${JSON.stringify(sent.description)}`,
  );
}
function assetInput(client) {
  // Unique per run: asset names are unique within a company.
  return {
    name: `conformance ${client} ${process.pid}-${Date.now()}`,
    description: `Made by ${client} — «ünïcode» "quotes" \\ back\nslash`,
  };
}

let failures = 0;
let current = '';
function expect(condition, message) {
  if (!condition) throw new Error(message);
}
async function check(name, body) {
  current = name;
  try {
    await body();
    console.log(`ok      ${name}`);
  } catch (error) {
    failures++;
    console.log(`FAILED  ${name}\n        ${String(error?.stack ?? error).split('\n').join('\n        ')}`);
  }
}

if (sdlFile) {
  await check('the operations are valid for the schema file', () => {
    const schema = buildSchema(readFileSync(sdlFile, 'utf8'));
    for (const operation of [QUERY, MUTATION]) {
      const errors = validate(schema, parse(operation));
      expect(errors.length === 0, errors.map((error) => error.message).join('\n'));
    }
  });
}

// Every exchange, to check the method and the raw answer (no `errors` key).
const exchanges = [];
const fetchFn = fetchWithKey(key, (exchange) => exchanges.push({ ...exchange, client: current }));

async function rawAnswer(exchange) {
  const text = await exchange.text;
  expect(exchange.response.status === 200, `HTTP ${exchange.response.status}: ${text.slice(0, 1000)}`);
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    throw new Error(`the answer is not JSON: ${text.slice(0, 1000)}`);
  }
  expect(!('errors' in body), `the answer has an errors key: ${JSON.stringify(body.errors)}`);
  return body;
}

/// Runs `send` and answers the one exchange it made.
async function oneExchange(send) {
  const before = exchanges.length;
  const result = await send();
  const made = exchanges.slice(before);
  expect(made.length === 1, `expected one HTTP request, saw ${made.length}`);
  return { result, exchange: made[0] };
}

// graphql-request: POST with JSON.
{
  const client = new GraphQLClient(url, { fetch: fetchFn });
  await check('graphql-request: query', async () => {
    const { result, exchange } = await oneExchange(() => client.rawRequest(QUERY));
    expect(exchange.method === 'POST', `sent with ${exchange.method}, expected POST`);
    await rawAnswer(exchange);
    expect(result.errors === undefined, `errors: ${JSON.stringify(result.errors)}`);
    checkQuery(result.data);
  });
  await check('graphql-request: mutation', async () => {
    const input = assetInput('graphql-request');
    const { result, exchange } = await oneExchange(() => client.rawRequest(MUTATION, { input }));
    expect(exchange.method === 'POST', `sent with ${exchange.method}, expected POST`);
    await rawAnswer(exchange);
    checkMutation(result.data, input);
  });
}

// urql: queries over GET (preferGetMethod), mutations over POST.
{
  const client = new UrqlClient({
    url,
    exchanges: [fetchExchange],
    preferGetMethod: true,
    fetch: fetchFn,
    requestPolicy: 'network-only',
  });
  await check('urql: query over GET', async () => {
    const { result, exchange } = await oneExchange(() => client.query(QUERY, {}).toPromise());
    expect(exchange.method === 'GET', `sent with ${exchange.method}, expected GET (preferGetMethod)`);
    expect(new URL(exchange.url).searchParams.has('query'), `the GET URL has no query parameter: ${exchange.url}`);
    await rawAnswer(exchange);
    expect(!result.error, `urql error: ${result.error}`);
    checkQuery(result.data);
  });
  await check('urql: mutation', async () => {
    const input = assetInput('urql');
    const { result, exchange } = await oneExchange(() => client.mutation(MUTATION, { input }).toPromise());
    expect(exchange.method === 'POST', `sent with ${exchange.method}, expected POST`);
    await rawAnswer(exchange);
    expect(!result.error, `urql error: ${result.error}`);
    checkMutation(result.data, input);
  });
}

// Apollo Client: POST; the cache adds __typename to every selection set.
{
  const client = new ApolloClient({
    link: new HttpLink({ uri: url, fetch: fetchFn }),
    cache: new InMemoryCache(),
  });
  await check('Apollo Client: query', async () => {
    const { result, exchange } = await oneExchange(() => client.query({ query: gql(QUERY), fetchPolicy: 'network-only' }));
    expect(exchange.method === 'POST', `sent with ${exchange.method}, expected POST`);
    const sent = JSON.parse(exchange.body);
    expect(sent.query.includes('__typename'), 'Apollo did not add __typename; the check would prove less');
    const body = await rawAnswer(exchange);
    expect(body.data?.me?.__typename === 'CurrentUser', `me.__typename is ${JSON.stringify(body.data?.me?.__typename)}`);
    expect(!result.error, `Apollo error: ${result.error}`);
    checkQuery(result.data);
  });
  await check('Apollo Client: mutation', async () => {
    const input = assetInput('Apollo Client');
    const { result, exchange } = await oneExchange(() => client.mutate({ mutation: gql(MUTATION), variables: { input } }));
    expect(exchange.method === 'POST', `sent with ${exchange.method}, expected POST`);
    await rawAnswer(exchange);
    expect(!result.error, `Apollo error: ${result.error}`);
    checkMutation(result.data, input);
  });
  client.stop();
}

if (failures) {
  console.log(`clients: ${failures} check(s) FAILED`);
  process.exit(1);
}
console.log('clients: ok');
