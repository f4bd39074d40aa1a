import { mockCredentials } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { JsonObject } from '@backstage/types';
import type { AttestationFacts } from '@ratchet/backstage-plugin-maturity-common';
import { compileCheck } from '../../../evaluation/checks/compileCheck';
import { PushValidator } from '../../push/PushValidator';
import { AttestationFactSource } from './AttestationFactSource';

const SERVICE = 'component:default/payments';
const CHECKLIST = 'checklist:default/production-readiness';

const service: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
};

/** Every field used once: answered items (one expired, one with evidence) and two phase sign-offs. */
function validAttestation() {
  return {
    checklists: {
      [CHECKLIST]: {
        phase: 'green-light',
        items: {
          'ha-plan': {
            answer: 'yes',
            attestedBy: 'user:default/jane.doe',
            attestedAt: '2026-01-10T09:00:00Z',
            expiresAt: '2026-04-10T09:00:00Z',
            expired: false,
            evidence: ['https://wiki.example.com/payments/ha'],
            note: 'Two zones, automatic failover',
          },
          'load-test': {
            answer: 'no',
            attestedBy: 'user:default/jane.doe',
            attestedAt: '2025-06-01T12:00:00+02:00',
            expiresAt: '2025-09-01T12:00:00+02:00',
            expired: true,
          },
          'pci-scope': {
            answer: 'not-applicable',
            attestedBy: 'user:default/sam',
            attestedAt: '2026-01-11T10:30:00.000Z',
            expired: false,
          },
        },
        reviews: {
          'green-light': {
            decision: 'approved',
            approvals: [
              { reviewer: 'user:default/rita', at: '2026-01-12T08:00:00Z' },
            ],
          },
          'ready-for-production': {
            decision: 'vetoed',
            approvals: [],
            veto: {
              reviewer: 'user:default/rita',
              at: '2026-01-20T08:00:00Z',
              note: 'Load test missing',
            },
          },
        },
      },
    },
  } satisfies AttestationFacts;
}

/**
 * POST /facts refuses the attestation source itself (readiness writes it), so its schema is exercised
 * through a push source that carries the same schema under another id.
 */
const SCHEMA_PROBE = 'attestation-probe';

function validator() {
  return new PushValidator({
    sources: [
      new AttestationFactSource(),
      {
        id: SCHEMA_PROBE,
        mode: 'push',
        schema: new AttestationFactSource().schema,
      },
    ],
    catalog: catalogServiceMock({ entities: [service] }),
  });
}

/** The problems of a push of these attestation facts; [] when it is accepted. */
async function problemsOf(facts: JsonObject): Promise<string[]> {
  try {
    await validator().validate(
      { items: [{ entityRef: SERVICE, source: SCHEMA_PROBE, facts }] },
      mockCredentials.service(),
    );
    return [];
  } catch (error) {
    const message = (error as Error).message;
    return message.slice(message.indexOf('): ') + 3).split('; ');
  }
}

/** validAttestation with one item of the checklist replaced. */
function withItem(id: string, item: JsonObject): JsonObject {
  const facts = validAttestation();
  return {
    checklists: {
      [CHECKLIST]: {
        ...facts.checklists[CHECKLIST],
        items: { ...facts.checklists[CHECKLIST].items, [id]: item },
      },
    },
  };
}

const at = `items[0].facts.checklists["${CHECKLIST}"]`;
const DATE_TIME =
  '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:\\d{2})$';

describe('AttestationFactSource', () => {
  it('accepts a push of a complete attestation document', async () => {
    const writes = await validator().validate(
      {
        items: [
          {
            entityRef: SERVICE,
            source: SCHEMA_PROBE,
            facts: validAttestation(),
          },
        ],
      },
      mockCredentials.service(),
    );
    expect(writes).toEqual([
      { entityRef: SERVICE, source: SCHEMA_PROBE, facts: validAttestation() },
    ]);
  });

  it('rejects an unknown answer and a missing attester, naming the fields', async () => {
    expect(
      await problemsOf(
        withItem('ha-plan', {
          answer: 'maybe',
          attestedAt: '2026-01-10T09:00:00Z',
          expired: false,
        }),
      ),
    ).toEqual([
      `${at}.items["ha-plan"].attestedBy: is required`,
      `${at}.items["ha-plan"].answer: must be equal to one of the allowed values`,
    ]);
  });

  it('rejects an expired answer without expiresAt, evidence that is no URL and a date without a time zone', async () => {
    const problems = await problemsOf(
      withItem('ha-plan', {
        answer: 'yes',
        attestedBy: 'user:default/jane.doe',
        attestedAt: '2026-01-10 09:00',
        expired: true,
        evidence: ['see the wiki'],
      }),
    );
    expect(problems).toEqual([
      `${at}.items["ha-plan"].expiresAt: is required`,
      `${at}.items["ha-plan"]: must match "then" schema`,
      `${at}.items["ha-plan"].attestedAt: must match pattern "${DATE_TIME}"`,
      `${at}.items["ha-plan"].evidence[0]: must match pattern "^https?://\\S+$"`,
    ]);
  });

  it('rejects a veto decision without the veto, an attester that is no user and a short checklist ref', async () => {
    const facts = validAttestation();
    const checklist = facts.checklists[CHECKLIST];
    const problems = await problemsOf({
      checklists: {
        [CHECKLIST]: {
          ...checklist,
          items: {
            ...checklist.items,
            'pci-scope': {
              ...checklist.items['pci-scope'],
              attestedBy: 'group:default/team-a',
            },
          },
          reviews: {
            'ready-for-production': { decision: 'vetoed', approvals: [] },
          },
        },
        'production-readiness': { items: {} },
      },
    });
    expect(problems).toEqual([
      'items[0].facts.checklists["production-readiness"]: is not allowed',
      `${at}.items["pci-scope"].attestedBy: must match pattern "^user:[^\\s:/]+/\\S+$"`,
      `${at}.reviews["ready-for-production"].veto: is required`,
      `${at}.reviews["ready-for-production"]: must match "then" schema`,
    ]);
  });

  it('is refused by POST /facts, even with valid facts: readiness owns the writer', async () => {
    await expect(
      validator().validate(
        {
          items: [
            {
              entityRef: SERVICE,
              source: 'attestation',
              facts: validAttestation(),
            },
          ],
        },
        mockCredentials.service(),
      ),
    ).rejects.toThrow(
      "items[0].source: 'attestation' facts are written by readiness reviews through their own permissioned routes and cannot be pushed here",
    );
  });

  it('serves checks that read an answer through the checklist ref and item id', () => {
    const check = compileCheck({
      id: 'ha-attested',
      title: 'HA plan attested',
      rule: {
        all: [
          {
            fact: `attestation.checklists.${CHECKLIST}.items.ha-plan.answer`,
            operator: 'equal',
            value: 'yes',
          },
          {
            fact: `attestation.checklists.${CHECKLIST}.items.ha-plan.expired`,
            operator: 'equal',
            value: false,
          },
        ],
      },
    });
    const catalog: JsonObject = { kind: 'Component' };
    expect(
      check.evaluate({ catalog, attestation: validAttestation() }).status,
    ).toBe('pass');
    expect(
      check.evaluate({
        catalog,
        attestation: withItem('ha-plan', {
          ...validAttestation().checklists[CHECKLIST].items['ha-plan'],
          answer: 'no',
        }),
      }).status,
    ).toBe('fail');
    expect(check.evaluate({ catalog }).status).toBe('error');
  });
});
