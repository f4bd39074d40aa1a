import { mockErrorHandler } from '@backstage/backend-test-utils';
import express, { Response } from 'express';
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import YAML from 'yaml';
import { createOpenApiRouter, spec } from './openapi';

describe('openapi spec', () => {
  it('is the same document as openapi.yaml', () => {
    const yaml = YAML.parse(
      fs.readFileSync(path.join(__dirname, 'openapi.yaml'), 'utf8'),
    );
    // On failure: run `yarn openapi:generate` (the generated router.ts holds the spec `as const`).
    expect(spec).toEqual(yaml);
  });

  it('documents every operation with an error response', () => {
    for (const [route, item] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect({
          route,
          method,
          default: 'default' in operation.responses,
        }).toEqual({
          route,
          method,
          default: true,
        });
      }
    }
  });

  it('offers what the frontend feature-detects: scorecard entities, history and roll-up filters', () => {
    const paths = spec.paths as Record<string, any>;
    expect(paths['/scorecards/{namespace}/{name}/entities']?.get).toBeDefined();
    expect(paths['/scorecards/{namespace}/{name}/history']?.get).toBeDefined();
    // As the frontend's featuresOf resolves them: a name, or a $ref to a component parameter.
    const names = paths[
      '/scorecards/{namespace}/{name}/rollup'
    ].get.parameters.map(
      (p: { name?: string; $ref?: string }) =>
        p.name ??
        (spec.components.parameters as Record<string, { name: string }>)[
          p.$ref!.split('/').pop()!
        ]?.name,
    );
    expect(names).toEqual(
      expect.arrayContaining(['owner', 'system', 'lifecycle', 'kind']),
    );
    // The frontend asks for the ranking explicitly.
    expect(
      paths['/scorecards/{namespace}/{name}/entities'].get.parameters,
    ).toContainEqual(expect.objectContaining({ name: 'order' }));
    // A team's check counts in one request, and a check's exemptions in pages.
    expect(paths['/scorecards/{namespace}/{name}/checks']?.get).toBeDefined();
    expect(
      paths['/exemptions'].get.parameters.map((p: { name: string }) => p.name),
    ).toEqual(expect.arrayContaining(['checkId', 'limit', 'offset']));
  });

  describe('validation by the typed router', () => {
    async function app() {
      const router = await createOpenApiRouter();
      router.get('/scorecards/:namespace/:name/checks/:checkId', (req, res) => {
        // The test answers with what it received, which is not the typed response.
        (res as Response).json({ query: req.query });
      });
      router.post('/evaluate', (req, res) => {
        (res as Response).json({ body: req.body });
      });
      return express().use(router).use(mockErrorHandler());
    }

    it('accepts documented query parameters and coerces integers', async () => {
      const res = await request(await app()).get(
        '/scorecards/default/sm/checks/has-owner?limit=10&status=fail',
      );
      expect(res.status).toBe(200);
      expect(res.body.query).toEqual({ limit: 10, status: 'fail' });
    });

    it.each([
      ['/scorecards/default/sm/checks/c?limit=0', /limit/],
      ['/scorecards/default/sm/checks/c?limit=x', /limit/],
      ['/scorecards/default/sm/checks/c?status=nope', /status/],
      ['/scorecards/default/sm/checks/c?unknown=1', /unknown/],
    ])('rejects %s with a 400 naming the parameter', async (url, message) => {
      const res = await request(await app()).get(url);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });

    it('rejects a bad body with a 400', async () => {
      const res = await request(await app())
        .post('/evaluate')
        .send({ entityRef: 5 });
      expect(res.status).toBe(400);
      expect(res.body.error).toMatchObject({ name: 'InputError' });
      expect(res.body.error.message).toMatch(/entityRef/);
    });
  });
});
