import { entityViewJson } from './viewCache';

const REF = 'component:default/payments-api';

function counter() {
  let calls = 0;
  const compute = async (validUntil?: number) => {
    calls += 1;
    return { view: { calls }, ...(validUntil !== undefined && { validUntil }) };
  };
  return { compute, calls: () => calls };
}

describe('entity view cache', () => {
  // The cache only uses the context as a key.
  const newContext = (): object => ({});

  it('shares one computation while the generation stands still', async () => {
    const ctx = newContext();
    const { compute, calls } = counter();
    const [a, b] = await Promise.all([
      entityViewJson(ctx, REF, 7, () => compute()),
      entityViewJson(ctx, REF, 7, () => compute()),
    ]);
    expect(JSON.parse(a.json)).toEqual({ calls: 1 });
    expect(a.etag).toMatch(/^W\/"[0-9a-f]+-[\w-]+"$/);
    expect(b).toBe(a);
    expect(await entityViewJson(ctx, REF, 7, () => compute())).toBe(a);
    expect(calls()).toBe(1);

    // Any change anywhere moves the generation: the view is computed again.
    const fresh = await entityViewJson(ctx, REF, 8, () => compute());
    expect(JSON.parse(fresh.json)).toEqual({ calls: 2 });
    // A different body has a different tag, so clients holding the old one get the new view.
    expect(fresh.etag).not.toBe(a.etag);
  });

  it('recomputes once an exemption in the view has expired', async () => {
    const ctx = newContext();
    const { compute, calls } = counter();
    await entityViewJson(ctx, REF, 1, () => compute(Date.now() - 1));
    await entityViewJson(ctx, REF, 1, () => compute(Date.now() + 60_000));
    expect(calls()).toBe(2);
    // The second view's exemption is still running: it is served as it is.
    await entityViewJson(ctx, REF, 1, () => compute());
    expect(calls()).toBe(2);
  });

  it('keeps no failure and no view across contexts', async () => {
    const ctx = newContext();
    await expect(
      entityViewJson(ctx, REF, 1, () => Promise.reject(new Error('db down'))),
    ).rejects.toThrow('db down');
    const { compute, calls } = counter();
    await entityViewJson(ctx, REF, 1, () => compute());
    await entityViewJson(newContext(), REF, 1, () => compute());
    expect(calls()).toBe(2);
  });
});
