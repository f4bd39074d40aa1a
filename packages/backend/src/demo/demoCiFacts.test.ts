import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { DemoCiState, pushItems, readPipelines } from './demoCiFacts';

const file = path.resolve(
  __dirname,
  '../../../../examples/repositories/pipelines.yaml',
);
const pipelines = readPipelines(parse(readFileSync(file, 'utf8')), file);
const start = new Date('2026-12-06T08:00:00Z');
const newState = (): DemoCiState => ({
  startedAt: start,
  pushed: new Set(),
  deploys: new Map(),
});
const everything = new Set([
  ...Object.keys(pipelines.components).map(n => `component:default/${n}`),
  ...Object.keys(pipelines.apis).map(n => `api:default/${n}`),
]);

describe('demo CI pushes', () => {
  it('pushes complete documents for every known entity, as CI would', () => {
    const items = pushItems(
      pipelines,
      newState(),
      everything,
      start,
      () => 0.5,
    );
    expect(items).toHaveLength(everything.size);
    const gateway = items.find(
      i => i.entityRef === 'component:default/payment-gateway',
    );
    expect(gateway).toEqual({
      entityRef: 'component:default/payment-gateway',
      source: 'pushed',
      observedAt: '2026-12-06T08:00:00.000Z',
      facts: {
        ci: {
          testCoverage: 84,
          lastDeployAt: '2026-12-05T08:00:00.000Z',
          sbom: { published: true, format: 'cyclonedx' },
        },
        observability: { errorRate5xx: 0.002, traceContextRatio: 0.997 },
      },
    });
    expect(
      items.find(i => i.entityRef === 'api:default/accounts-api')?.facts,
    ).toEqual({ ci: { apiLint: { errors: 2 } } });
  });

  it("reports the release pipeline's SBOM of the pci services only: four publish one, fraud-scorer not yet", () => {
    const items = pushItems(
      pipelines,
      newState(),
      everything,
      start,
      () => 0.5,
    );
    const sboms = Object.fromEntries(
      items
        .map(i => [i.entityRef, (i.facts.ci as { sbom?: unknown })?.sbom])
        .filter(([, sbom]) => sbom !== undefined),
    );
    expect(sboms).toEqual({
      'component:default/payment-gateway': {
        published: true,
        format: 'cyclonedx',
      },
      'component:default/card-tokenizer': {
        published: true,
        format: 'cyclonedx',
      },
      'component:default/fraud-scorer': { published: false },
      'component:default/ledger-writer': { published: true, format: 'spdx' },
      'component:default/ledger-store': {
        published: true,
        format: 'cyclonedx',
      },
    });
  });

  it('names only entities the catalog has, and pushes APIs once', () => {
    const state = newState();
    const some = new Set([
      'component:default/fx-rates',
      'api:default/payments-api',
    ]);
    const first = pushItems(pipelines, state, some, start, () => 0.5);
    expect(first.map(i => i.entityRef)).toEqual([...some]);
    first.forEach(i => state.pushed.add(i.entityRef));
    const second = pushItems(pipelines, state, some, start, () => 0.5);
    expect(second.map(i => i.entityRef)).toEqual([
      'component:default/fx-rates',
    ]);
  });

  it('drifts within bounds between runs, and frequent deployers deploy again', () => {
    const state = newState();
    state.pushed.add('component:default/payment-gateway');
    const later = new Date(start.getTime() + 3 * 60_000);
    const low = pushItems(pipelines, state, everything, later, () => 0);
    const gateway = low.find(
      i => i.entityRef === 'component:default/payment-gateway',
    )!.facts;
    expect(gateway).toEqual({
      ci: {
        testCoverage: 83,
        lastDeployAt: later.toISOString(),
        sbom: { published: true, format: 'cyclonedx' },
      },
      observability: { errorRate5xx: 0.0017, traceContextRatio: 0.995 },
    });
    // fx-rates deploys rarely: its last deploy stays where the file puts it.
    const fx = low.find(
      i => i.entityRef === 'component:default/fx-rates',
    )!.facts;
    expect(fx.ci).toMatchObject({ lastDeployAt: '2026-11-27T08:00:00.000Z' });
    const high = pushItems(
      pipelines,
      newState(),
      everything,
      later,
      () => 0.999,
    );
    const coverage = high.find(
      i => i.entityRef === 'component:default/payment-gateway',
    )!.facts.ci as { testCoverage: number };
    expect(coverage.testCoverage).toBeCloseTo(85, 0);
  });

  it('rejects a malformed pipelines file naming the field', () => {
    expect(() =>
      readPipelines({ components: { svc: { coverage: 'high' } } }, 'p.yaml'),
    ).toThrow('p.yaml: components.svc.coverage must be a number');
    expect(() =>
      readPipelines({ components: { svc: { sbom: 'yes' } } }, 'p.yaml'),
    ).toThrow(
      'p.yaml: components.svc.sbom must be one of cyclonedx, spdx, none',
    );
    expect(() => readPipelines({ apis: { a: {} } }, 'p.yaml')).toThrow(
      'p.yaml: apis.a.lintErrors must be a number',
    );
  });
});
