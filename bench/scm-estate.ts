/* Repositories for the scm benchmark: seeded, varied stacks, files of realistic size. */
import type { RepositorySpec } from '@ratchet/github-loopback';

/** The six files the benchmark configures. */
export const BENCH_FILES = [
  'README.md',
  '.github/CODEOWNERS',
  'Dockerfile',
  'pyproject.toml',
  'poetry.lock',
  'requirements.txt',
];

const PACKAGES = [
  'requests',
  'urllib3',
  'certifi',
  'idna',
  'charset-normalizer',
  'flask',
  'werkzeug',
  'jinja2',
  'markupsafe',
  'itsdangerous',
  'click',
  'gunicorn',
  'sqlalchemy',
  'psycopg2-binary',
  'alembic',
  'pydantic',
  'pydantic-core',
  'typing-extensions',
  'fastapi',
  'starlette',
  'anyio',
  'sniffio',
  'uvicorn',
  'h11',
  'httpx',
  'httpcore',
  'boto3',
  'botocore',
  's3transfer',
  'jmespath',
  'python-dateutil',
  'six',
  'pytz',
  'redis',
  'celery',
  'kombu',
  'billiard',
  'vine',
  'amqp',
  'structlog',
  'orjson',
  'prometheus-client',
  'opentelemetry-api',
  'opentelemetry-sdk',
  'pyyaml',
  'ratchet-py-commons',
  'tenacity',
  'cryptography',
  'cffi',
  'pycparser',
];

/** A tiny deterministic generator, so every run serves the same estate. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function version(next: () => number): string {
  return `${1 + Math.floor(next() * 4)}.${Math.floor(next() * 30)}.${Math.floor(
    next() * 10,
  )}`;
}

function poetryLock(names: string[], next: () => number): string {
  return names
    .map(name => {
      const v = version(next);
      const hash = Math.floor(next() * 2 ** 52)
        .toString(16)
        .padStart(13, '0')
        .repeat(5);
      return `[[package]]
name = "${name}"
version = "${v}"
description = "The ${name} package"
optional = false
python-versions = ">=3.8"
files = [
    {file = "${name}-${v}-py3-none-any.whl", hash = "sha256:${hash.slice(
        0,
        64,
      )}"},
    {file = "${name}-${v}.tar.gz", hash = "sha256:${hash.slice(1, 65)}"},
]
`;
    })
    .join('\n')
    .concat('\n[metadata]\nlock-version = "2.0"\npython-versions = "^3.11"\n');
}

/** `count` repositories of owner `bench`: Poetry, pip, mid-migration and non-Python ones. */
export function benchRepositories(count: number): RepositorySpec[] {
  const next = random(42);
  return Array.from({ length: count }, (_, i) => {
    const name = `svc-${String(i).padStart(4, '0')}`;
    const deps = PACKAGES.filter(() => next() < 0.5);
    const files: Record<string, string> = {
      'README.md': `# ${name}\n\n${'A service of the benchmark estate. '.repeat(
        40,
      )}\n`,
      '.github/CODEOWNERS': `* @bench/team-${i % 20}\n/docs/ @bench/writers\n`,
      Dockerfile: `ARG PY=3.12.${
        i % 5
      }\nFROM python:\${PY}-slim AS base\nRUN pip install poetry\nFROM base\nCOPY . /app\n`,
    };
    const stack = i % 4; // 0 Poetry, 1 pip, 2 migrating, 3 neither
    if (stack !== 1 && stack !== 3) {
      files[
        'pyproject.toml'
      ] = `[tool.poetry]\nname = "${name}"\n\n[tool.poetry.dependencies]\npython = "^3.11"\n${deps
        .map(d => `${d} = "^${version(next)}"`)
        .join('\n')}\n`;
      files['poetry.lock'] = poetryLock(deps, next);
    }
    if (stack === 1 || stack === 2) {
      files['requirements.txt'] = `# pinned\n${deps
        .map(d => `${d}==${version(next)}`)
        .join('\n')}\n`;
    }
    return {
      owner: 'bench',
      name,
      files,
      languages: { Python: 10_000 + i },
      pullRequests: [{ title: 'Bump', ageDays: i % 30 }],
      dependabotAlerts:
        i % 7 === 0 ? [{ package: 'requests', severity: 'high' }] : [],
    };
  });
}
