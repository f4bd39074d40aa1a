import Ajv from 'ajv';
import { validateRatchetEntity } from './validate';

describe('schema compilation', () => {
  it('happens once, on first use, not per entity', () => {
    const addSchema = jest.spyOn(Ajv.prototype, 'addSchema');
    const entity = {
      apiVersion: 'ratchet.dev/v1alpha1',
      kind: 'Checklist',
      metadata: { name: 'prr' },
      spec: {
        owner: 'sre',
        phases: [],
        areas: [],
        reviewers: { group: 'sre' },
      },
    };
    expect(addSchema).not.toHaveBeenCalled();
    for (let i = 0; i < 5; i++) {
      expect(validateRatchetEntity(entity)).toHaveLength(2);
    }
    // Ajv calls itself once per schema of the list; we call it once with the list.
    expect(
      addSchema.mock.calls.filter(([schemas]) => Array.isArray(schemas)),
    ).toHaveLength(1);
  });
});
