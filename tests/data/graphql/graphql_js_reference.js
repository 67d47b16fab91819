// Regenerates the expected answers in this folder from graphql-js 16.8.1,
// the reference Rampart's engine is held to:
//
//   npm install --prefix /tmp/graphql-js graphql@16.8.1
//   node tests/data/graphql/graphql_js_reference.js /tmp/graphql-js/node_modules/graphql
//
// schema/*.graphql          → *.expected: printSchema(buildSchema(sdl))
// schema_errors/*.graphql   → *.expected: the SDL rules' errors, else validateSchema's,
//                             one per line as "line:column[,line:column] message"
// introspection/*.json      → *.expected.json: the full introspection query
// execution/*.json          → *.expected.json: execute() with the case's root value
// Review the diff before committing: a change here is a change of behaviour.
'use strict';
const fs = require('fs');
const path = require('path');
const g = require(process.argv[2] || 'graphql');
const { validateSDL } = require(path.join(process.argv[2] || 'graphql', 'validation/validate'));

if (g.version !== '16.8.1') throw new Error(`graphql-js 16.8.1 expected, found ${g.version}`);
const here = __dirname;
const files = (dir, ext) =>
  fs.readdirSync(path.join(here, dir)).filter((f) => f.endsWith(ext) && !f.endsWith('.expected.json')).sort()
    .map((f) => path.join(here, dir, f));
const json = (value) => JSON.stringify(value, null, 2) + '\n';
const sdlOf = (spec, base) =>
  spec.endsWith('.graphql') ? fs.readFileSync(path.join(base, spec), 'utf8') : spec;

for (const file of files('schema', '.graphql')) {
  const schema = g.buildSchema(fs.readFileSync(file, 'utf8'));
  fs.writeFileSync(file.replace(/\.graphql$/, '.expected'), g.printSchema(schema) + '\n');
}

for (const file of files('schema_errors', '.graphql')) {
  const document = g.parse(fs.readFileSync(file, 'utf8'));
  let errors = validateSDL(document);
  if (errors.length === 0) errors = g.validateSchema(g.buildASTSchema(document, { assumeValidSDL: true }));
  const lines = errors.map((e) => (e.locations || []).map((l) => `${l.line}:${l.column}`).join(',') + ' ' + e.message);
  fs.writeFileSync(file.replace(/\.graphql$/, '.expected'), lines.join('\n') + '\n');
}

const query = g.getIntrospectionQuery({
  descriptions: true,
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  schemaDescription: true,
  inputValueDeprecation: true,
});
fs.writeFileSync(path.join(here, 'introspection', 'introspection_query.graphql'), query);
for (const file of files('introspection', '.json')) {
  const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
  const schema = g.buildSchema(sdlOf(spec.schema, path.dirname(file)));
  const result = g.execute({ schema, document: g.parse(query) });
  fs.writeFileSync(file.replace(/\.json$/, '.expected.json'), json(result));
}

for (const file of files('execution', '.json')) {
  const spec = JSON.parse(fs.readFileSync(file, 'utf8'));
  const schema = g.buildSchema(sdlOf(spec.schema, path.dirname(file)));
  const result = g.execute({
    schema,
    document: g.parse(spec.query),
    rootValue: spec.root,
    variableValues: spec.variables,
    operationName: spec.operationName,
  });
  fs.writeFileSync(file.replace(/\.json$/, '.expected.json'), json(JSON.parse(JSON.stringify(result))));
}
