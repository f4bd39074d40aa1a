import fs from 'node:fs';
import path from 'node:path';

/*
 * The one-way data flow of the backend (sources → facts → evaluation → results → views → routes), read
 * from the import statements of every source file but test support: views reach evaluation only through its
 * public barrel, evaluation never imports a view, facts never import evaluation.
 */

const SRC = __dirname;
const VIEWS = ['scorecards', 'exemptions', 'campaigns', 'readiness'];

/** Tests and their helpers (`*.test.ts`, `test*.ts`, `__testUtils__/`) may wire internals together. */
const isTestSupport = (name: string) =>
  /\.test\.tsx?$/.test(name) || /^test[A-Z]\w*\.tsx?$/.test(name);

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(entry => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      return entry.name === '__testUtils__' ? [] : sourceFiles(full);
    }
    return /\.tsx?$/.test(entry.name) && !isTestSupport(entry.name)
      ? [full]
      : [];
  });
}

/** The relative imports of a file (static, dynamic and re-exports), resolved to paths under src/. */
function importsOf(file: string, text: string): string[] {
  const specifiers = [
    ...text.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g),
  ].map(m => m[1]);
  return specifiers.map(s =>
    path
      .relative(SRC, path.resolve(path.dirname(file), s))
      .split(path.sep)
      .join('/'),
  );
}

const capabilityOf = (relative: string) => relative.split('/')[0];

/** Why an edge from one file (relative to src/) to an import target is forbidden, or undefined. */
function forbiddenEdge(from: string, to: string): string | undefined {
  const source = capabilityOf(from);
  const target = capabilityOf(to);
  if (source === target) return undefined;
  if (
    VIEWS.includes(source) &&
    target === 'evaluation' &&
    to !== 'evaluation' &&
    to !== 'evaluation/index'
  ) {
    return 'a view may import evaluation only through evaluation/index.ts';
  }
  if (source === 'evaluation' && VIEWS.includes(target)) {
    return 'evaluation must not import a view';
  }
  if (source === 'facts' && target === 'evaluation') {
    return 'facts must not import evaluation (wire onFactsChanged in plugin.ts)';
  }
  return undefined;
}

describe('backend layout', () => {
  it('has no back-edge between capabilities', () => {
    const problems = sourceFiles(SRC).flatMap(file => {
      const from = path.relative(SRC, file).split(path.sep).join('/');
      return importsOf(file, fs.readFileSync(file, 'utf8')).flatMap(to => {
        const why = forbiddenEdge(from, to);
        return why ? [`${from} → ${to}: ${why}`] : [];
      });
    });
    expect(problems).toEqual([]);
  });

  it('recognises each forbidden edge', () => {
    expect(
      forbiddenEdge('scorecards/entities.ts', 'evaluation/results/ResultStore'),
    ).toBeDefined();
    expect(
      forbiddenEdge('readiness/routes.ts', 'evaluation/EvaluationService'),
    ).toBeDefined();
    expect(
      forbiddenEdge('scorecards/entities.ts', 'evaluation'),
    ).toBeUndefined();
    expect(
      forbiddenEdge('evaluation/EvaluationService.ts', 'scorecards/entityView'),
    ).toBeDefined();
    expect(
      forbiddenEdge('facts/FactCollector.ts', 'evaluation/index'),
    ).toBeDefined();
    expect(
      forbiddenEdge('evaluation/EvaluationService.ts', 'facts/FactStore'),
    ).toBeUndefined();
    expect(
      importsOf(
        path.join(SRC, 'scorecards/x.ts'),
        "import { a } from '../evaluation/checks';\nexport * from './y';",
      ),
    ).toEqual(['evaluation/checks', 'scorecards/y']);
  });
});
