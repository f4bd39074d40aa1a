import { deriveFacts, FileObservation } from './deriveFacts';
import { parseFile } from './parsers';

function observed(files: Record<string, string | null>) {
  return Object.entries(files).map(([path, text]) => {
    let observation: FileObservation;
    if (text === null) observation = { exists: false };
    else {
      try {
        observation = { exists: true, parsed: parseFile(path, text) };
      } catch (error) {
        observation = { exists: true, error: (error as Error).message };
      }
    }
    return { path, observation };
  });
}

const PACKAGE_JSON = JSON.stringify({
  dependencies: {
    express: '^4.18.2',
    'http-context-ts': '^2.0.0',
    requests: '1.0.0',
  },
});
const PACKAGE_LOCK = JSON.stringify({
  lockfileVersion: 3,
  packages: { 'node_modules/express': { version: '4.19.2' } },
});
const GO_MOD =
  'module x\n\ngo 1.22\n\nrequire go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp v0.49.0\n';

describe('deriveFacts', () => {
  it('orders package managers by the main language and lets its names win a clash', () => {
    const facts = deriveFacts({
      files: observed({
        'package.json': PACKAGE_JSON,
        'package-lock.json': PACKAGE_LOCK,
        'requirements.txt': 'requests==2.31.0\n',
        'go.mod': GO_MOD,
      }),
      language: 'typescript',
      headerLibraries: { javascript: ['http-context-ts'] },
    });
    expect(facts).toMatchObject({
      packageManager: 'npm',
      packageManagers: ['npm', 'pip', 'go'],
      httpHeaderPropagation: true,
    });
    expect(facts.dependencies).toEqual({
      express: '4.19.2',
      'http-context-ts': '2.0.0',
      requests: '1.0.0',
      'go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp': '0.49.0',
    });
  });

  it('without a language, takes the ecosystem that declares the most dependencies', () => {
    const facts = deriveFacts({
      files: observed({ 'requirements.txt': 'a==1\nb==2\n', 'go.mod': GO_MOD }),
      headerLibraries: {},
    });
    expect(facts.packageManager).toBe('pip');
    expect(facts).not.toHaveProperty('httpHeaderPropagation');
  });

  it('says false when no configured library is a dependency', () => {
    const facts = deriveFacts({
      files: observed({
        'pyproject.toml': '[project]\ndependencies = ["flask"]\n',
        'uv.lock': null,
      }),
      headerLibraries: { python: ['Ratchet_Py.Commons'], go: ['x'] },
    });
    expect(facts).toMatchObject({
      packageManager: 'pip',
      httpHeaderPropagation: false,
    });
  });

  it('prefers .github/CODEOWNERS as GitHub does and compares it with the catalog owner', () => {
    const facts = deriveFacts({
      files: observed({
        CODEOWNERS: '* @acme/payments\n',
        '.github/CODEOWNERS': '* @acme/platform\n',
      }),
      owner: 'payments',
      headerLibraries: {},
    });
    expect(facts.codeowners).toEqual({
      owners: ['@acme/platform'],
      matchesOwner: false,
    });
  });

  it('reports malformed files by path and still detects the manager from the file name', () => {
    const facts = deriveFacts({
      files: observed({
        'requirements.txt': 'requests >=\n',
        Dockerfile: 'RUN true\n',
      }),
      headerLibraries: {},
    });
    expect(facts.errors).toEqual({
      'requirements.txt': 'line 1: invalid version specifier in "requests >="',
      Dockerfile: 'no FROM instruction',
    });
    expect(facts.packageManagers).toEqual(['pip']);
    expect(facts).not.toHaveProperty('docker');
  });

  it('never reports a dependency named like the reserved Dependabot counts', () => {
    const facts = deriveFacts({
      files: observed({ 'requirements.txt': 'vulnerable==1.0\n' }),
      headerLibraries: {},
    });
    expect(facts.dependencies).toEqual({});
  });
});
