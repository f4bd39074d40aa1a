/*
 * FACTS.md made true: every fact an example definition names (rules and message placeholders) is declared
 * by a fact source the demo backend installs — catalog, pushed (with the demo's app-config), attestation,
 * kubernetes and scm — as their schemas are served by GET /api/maturity/sources.
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { JsonObject } from '@backstage/types';
import catalogPlugin from '@backstage/plugin-catalog-backend';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import signalsPlugin from '@backstage/plugin-signals-backend';
import maturityPlugin from '@ratchet/backstage-plugin-maturity-backend';
import maturityKubernetes from '@ratchet/backstage-plugin-maturity-backend-module-kubernetes';
import maturityScm from '@ratchet/backstage-plugin-maturity-backend-module-scm';
import { parse, parseAllDocuments } from 'yaml';
import {
  collectFactReferences,
  FactReference,
  schemaDeclares,
} from './exampleFacts';

jest.setTimeout(120_000);

const root = path.resolve(__dirname, '../../../..');
const examples = path.join(root, 'examples/ratchet');

function exampleReferences(): FactReference[] {
  return readdirSync(examples)
    .filter(f => f.endsWith('.yaml'))
    .flatMap(f =>
      parseAllDocuments(readFileSync(path.join(examples, f), 'utf8')).flatMap(
        d => collectFactReferences(d.toJSON(), f),
      ),
    );
}

describe('schemaDeclares', () => {
  const schema: JsonObject = {
    type: 'object',
    properties: {
      files: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          properties: { exists: { type: 'boolean' } },
        },
      },
      ci: { type: 'object', properties: { testCoverage: { type: 'number' } } },
      raw: { type: 'object' },
    },
  };
  it.each([
    ['files.README.md.exists', true],
    ['files.pyproject.toml.exists', true],
    ['ci.testCoverage.deep', false],
    ['ci.testCoverage', true],
    ['ci.coverage', false],
    ['raw.anything.below', true],
    ['nope', false],
  ])('%s → %p', (p, expected) => {
    expect(schemaDeclares(schema, p)).toBe(expected);
  });
});

describe('the facts named in examples/ratchet', () => {
  it('collects rules and placeholders of every example definition', () => {
    const refs = exampleReferences().map(r => r.ref);
    expect(refs).toEqual(
      expect.arrayContaining([
        'scm.files.README.md.exists',
        'pushed.ci.lastDeployDays',
        'pushed.observability.traceContextRatio',
        'kubernetes.probes.liveness',
        'catalog.metadata.annotations.pagerduty.com/service-id',
      ]),
    );
  });

  it('are all declared by a source the demo backend installs', async () => {
    const appConfig = parse(
      readFileSync(path.join(root, 'app-config.yaml'), 'utf8'),
    );
    const { server } = await startTestBackend({
      features: [
        catalogPlugin,
        notificationsPlugin,
        signalsPlugin,
        maturityPlugin,
        maturityKubernetes,
        maturityScm,
        mockServices.rootConfig.factory({
          data: {
            app: appConfig.app,
            integrations: appConfig.integrations,
            kubernetes: appConfig.kubernetes,
            maturity: {
              ...appConfig.maturity,
              // The sources only describe themselves here; nothing is collected.
              scm: {
                ...appConfig.maturity.scm,
                schedule: {
                  frequency: { hours: 24 },
                  timeout: { minutes: 1 },
                  initialDelay: { hours: 1 },
                },
              },
            },
          },
        }),
      ],
    });
    const { port } = server.address() as AddressInfo;
    const res = await fetch(`http://127.0.0.1:${port}/api/maturity/sources`, {
      headers: { authorization: mockCredentials.user.header() },
    });
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as {
      items: Array<{ id: string; schema: JsonObject }>;
    };
    const schemas = new Map(items.map(s => [s.id, s.schema]));
    expect([...schemas.keys()].sort()).toEqual([
      'attestation',
      'catalog',
      'kubernetes',
      'pushed',
      'scm',
    ]);

    const undeclared = exampleReferences()
      .filter(r => {
        const dot = r.ref.indexOf('.');
        const schema = schemas.get(r.ref.slice(0, dot));
        return !schema || !schemaDeclares(schema, r.ref.slice(dot + 1));
      })
      .map(r => `${r.ref} (${r.file}, ${r.definition})`);
    expect(undeclared).toEqual([]);
  });
});
