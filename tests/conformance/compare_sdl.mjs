// Two SDL files describe the same schema when graphql-js prints them alike.
//
//   node compare_sdl.mjs EXPECTED.graphql ACTUAL.graphql
//
// Exit 0 when equal, 1 with a diff when not, 2 on bad usage.
import { readFileSync } from 'node:fs';
import { buildSchema, printSchema } from 'graphql';
import { args, unifiedDiff } from './lib.mjs';

const files = args(['EXPECTED.graphql', 'ACTUAL.graphql']);
const printed = [];
for (const file of files) {
  try {
    printed.push(printSchema(buildSchema(readFileSync(file, 'utf8'))));
  } catch (error) {
    console.error(`compare sdl: FAILED: ${file} is not a valid schema for graphql-js: ${error.message}`);
    process.exit(1);
  }
}
const diff = unifiedDiff(printed[0], printed[1], { expectedName: files[0], actualName: files[1] });
if (diff) {
  console.error(diff);
  console.error('compare sdl: FAILED: the schemas differ');
  process.exit(1);
}
console.log(`compare sdl: ok (${printed[0].split('\n').length} printed lines identical)`);
