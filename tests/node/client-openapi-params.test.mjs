// The client against GitHub's OpenAPI description (@octokit/openapi), continued from
// client-openapi.test.mjs: required parameters are required, path parameter values
// cannot change the route, and request bodies match the spec's request schema (value
// sealed for the served key). Every request is recorded by a fetch stub
// (tests/support/client-spec.mjs) and matched back to the spec.
//
// Run: GHSEAL_PKG=target/pkg-client node --test tests/node/client-openapi*.test.mjs

import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { matchOperation, validateRequestBody } from "../support/openapi.mjs";
import { client, paramsFor, recordingFetch, rejectsValidation, routeParams, rowId, SECRET_VALUE, specBodySchema, specParams, specRequiredPath, useSpecClient } from "../support/client-spec.mjs";

const h = useSpecClient();

// -------------------------------------------------------- required parameters

describe("required parameters are required", () => {
  test("omitting (or nulling, or emptying) each required path parameter: ValidationError naming it, no request", async () => {
    let checked = 0;
    for (const row of h.rows) {
      const required = specRequiredPath(row);
      assert.deepEqual(required.sort(), routeParams(row.route).sort(), rowId(row));
      for (const name of required) {
        for (const [how, mutate] of [
          ["omitted", (p) => delete p[name]],
          ["null", (p) => (p[name] = null)],
          ["empty", (p) => (p[name] = "")],
        ]) {
          const { fetch, calls } = recordingFetch();
          const params = paramsFor(row);
          mutate(params);
          await rejectsValidation(client(fetch)[row.app][row.name](params), name, `${rowId(row)} ${name} ${how}`);
          assert.equal(calls.length, 0, `${rowId(row)} ${name} ${how}: nothing sent`);
          checked++;
        }
      }
    }
    // 57 h.rows; user-scope public-key and list take no path parameter
    assert.ok(checked > 3 * 100, `checked ${checked}`);
  });

  test("required body properties are required (the client's value stands in for encrypted_value + key_id)", async () => {
    let checked = 0;
    for (const row of h.rows.filter((r) => r.method === "PUT")) {
      const schema = specBodySchema(row);
      for (const name of schema?.required ?? []) {
        // GitHub requires visibility; the client fills it in from the existing secret
        // (cli/cli#8110, tests/node/visibility.test.mjs).
        if (name === "visibility") continue;
        const params = paramsFor(row);
        let expected = name;
        if (name in params) delete params[name];
        else if (["encrypted_value", "key_id"].includes(name)) {
          delete params.value; // neither value nor encrypted_value + key_id
          expected = "value";
        } else assert.fail(`${rowId(row)}: required ${name} has no stand-in`);
        const { fetch, calls } = recordingFetch();
        await rejectsValidation(client(fetch)[row.app][row.name](params), expected, `${rowId(row)} without ${name}`);
        assert.equal(calls.length, 0);
        checked++;
      }
      if (row.op === "put") {
        // encrypted_value without its key_id
        const params = paramsFor(row);
        delete params.value;
        params.encrypted_value = h.ghseal.sealSecret(h.keyPair.publicKey, "x");
        const { fetch, calls } = recordingFetch();
        await rejectsValidation(client(fetch)[row.app][row.name](params), "key_id", `${rowId(row)} encrypted_value without key_id`);
        assert.equal(calls.length, 0);
        checked++;
      }
    }
    assert.ok(checked >= 17, `checked ${checked}`);
  });
});

describe("path parameter values cannot change the route", () => {
  // fetch parses URLs with the WHATWG URL parser, which treats "%2E%2E" and
  // "%2E" (any case) as dot segments and removes them: the client's encoding of
  // "." / ".." (src/github/request.rs encode_segment) does not stop a value from
  // climbing out of the route. What matters is the URL fetch actually requests.
  const TODO_DOTS =
    'BUG: "." and ".." path parameters are sent as %2E / %2E%2E, which fetch normalises away (environment_name ".." turns GET /repos/o/r/environments/%2E%2E/secrets/X into GET /repos/o/r/secrets/X; repository_id ".." turns DELETE .../secrets/S/repositories/%2E%2E into DELETE .../secrets/S/); they should be refused';

  test("'.' and '..' as any path parameter: refused, or the requested URL still matches the route", async () => {
    const escaped = [];
    for (const row of h.rows) {
      for (const name of routeParams(row.route)) {
        for (const dots of [".", ".."]) {
          const { fetch, calls } = recordingFetch();
          const params = { ...paramsFor(row), [name]: dots };
          try {
            await client(fetch)[row.app][row.name](params);
          } catch (error) {
            if (error.name === "ValidationError" && error.param === name && calls.length === 0) continue;
          }
          for (const call of calls) {
            const requested = new URL(call.url).pathname; // what fetch sends after normalisation
            const match = matchOperation(call.method, requested);
            const expected = call.method === row.method ? row.route : row.route.replace(/\{secret_name\}(\/.*)?$/, "public-key");
            if (match?.route !== expected || match.params[name] !== dots) escaped.push(`${rowId(row)} ${name}=${dots}: ${call.method} ${requested}`);
          }
        }
      }
    }
    assert.deepEqual(escaped, []);
  });

  test("an integer path parameter (repository_id) only accepts integers, as the spec types it", async () => {
    for (const row of h.rows.filter((r) => r.route.includes("{repository_id}"))) {
      const schema = specParams(row).find((p) => p.name === "repository_id").schema;
      assert.equal(schema.type, "integer");
      for (const bad of ["abc", "12abc"]) {
        const { fetch, calls } = recordingFetch();
        await rejectsValidation(client(fetch)[row.app][row.name]({ ...paramsFor(row), repository_id: bad }), "repository_id", `${rowId(row)} ${bad}`);
        assert.equal(calls.length, 0);
      }
    }
  });
});

// --------------------------------------------------------------------- bodies

describe("request bodies match the spec's request schema", () => {
  test("every PUT: the recorded JSON body validates, has only the schema's properties, and value is sealed for the served key", async () => {
    const puts = h.rows.filter((r) => r.method === "PUT");
    assert.equal(puts.length, 16); // 6 createOrUpdate* + 5 set + 5 add (actions 5, dependabot 4, codespaces 7)
    for (const row of puts) {
      const { fetch, calls } = recordingFetch();
      const params = paramsFor(row);
      const res = await client(fetch)[row.app][row.name](params);
      const label = rowId(row);
      const put = calls.find((c) => c.method === "PUT");
      assert.ok(put, label);
      const body = put.body === undefined ? undefined : JSON.parse(put.body);
      const check = validateRequestBody(row.method, row.route, body);
      assert.ok(check.valid, `${label}: ${check.errors.join("; ")} in ${put.body}`);
      const schema = specBodySchema(row);
      if (!schema) {
        assert.equal(body, undefined, `${label}: no body`);
        assert.equal(res.status, 204);
        continue;
      }
      const known = Object.keys(schema.properties ?? {});
      for (const key of Object.keys(body)) assert.ok(known.includes(key), `${label}: body property ${key} not in [${known}]`);
      if (row.op === "put") {
        assert.equal(res.status, 201, label);
        assert.equal("value" in body, false, `${label}: the plaintext is never sent`);
        assert.ok(!put.body.includes(SECRET_VALUE), label);
        assert.equal(body.key_id, "568250167242549743", label);
        assert.equal(h.ghseal.openSecret(body.encrypted_value, h.keyPair.secretKey), SECRET_VALUE, label);
        // the key came from this scope's public-key operation
        const keyCall = calls.find((c) => c.method === "GET");
        const keyRoute = matchOperation("GET", new URL(keyCall.url).pathname).route;
        assert.equal(keyRoute, row.route.replace(/\{secret_name\}$/, "public-key"), label);
        if (row.scope === "org") assert.equal(body.visibility, "selected", label);
      }
      if (params.selected_repository_ids) {
        // Dependabot org secrets send ids as strings (as the GitHub CLI does); everything else integers
        const asStrings = row.app === "dependabot" && row.op === "put";
        const expected = params.selected_repository_ids.map((id) => (asStrings ? String(id) : id));
        assert.deepEqual(body.selected_repository_ids, expected, label);
      }
    }
  });

  test("encrypted_value + key_id are passed through unchanged, and no public key is fetched", async () => {
    for (const row of h.rows.filter((r) => r.op === "put")) {
      const { fetch, calls } = recordingFetch();
      const params = paramsFor(row);
      delete params.value;
      params.encrypted_value = h.ghseal.sealSecret(h.keyPair.publicKey, "precomputed");
      params.key_id = "012345678901234567";
      await client(fetch)[row.app][row.name](params);
      assert.equal(calls.length, 1, rowId(row));
      const body = JSON.parse(calls[0].body);
      assert.equal(body.encrypted_value, params.encrypted_value);
      assert.equal(body.key_id, "012345678901234567");
      const check = validateRequestBody(row.method, row.route, body);
      assert.ok(check.valid, `${rowId(row)}: ${check.errors.join("; ")}`);
    }
  });

  test("organization secrets with visibility all / private send a valid body without repository ids", async () => {
    for (const row of h.rows.filter((r) => r.op === "put" && r.scope === "org")) {
      for (const visibility of ["all", "private"]) {
        const { fetch, calls } = recordingFetch();
        const params = { ...paramsFor(row), visibility };
        delete params.selected_repository_ids;
        await client(fetch)[row.app][row.name](params);
        const body = JSON.parse(calls.find((c) => c.method === "PUT").body);
        assert.equal(body.visibility, visibility);
        assert.equal("selected_repository_ids" in body, false);
        const check = validateRequestBody(row.method, row.route, body);
        assert.ok(check.valid, `${rowId(row)} ${visibility}: ${check.errors.join("; ")}`);
      }
    }
  });

  test("a body the spec refuses is refused by the client too (bad visibility, repository ids not an array of ids)", async () => {
    const row = h.rows.find((r) => r.app === "actions" && r.name === "createOrUpdateOrgSecret");
    // sanity: the spec itself refuses these
    assert.equal(validateRequestBody("PUT", row.route, { visibility: "public" }).valid, false);
    assert.equal(validateRequestBody("PUT", row.route, { visibility: "selected", selected_repository_ids: "1296269" }).valid, false);
    for (const [patch, param] of [
      [{ visibility: "public" }, "visibility"],
      [{ selected_repository_ids: ["abc"] }, "selected_repository_ids"],
      [{ selected_repository_ids: "1296269" }, "selected_repository_ids"],
    ]) {
      const { fetch, calls } = recordingFetch();
      await rejectsValidation(client(fetch).actions.createOrUpdateOrgSecret({ ...paramsFor(row), ...patch }), param, JSON.stringify(patch));
      assert.equal(calls.length, 0);
    }
  });
});
