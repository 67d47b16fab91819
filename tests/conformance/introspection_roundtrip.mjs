// The server's introspection answer, rebuilt into a schema by graphql-js,
// must print exactly like the SDL the server is built from.
//
//   node introspection_roundtrip.mjs URL KEY SDL_FILE
//
// Exit 0 when both print the same, 1 with a diff when not, 2 on bad usage.
import { readFileSync } from 'node:fs';
import { buildClientSchema, buildSchema, getIntrospectionQuery, printSchema } from 'graphql';
import { args, postGraphQL, unifiedDiff } from './lib.mjs';

const [url, key, sdlFile] = args(['URL', 'KEY', 'SDL_FILE']);

function fail(message) {
  console.error(`introspection roundtrip: FAILED: ${message}`);
  process.exit(1);
}

let expected;
try {
  expected = printSchema(buildSchema(readFileSync(sdlFile, 'utf8')));
} catch (error) {
  fail(`${sdlFile} is not a valid schema for graphql-js: ${error.message}`);
}

// schemaDescription too: the SDL describes its schema, and __Schema.description
// is part of the specification since its October 2021 edition (§4.2.1).
const query = getIntrospectionQuery({
  descriptions: true,
  schemaDescription: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  inputValueDeprecation: true,
});
const answer = await postGraphQL(url, key, { query, operationName: 'IntrospectionQuery' });
if (answer.status !== 200) fail(`HTTP ${answer.status}: ${answer.text.slice(0, 2000)}`);
if (!answer.body || typeof answer.body !== 'object') fail(`the answer is not JSON: ${answer.text.slice(0, 2000)}`);
if ('errors' in answer.body) fail(`the answer has errors: ${JSON.stringify(answer.body.errors, null, 2)}`);
if (!answer.body.data?.__schema) fail(`the answer has no data.__schema: ${answer.text.slice(0, 2000)}`);

let actual;
try {
  actual = printSchema(buildClientSchema(answer.body.data));
} catch (error) {
  fail(`buildClientSchema refused the introspection answer: ${error.message}`);
}

const diff = unifiedDiff(expected, actual, {
  expectedName: `${sdlFile} (printed by graphql-js)`,
  actualName: `${url} introspection (printed by graphql-js)`,
});
if (diff) {
  console.error(diff);
  fail('the introspected schema differs from the SDL');
}
const types = answer.body.data.__schema.types.filter((type) => !type.name.startsWith('__')).length;
console.log(`introspection roundtrip: ok (${types} types, ${expected.split('\n').length} printed lines identical)`);
