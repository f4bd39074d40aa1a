import { isPinned } from './facts';

describe('isPinned', () => {
  it.each<[string, boolean]>([
    ['ghcr.io/acme/web:1.4.2', true],
    ['ghcr.io/acme/web@sha256:abc', true],
    ['ghcr.io/acme/web:latest', false],
    ['ghcr.io/acme/web', false],
    ['registry.example:5000/web', false],
    ['registry.example:5000/web:2.0', true],
    ['redis', false],
    ['redis:', false],
  ])('%s → %s', (image, pinned) => {
    expect(isPinned(image)).toBe(pinned);
  });
});
