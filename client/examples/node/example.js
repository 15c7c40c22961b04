#!/usr/bin/env node
// govgraph example client in Node.js.
//
// Ingests a short Vietnamese news report (IngestReport), finds the two
// officials it names (SearchEntities), the shortest path between them
// (FindPaths) and who attended meetings with the first (ListCoAttendees).
// Exits 0 when the server answers as expected, 1 otherwise.
//
// Needs @grpc/grpc-js and @grpc/proto-loader (`npm ci` in this directory);
// loads the protos at run time from --proto_dir, so nothing is generated.
//
//   node example.js [--addr=127.0.0.1:50051] [--proto_dir=DIR]
//                   [--report=FILE] [--published=YYYY-MM-DD]
'use strict';

const fs = require('fs');
const path = require('path');
const { parseArgs } = require('util');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');

const TIMEOUT_MS = 10000;  // Per call.

const { values: args } = parseArgs({
  options: {
    addr: { type: 'string', default: '127.0.0.1:50051' },
    proto_dir: { type: 'string',
                 default: path.join(__dirname, '..', '..', '..', 'proto') },
    report: { type: 'string',
              default: path.join(__dirname, '..', 'report.txt') },
    published: { type: 'string', default: '2024-07-12' },
  },
});

// keepCase: fields keep their proto names (report_id, not reportId);
// enums as their names ("PERSON"); int64 as strings.
function loadApi(protoDir) {
  const definition = protoLoader.loadSync('govgraph/v1/knowledge_graph.proto', {
    includeDirs: [protoDir], keepCase: true, enums: String, longs: String,
    defaults: true, oneofs: true,
  });
  return grpc.loadPackageDefinition(definition).govgraph.v1;
}

// Calls a unary RPC; resolves with the response, rejects with the
// grpc.ServiceError (its `code` and `details` say what failed).
function call(client, method, request) {
  const deadline = new Date(Date.now() + TIMEOUT_MS);
  return new Promise((resolve, reject) => {
    client[method](request, { deadline }, (err, response) =>
      err ? reject(err) : resolve(response));
  });
}

// The id of the person whose display name is `name`, or undefined.
async function findPerson(client, name) {
  const found = await call(client, 'SearchEntities',
                           { query: name, kind: 'PERSON' });
  const match = found.entities.find((e) => e.display_name === name);
  return match && match.id;
}

// "A -ATTENDED- m -ATTENDED- B": node names joined by relation types.
function describePath(p) {
  const parts = [p.nodes[0].display_name];
  p.relations.forEach((r, i) =>
    parts.push(`-${r.type}- ${p.nodes[i + 1].display_name}`));
  return parts.join(' ');
}

// Throws an Error naming the first answer that is not as expected.
async function run(client) {
  const text = fs.readFileSync(args.report, 'utf8');
  // An explicit report id makes re-running the example idempotent: the
  // second time the response says `unchanged`.
  const ingested = await call(client, 'IngestReport', {
    report_id: 'example:binh-duong-dan-van',
    report: { text, published_date: args.published },
  });
  const names = ingested.extraction.persons.map((p) => p.name);
  console.log(`ingested ${ingested.report_id}: ${names.length} persons ` +
              `(${names.join(', ')}), ` +
              `${ingested.extraction.meetings.length} meetings, ` +
              `unchanged=${ingested.result.unchanged}`);
  if (names.length < 2) throw new Error('expected two officials in the report');

  const first = await findPerson(client, names[0]);
  const second = await findPerson(client, names[1]);
  if (!first || !second) {
    throw new Error(`SearchEntities did not find ${names[0]} and ${names[1]}`);
  }

  // Only attendance: a path through a shared meeting, not through the
  // report that mentions both.
  const paths = await call(client, 'FindPaths', {
    source_id: first, target_id: second, types: ['ATTENDED'],
  });
  if (paths.length < 1 || paths.paths.length === 0) {
    throw new Error(`no path between ${first} and ${second}`);
  }
  console.log(`path of length ${paths.length}: ` +
              describePath(paths.paths[0]));

  const co = await call(client, 'ListCoAttendees', { person_id: first });
  for (const a of co.attendees) {
    const meetings = a.meetings.map((m) => m.display_name).join('; ');
    console.log(`co-attendee of ${names[0]}: ${a.person.display_name}, ` +
                `${a.shared_meetings} shared meeting(s): ${meetings}`);
  }
  if (!co.attendees.some((a) => a.person.id === second)) {
    throw new Error(`${second} is not among ${first}'s co-attendees`);
  }
}

async function main() {
  const api = loadApi(args.proto_dir);
  const client = new api.KnowledgeGraph(args.addr,
                                        grpc.credentials.createInsecure());
  try {
    await run(client);
    console.log('ok');
  } catch (err) {
    // An RPC error carries its numeric status code and the server's message.
    const what = err.code !== undefined
      ? `${grpc.status[err.code]}: ${err.details}` : err.message;
    console.error(`error: ${what}`);
    process.exitCode = 1;
  } finally {
    client.close();
  }
}

main();
