import {
  matchesFields,
  matchesLabels,
  parseFieldSelector,
  parseLabelSelector,
} from './selectors';

describe('selectors', () => {
  it('parses and matches every label selector operator', () => {
    const labels = { app: 'web', tier: 'frontend' };
    expect(
      matchesLabels(
        parseLabelSelector('app=web,tier in (frontend,backend),!legacy,app'),
        labels,
      ),
    ).toBe(true);
    expect(
      matchesLabels(parseLabelSelector('tier notin (frontend)'), labels),
    ).toBe(false);
    expect(matchesLabels(parseLabelSelector('app!=web'), labels)).toBe(false);
    expect(matchesLabels(parseLabelSelector(''), labels)).toBe(true);
  });

  it('rejects invalid selectors', () => {
    expect(() => parseLabelSelector('-x=1')).toThrow('invalid label key "-x"');
    expect(() => parseFieldSelector('status.phase=Running')).toThrow(
      'field label not supported: status.phase',
    );
  });

  it('matches field selectors', () => {
    const meta = { name: 'web', namespace: 'shop' };
    expect(
      matchesFields(
        parseFieldSelector('metadata.namespace=shop,metadata.name!=api'),
        meta,
      ),
    ).toBe(true);
    expect(
      matchesFields(parseFieldSelector('metadata.namespace!=shop'), meta),
    ).toBe(false);
  });
});
