import { parsePyproject, parsePythonLock } from './pyproject';
import {
  parseRequirement,
  parseRequirementsFile,
  requirementVersion,
} from './requirements';
import { ManifestError, pep440ToSemver, pythonSpecVersion } from './versions';

describe('pep440ToSemver', () => {
  it.each([
    ['2.31.0', '2.31.0'],
    ['2.31', '2.31.0'],
    ['3', '3.0.0'],
    ['1.2.3.4', '1.2.3'],
    ['1.0rc1', '1.0.0-rc.1'],
    ['2.0.0b2', '2.0.0-beta.2'],
    ['1.0.dev3', '1.0.0-dev.3'],
    ['1.0.post2', '1.0.0+post.2'],
    ['1!2.0', '2.0.0'],
    ['v1.4', '1.4.0'],
  ])('%s → %s', (input, expected) => {
    expect(pep440ToSemver(input)).toBe(expected);
  });

  it('refuses what is no version', () => {
    expect(pep440ToSemver('main')).toBeUndefined();
    expect(pep440ToSemver('')).toBeUndefined();
  });

  it('reads the pinned or lowest version of a spec', () => {
    expect(pythonSpecVersion('==2.31.0')).toBe('2.31.0');
    expect(pythonSpecVersion('>=2.28,<3')).toBe('2.28.0');
    expect(pythonSpecVersion('<3,>=2.28')).toBe('2.28.0');
    expect(pythonSpecVersion('~=1.4.2')).toBe('1.4.2');
    expect(pythonSpecVersion('^0.104')).toBe('0.104.0');
    expect(pythonSpecVersion('==2.*')).toBe('2.0.0');
    expect(pythonSpecVersion('<3')).toBeUndefined();
    expect(pythonSpecVersion('*')).toBeUndefined();
  });
});

describe('parseRequirement (PEP 508)', () => {
  it('reads extras, specifiers and markers', () => {
    expect(
      parseRequirement(
        'Requests[socks, security] >=2.31,<3 ; python_version >= "3.8"',
      ),
    ).toEqual({
      name: 'requests',
      extras: ['socks', 'security'],
      spec: '>=2.31,<3',
      marker: 'python_version >= "3.8"',
    });
  });

  it('reads a direct reference with a tag as its version', () => {
    const requirement = parseRequirement(
      'ratchet_py_commons @ git+https://github.com/acme/py-commons.git@v1.4.0 ; sys_platform == "linux"',
    );
    expect(requirement).toMatchObject({
      name: 'ratchet-py-commons',
      url: 'git+https://github.com/acme/py-commons.git@v1.4.0',
      marker: 'sys_platform == "linux"',
    });
    expect(requirementVersion(requirement)).toBe('1.4.0');
  });

  it('keeps a URL without a version tag as written', () => {
    const requirement = parseRequirement(
      'wheelie @ https://files.example.com/wheelie-0.1-py3-none-any.whl',
    );
    expect(requirementVersion(requirement)).toBe(
      'https://files.example.com/wheelie-0.1-py3-none-any.whl',
    );
  });

  it('refuses a broken specifier with the text in the message', () => {
    expect(() => parseRequirement('requests >= ')).toThrow(
      'invalid version specifier in "requests >= "',
    );
  });
});

const REQUIREMENTS = `\uFEFF# Production dependencies, pinned by pip-compile
--index-url https://pypi.example.com/simple
--extra-index-url=https://mirror.example.com/simple
-r requirements/base.txt
-c constraints.txt
--requirement=requirements/extra.txt

requests==2.31.0 \\
    --hash=sha256:58cd2187c01e70e6e26505bca751777aa9f2ee0b7f4300988b709f44e013003f
urllib3>=1.26,<3  # transitively pinned
Flask[async]~=3.0.0; python_version >= "3.9"
gunicorn
-e git+https://github.com/acme/py-commons.git@v2.1.0#egg=ratchet_py_commons
git+https://github.com/acme/tracing.git#egg=acme-tracing
-e .
./vendor/localpkg
https://example.com/pkgs/Zope.Interface-6.0.tar.gz#egg=zope.interface
`;

describe('parseRequirementsFile', () => {
  const parsed = parseRequirementsFile(REQUIREMENTS);

  it('reads includes and constraints', () => {
    expect(parsed.includes).toEqual([
      'requirements/base.txt',
      'requirements/extra.txt',
    ]);
    expect(parsed.constraints).toEqual(['constraints.txt']);
  });

  it('reads every requirement past BOM, comments, continuations, hashes and local paths', () => {
    const versions = Object.fromEntries(
      parsed.requirements.map(r => [r.name, requirementVersion(r) ?? null]),
    );
    expect(versions).toEqual({
      requests: '2.31.0',
      urllib3: '1.26.0',
      flask: '3.0.0',
      gunicorn: null,
      'ratchet-py-commons': '2.1.0',
      'acme-tracing':
        'git+https://github.com/acme/tracing.git#egg=acme-tracing',
      'zope-interface':
        'https://example.com/pkgs/Zope.Interface-6.0.tar.gz#egg=zope.interface',
    });
    expect(parsed.requirements.find(r => r.name === 'flask')).toMatchObject({
      extras: ['async'],
      marker: 'python_version >= "3.9"',
    });
  });

  it('handles CRLF line endings and -rfile without a space', () => {
    const crlf = parseRequirementsFile('-rbase.txt\r\nDjango==4.2.7\r\n');
    expect(crlf.includes).toEqual(['base.txt']);
    expect(crlf.requirements[0]).toMatchObject({
      name: 'django',
      spec: '==4.2.7',
    });
  });

  it.each([
    ['requests ==', 'line 1: invalid version specifier'],
    ['ok==1\n--frobnicate', 'line 2: unknown option --frobnicate'],
    ['git+https://github.com/acme/nameless.git', 'has no #egg=<name>'],
    ['-r', 'line 1: -r needs a file'],
    ['<<<<<<< HEAD', 'line 1: not a requirement'],
  ])('refuses %j: %s', (text, message) => {
    expect(() => parseRequirementsFile(text)).toThrow(ManifestError);
    expect(() => parseRequirementsFile(text)).toThrow(message);
  });
});

const PEP621 = `
[build-system]
requires = ["hatchling"]
build-backend = "hatchling.build"

[project]
name = "ledger-api"
requires-python = ">=3.11"
dependencies = [
  "fastapi>=0.110,<1",
  "pydantic[email]==2.6.4",
  "ratchet-py-commons @ git+https://github.com/acme/py-commons@v1.2.0",
  "tomli; python_version < '3.11'",
]

[project.optional-dependencies]
test = ["pytest>=8"]

[dependency-groups]
lint = ["ruff==0.3.4", { include-group = "test" }]

[tool.uv]
dev-dependencies = []
`;

const POETRY = `
[tool.poetry]
name = "payouts"
version = "1.0.0"

[tool.poetry.dependencies]
python = "^3.11"
requests = "^2.31"
SQLAlchemy = { version = ">=2.0.20,<2.1", extras = ["asyncio"] }
internal-lib = { git = "https://github.com/acme/internal-lib.git", tag = "v3.1.0" }
numpy = [
  { version = "<1.25", python = "<3.9" },
  { version = "^1.26", python = ">=3.9" },
]
local-thing = { path = "../local-thing", develop = true }

[tool.poetry.group.dev.dependencies]
pytest = "8.1.1"

[build-system]
requires = ["poetry-core"]
build-backend = "poetry.core.masonry.api"
`;

describe('parsePyproject', () => {
  it('reads PEP 621 dependencies, optional groups and PEP 735 groups', () => {
    const parsed = parsePyproject(PEP621);
    expect(parsed).toEqual({
      dependencies: {
        fastapi: '0.110.0',
        pydantic: '2.6.4',
        'ratchet-py-commons': '1.2.0',
        tomli: '*',
        pytest: '8.0.0',
        ruff: '0.3.4',
      },
      poetry: false,
      uv: true,
      requiresPython: '>=3.11',
    });
  });

  it("reads Poetry's tables: strings, tables, git tags, multiple constraints, groups", () => {
    const parsed = parsePyproject(POETRY);
    expect(parsed.dependencies).toEqual({
      requests: '2.31.0',
      sqlalchemy: '2.0.20',
      'internal-lib': '3.1.0',
      numpy: '<1.25',
      'local-thing': '../local-thing',
      pytest: '8.1.1',
    });
    expect(parsed.poetry).toBe(true);
    expect(parsed.requiresPython).toBe('^3.11');
  });

  it('detects Poetry by its build backend alone', () => {
    expect(
      parsePyproject(
        '[build-system]\nbuild-backend = "poetry.core.masonry.api"\n',
      ).poetry,
    ).toBe(true);
  });

  it.each([
    ['[project\nname = "x"', 'invalid TOML at line 1'],
    [
      '[project]\ndependencies = "requests"',
      'project.dependencies must be a list',
    ],
    [
      '[project]\ndependencies = [42]',
      'project.dependencies[0] must be a string',
    ],
    [
      '[project]\ndependencies = ["requests >="]',
      'project.dependencies[0]: invalid version specifier',
    ],
    [
      '[tool.poetry.dependencies]\nrequests = 2',
      'tool.poetry.dependencies.requests must be a string or a table',
    ],
    ['tool = 3', 'tool must be a table'],
  ])('refuses %j', (text, message) => {
    expect(() => parsePyproject(text)).toThrow(message);
  });
});

describe('parsePythonLock', () => {
  it('reads poetry.lock and uv.lock packages', () => {
    const lock = `# This file is automatically @generated by Poetry 1.8.2
[[package]]
name = "requests"
version = "2.31.0"
description = "Python HTTP for Humans."
optional = false
python-versions = ">=3.7"
files = [
    {file = "requests-2.31.0-py3-none-any.whl", hash = "sha256:58cd"},
]

[package.dependencies]
certifi = ">=2017.4.17"

[[package]]
name = "Zope.Interface"
version = "6.1"

[metadata]
lock-version = "2.0"
python-versions = "^3.11"
content-hash = "abc"
`;
    expect(parsePythonLock(lock)).toEqual({
      requests: '2.31.0',
      'zope-interface': '6.1.0',
    });
  });

  it('refuses a package without a version', () => {
    expect(() => parsePythonLock('[[package]]\nname = "x"\n')).toThrow(
      'package[0] needs a name and a version',
    );
  });
});
